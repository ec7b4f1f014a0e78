import { DEFAULT_SEED, fillRandomIndices } from './random.js'
import { quantileSorted } from './stats.js'

/** A two-sided confidence interval. */
export interface ConfidenceInterval {
  lower: number
  upper: number
  /** Confidence level, e.g. 0.95. */
  level: number
}

/** Options shared by the bootstrap routines. */
export interface BootstrapOptions {
  /** Number of resamples [1000]. */
  resamples?: number
  /** PRNG seed [DEFAULT_SEED]. */
  seed?: number
  /** Confidence level [0.95]. */
  level?: number
}

/** Percentile-bootstrap CIs of p50, p95, p99 and mean of one sample. */
export interface LatencyBootstrap {
  p50: ConfidenceInterval
  p95: ConfidenceInterval
  p99: ConfidenceInterval
  mean: ConfidenceInterval
}

const TRACKED_QUANTILES = [0.5, 0.95, 0.99] as const

/** Percentile interval from an array of bootstrap replicates (sorted in place). */
export function percentileInterval(replicates: Float64Array, level: number): ConfidenceInterval {
  replicates.sort()
  const alpha = (1 - level) / 2
  return { lower: quantileSorted(replicates, alpha), upper: quantileSorted(replicates, 1 - alpha), level }
}

/**
 * Resamples for a bootstrap over `n` values: 1000 up to 4,000 values, then fewer (400 at 10,000,
 * 200 from 20,000) so a resampling pass stays near 4 million draws; at such n the interval ends
 * move by a small fraction of the interval's width between seeds.
 */
export function scaledResamples(n: number): number {
  return Math.max(200, Math.min(1000, Math.floor(4e6 / n)))
}

/**
 * Seeded percentile bootstrap of p50, p95, p99 (type-7 quantiles) and the mean, all from the
 * same resamples. A resample is drawn as a histogram of counts over the sorted data, so no
 * resample is ever sorted: O(n) per resample. Draws are those of `bootstrapStatistic` for the
 * same seed.
 */
export function bootstrapLatency(sorted: ArrayLike<number>, options: BootstrapOptions = {}): LatencyBootstrap {
  const n = sorted.length
  const level = options.level ?? 0.95
  if (n === 0) {
    const nan = { lower: Number.NaN, upper: Number.NaN, level }
    return { p50: nan, p95: nan, p99: nan, mean: nan }
  }
  const resamples = options.resamples ?? scaledResamples(n)
  const values = Float64Array.from(sorted as ArrayLike<number>)
  const counts = new Int32Array(n)
  const indices = new Uint32Array(n)
  const replicates = TRACKED_QUANTILES.map(() => new Float64Array(resamples))
  const meanReplicates = new Float64Array(resamples)
  // ranks needed for type-7 interpolation of each quantile, ascending
  const positions = TRACKED_QUANTILES.map((q) => (n - 1) * q)
  const ranks = Int32Array.from(positions.flatMap((h) => [Math.floor(h), Math.min(Math.floor(h) + 1, n - 1)]))
  const found = new Float64Array(ranks.length)
  let state = (options.seed ?? DEFAULT_SEED) >>> 0
  for (let r = 0; r < resamples; r++) {
    counts.fill(0)
    state = fillRandomIndices(indices, n, state)
    let sum = 0
    for (let i = 0; i < n; i++) {
      const k = indices[i]!
      counts[k] = counts[k]! + 1
      sum += values[k]!
    }
    meanReplicates[r] = sum / n
    // one cumulative pass finds the value at every needed rank
    let cumulative = 0
    let t = 0
    for (let i = 0; i < n && t < ranks.length; i++) {
      cumulative += counts[i]!
      while (t < ranks.length && ranks[t]! < cumulative) found[t++] = values[i]!
    }
    while (t < ranks.length) found[t++] = values[n - 1]!
    for (let k = 0; k < positions.length; k++) {
      const h = positions[k]!
      const a = found[2 * k]!
      ;(replicates[k] as Float64Array)[r] = a + (h - Math.floor(h)) * (found[2 * k + 1]! - a)
    }
  }
  const [p50, p95, p99] = replicates.map((rep) => percentileInterval(rep, level)) as [
    ConfidenceInterval,
    ConfidenceInterval,
    ConfidenceInterval,
  ]
  return { p50, p95, p99, mean: percentileInterval(meanReplicates, level) }
}

/**
 * Generic seeded percentile bootstrap for any statistic of indexed data (accuracy, F1, R², …).
 * `statistic` receives the resampled indices; it must not keep the array (it is reused).
 */
export function bootstrapStatistic(
  n: number,
  statistic: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const level = options.level ?? 0.95
  if (n === 0) return { lower: Number.NaN, upper: Number.NaN, level }
  const resamples = options.resamples ?? 1000
  const indices = new Uint32Array(n)
  const replicates = new Float64Array(resamples)
  let valid = 0
  let state = (options.seed ?? DEFAULT_SEED) >>> 0
  for (let r = 0; r < resamples; r++) {
    state = fillRandomIndices(indices, n, state)
    const value = statistic(indices)
    // Degenerate resamples (e.g. R² of a constant target) are skipped, not counted as NaN.
    if (Number.isFinite(value)) replicates[valid++] = value
  }
  if (valid === 0) return { lower: Number.NaN, upper: Number.NaN, level }
  return percentileInterval(replicates.subarray(0, valid), level)
}
