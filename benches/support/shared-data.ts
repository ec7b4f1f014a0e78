/**
 * Finds the real models and datasets the benches use, outside the repository: models under
 * `ML_BENCH_MODELS_DIR`, datasets under `ML_BENCH_DATASETS_DIR` (default: `datasets` beside the
 * models directory). Relative directories resolve from the working directory. A missing one gives
 * a reason to skip, never an error, so a machine without the data skips those benches visibly.
 * Only the public API, no Node modules: bench files that also run in a browser page use it.
 */
import { datasetsDir, localFileExists, modelsDir } from '../../src/index.js'

/** A file that was found, or why it was not. */
export type SharedFile = { path: string; skip?: undefined } | { path?: undefined; skip: string }

const NO_MODELS_DIR = 'ML_BENCH_MODELS_DIR is not set (point it at the shared models directory, e.g. ../shared/models)'

/** `rel` under `dir`; `origin` says where `dir` came from, for the skip reason. */
function find(dir: string | undefined, origin: string, rel: string): SharedFile {
  if (!dir) return { skip: NO_MODELS_DIR }
  const file = `${dir}/${rel}`
  return localFileExists(file) ? { path: file } : { skip: `${file} not found (${origin})` }
}

/** `rel` under ML_BENCH_MODELS_DIR, e.g. `sharedModelPath('digits-mlp/model.onnx')`. */
export function sharedModelPath(rel: string): SharedFile {
  const dir = modelsDir()
  return find(dir, `ML_BENCH_MODELS_DIR=${dir}`, rel)
}

/** `rel` under ML_BENCH_DATASETS_DIR, or under `datasets/` beside ML_BENCH_MODELS_DIR. */
export function sharedDatasetPath(rel: string): SharedFile {
  const dir = datasetsDir()
  return find(dir, `ML_BENCH_DATASETS_DIR, or datasets/ beside ML_BENCH_MODELS_DIR: ${dir}`, rel)
}

/**
 * The reasons any of `files` is missing, printed once with console.warn as
 * `[ml-bench] skipping <what>: …`, or undefined when all were found. Use the result with
 * `describe.skipIf(reason)` / `test.skipIf(reason)`.
 */
export function skipReason(what: string, ...files: SharedFile[]): string | undefined {
  const reasons = [...new Set(files.flatMap((f) => (f.skip === undefined ? [] : [f.skip])))]
  if (reasons.length === 0) return undefined
  const reason = reasons.join('; ')
  console.warn(`[ml-bench] skipping ${what}: ${reason}`)
  return reason
}
