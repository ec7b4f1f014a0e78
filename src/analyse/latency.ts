import { bootstrapMean, type ConfidenceInterval } from './bootstrap.js'
import { medianRelativeMarginSorted, quantileInterval, type QuantileInterval } from './quantile-bounds.js'
import { interquartileRangeSorted, mean as meanOf, medianAbsoluteDeviationSorted, quantileSorted, standardDeviation, Z_975 } from './stats.js'

/**
 * 95 % confidence intervals of the latency summary. Percentiles: exact distribution-free
 * order-statistic intervals at every n, with a bound null (open) where the calls made cannot
 * bound it (the upper bound of p99 needs 367 calls, of p999 3,689).
 */
export interface LatencyIntervals {
  p50: QuantileInterval
  p95: QuantileInterval
  p99: QuantileInterval
  p999: QuantileInterval
  mean: ConfidenceInterval
  /**
   * How the mean's interval was computed: 'bootstrap', seeded percentile bootstrap up to 20,000
   * samples; 'normal', ±1.96 standard errors above (what the bootstrap converges to, O(1) for the
   * millions of samples a microsecond workload produces).
   */
  meanMethod: 'bootstrap' | 'normal'
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
  /** Relative margin of error of the median: half-width of its exact 95 % CI over the median; null while n is too small for one (fewer than 6 samples). */
  rme: number | null
  ci: LatencyIntervals
}

/** Above this many samples the mean's bootstrap gives way to the normal interval. */
export const BOOTSTRAP_LIMIT = 20_000

/** Latency summary of ascending samples (ms). `seed` makes the mean's bootstrap reproducible. */
export function summarizeLatency(sorted: ArrayLike<number>, seed?: number): LatencyStats {
  const n = sorted.length
  if (n === 0) throw new Error('summarizeLatency: no samples')
  const m = meanOf(sorted)
  const sd = standardDeviation(sorted, m)
  const bootstrapped = n <= BOOTSTRAP_LIMIT
  const se = sd / Math.sqrt(n)
  const ci: LatencyIntervals = {
    p50: quantileInterval(sorted, 0.5),
    p95: quantileInterval(sorted, 0.95),
    p99: quantileInterval(sorted, 0.99),
    p999: quantileInterval(sorted, 0.999),
    mean: bootstrapped ? bootstrapMean(sorted, seed === undefined ? {} : { seed }) : { lower: m - Z_975 * se, upper: m + Z_975 * se, level: 0.95 },
    meanMethod: bootstrapped ? 'bootstrap' : 'normal',
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
    rme: nullIfInfinite(medianRelativeMarginSorted(sorted)),
    ci,
  }
}

/** Results are plain JSON: an unbounded margin is null, not Infinity (which JSON would turn into null anyway). */
const nullIfInfinite = (x: number): number | null => (Number.isFinite(x) ? x : null)

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
