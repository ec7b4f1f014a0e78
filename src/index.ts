/**
 * vitest-ml-bench runtime API: measure models, evaluate them, and assert on the results with the
 * matchers the plugin registers.
 */
export { benchmark, type BenchmarkOptions } from './measure/benchmark.js'
export type { BenchmarkResult, ModelInfo, StopReason, Throughput } from './measure/types.js'
export { resolveDevice, syncCudaOutputs, type CustomDevice, type Device, type DeviceOption } from './measure/device.js'
export { envFingerprint, noteRuntime, type EnvFingerprint } from './measure/fingerprint.js'
export type { CpuStats, MemoryStats, RssPeakSource } from './measure/resources.js'
export { summarizeLatency, thinSorted, BOOTSTRAP_LIMIT, type LatencyIntervals, type LatencyStats } from './analyse/latency.js'
export {
  interquartileRangeSorted,
  mean,
  medianAbsoluteDeviationSorted,
  medianConfidenceIntervalSorted,
  medianRelativeMarginSorted,
  quantileSorted,
  sortAscending,
  standardDeviation,
  tukeyOutliersSorted,
  type OutlierCounts,
} from './analyse/stats.js'
export {
  bootstrapLatency,
  bootstrapStatistic,
  percentileInterval,
  type BootstrapOptions,
  type ConfidenceInterval,
  type LatencyBootstrap,
} from './analyse/bootstrap.js'
export { createRandom, DEFAULT_SEED, type Random } from './analyse/random.js'
export { recordResult, readRecordedResults, META_KEY, type RecordedResults } from './record/record.js'
export type { MlBenchResult, MlBenchResultKind } from './results.js'
export {
  formatBytes,
  formatDuration,
  formatPercentChange,
  formatRate,
  parseBytes,
  parseDuration,
  parseFraction,
  type ByteSize,
  type ByteUnit,
  type Duration,
  type DurationUnit,
  type Fraction,
} from './units.js'
export { mlBenchMatchers } from './matchers/index.js'
export type { MlBenchMatchers } from './matchers/types.js'
export type { ThresholdOptions } from './matchers/threshold.js'
