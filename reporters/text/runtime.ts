/**
 * The runtime a result was measured in, as the report and summary.md name it: Node, or a browser
 * page with the settings that change what its timings mean (WASM threads, cross-origin isolation,
 * the timer's resolution).
 */
import { formatDuration } from '../../src/core/units.js'
import type { ModelInfo } from '../../src/results/benchmark.js'
import type { EnvFingerprint, RuntimeInfo } from '../../src/results/env.js'

/** What the runtime of a result is read from; `model` says which onnxruntime-web backend ran it. */
export interface Measured {
  env: EnvFingerprint
  model?: ModelInfo
}

/** The runtime of a fingerprint: results recorded before vitest-ml-bench had browser runtimes ran in Node. */
export function runtimeOf(env: EnvFingerprint): RuntimeInfo {
  return env.runtime ?? { name: 'node', version: env.node }
}

const DISPLAY_NAMES: Record<string, string> = { node: 'Node', chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' }

/** 'Node', 'Chromium' … (an unknown runtime as recorded). */
export function runtimeName(name: string): string {
  return DISPLAY_NAMES[name] ?? name
}

/** 'v20.20.2' → '20.20.2'. */
export function runtimeVersion(runtime: RuntimeInfo): string {
  return runtime.version.replace(/^v/, '')
}

/** onnxruntime-web's backend of the model measured, when a loader recorded it: 'WASM 4 threads', 'WebGPU'. */
function backend(runtime: RuntimeInfo, model: ModelInfo | undefined): string | undefined {
  const provider = model?.executionProvider
  if (provider === 'webgpu') return 'WebGPU'
  if (provider !== 'wasm') return undefined
  const threads = runtime.wasmThreads
  return threads === undefined ? 'WASM' : `WASM ${threads} thread${threads === 1 ? '' : 's'}`
}

/**
 * One short line: 'Node 20.20.2', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs'. A
 * browser's major version only, as the gate compares it; the full one is in {@link runtimeFacts}.
 */
export function runtimeLabel(result: Measured): string {
  const runtime = runtimeOf(result.env)
  if (runtime.name === 'node') return `Node ${runtimeVersion(runtime)}`
  const parts = [`${runtimeName(runtime.name)} ${runtimeVersion(runtime).split('.')[0]}`]
  const engine = backend(runtime, result.model)
  if (engine) parts.push(engine)
  if (runtime.crossOriginIsolated !== undefined) parts.push(runtime.crossOriginIsolated ? 'isolated' : 'not isolated')
  if (runtime.timerResolutionMs !== undefined) parts.push(`timer ${formatDuration(runtime.timerResolutionMs)}`)
  return parts.join(' · ')
}
