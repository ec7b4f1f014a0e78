/**
 * Significance tests for comparing two models on the same benchmark: McNemar for paired
 * per-example correctness, a two-proportion z-test when only totals are known, Mann–Whitney U
 * for two samples of a continuous measure (latencies, per-example losses) and Welch's t-test for
 * their means. Pure functions.
 */

import { mean, standardDeviation } from './stats.js'

/** Which difference the alternative hypothesis looks for. */
export type Alternative = 'two-sided' | 'greater' | 'less'

/** Result of McNemar's test. */
export interface McNemarResult {
  /** Pairs where A is right and B is wrong. */
  b: number
  /** Pairs where A is wrong and B is right. */
  c: number
  /** Discordant pairs b + c: the only pairs the test looks at. */
  n: number
  /** min(b, c) for the exact test; (|b − c| − 1)² / (b + c) for the chi-square test. */
  statistic: number
  pValue: number
  /** 'exact' (two-sided binomial, b + c < 25) or 'chi-square' (continuity-corrected, df 1). */
  method: 'exact' | 'chi-square'
}

/** Result of the pooled two-proportion z-test. */
export interface TwoProportionResult {
  proportionA: number
  proportionB: number
  /** proportionA − proportionB. */
  difference: number
  z: number
  /** Two-sided. */
  pValue: number
}

/** Options of `mannWhitneyU`. */
export interface MannWhitneyOptions {
  /** 'greater' = a tends to be larger than b ['two-sided']. */
  alternative?: Alternative
  /** Apply the ½ continuity correction [true]. */
  continuity?: boolean
}

/** Result of the Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of a: pairs with a > b plus ½ per tie (scipy's U1). */
  u: number
  /** Standardised U (tie- and continuity-corrected); positive when a tends to be larger. */
  z: number
  pValue: number
  /** Common-language effect size P(a > b) + ½ P(a = b) = u / (n·m). */
  effect: number
}

/**
 * Standard normal CDF Φ(x), Hart's double-precision rational approximation as published by
 * G. West (2005), absolute error ≈ 1e-14. The tail is computed directly (no 1 − Φ cancellation),
 * so Φ(−x) stays accurate in relative terms for tiny p-values.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  const ax = Math.abs(x)
  let tail: number
  if (ax > 37) {
    tail = 0
  } else {
    const e = Math.exp((-ax * ax) / 2)
    if (ax < 7.07106781186547) {
      let num = 3.52624965998911e-2 * ax + 0.700383064443688
      num = num * ax + 6.37396220353165
      num = num * ax + 33.912866078383
      num = num * ax + 112.079291497871
      num = num * ax + 221.213596169931
      num = num * ax + 220.206867912376
      let den = 8.83883476483184e-2 * ax + 1.75566716318264
      den = den * ax + 16.064177579207
      den = den * ax + 86.7807322029461
      den = den * ax + 296.564248779674
      den = den * ax + 637.333633378831
      den = den * ax + 793.826512519948
      den = den * ax + 440.413735824752
      tail = (e * num) / den
    } else {
      // continued fraction for the far tail
      let cf = ax + 0.65
      cf = ax + 4 / cf
      cf = ax + 3 / cf
      cf = ax + 2 / cf
      cf = ax + 1 / cf
      tail = e / cf / 2.506628274631
    }
  }
  return x > 0 ? 1 - tail : tail
}

/** Upper tail 1 − Φ(x), computed as Φ(−x) to keep small p-values precise. */
export function normalSf(x: number): number {
  return normalCdf(-x)
}

/** Survival function of the chi-square distribution with 1 df: P(X ≥ x) = 2·(1 − Φ(√x)). */
export function chiSquareSf1(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  if (x <= 0) return 1
  return Math.min(1, 2 * normalSf(Math.sqrt(x)))
}

/**
 * Exact two-sided binomial p-value of k successes in n trials with success probability p: the
 * total probability of outcomes no more likely than k (scipy `binomtest`, relative tolerance
 * 1e-7). Probabilities are summed in log space, so n of 10,000 and more neither overflow nor
 * underflow prematurely. O(n).
 */
