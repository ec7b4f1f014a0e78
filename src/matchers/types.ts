import type { ByteSize, Duration } from '../units.js'
import type { ThresholdOptions } from './threshold.js'

/**
 * The matchers vitest-ml-bench adds to `expect`. Limits take units: durations as ms or '40ms',
 * '800us', '1.5s'; memory as bytes or '512MB', '2GiB'.
 */
export interface MlBenchMatchers<R = unknown> {
  /** Median latency of a benchmark result is below `limit`. */
  toHaveP50LatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** 95th-percentile latency is below `limit`. */
  toHaveP95LatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** 99th-percentile latency is below `limit`. */
  toHaveP99LatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** Mean latency is below `limit`. */
  toHaveMeanLatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** Items per second (calls × batchSize) is above `perSecond`. */
  toHaveThroughputAbove(perSecond: number, options?: ThresholdOptions): R
  /** Peak resident memory during the run is below `limit`. */
  toHavePeakMemoryBelow(limit: ByteSize): R
}

declare module 'vitest' {
  // `T = any` mirrors vitest's own declaration, which declaration merging requires.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends MlBenchMatchers<T> {}
}
