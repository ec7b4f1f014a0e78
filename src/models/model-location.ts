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

/**
 * The one rule for a relative path given to a loader or reader (`loadOnnx`, `loadPipeline`,
 * `evaluate`, `readDataset`): an absolute path is itself; `./x` and `../x` are relative to the
 * working directory; any other relative path is looked up under the models folder
 * (`ML_BENCH_MODELS_DIR`) or the datasets folder when that is set, then in the working directory.
 */
export type LocalKind = 'model' | 'dataset'

/** A folder relative paths are looked up in, and its name for messages. */
export interface LocalFolder {
  dir: string | undefined
  /** 'ML_BENCH_MODELS_DIR', 'localModelPath', 'ML_BENCH_DATASETS_DIR'… */
  name: string
}

/** The folder of `kind`: the models folder, or the datasets folder (see {@link datasetsDir}). */
export function localFolder(kind: LocalKind): LocalFolder {
  if (kind === 'model') return { dir: modelsDir(), name: 'ML_BENCH_MODELS_DIR' }
  return { dir: datasetsDir(), name: process.env.ML_BENCH_DATASETS_DIR ? 'ML_BENCH_DATASETS_DIR' : 'datasets/ beside ML_BENCH_MODELS_DIR' }
}

/** A place a path was looked for, and why there. */
export interface LocalCandidate {
  path: string
  /** The folder's name, 'the working directory', or 'absolute'. */
  from: string
}

function looksLikePath(p: string): boolean {
  return path.isAbsolute(p) || p === '.' || p === '..' || /^\.\.?[\\/]/.test(p)
}

/** Where `p` is looked for, in order (the rule of {@link LocalKind}). */
export function localCandidates(p: string, folder: LocalFolder): LocalCandidate[] {
  if (path.isAbsolute(p)) return [{ path: p, from: 'absolute' }]
  const cwd = { path: path.resolve(p), from: 'the working directory' }
  if (looksLikePath(p) || !folder.dir) return [cwd]
  return [{ path: path.resolve(folder.dir, p), from: folder.name }, cwd]
}

/** "/a/x (ML_BENCH_MODELS_DIR) or /cwd/x (the working directory)": where a path was looked for. */
export function describeCandidates(candidates: readonly LocalCandidate[]): string {
  return candidates.map((c) => (c.from === 'absolute' ? c.path : `${c.path} (${c.from})`)).join(' or ')
}

/** How to point at a file of `kind`, for error messages: the rule, and where the folder is now. */
export function localPathHint(kind: LocalKind): string {
  const { dir } = localFolder(kind)
  const folder = kind === 'model' ? 'ML_BENCH_MODELS_DIR' : 'ML_BENCH_DATASETS_DIR (default: datasets/ beside ML_BENCH_MODELS_DIR)'
  return `Pass an absolute path, a ./path relative to the working directory, or a path relative to ${folder} (${dir ? `now ${dir}` : 'not set'}).`
}

/** The first of `p`'s candidates that `accept`s (undefined if none), and every place looked in. */
export function resolveLocal(p: string, folder: LocalFolder, accept: (candidate: string) => boolean): { found: string | undefined; tried: LocalCandidate[] } {
  const tried = localCandidates(p, folder)
  return { found: tried.find((c) => accept(c.path))?.path, tried }
}

/** A pipeline model found on disk, or a hub id to fetch (or find in the cache). */
export type PipelineModelLocation = { kind: 'local'; dir: string; id: string } | { kind: 'hub'; id: string; tried: LocalCandidate[] }

/**
 * Whether a file or folder exists at `file` (an absolute path, or relative to the working
 * directory) on the machine that runs the benchmark. Bench files use it to skip, with a reason,
 * what needs data the machine lacks; in a browser page it answers for the models and datasets
 * folders the plugin serves (README, "In the browser").
 */
export function localFileExists(file: string): boolean {
  return existsSync(file)
}

/** Whether `p` is a directory. */
export function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory()
}

/** Whether `p` is a regular file. */
export function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile()
}

/**
 * Resolves a pipeline's model argument by the rule of {@link localCandidates} (the folder:
 * `localModelPath`, default `ML_BENCH_MODELS_DIR`): an explicit path (absolute or ./relative) must
 * be a folder; a name not found as a folder is a hub id.
 */
export function locatePipelineModel(what: string, model: string, localModelPath?: string): PipelineModelLocation {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new TypeError(`${what}: the model must be a hub id, a folder name under ML_BENCH_MODELS_DIR, or a path.`)
  }
  const folder = localModelPath === undefined ? localFolder('model') : { dir: localModelPath, name: 'localModelPath' }
  const { found, tried } = resolveLocal(model, folder, isDirectory)
  if (found) return { kind: 'local', dir: found, id: looksLikePath(model) ? path.basename(found) : model }
  if (looksLikePath(model)) {
    throw new Error(`${what}: no model folder at ${describeCandidates(tried)}. Expected a transformers.js model folder there (config.json and onnx/model.onnx).`)
  }
  return { kind: 'hub', id: model, tried }
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
