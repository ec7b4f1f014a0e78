/** The runtime a result was measured in, in full, for a card's details (the short words: `reporters/text/runtime.ts`). */
import { formatDuration } from '../../src/core/units.js'
import type { EnvFingerprint } from '../../src/results/env.js'
import { runtimeName, runtimeOf, runtimeVersion } from '../text/runtime.js'
import type { Fact } from './card.js'

/** The runtime in full, for a card's details; a browser's fields only where recorded. */
export function runtimeFacts(env: EnvFingerprint): Fact[] {
  const runtime = runtimeOf(env)
  const facts: Fact[] = [{ label: 'runtime', value: `${runtimeName(runtime.name)} ${runtimeVersion(runtime)}` }]
  if (runtime.crossOriginIsolated !== undefined) facts.push({ label: 'cross-origin isolated', value: runtime.crossOriginIsolated ? 'yes' : 'no' })
  if (runtime.timerResolutionMs !== undefined) facts.push({ label: 'timer resolution', value: formatDuration(runtime.timerResolutionMs) })
  if (runtime.wasmThreads !== undefined) facts.push({ label: 'WASM threads', value: String(runtime.wasmThreads) })
  if (runtime.hardwareConcurrency !== undefined) facts.push({ label: 'hardware concurrency', value: String(runtime.hardwareConcurrency) })
  if (runtime.webgpuAdapter !== undefined) facts.push({ label: 'WebGPU adapter', value: runtime.webgpuAdapter ?? 'none' })
  return facts
}
