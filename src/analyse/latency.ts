import { bootstrapLatency, type ConfidenceInterval } from './bootstrap.js'
import {
  interquartileRangeSorted,
  mean as meanOf,
  medianAbsoluteDeviationSorted,
  medianConfidenceIntervalSorted,
  medianRelativeMarginSorted,
  quantileSorted,
  standardDeviation,
} from './stats.js'

/** 95 % confidence intervals of the latency summary. */
export interface LatencyIntervals {
  p50: ConfidenceInterval
  p95: ConfidenceInterval
  p99: ConfidenceInterval
  mean: ConfidenceInterval
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

function quantileInterval(sorted: ArrayLike<number>, q: number, level: number): ConfidenceInterval {
  // Binomial ranks n·q ± z·√(n·q(1−q)) bracket the q-quantile (distribution-free).
  const n = sorted.length
  const z = 1.959964
  const half = z * Math.sqrt(n * q * (1 - q))
  const lo = Math.max(0, Math.floor(n * q - half) - 1)
  const hi = Math.min(n - 1, Math.ceil(n * q + half))
  return { lower: sorted[lo] as number, upper: sorted[hi] as number, level }
}

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
    const [lo, hi] = medianConfidenceIntervalSorted(sorted)
    const se = sd / Math.sqrt(n)
    ci = {
      p50: { lower: lo, upper: hi, level },
      p95: quantileInterval(sorted, 0.95, level),
      p99: quantileInterval(sorted, 0.99, level),
      mean: { lower: m - 1.959964 * se, upper: m + 1.959964 * se, level },
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
