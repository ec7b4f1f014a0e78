/**
 * `loadPipeline` in a browser page (the browser twin of `pipeline.ts`): transformers.js on
 * onnxruntime-web, WASM or WebGPU. Models load from the models folder the plugin's dev server
 * serves (or from the hub, when not offline); onnxruntime-web's WASM files come from the installed
 * package, never a CDN. The load is timed and its files hashed by the same rule as in Node, so a
 * model's `sha256` is the same in both runtimes.
 */
import { env, pipeline, type AllTasks, type PipelineType, type ProgressInfo } from '@huggingface/transformers'
import { pageContext, type PageContext } from '../core/page-context.js'
import { noteBrowserBackend, noteRuntime } from '../measure/fingerprint.browser.js'
import { digestSubject, type HashedFile } from './digest-manifest.js'
import type { ModelDevice, ModelMetadata } from './model-info.js'
import { insideFolder } from './model-location.browser.js'
import type { LoadPipelineOptions } from './pipeline.js'
import { attachInfo, serialized, type LoadedPipeline } from './pipeline-common.js'
import { webgpuAdapterName, webgpuUnavailableReason } from './webgpu.js'

export type { LoadedPipeline } from './pipeline-common.js'
export type { LoadPipelineOptions } from './pipeline.js'

/** onnxruntime-web's WASM build that transformers.js runs (threads, SIMD, asyncify for WebGPU's async calls). */
const WASM_BUILD = 'ort-wasm-simd-threaded.asyncify'

let configured = false

/** Points transformers.js at the served files, once, before its first session (threads cannot change after it). */
function configure(page: PageContext): void {
  if (configured) return
  configured = true
  env.allowLocalModels = page.models !== null
  if (page.models) env.localModelPath = page.models.url
  // no Cache API copy of a model between runs: every run loads what the folder holds now
  env.useBrowserCache = false
  const wasm = env.backends.onnx.wasm
  if (wasm) {
    wasm.wasmPaths = { mjs: `${page.ort}${WASM_BUILD}.mjs`, wasm: `${page.ort}${WASM_BUILD}.wasm` }
    wasm.numThreads = page.wasmThreads
  }
}

