/**
 * A transformers.js text-generation pipeline as a generate function with per-step token events.
 * transformers.js 4.x calls a streamer's `put()` once with the prompt ids, then once per decoding
 * step (right after that step's sampling) with one id per row. `TextStreamer` refuses batches and
 * its text callback lags a word, so a `BaseStreamer` subclass takes the ids. In a batch, generation
 * runs until every row has ended, so rows are cut at their own first end-of-sequence token here too.
 */
import { BaseStreamer } from '@huggingface/transformers'
import type { ModelInfo } from '../results/benchmark.js'

/** What `benchmarkGeneration` accepts as a pipeline: a transformers.js text-generation pipeline (checked at run time). */
export interface TextGenerationPipelineLike {
  readonly tokenizer: unknown
  readonly model: unknown
  readonly task: string
}

/** The parts of a transformers.js pipeline this module uses. */
interface Tokenizer {
  (texts: string[], options: { padding: boolean }): Record<string, unknown> & { attention_mask: { tolist(): Array<Array<number | bigint>> } }
  padding_side: string
  decode(ids: number[], options: { skip_special_tokens: boolean }): string
}
interface Generative {
  generate(inputs: Record<string, unknown>): Promise<unknown>
  generation_config?: { eos_token_id?: number | number[] | null } | null
  config?: { eos_token_id?: number | number[] | null }
}

/**
 * Whether `value` is a transformers.js text-generation pipeline. Every transformers.js model has a
 * `generate` method (a classifier's throws), so the pipeline's task decides.
 */
export function isTextGenerationPipeline(value: unknown): value is TextGenerationPipelineLike {
  const v = value as { tokenizer?: unknown; model?: { generate?: unknown }; task?: unknown } | null
  return (
    (typeof value === 'function' || typeof value === 'object') &&
    value !== null &&
    v?.task === 'text-generation' &&
    typeof v.tokenizer === 'function' &&
    typeof v.model?.generate === 'function'
  )
}

const listOf = (ids: number | number[] | null | undefined): number[] => (ids === null || ids === undefined ? [] : Array.isArray(ids) ? ids : [ids])

/** Per-step ids from a streamer: the first `put()` is the prompt, each later one a step. */
class StepStreamer extends BaseStreamer {
  #prompt = true
  constructor(private readonly onStep: (ids: readonly number[]) => void) {
    super()
  }
  override put(value: bigint[][]): void {
    if (this.#prompt) {
      this.#prompt = false
      return
    }
    this.onStep(value.map((row) => Number(row[0])))
  }
  override end(): void {}
}

/**
 * The generate function of a text-generation pipeline: greedy, at most `maxNewTokens` new tokens,
 * prompts left-padded in a batch; texts decoded from each row's ids up to its end token, prompt
 * tokens from the attention mask.
 */
export function pipelineGenerator(pipe: TextGenerationPipelineLike, options: { maxNewTokens: number }) {
  const tokenizer = pipe.tokenizer as Tokenizer
  const model = pipe.model as Generative
  const eosTokenIds = listOf(model.generation_config?.eos_token_id ?? model.config?.eos_token_id)
  const eos = new Set(eosTokenIds)
  const info = (pipe as { info?: ModelInfo }).info
  const generate = async (prompts: readonly string[], onStep: (ids: readonly number[]) => void) => {
    const rows: number[][] = prompts.map(() => [])
    tokenizer.padding_side = 'left'
    const inputs = tokenizer([...prompts], { padding: true })
    await model.generate({
      ...inputs,
      max_new_tokens: options.maxNewTokens,
      do_sample: false,
      streamer: new StepStreamer((ids) => {
        ids.forEach((id, r) => (rows[r] as number[]).push(id))
        onStep(ids)
      }),
    })
    const texts = rows.map((ids) => {
      const end = ids.findIndex((id) => eos.has(id))
      return tokenizer.decode(end < 0 ? ids : ids.slice(0, end), { skip_special_tokens: true })
    })
    const inputTokens = inputs.attention_mask.tolist().map((mask) => mask.reduce<number>((s, m) => s + Number(m), 0))
    return { texts, inputTokens }
  }
  return { generate, eosTokenIds, info }
}
