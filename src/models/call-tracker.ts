/**
 * Lets benchmark() see which loaded model its function called, without the user passing it: the
 * loaders note each inference here, and benchmark() watches its first call. That is how a result
 * gets the model's metadata and its cold start (load time and first inference) automatically.
 */
import type { HasModelInfo } from './model-info.js'

/** A model call seen while watching: the model, and whether it was the model's first inference ever. */
export interface ModelCall {
  model: HasModelInfo
  firstInference: boolean
}

let watching: Map<HasModelInfo, boolean> | undefined

/** Loaders call this at the start of every inference (`firstInference`: no earlier call). */
export function noteModelCall(model: HasModelInfo, firstInference: boolean): void {
  if (watching && !watching.has(model)) watching.set(model, firstInference)
}

/** A running watch; `stop()` ends it and returns the distinct models called, in call order. */
export interface ModelCallWatch {
  stop(): ModelCall[]
}

/**
 * Starts recording model calls (one watch at a time: a watch left running, e.g. by a call that
 * threw, is superseded by the next).
 */
export function watchModelCalls(): ModelCallWatch {
  const seen = new Map<HasModelInfo, boolean>()
  watching = seen
  return {
    stop() {
      if (watching === seen) watching = undefined
      return [...seen].map(([model, firstInference]) => ({ model, firstInference }))
    },
  }
}

/**
 * Counts a model's inferences and reports each to the watch: wrap the model's inference entry
 * point with `track(...)` where `track` is the returned function.
 */
export function modelCallCounter(model: HasModelInfo): () => void {
  let calls = 0
  return () => noteModelCall(model, calls++ === 0)
}
