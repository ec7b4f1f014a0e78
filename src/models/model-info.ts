/**
 * The metadata a loaded model carries (`model.info`) and every benchmark of it records: what ran
 * (files and their hash), on what (runtime, execution provider, threads) and how long loading took.
 */

/** Where a model came from. */
export type ModelSource = 'local' | 'hub' | 'bytes'

/** Where a model runs: onnxruntime-node's CPU or CUDA provider; in a browser page, onnxruntime-web's WASM or WebGPU backend. */
export type ModelDevice = 'cpu' | 'cuda' | 'wasm' | 'webgpu'

/**
 * Metadata of a model loaded by {@link loadOnnx} or {@link loadPipeline}. Flat JSON (a `ModelInfo`),
 * so it travels into results, baselines and reports unchanged.
 */
export type ModelMetadata = {
  /** Hub id, folder name or file name ('in-memory model' for bytes without an `id`). */
  id: string
  /** Absolute path of the model directory or file; null for bytes or a hub model not in a file cache. */
  path: string | null
  source: ModelSource
  /** The loader's runtime: 'onnxruntime-node' or '@huggingface/transformers'. */
  runtime: string
  /** Version of that runtime. */
  runtimeVersion: string
  /** onnxruntime-node version underneath (equals runtimeVersion for loadOnnx); onnxruntime-web's in a browser page. */
  onnxruntimeVersion: string
  /** Pipeline task, e.g. 'text-classification'; null for a raw ONNX model. */
  task: string | null
  /** Weight type asked for, e.g. 'fp32', 'q8'; null when the model file decides. */
  dtype: string | null
  /** The files hashed, relative to `path`, comma-separated. */
  files: string
  /** Total size of those files in bytes. */
  fileBytes: number
  /**
   * SHA-256 (hex) of the model: of the file itself for a single file; for several files, of the
   * `sha256sum`-style manifest (`<hash>  <relative path>\n` per file, sorted by path). Null when
   * the files are not on disk (a hub model loaded with transformers.js's file cache disabled).
   */
  sha256: string | null
  /** Execution provider in use: 'cpu' or 'cuda'; 'wasm' or 'webgpu' in a browser page. */
  executionProvider: ModelDevice
  /** Device asked for; differs from `executionProvider` only after a fallback. */
  requestedDevice: ModelDevice
  /** CUDA device ordinal; null on CPU. */
  deviceId: number | null
  /** True when 'cuda' was asked for and the model runs on the CPU instead (`fallbackToCpu: true`). */
  fallback: boolean
  /** Why the fallback happened; null without one. */
  fallbackReason: string | null
  /** Intra-op threads; null = onnxruntime's default (one per physical core). */
  intraOpThreads: number | null
  /** Inter-op threads; null = onnxruntime's default. */
  interOpThreads: number | null
  /** onnxruntime graph optimisation level ('all' is onnxruntime's default). */
  graphOptimizationLevel: string
  /** Load time in ms: reading files and creating the session(s) (and tokenizer, for pipelines). */
  loadMs: number
}

/** Anything that carries model metadata, as loaded models do. */
export interface HasModelInfo {
  readonly info: ModelMetadata
}
