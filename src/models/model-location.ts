/**
 * Where models and datasets live: `ML_BENCH_MODELS_DIR` / `ML_BENCH_DATASETS_DIR`, and how a
 * pipeline's model argument (a path, a folder name under the models directory, or a hub id) maps
 * to a local folder in the transformers.js layout.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** The local models directory (`ML_BENCH_MODELS_DIR`, absolute), or undefined when unset. */
export function modelsDir(): string | undefined {
  const dir = process.env.ML_BENCH_MODELS_DIR
  return dir ? path.resolve(dir) : undefined
}

/**
 * The datasets directory: `ML_BENCH_DATASETS_DIR`, else `datasets/` beside the models directory;
 * undefined when neither variable is set.
 */
export function datasetsDir(): string | undefined {
  const dir = process.env.ML_BENCH_DATASETS_DIR
  if (dir) return path.resolve(dir)
  const models = modelsDir()
  return models ? path.join(path.dirname(models), 'datasets') : undefined
}

/** A pipeline model found on disk, or a hub id to fetch (or find in the cache). */
export type PipelineModelLocation = { kind: 'local'; dir: string; id: string } | { kind: 'hub'; id: string }

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory()
}

function looksLikePath(model: string): boolean {
  return path.isAbsolute(model) || model === '.' || model === '..' || /^\.\.?[\\/]/.test(model)
}

/**
 * Resolves a pipeline's model argument: an explicit path (absolute or ./relative) must exist; a
 * name is looked up as `<localModelPath>/<name>` (default `ML_BENCH_MODELS_DIR`), then as a folder
 * relative to the working directory, and is otherwise a hub id.
 */
export function locatePipelineModel(what: string, model: string, localModelPath: string | undefined): PipelineModelLocation {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new TypeError(`${what}: the model must be a hub id, a folder name under ML_BENCH_MODELS_DIR, or a path.`)
  }
  if (looksLikePath(model)) {
    const dir = path.resolve(model)
    if (!isDirectory(dir)) {
      throw new Error(`${what}: no model folder at ${dir}. Expected a transformers.js model folder there (config.json and onnx/model.onnx).`)
    }
    return { kind: 'local', dir, id: path.basename(dir) }
  }
  if (localModelPath && isDirectory(path.join(localModelPath, model))) {
    return { kind: 'local', dir: path.resolve(localModelPath, model), id: model }
  }
  if (isDirectory(model)) return { kind: 'local', dir: path.resolve(model), id: model }
  return { kind: 'hub', id: model }
}

/** ONNX file name suffix of each transformers.js dtype (its `DEFAULT_DTYPE_SUFFIX_MAPPING`). */
const DTYPE_SUFFIX: Readonly<Record<string, string>> = {
  fp32: '',
  fp16: '_fp16',
  int8: '_int8',
  uint8: '_uint8',
  q8: '_quantized',
  q4: '_q4',
  q4f16: '_q4f16',
  q2: '_q2',
  q2f16: '_q2f16',
  q1: '_q1',
  q1f16: '_q1f16',
  bnb4: '_bnb4',
}

/** The dtype transformers.js will pick: the option, else config.json's `transformers.js_config.dtype`, else fp32. */
function effectiveDtype(dir: string, dtype: string | undefined): string {
  if (dtype !== undefined && dtype !== 'auto') return dtype
  try {
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { 'transformers.js_config'?: { dtype?: unknown } }
    const configured = config['transformers.js_config']?.dtype
    return typeof configured === 'string' && configured !== 'auto' ? configured : 'fp32'
  } catch {
    return 'fp32'
  }
}

/**
 * Checks that `dir` holds a transformers.js model for `dtype` (config.json and
 * onnx/model<suffix>.onnx) and throws a message naming the folder and the missing files otherwise.
 */
export function checkPipelineFolder(what: string, dir: string, dtype: string | undefined): void {
  const resolved = effectiveDtype(dir, dtype)
  const suffix = DTYPE_SUFFIX[resolved]
  const expected = ['config.json', ...(suffix === undefined ? [] : [`onnx/model${suffix}.onnx`])]
  const missing = expected.filter((file) => !existsSync(path.join(dir, file)))
  if (missing.length === 0) return
  throw new Error(
    `${what}: ${dir} is not a transformers.js model folder for dtype ${resolved}: expected ${expected.join(' and ')}, ` +
      `missing ${missing.join(', ')}. Check the path or ML_BENCH_MODELS_DIR, or pick a dtype whose file exists.`,
  )
}
