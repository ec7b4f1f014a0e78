import { bootstrapLatency, type ConfidenceInterval, type LatencyBootstrap } from './bootstrap.js'
import {
  interquartileRangeSorted,
  mean as meanOf,
  medianAbsoluteDeviationSorted,
  medianRelativeMarginSorted,
  quantileConfidenceIntervalSorted,
  quantileSorted,
  standardDeviation,
  Z_975,
} from './stats.js'

/** 95 % confidence intervals of the latency summary. */
export interface LatencyIntervals extends LatencyBootstrap {
  /**
   * 'bootstrap': seeded percentile bootstrap (up to 20,000 samples). 'asymptotic': order-statistic
   * intervals for percentiles and a normal interval for the mean, which the bootstrap converges
   * to and which stay O(1) for the millions of samples a microsecond workload produces.
   */
  method: 'bootstrap' | 'asymptotic'
}

/** Summary of latency samples, all in milliseconds (quantiles: type 7, linear interpolation). */
export interface LatencyStats {
  min: number
  max: number
  mean: number
  /** Sample standard deviation. */
  sd: number
  p50: number
  p75: number
  p90: number
  p95: number
  p99: number
  p999: number
  /** Median absolute deviation, unscaled. */
  mad: number
  iqr: number
  /** Relative margin of error of the median: half-width of its 95 % CI over the median. */
  rme: number
  ci: LatencyIntervals
}

/** Above this many samples the bootstrap gives way to asymptotic intervals. */
export const BOOTSTRAP_LIMIT = 20_000

/** Latency summary of ascending samples (ms). `seed` makes the bootstrap reproducible. */
export function summarizeLatency(sorted: ArrayLike<number>, seed?: number): LatencyStats {
  const n = sorted.length
  if (n === 0) throw new Error('summarizeLatency: no samples')
  const m = meanOf(sorted)
  const sd = standardDeviation(sorted, m)
  let ci: LatencyIntervals
  if (n <= BOOTSTRAP_LIMIT) {
    ci = { ...bootstrapLatency(sorted, seed === undefined ? {} : { seed }), method: 'bootstrap' }
  } else {
    const level = 0.95
    const interval = (q: number): ConfidenceInterval => {
      const [lower, upper] = quantileConfidenceIntervalSorted(sorted, q)
      return { lower, upper, level }
    }
    const se = sd / Math.sqrt(n)
    ci = {
      p50: interval(0.5),
      p95: interval(0.95),
      p99: interval(0.99),
      mean: { lower: m - Z_975 * se, upper: m + Z_975 * se, level },
      method: 'asymptotic',
    }
  }
  return {
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean: m,
    sd,
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    p999: quantileSorted(sorted, 0.999),
    mad: medianAbsoluteDeviationSorted(sorted),
    iqr: interquartileRangeSorted(sorted),
    rme: medianRelativeMarginSorted(sorted),
    ci,
  }
}

/**
 * At most `limit` samples that keep the distribution's shape: every k-th of the sorted samples,
 * first and last always kept. Stored results stay bounded while percentiles stay faithful.
 */
export function thinSorted(sorted: ArrayLike<number>, limit: number): number[] {
  const n = sorted.length
  if (n <= limit) return Array.from(sorted)
  const out = new Array<number>(limit)
  for (let i = 0; i < limit; i++) out[i] = sorted[Math.round((i * (n - 1)) / (limit - 1))] as number
  return out
}
