import type { Statistics, TaskResultCompleted, TaskResultRuntimeInfo, TaskResultTimestampProviderInfo } from 'tinybench'
import type { QuantileInterval } from '../../analyse/quantile-bounds.js'
import { summarizeLatency, thinSorted, type LatencyStats } from '../../analyse/latency.js'
import { tukeyOutliersSorted, type OutlierCounts } from '../../analyse/stats.js'
import { envFingerprint } from '../../measure/fingerprint.js'
import type { BenchmarkResult } from '../../results/benchmark.js'

/**
 * A Vitest 5 bench result: what `await bench(name, fn).run()` and `bench.compare(…).get(name)`
 * resolve to — tinybench 6 task statistics (times in ms) plus the benchmark's name. Declared here
 * from tinybench's types because Vitest 4 has no such type.
 */
export interface VitestBenchResult
  extends TaskResultCompleted,
    Partial<TaskResultRuntimeInfo>,
    Partial<TaskResultTimestampProviderInfo> {
  name: string
}

/** A Vitest bench result produced by the vitest-ml-bench provider: it carries the full result. */
export interface MlBenchVitestResult extends VitestBenchResult {
  mlBench: BenchmarkResult
}

/**
 * Fields of {@link BenchmarkResult} that a Vitest bench result cannot supply, as dotted paths.
 * Their values are placeholders: NaN for numbers, open (null) bounds for percentile intervals, `[]`
 * for samples, null for `memory`, 0 for `warmupIterations`.
 */
export type VitestBenchGap =
  | 'samples'
  | 'latency.p90'
  | 'latency.p95'
  | 'latency.iqr'
  | 'latency.rme'
  | 'latency.ci.p50'
  | 'latency.ci.p95'
  | 'latency.ci.p99'
  | 'latency.ci.p999'
  | 'outliers'
  | 'memory'
  | 'cpu'
  | 'firstCallMs'
  | 'warmupIterations'
  | 'wallTimeMs'

/** Gaps of every result of Vitest's built-in provider: it measures time only. */
const ALWAYS_MISSING: readonly VitestBenchGap[] = ['memory', 'cpu', 'firstCallMs', 'warmupIterations', 'wallTimeMs']
/** Further gaps when Vitest kept no samples (`benchmark.retainSamples: false`, its default). */
const MISSING_WITHOUT_SAMPLES: readonly VitestBenchGap[] = [
  'samples',
  'latency.p90',
  'latency.p95',
  'latency.iqr',
  'latency.rme',
  'latency.ci.p50',
  'latency.ci.p95',
  'latency.ci.p99',
  'latency.ci.p999',
  'outliers',
]

function isStatistics(value: unknown): value is Statistics {
  const s = value as Partial<Statistics> | null
  return typeof s === 'object' && s !== null && typeof s.mean === 'number' && typeof s.samplesCount === 'number'
}

/** True for a Vitest 5 bench result (checked by shape, so any Vitest 5 provider's results pass). */
export function isVitestBenchResult(value: unknown): value is VitestBenchResult {
  const r = value as Partial<VitestBenchResult> | null
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.name === 'string' &&
    isStatistics(r.latency) &&
    isStatistics(r.throughput) &&
    typeof r.period === 'number' &&
    typeof r.totalTime === 'number'
  )
}

/** True for a result of the vitest-ml-bench provider, which carries the full {@link BenchmarkResult}. */
export function isMlBenchVitestResult(result: VitestBenchResult): result is MlBenchVitestResult {
  return (result as Partial<MlBenchVitestResult>).mlBench?.kind === 'benchmark'
}

function retainedSamples(result: VitestBenchResult): number[] | undefined {
  const samples = result.latency.samples
  if (!samples || samples.length === 0) return undefined
  const copy = Array.from(samples)
  // tinybench sorts its samples; a third-party provider might not
  for (let i = 1; i < copy.length; i++) if ((copy[i] as number) < (copy[i - 1] as number)) return copy.sort((a, b) => a - b)
  return copy
}

