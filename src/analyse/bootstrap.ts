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
 * Seeded percentile bootstrap of the mean: O(n) per resample, no closure call per draw. Draws are
 * those of `bootstrapStatistic` for the same seed.
 */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): ConfidenceInterval {
  const n = values.length
  const level = options.level ?? 0.95
  if (n === 0) return { lower: Number.NaN, upper: Number.NaN, level }
  const resamples = options.resamples ?? scaledResamples(n)
  const data = Float64Array.from(values)
  const indices = new Uint32Array(n)
  const replicates = new Float64Array(resamples)
  let state = (options.seed ?? DEFAULT_SEED) >>> 0
  for (let r = 0; r < resamples; r++) {
    state = fillRandomIndices(indices, n, state)
    let sum = 0
    for (let i = 0; i < n; i++) sum += data[indices[i]!]!
    replicates[r] = sum / n
  }
  return percentileInterval(replicates, level)
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
