/**
 * Distribution-free confidence bounds for a quantile, from order statistics. The number of
 * observations below the true q-quantile ξ is Binomial(n, q), so the r-th smallest observation
 * X₍r₎ lies below ξ with probability P(B ≥ r), and above it with probability P(B ≤ r − 1). The
 * bounds below choose ranks from those exact binomial tails: their coverage is at least the level
 * asked for at every n and for every continuous distribution (conservative for discrete data),
 * unlike a bootstrap, whose "95 %" interval for p99 covers about 30 % of the time at n = 30.
 * Where n is too small for a bound at the level asked, the bound is open (null) instead of a
 * number that claims more than the data can say. Matches scipy's `quantile_test(...).confidence_interval`.
 */
import { regularizedBeta } from './significance.js'
import { quantileSorted } from './stats.js'

/** A confidence interval for a quantile; a bound is null (open) when n is too small to give it at `level`. */
export interface QuantileInterval {
  lower: number | null
  upper: number | null
  /** Two-sided confidence level, e.g. 0.95. */
  level: number
}

/** P(B ≥ k) for B ~ Binomial(n, p), the small tail computed directly. */
function binomialSf(k: number, n: number, p: number): number {
  if (k <= 0) return 1
  if (k > n) return 0
  return regularizedBeta(p, k, n - k + 1)
}

/** P(B ≤ k) for B ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0
  if (k >= n) return 1
  return regularizedBeta(1 - p, n - k, k + 1)
}

// An error probability this close to the allowed one counts as equal: the tails are computed in
// floating point, and (1 − 0.9)² must not come out as 0.010000000000000002 > 0.01.
const SLACK = 1 + 1e-9

function checkArguments(q: number, confidence: number): void {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile ${q} must be between 0 and 1 (exclusive)`)
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence ${confidence} must be between 0 and 1 (exclusive)`)
}

/**
 * 1-based rank r of the lower bound X₍r₎ at one-sided `confidence`: the largest r whose error
 * P(B ≤ r − 1) is at most 1 − confidence; null when even X₍₁₎ errs more often than that.
 */
export function lowerBoundRank(n: number, q: number, confidence: number): number | null {
  checkArguments(q, confidence)
  const alpha = (1 - confidence) * SLACK
  if (n < 1 || binomialCdf(0, n, q) > alpha) return null
  // binomialCdf(k) rises with k: find the largest k in [0, n − 1] with cdf(k) ≤ alpha; r = k + 1
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (binomialCdf(mid, n, q) <= alpha) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

/**
 * 1-based rank s of the upper bound X₍s₎ at one-sided `confidence`: the smallest s whose error
 * P(B ≥ s) is at most 1 − confidence; null when even X₍n₎ errs more often (qⁿ > 1 − confidence).
 */
export function upperBoundRank(n: number, q: number, confidence: number): number | null {
  checkArguments(q, confidence)
  const alpha = (1 - confidence) * SLACK
  if (n < 1 || binomialSf(n, n, q) > alpha) return null
  // binomialSf(s) falls with s: the smallest s in [1, n] with sf(s) ≤ alpha
  let lo = 1
  let hi = n
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (binomialSf(mid, n, q) <= alpha) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** One-sided lower confidence bound of the q-quantile of ascending `sorted` samples; null when open. */
export function quantileLowerBound(sorted: ArrayLike<number>, q: number, confidence: number): number | null {
  const r = lowerBoundRank(sorted.length, q, confidence)
  return r === null ? null : (sorted[r - 1] as number)
}

/** One-sided upper confidence bound of the q-quantile of ascending `sorted` samples; null when open. */
export function quantileUpperBound(sorted: ArrayLike<number>, q: number, confidence: number): number | null {
  const s = upperBoundRank(sorted.length, q, confidence)
  return s === null ? null : (sorted[s - 1] as number)
}

/** Two-sided interval at `level`: each bound one-sided at (1 + level) / 2. */
export function quantileInterval(sorted: ArrayLike<number>, q: number, level = 0.95): QuantileInterval {
  const oneSided = (1 + level) / 2
  return { lower: quantileLowerBound(sorted, q, oneSided), upper: quantileUpperBound(sorted, q, oneSided), level }
}

/**
 * The fewest samples that give a one-sided bound at `confidence` on `side` of the q-quantile:
 * an upper bound needs qⁿ ≤ 1 − confidence (a 95 % bound on p99 needs 299 calls), a lower bound
 * (1 − q)ⁿ ≤ 1 − confidence.
 */
export function samplesForBound(q: number, confidence: number, side: 'upper' | 'lower'): number {
  checkArguments(q, confidence)
  const p = side === 'upper' ? q : 1 - q
  const alpha = (1 - confidence) * SLACK
  let n = Math.max(1, Math.ceil(Math.log(1 - confidence) / Math.log(p)))
  // the logarithms can round across an integer: settle on the exact boundary
  while (n > 1 && p ** (n - 1) <= alpha) n--
  while (p ** n > alpha) n++
  return n
}

/**
 * Relative margin of error of the median: half the width of its exact 95 % interval over the
 * median (Infinity while n is too small for one). This is what `targetRme` is compared with.
 */
export function medianRelativeMarginSorted(sorted: ArrayLike<number>): number {
  const median = quantileSorted(sorted, 0.5)
  const { lower, upper } = quantileInterval(sorted, 0.5, 0.95)
  if (!(median > 0) || lower === null || upper === null) return Number.POSITIVE_INFINITY
  return (upper - lower) / 2 / median
}
