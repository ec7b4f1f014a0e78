/**
 * `loadPipeline`: a transformers.js pipeline loaded from a local folder, the models directory or
 * the hub, offline when asked, timed, hashed and tracked like {@link loadOnnx} models.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { env, pipeline, type AllTasks, type DataType, type PipelineType, type ProgressInfo } from '@huggingface/transformers'
import { noteRuntime } from '../measure/fingerprint.js'
import { attachInfo, serialized, type LoadedPipeline } from './pipeline-common.js'
import { createWithFallback, resolveExecution, type DeviceSelection } from './execution-provider.js'
import { digestFiles, type FileDigest } from './file-digest.js'
import { checkPipelineFolder, describeCandidates, locatePipelineModel, localPathHint, type PipelineModelLocation } from './model-location.js'
import type { ModelMetadata } from './model-info.js'
import { executionMetadata, onnxruntimeNode, sessionOptionsFor, type OnnxRuntime, type SessionTuning } from './onnx.js'

export type { LoadedPipeline } from './pipeline-common.js'

/** Options of {@link loadPipeline}. */
export interface LoadPipelineOptions extends DeviceSelection, SessionTuning {
  /** Weight type: 'fp32', 'fp16', 'q8', 'q4', … [config.json's choice, else fp32]. */
  dtype?: DataType
  /**
   * Never contact the hub: sets `env.allowRemoteModels = false` (and `local_files_only`) for the
   * load, so a model must be a local folder or already in `cacheDir` [true for local folders,
   * else false].
   */
  offline?: boolean
  /** Folder holding models by name, as `env.localModelPath` [`ML_BENCH_MODELS_DIR`]. */
  localModelPath?: string
  /** Where hub downloads are cached — point CI's cache at it [transformers.js's default]. */
  cacheDir?: string
  /** Hub revision ['main']. */
  revision?: string
  /** The onnxruntime binding underneath, for its version and CUDA check [onnxruntime-node]. */
  runtime?: OnnxRuntime
}

async function withRemoteModels<T>(allowed: boolean, task: () => Promise<T>): Promise<T> {
  const previous = env.allowRemoteModels
  env.allowRemoteModels = allowed && previous
  try {
    return await task()
  } finally {
    env.allowRemoteModels = previous
  }
}

/** The folder the loaded files are in: the local folder, or the hub model's folder in the file cache. */
function filesBase(location: PipelineModelLocation, cacheDir: string | undefined, revision: string | undefined): string | undefined {
  if (location.kind === 'local') return location.dir
  const cache = cacheDir ?? env.cacheDir
  if (!cache) return undefined
  // transformers.js's FileCache keys files by <id>/<file>, or <id>/<revision>/<file> off 'main'
  const base = revision && revision !== 'main' ? path.join(cache, location.id, revision) : path.join(cache, location.id)
  return existsSync(base) ? base : undefined
}

async function digestLoaded(base: string | undefined, files: readonly string[]): Promise<FileDigest | undefined> {
  if (!base) return undefined
  const present = files.filter((f) => existsSync(path.join(base, f)))
  return present.length > 0 ? digestFiles(base, present) : undefined
}

/**
 * Loads a transformers.js pipeline (`task`, e.g. 'text-classification') and returns it with
 * `info` (model metadata) and `device` attached; call it exactly like the transformers.js pipeline.
 *
 * `model` is a path (absolute or ./relative), a folder name under `localModelPath`
 * (`ML_BENCH_MODELS_DIR`), or a hub id. Local folders load fully offline. The load is timed
 * (`info.loadMs`: config, tokenizer and ONNX session), every file it read is hashed
 * (`info.sha256`, `info.files`), and the runtime versions go into the env fingerprint.
 * `device: 'cuda'` runs on onnxruntime's CUDA provider, with the same checks and `fallbackToCpu`
 * as {@link loadOnnx}. A benchmark whose function calls the pipeline picks up `info` and the
 * cold start by itself.
 */
export async function loadPipeline<T extends PipelineType>(
  task: T,
  model: string,
  options: LoadPipelineOptions = {},
): Promise<LoadedPipeline<T>> {
  const what = `loadPipeline(${JSON.stringify(task)}, ${JSON.stringify(model)})`
  const location = locatePipelineModel(what, model, options.localModelPath)
  if (location.kind === 'local') checkPipelineFolder(what, location.dir, options.dtype)
  const offline = options.offline ?? location.kind === 'local'
  const runtime = options.runtime ?? onnxruntimeNode
  const requested = resolveExecution(what, options, () => runtime.providers())

  return serialized(async () => {
    const loaded: string[] = []
    const onProgress = (event: ProgressInfo) => {
      if (event.status === 'done' && !loaded.includes(event.file)) loaded.push(event.file)
    }
    const start = performance.now()
    const { value: pipe, execution } = await withRemoteModels(!offline, () =>
      createWithFallback(what, requested, options, async (ex) => {
        loaded.length = 0
        try {
          return await pipeline(task, location.kind === 'local' ? location.dir : location.id, {
            device: ex.device,
            ...(options.dtype !== undefined ? { dtype: options.dtype } : {}),
            ...(options.cacheDir !== undefined ? { cache_dir: options.cacheDir } : {}),
            ...(options.revision !== undefined ? { revision: options.revision } : {}),
            local_files_only: offline,
            session_options: sessionOptionsFor(options, ex),
            progress_callback: onProgress,
          })
        } catch (error) {
          if (location.kind === 'local' || ex.device === 'cuda') throw error
          const how = offline
            ? 'offline, and it is not in the cache'
            : 'and the hub could not provide it (no network, or no such model)'
          const fix = offline ? ', or allow the hub (offline: false)' : ''
          throw new Error(
            `${what}: '${location.id}' is not a local folder (no folder at ${describeCandidates(location.tried)}) ${how}: ` +
              `${error instanceof Error ? error.message : String(error)}. ${localPathHint('model')}${fix ? ` Or${fix.slice(1)}.` : ''}`,
            { cause: error },
          )
        }
      }),
    )
    const loadMs = performance.now() - start

    noteRuntime('@huggingface/transformers', env.version)
    noteRuntime('onnxruntime-node', runtime.version)
    const base = filesBase(location, options.cacheDir, options.revision)
    const digest = await digestLoaded(base, loaded)
    const info: ModelMetadata = {
      id: location.id,
      path: base ?? null,
      source: location.kind,
      runtime: '@huggingface/transformers',
      runtimeVersion: env.version,
      onnxruntimeVersion: runtime.version,
      task,
      dtype: options.dtype ?? null,
      files: digest?.files ?? loaded.join(','),
      fileBytes: digest?.bytes ?? 0,
      sha256: digest?.sha256 ?? null,
      ...executionMetadata(sessionOptionsFor(options, execution), execution),
      loadMs,
    }
    return attachInfo<T>(pipe as AllTasks[T], info, execution.device)
  })
}