export function binomialTwoSidedP(k: number, n: number, p = 0.5): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n is ${n}; it must be a non-negative integer`)
  if (!Number.isInteger(k) || k < 0 || k > n) throw new Error(`k is ${k}; it must be an integer in [0, ${n}]`)
  if (!(p >= 0 && p <= 1)) throw new Error(`p is ${p}; it must be in [0, 1]`)
  if (p === 0) return k === 0 ? 1 : 0
  if (p === 1) return k === n ? 1 : 0
  const logP = Math.log(p)
  const logQ = Math.log1p(-p)
  const logPmf = new Float64Array(n + 1)
  let logChoose = 0 // ln C(n, i), built by the recurrence C(n, i) = C(n, i − 1)·(n − i + 1)/i
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i)
    logPmf[i] = logChoose + i * logP + (n - i) * logQ
  }
  const threshold = (logPmf[k] as number) + Math.log1p(1e-7)
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i <= n; i++) if ((logPmf[i] as number) <= threshold) max = Math.max(max, logPmf[i] as number)
  let sum = 0
  for (let i = 0; i <= n; i++) {
    const v = logPmf[i] as number
    if (v <= threshold) sum += Math.exp(v - max)
  }
  return Math.min(1, Math.exp(max + Math.log(sum)))
}

/**
 * McNemar's test from the discordant counts b (A right, B wrong) and c (A wrong, B right).
 * Exact two-sided binomial test when b + c < 25 (the chi-square approximation is poor there),
 * otherwise chi-square with continuity correction, df 1. p = 1 when b + c = 0.
 */
export function mcnemarFromCounts(b: number, c: number): McNemarResult {
  for (const [name, v] of [['b', b], ['c', c]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} is ${v}; it must be a non-negative integer`)
  }
  const n = b + c
  if (n === 0) return { b, c, n, statistic: 0, pValue: 1, method: 'exact' }
  if (n < 25) return { b, c, n, statistic: Math.min(b, c), pValue: binomialTwoSidedP(Math.min(b, c), n), method: 'exact' }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n
  return { b, c, n, statistic, pValue: chiSquareSf1(statistic), method: 'chi-square' }
}

/** McNemar's test on paired per-example correctness of models A and B (see `mcnemarFromCounts`). */
export function mcnemar(aCorrect: readonly boolean[], bCorrect: readonly boolean[]): McNemarResult {
  if (aCorrect.length !== bCorrect.length) {
    throw new Error(`aCorrect has ${aCorrect.length} values but bCorrect has ${bCorrect.length}; they must be paired`)
  }
  let b = 0
  let c = 0
  for (let i = 0; i < aCorrect.length; i++) {
    if (aCorrect[i] && !bCorrect[i]) b++
    else if (!aCorrect[i] && bCorrect[i]) c++
  }
  return mcnemarFromCounts(b, c)
}

/**
 * Pooled two-proportion z-test, two-sided: compares two accuracies when only the counts are
 * known. Unpaired, so weaker than McNemar when per-example results exist. z = 0, p = 1 when the
 * pooled proportion is 0 or 1 (no variance).
 */
export function twoProportionTest(successesA: number, nA: number, successesB: number, nB: number): TwoProportionResult {
  for (const [name, s, n] of [['A', successesA, nA], ['B', successesB, nB]] as const) {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`n${name} is ${n}; it must be a positive integer`)
    if (!Number.isInteger(s) || s < 0 || s > n) throw new Error(`successes${name} is ${s}; it must be an integer in [0, ${n}]`)
  }
  const proportionA = successesA / nA
  const proportionB = successesB / nB
  const pooled = (successesA + successesB) / (nA + nB)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB))
  const difference = proportionA - proportionB
  if (se === 0) return { proportionA, proportionB, difference, z: 0, pValue: 1 }
  const z = difference / se
  return { proportionA, proportionB, difference, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) }
}

/** Options of `welchTTest`. */
export interface WelchOptions {
  /** 'greater' = the mean of a is larger than the mean of b ['two-sided']. */
  alternative?: Alternative
}

/** Result of Welch's t-test. */
export interface WelchResult {
  /** (mean a − mean b) / √(var a / n + var b / m); ±Infinity when both variances are 0 and the means differ. */
  t: number
  /** Welch–Satterthwaite degrees of freedom. */
  df: number
  pValue: number
  /** mean a − mean b. */
  difference: number
}

/** ln Γ(x) for x > 0: Lanczos approximation (g = 7, 9 terms), relative error ≈ 1e-15. */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  const z = x - 1
  let sum = c[0] as number
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** Continued fraction of the incomplete beta function, by the modified Lentz method. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let h = d
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + even * d
    c = 1 + even / c
    d = 1 / (Math.abs(d) < tiny ? tiny : d)
    c = Math.abs(c) < tiny ? tiny : c
    h *= d * c
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + odd * d
    c = 1 + odd / c
    d = 1 / (Math.abs(d) < tiny ? tiny : d)
    c = Math.abs(c) < tiny ? tiny : c
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < 1e-15) return h
  }
  return h
}

