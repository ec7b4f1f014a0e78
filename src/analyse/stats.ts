/**
 * Descriptive statistics over latency samples. All functions are pure; those named `…Sorted`
 * require an ascending array and do not check it (callers sort once and reuse).
 */

/** Φ⁻¹(0.975): the standard normal quantile behind every two-sided 95 % interval here. */
export const Z_975 = 1.959964

/** Ascending copy of `values` (a plain array, so it serialises as JSON). */
export function sortAscending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort())
}

/**
 * Quantile with linear interpolation between closest ranks: Hyndman & Fan type 7, the default of
 * R, NumPy (`linear`) and Excel's PERCENTILE.INC. For sorted `x` of length n, position h = (n-1)q.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  if (q <= 0) return sorted[0] as number
  if (q >= 1) return sorted[n - 1] as number
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const a = sorted[lo] as number
  const b = sorted[Math.min(lo + 1, n - 1)] as number
  return a + (h - lo) * (b - a)
}

/** Arithmetic mean; NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length
  if (n === 0) return Number.NaN
  let sum = 0
  for (let i = 0; i < n; i++) sum += values[i] as number
  return sum / n
}

/** Sample standard deviation (n − 1 denominator); 0 for fewer than two values. */
export function standardDeviation(values: ArrayLike<number>, m: number = mean(values)): number {
  const n = values.length
  if (n < 2) return 0
  let ss = 0
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - m
    ss += d * d
  }
  return Math.sqrt(ss / (n - 1))
}

/** Median absolute deviation from the median, unscaled (multiply by 1.4826 to estimate σ). */
export function medianAbsoluteDeviationSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  const median = quantileSorted(sorted, 0.5)
  const deviations = new Float64Array(n)
  for (let i = 0; i < n; i++) deviations[i] = Math.abs((sorted[i] as number) - median)
  deviations.sort()
  return quantileSorted(deviations, 0.5)
}

/** Interquartile range p75 − p25 (type-7 quantiles). */
export function interquartileRangeSorted(sorted: ArrayLike<number>): number {
  return quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)
}

/** Outlier counts by Tukey's fences; outliers are counted, never removed. */
export interface OutlierCounts {
  /** Below q1 − 1.5·IQR. */
  low: number
  /** Above q3 + 1.5·IQR. */
  high: number
  /** Beyond 3·IQR on either side (a subset of low + high). */
  severe: number
  /** low + high. */
  total: number
  /** Fences used: [q1 − 1.5·IQR, q3 + 1.5·IQR]. */
  fences: [number, number]
}

/** Counts samples outside Tukey's fences (1.5·IQR mild, 3·IQR severe). */
export function tukeyOutliersSorted(sorted: ArrayLike<number>): OutlierCounts {
  const q1 = quantileSorted(sorted, 0.25)
  const q3 = quantileSorted(sorted, 0.75)
  const iqr = q3 - q1
  const lowFence = q1 - 1.5 * iqr
  const highFence = q3 + 1.5 * iqr
  let low = 0
  let high = 0
  let severe = 0
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number
    if (v < lowFence) low++
    else if (v > highFence) high++
    if (v < q1 - 3 * iqr || v > q3 + 3 * iqr) severe++
  }
  return { low, high, severe, total: low + high, fences: [lowFence, highFence] }
}