/** A local model's id under the served models folder, or undefined for a hub id. */
function localId(what: string, model: string, page: PageContext): string | undefined {
  if (model.startsWith('/')) {
    const relative = insideFolder(model, page.models)
    if (relative) return relative
    throw new Error(`${what}: a browser page loads models from the models folder the plugin serves (${page.models?.dir ?? 'none: set ML_BENCH_MODELS_DIR'}); ${model} is outside it.`)
  }
  if (/^\.\.?\//.test(model)) throw new Error(`${what}: a browser page has no working directory; give a folder name under ML_BENCH_MODELS_DIR (${page.models?.dir ?? 'unset'}).`)
  return page.models?.entries.includes(model) ? model : undefined
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Hashes the files a local load read (fetched again from the dev server, by Node's rule). */
async function digestServed(base: string, files: readonly string[]): Promise<{ files: string; bytes: number; sha256: string } | undefined> {
  if (files.length === 0) return undefined
  const sorted = [...new Set(files)].sort()
  const entries: HashedFile[] = await Promise.all(
    sorted.map(async (rel) => {
      const bytes = await (await fetch(base + rel)).arrayBuffer()
      return { rel, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) }
    }),
  )
  const subject = digestSubject(entries)
  const sha256 = 'single' in subject ? subject.single : await sha256Hex(new TextEncoder().encode(subject.manifest).buffer as ArrayBuffer)
  return { files: sorted.join(','), bytes: entries.reduce((sum, e) => sum + e.bytes, 0), sha256 }
}

const NODE_ONLY = ['cacheDir', 'localModelPath', 'runtime', 'intraOpNumThreads', 'interOpNumThreads', 'graphOptimizationLevel', 'sessionOptions', 'deviceId', 'fallbackToCpu'] as const

/**
 * Loads a transformers.js pipeline in the page: `device` 'wasm' (default) or 'webgpu'. `model` is
 * a folder name under `ML_BENCH_MODELS_DIR` (or its path there), else a hub id. WASM threads are
 * the plugin's `browser.wasmThreads`, set once for the page.
 */
export async function loadPipeline<T extends PipelineType>(task: T, model: string, options: LoadPipelineOptions = {}): Promise<LoadedPipeline<T>> {
  const what = `loadPipeline(${JSON.stringify(task)}, ${JSON.stringify(model)})`
  const page = pageContext()
  const device: ModelDevice = options.device ?? 'wasm'
  if (device !== 'wasm' && device !== 'webgpu') {
    throw new TypeError(`${what}: in a browser page the device is 'wasm' or 'webgpu' (onnxruntime-web), got '${device}'.`)
  }
  const unsupported = NODE_ONLY.filter((key) => options[key] !== undefined)
  if (unsupported.length > 0) {
    throw new TypeError(`${what}: ${unsupported.join(', ')} ${unsupported.length === 1 ? 'is a' : 'are'} Node-only option${unsupported.length === 1 ? '' : 's'}; a browser page sets WASM threads with the plugin's browser.wasmThreads.`)
  }
  if (device === 'webgpu') {
    const reason = await webgpuUnavailableReason()
    if (reason) throw new Error(`${what}: device 'webgpu' was requested but ${reason}. Skip WebGPU benches with test.skipIf(await webgpuUnavailableReason()).`)
  }
  const id = localId(what, model, page)
  const offline = options.offline ?? id !== undefined
  if (id === undefined && offline) throw new Error(`${what}: '${model}' is not a folder in ${page.models?.dir ?? 'ML_BENCH_MODELS_DIR (unset)'} and offline is set.`)

  return serialized(async () => {
    configure(page)
    const loaded: string[] = []
    const onProgress = (event: ProgressInfo) => {
      if (event.status === 'done' && !loaded.includes(event.file)) loaded.push(event.file)
    }
    const previous = env.allowRemoteModels
    env.allowRemoteModels = !offline && previous
    const start = performance.now()
    let pipe: AllTasks[T]
    try {
      pipe = (await pipeline(task, id ?? model, {
        device,
        ...(options.dtype !== undefined ? { dtype: options.dtype } : {}),
        ...(options.revision !== undefined ? { revision: options.revision } : {}),
        local_files_only: offline,
        progress_callback: onProgress,
      })) as AllTasks[T]
    } finally {
      env.allowRemoteModels = previous
    }
    const loadMs = performance.now() - start

    const ortVersion = (env.backends.onnx as { versions?: { web?: string } }).versions?.web ?? 'unknown'
    noteRuntime('@huggingface/transformers', env.version)
    noteRuntime('onnxruntime-web', ortVersion)
    noteBrowserBackend({ wasmThreads: env.backends.onnx.wasm?.numThreads ?? page.wasmThreads, ...(device === 'webgpu' ? { webgpuAdapter: await webgpuAdapterName() } : {}) })
    const digest = id !== undefined && page.models ? await digestServed(`${page.models.url}${id}/`, loaded) : undefined
    const info: ModelMetadata = {
      id: id ?? model,
      path: id !== undefined && page.models ? `${page.models.dir.replace(/\/+$/, '')}/${id}` : null,
      source: id !== undefined ? 'local' : 'hub',
      runtime: '@huggingface/transformers',
      runtimeVersion: env.version,
      onnxruntimeVersion: ortVersion,
      task,
      dtype: options.dtype ?? null,
      files: digest?.files ?? loaded.join(','),
      fileBytes: digest?.bytes ?? 0,
      sha256: digest?.sha256 ?? null,
      executionProvider: device,
      requestedDevice: device,
      deviceId: null,
      fallback: false,
      fallbackReason: null,
      intraOpThreads: device === 'wasm' ? (env.backends.onnx.wasm?.numThreads ?? null) : null,
      interOpThreads: null,
      graphOptimizationLevel: 'all',
      loadMs,
    }
    return attachInfo<T>(pipe, info, device)
  })
}