/**
 * Regularized incomplete beta I_x(a, b), by its continued fraction on whichever side converges
 * fast (Numerical Recipes §6.4); the small side is computed directly, so tails keep their
 * relative precision.
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x))
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/**
 * Upper tail P(T ≥ t) of Student's t distribution with `df` degrees of freedom (any real df > 0;
 * Infinity gives the normal tail), through the regularized incomplete beta function.
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN
  if (df === Number.POSITIVE_INFINITY) return normalSf(t)
  if (t === Number.POSITIVE_INFINITY) return 0
  if (t === Number.NEGATIVE_INFINITY) return 1
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5)
  return t > 0 ? tail : 1 - tail
}

/**
 * Welch's t-test for a difference of means with unequal variances, matching scipy
 * `ttest_ind(a, b, equal_var=False)`. Tests the mean itself, so a handful of extreme values
 * widens its interval instead of moving a verdict. Needs at least 2 values per sample; when both
 * variances are 0, equal means give p = 1 and different ones p = 0 (or 1 against the alternative).
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>, options: WelchOptions = {}): WelchResult {
  const summary = (values: ArrayLike<number>, name: string) => {
    const n = values.length
    if (n < 2) throw new Error(`${name} has ${n} values; Welch's t-test needs at least 2 per sample`)
    assertFinite(values, name)
    const m = mean(values)
    return { n, m, se2: standardDeviation(values, m) ** 2 / n }
  }
  const x = summary(a, 'a')
  const y = summary(b, 'b')
  const alternative = options.alternative ?? 'two-sided'
  const difference = x.m - y.m
  const se2 = x.se2 + y.se2
  const df = se2 > 0 ? (se2 * se2) / ((x.se2 * x.se2) / (x.n - 1) + (y.se2 * y.se2) / (y.n - 1)) : x.n + y.n - 2
  const t = se2 > 0 ? difference / Math.sqrt(se2) : difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY
  let pValue: number
  if (alternative === 'greater') pValue = studentTSf(t, df)
  else if (alternative === 'less') pValue = studentTSf(-t, df)
  else pValue = Math.min(1, 2 * studentTSf(Math.abs(t), df))
  if (t === 0 && se2 === 0) pValue = 1
  return { t, df, pValue, difference }
}

function assertFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (!Number.isFinite(v)) throw new Error(`${name}[${i}] is ${v}; values must be finite numbers`)
  }
}

function sortedCopy(values: readonly number[], name: string): Float64Array {
  assertFinite(values, name)
  return Float64Array.from(values).sort()
}

/**
 * U of a against b (pairs with a > b, plus ½ per tie) and the tie term Σ(t³ − t) over groups of
 * equal values in the pooled sample. Sorts each sample and merges: O((n + m) log(n + m)).
 * Throws on non-finite values.
 */
export function uStatistic(a: readonly number[], b: readonly number[]): { u: number; tieTerm: number } {
  return uStatisticSorted(sortedCopy(a, 'a'), sortedCopy(b, 'b'), 1)
}

/** {@link uStatistic} of ascending samples, b multiplied by `scale` > 0: one merge, O(n + m). */
function uStatisticSorted(x: ArrayLike<number>, y: ArrayLike<number>, scale: number): { u: number; tieTerm: number } {
  let i = 0
  let j = 0
  let u = 0
  let tieTerm = 0
  const yAt = (k: number) => (y[k] as number) * scale
  while (i < x.length || j < y.length) {
    const v = Math.min(i < x.length ? (x[i] as number) : Infinity, j < y.length ? yAt(j) : Infinity)
    const bBelow = j // b values strictly below v
    let ta = 0
    let tb = 0
    while (i < x.length && x[i] === v) {
      i++
      ta++
    }
    while (j < y.length && yAt(j) === v) {
      j++
      tb++
    }
    u += ta * bBelow + 0.5 * ta * tb
    const t = ta + tb
    tieTerm += t * t * t - t
  }
  return { u, tieTerm }
}

/**
 * Mann–Whitney U test with the normal approximation, tie-corrected variance and (by default) the
 * ½ continuity correction, matching scipy `mannwhitneyu(method="asymptotic")`. p = 1 and z = 0
 * when every value is tied (no variance). O((n + m) log(n + m)).
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) throw new Error(`a has ${n1} and b has ${n2} values; both samples must be non-empty`)
  return mannWhitneyUSorted(sortedCopy(a, 'a'), sortedCopy(b, 'b'), options)
}

/**
 * {@link mannWhitneyU} of ascending, finite samples, with b multiplied by `options.scale` (> 0,
 * default 1): the test of "a is larger than b scaled by k", which the gate inverts into an interval
 * of the ratio. O(n + m): one merge, no sorting.
 */
export function mannWhitneyUSorted(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: MannWhitneyOptions & { scale?: number } = {},
): MannWhitneyResult {
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) throw new Error(`a has ${n1} and b has ${n2} values; both samples must be non-empty`)
  const alternative = options.alternative ?? 'two-sided'
  const cc = options.continuity === false ? 0 : 0.5
  const { u, tieTerm } = uStatisticSorted(a, b, options.scale ?? 1)
  const total = n1 + n2
  const mu = (n1 * n2) / 2
  const variance = ((n1 * n2) / 12) * (total + 1 - (total > 1 ? tieTerm / (total * (total - 1)) : 0))
  const effect = u / (n1 * n2)
  if (!(variance > 0)) return { u, z: 0, pValue: 1, effect }
  const sd = Math.sqrt(variance)
  const d = u - mu
  let z: number
  let pValue: number
  if (alternative === 'greater') {
    z = (d - cc) / sd
    pValue = normalSf(z)
  } else if (alternative === 'less') {
    z = (d + cc) / sd
    pValue = normalCdf(z)
  } else {
    z = (Math.sign(d) * Math.max(0, Math.abs(d) - cc)) / sd
    pValue = Math.min(1, 2 * normalSf(Math.abs(z)))
  }
  return { u, z, pValue, effect }
}
