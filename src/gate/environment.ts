import type { BaselineEntry } from './schema.js'
import type { EnvDifference, EnvValue } from './verdict.js'

/** Which fingerprint fields differ between a baseline and the current run, by what they invalidate. */
export interface EnvironmentDifferences {
  /** Machine and runtime fields: make latency, throughput and memory incomparable. */
  performance: string[]
  /** Fields that make every metric incomparable (a different model, a different kind of result). */
  all: string[]
}

/** Model metadata keys that change what a timing means (the loaders record them; see src/models). */
const PERFORMANCE_MODEL_KEYS = ['executionProvider'] as const

/**
 * Compares the fingerprints of two entries. Performance depends on the machine (CPU model, cores,
 * cgroup CPU limit, OS platform, architecture), the device and execution provider, and the versions of the ML
 * runtimes in use; the model's content hash (`model.sha256`, when both have one) changes every
 * metric. The OS kernel release and the Node.js patch version are left out on purpose: hosted CI
 * runners update them every few weeks, and they would make every baseline incomparable.
 * A runtime package is compared only when both runs loaded it.
 */
export function environmentDifferences(baseline: BaselineEntry, current: BaselineEntry): EnvironmentDifferences {
  const performance: string[] = []
  const all: string[] = []
  const b = baseline.env
  const c = current.env
  if (b.cpuModel !== c.cpuModel) performance.push('cpuModel')
  if (b.cores !== c.cores) performance.push('cores')
  // absent on entries recorded before it was measured: unknown, not different
  if (b.cpuLimit !== undefined && c.cpuLimit !== undefined && b.cpuLimit !== c.cpuLimit) performance.push('cpuLimit')
  if (b.os.split(' ')[0] !== c.os.split(' ')[0]) performance.push('os')
  if (b.arch !== c.arch) performance.push('arch')
  if ((baseline.device ?? 'cpu') !== (current.device ?? 'cpu')) performance.push('device')
  // the key keeps runtimes apart; within one, a browser's major version, its WASM threads and
  // cross-origin isolation (timer resolution) change what a timing means
  for (const field of RUNTIME_FIELDS) if (runtimeValue(baseline, field) !== runtimeValue(current, field)) performance.push(field)
  for (const key of PERFORMANCE_MODEL_KEYS) {
    const before = baseline.model?.[key]
    const after = current.model?.[key]
    if (before !== undefined && after !== undefined && before !== after) performance.push(`model.${key}`)
  }
  for (const [name, version] of Object.entries(c.packages)) {
    const before = b.packages[name]
    if (before !== undefined && before !== version) performance.push(`packages.${name}`)
  }
  const hashBefore = baseline.model?.sha256
  const hashAfter = current.model?.sha256
  if (hashBefore !== undefined && hashAfter !== undefined && hashBefore !== hashAfter) all.push('model.sha256')
  if (baseline.kind !== current.kind) all.push('kind')
  return { performance, all }
}

const RUNTIME_FIELDS = ['runtime', 'runtime.version', 'runtime.wasmThreads', 'runtime.crossOriginIsolated'] as const

/** A runtime field of an entry; entries recorded before runtimes were recorded ran in Node. Node's own version is left out, as above. */
function runtimeValue(entry: BaselineEntry, field: string): EnvValue {
  const runtime = entry.env.runtime ?? { name: 'node', version: entry.env.node }
  if (field === 'runtime') return runtime.name
  if (runtime.name === 'node') return null
  if (field === 'runtime.version') return runtime.version.split('.')[0] ?? runtime.version
  if (field === 'runtime.wasmThreads') return runtime.wasmThreads ?? null
  return runtime.crossOriginIsolated ?? null
}

