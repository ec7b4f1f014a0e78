/** What `loadPipeline` does the same way in Node and in a browser page. */
import type { AllTasks, PipelineType } from '@huggingface/transformers'
import { modelCallCounter } from './call-tracker.js'
import type { ModelDevice, ModelMetadata } from './model-info.js'

/** A transformers.js pipeline as loaded by `loadPipeline`: the pipeline itself, plus metadata. */
export type LoadedPipeline<T extends PipelineType> = AllTasks[T] & {
  readonly info: ModelMetadata
  readonly device: ModelDevice
}

// transformers.js settings are global: loads run one at a time so one load's settings never leak
// into another, and so concurrent loads never inflate each other's load time.
let queue: Promise<unknown> = Promise.resolve()

/** Runs `task` after every load queued before it. */
export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task)
  queue = next.catch(() => undefined)
  return next
}

/**
 * Attaches `info` and `device` to a loaded pipeline and counts its inferences (for cold starts):
 * a transformers.js pipeline is a function that delegates to its own `_call`, so wrapping that
 * method keeps the pipeline object (tokenizer, model, dispose) intact and sees every inference.
 */
export function attachInfo<T extends PipelineType>(pipe: AllTasks[T], info: ModelMetadata, device: ModelDevice): LoadedPipeline<T> {
  const loaded = Object.defineProperties(pipe, {
    info: { value: info, enumerable: true },
    device: { value: device, enumerable: true },
  }) as LoadedPipeline<T>
  const track = modelCallCounter(loaded)
  const callable = pipe as unknown as { _call: (...args: unknown[]) => unknown }
  const call = callable._call.bind(pipe)
  callable._call = (...args: unknown[]) => {
    track()
    return call(...args)
  }
  return loaded
}
