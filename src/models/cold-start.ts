/**
 * Cold start: what a user waits for before the first answer — loading the model, then its first
 * (slow: lazy allocation, kernel selection) inference — kept apart from the warm benchmark.
 */
import type { ColdStart, ModelInfo } from '../results/benchmark.js'
import type { ModelCall } from './call-tracker.js'

/**
 * The model metadata and cold start of a benchmark, from the models its first call used: with
 * exactly one loaded model, its `info` (unless `explicit` is given) and cold start; otherwise only
 * `explicit`.
 */
export function modelFields(
  explicit: ModelInfo | undefined,
  calls: readonly ModelCall[],
  firstCallMs: number,
): { model?: ModelInfo; coldStart?: ColdStart } {
  const [only, ...others] = calls
  if (!only || others.length > 0) return explicit ? { model: explicit } : {}
  return {
    model: explicit ?? only.model.info,
    coldStart: { loadMs: only.model.info.loadMs, firstInferenceMs: only.firstInference ? firstCallMs : null },
  }
}