/** The differing `fields` with their values in both entries. */
export function differencesOf(baseline: BaselineEntry, current: BaselineEntry, fields: readonly string[]): EnvDifference[] {
  const valueOf = (entry: BaselineEntry, field: string): EnvValue => {
    if (field === 'device') return entry.device ?? 'cpu'
    if (field === 'kind') return entry.kind
    if (field.startsWith('runtime')) return runtimeValue(entry, field)
    if (field === 'os') return entry.env.os.split(' ')[0] as string
    // compared only when both runs measured it: null is "no limit"
    if (field === 'cpuLimit') return entry.env.cpuLimit ?? null
    if (field.startsWith('packages.')) return entry.env.packages[field.slice('packages.'.length)] as string
    if (field.startsWith('model.')) return entry.model?.[field.slice('model.'.length)] as EnvValue
    return (entry.env as unknown as Record<string, EnvValue>)[field] as EnvValue
  }
  return fields.map((field) => ({ field, baseline: valueOf(baseline, field), current: valueOf(current, field) }))
}

/**
 * The machine-speed sentinel: the current run's probe time over the baseline's, when the machine
 * ran at a speed the comparison cannot absorb — undefined when it can, or when either entry has
 * no probe. The onnxruntime probe decides for results that used onnxruntime-node (its speed flips
 * between runs on shared VMs while pure JS stays put), the JS loop for the rest. "Cannot absorb":
 * off by more than half the metric's tolerance, and by more than 3 standard errors of the two
 * probes' medians (a noisy probe cannot claim a difference).
 */
export function machineSpeedShift(baseline: BaselineEntry, current: BaselineEntry, tolerance: number): number | undefined {
  const b = baseline.env.machine
  const c = current.env.machine
  if (!b || !c) return undefined
  const ort = usesOnnxRuntime(current) && b.probeOrtMs !== null && c.probeOrtMs !== null && b.probeOrtModel === c.probeOrtModel
  const ratio = ort ? (c.probeOrtMs as number) / (b.probeOrtMs as number) : c.probeJsMs / b.probeJsMs
  if (!(ratio > 0) || !Number.isFinite(ratio)) return undefined
  const off = Math.abs(Math.log(ratio))
  const noise = 3 * Math.hypot(b.probeSpread, c.probeSpread)
  return off > Math.log1p(tolerance / 2) && off > noise ? ratio : undefined
}

/** A probe reading, as results record it. */
export interface ProbeTimes {
  probeJsMs: number
  probeOrtMs: number | null
}

/** How far the machine's speed moved within a run, per probe: standard deviations of a log ratio. */
export interface MachineDrift {
  /** From the pure-JS loop. */
  js: number
  /** From the onnxruntime MatMul; 0 when fewer than two probes timed it. */
  ort: number
}

/** Half the log range of the positive values (0 for fewer than two). */
function halfLogRange(values: readonly number[]): number {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log)
  return logs.length < 2 ? 0 : (Math.max(...logs) - Math.min(...logs)) / 2
}

/**
 * How much the machine's own speed moved over the run's probes: half the log range of the probe
 * times. A stored baseline's timing was taken at one moment of another run, the current timing at
 * one moment of this one; when the probes show the machine flipping between speeds (on a shared VM
 * the same onnxruntime call ran 19.5 µs and 46.8 µs within one CI run), either timing may sit
 * anywhere in that range, and no within-run test can see it. The gate adds this as a further
 * standard deviation of the log ratio, so such a run gives inconclusive verdicts, not regressions.
 * The range (not a standard deviation) keeps it monotone: more probes never narrow it.
 */
export function machineDrift(probes: readonly ProbeTimes[]): MachineDrift {
  return { js: halfLogRange(probes.map((p) => p.probeJsMs)), ort: halfLogRange(probes.flatMap((p) => (p.probeOrtMs === null ? [] : [p.probeOrtMs]))) }
}

/** The drift that applies to `current`: the onnxruntime probe's when the result used onnxruntime-node, the JS loop's otherwise. */
export function driftFor(current: BaselineEntry, drift: MachineDrift | undefined): number {
  if (!drift) return 0
  return usesOnnxRuntime(current) ? Math.max(drift.ort, drift.js) : drift.js
}

/** Whether a result ran on onnxruntime-node (its fingerprint lists the package only when the run loaded it). */
export function usesOnnxRuntime(entry: Pick<BaselineEntry, 'env'>): boolean {
  return entry.env.packages['onnxruntime-node'] !== undefined
}
