import { cutRow, resolveGenerator, timedGenerate, type GenerateFn } from '../measure/generation.js'
import { isTextGenerationPipeline, type TextGenerationPipelineLike } from '../models/generation-stream.js'
import type { Dispatcher } from './dispatcher.js'

/**
 * A text generator under load: one prompt per request, on this thread, with each request's token
 * times. A transformers.js text-generation pipeline may be given as it is.
 */
export interface GenerationTarget {
  generate: GenerateFn | TextGenerationPipelineLike
  /** Pipelines: most new tokens per request [64]. */
  maxNewTokens?: number
  /** Token ids that end a request [a pipeline's `eos_token_id`]. */
  eosTokenId?: number | readonly number[]
}

/** Whether `target` is a generation target (a pipeline, or `{ generate }`). */
export function isGenerationTarget(target: unknown): target is GenerationTarget | TextGenerationPipelineLike {
  return isTextGenerationPipeline(target) || (typeof target === 'object' && target !== null && 'generate' in target)
}

/**
 * Dispatches prompts to a generator. Requests in flight together take turns at the thread (a
 * transformers.js decoding step blocks it), so their tokens interleave as a server's would without
 * batching.
 */
export function generationDispatcher(target: GenerationTarget | TextGenerationPipelineLike): Dispatcher<string> {
  const options: GenerationTarget = isTextGenerationPipeline(target) ? { generate: target } : target
  const { generate, eos } = resolveGenerator(options.generate, options, 'loadTest: generate')
  return {
    info: { kind: 'generation' },
    defaultName: 'text generation (in-process)',
    send: async (prompt) => {
      if (typeof prompt !== 'string') throw new TypeError(`loadTest: a generation target takes prompts (strings) as input, got ${typeof prompt}.`)
      const startedAt = performance.now()
      const { ids, stamps } = await timedGenerate(generate, [prompt], 'loadTest')
      const tokens = cutRow(ids[0] as number[], stamps, eos)
      return { startedAt, firstTokenMs: tokens[0] as number, lastTokenMs: tokens.at(-1) as number, outputTokens: tokens.length }
    },
    close: async () => {},
  }
}