/** What {@link fromVitestBenchResult} cannot fill in for `result` (empty for the vitest-ml-bench provider's results). */
export function vitestBenchGaps(result: VitestBenchResult): VitestBenchGap[] {
  if (isMlBenchVitestResult(result)) return []
  return result.latency.samples?.length ? [...ALWAYS_MISSING] : [...ALWAYS_MISSING, ...MISSING_WITHOUT_SAMPLES]
}

const unknownInterval: QuantileInterval = { lower: null, upper: null, level: 0.95 }

/** Our latency summary from tinybench's, where no samples are left to compute it from. */
function latencyFromStatistics(s: Statistics): LatencyStats {
  return {
    min: s.min,
    max: s.max,
    mean: s.mean,
    sd: s.sd,
    p50: s.p50,
    p75: s.p75,
    p90: Number.NaN,
    p95: Number.NaN,
    p99: s.p99,
    p999: s.p999,
    mad: s.mad,
    iqr: Number.NaN,
    rme: null,
    ci: {
      // tinybench's margin of error is the Student-t 95 % half-width of the mean
      mean: { lower: s.mean - s.moe, upper: s.mean + s.moe, level: 0.95 },
      p50: unknownInterval,
      p95: unknownInterval,
      p99: unknownInterval,
      p999: unknownInterval,
      meanMethod: 'normal',
    },
  }
}

const unknownOutliers: OutlierCounts = { low: Number.NaN, high: Number.NaN, severe: Number.NaN, total: Number.NaN, fences: [Number.NaN, Number.NaN] }

// One conversion per result object: matchers called repeatedly on it share it (and record it once).
const converted = new WeakMap<VitestBenchResult, BenchmarkResult>()

/**
 * Converts a Vitest 5 bench result to a {@link BenchmarkResult}. With retained samples
 * (`test.benchmark.retainSamples: true`, which the mlBench plugin sets) the latency summary, its
 * bootstrap CIs and the outliers are computed from the samples exactly as `benchmark()` does;
 * without them, tinybench's summary is mapped and {@link vitestBenchGaps} lists what is missing.
 * Vitest's built-in provider measures time only: memory, CPU and the first call are never known.
 * A result of the vitest-ml-bench provider already carries its full result, which is returned.
 */
export function fromVitestBenchResult(result: VitestBenchResult): BenchmarkResult {
  if (isMlBenchVitestResult(result)) return result.mlBench
  const cached = converted.get(result)
  if (cached) return cached
  const sorted = retainedSamples(result)
  const latency = sorted ? summarizeLatency(sorted) : latencyFromStatistics(result.latency)
  const perSecond = 1000 / latency.mean
  const benchmarkResult: BenchmarkResult = {
    kind: 'benchmark',
    name: result.name,
    samples: sorted ? thinSorted(sorted, 10_000) : [],
    latency,
    throughput: { callsPerSecond: perSecond, itemsPerSecond: perSecond },
    iterations: result.latency.samplesCount,
    warmupIterations: 0,
    batchSize: 1,
    firstCallMs: Number.NaN,
    outliers: sorted ? tukeyOutliersSorted(sorted) : unknownOutliers,
    memory: null,
    cpu: { userMs: Number.NaN, systemMs: Number.NaN, utilization: Number.NaN },
    // no device sync: the clock stopped when the function (or its promise) returned
    device: 'cpu',
    env: envFingerprint(),
    wallTimeMs: Number.NaN,
    // tinybench stops once both its `time` and `iterations` minimums are met; time usually decides
    stopReason: 'max-time',
    // Vitest does not report when the run started: the run had just ended when this was converted
    startedAt: new Date().toISOString(),
  }
  converted.set(result, benchmarkResult)
  return benchmarkResult
}

/** How to get a missing field, for error messages. */
export function explainVitestBenchGap(gap: VitestBenchGap): string {
  return MISSING_WITHOUT_SAMPLES.includes(gap)
    ? 'Vitest kept no latency samples and its summary has no p90/p95/IQR; set `test.benchmark.retainSamples: true` in the Vitest config (the mlBench plugin sets it) or use the vitest-ml-bench provider'
    : "Vitest's built-in benchmark provider measures time only; use benchmark(), or the vitest-ml-bench provider (`test.benchmark.provider: 'vitest-ml-bench/provider'`)"
}
