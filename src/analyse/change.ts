/**
 * Evidence about the change between a baseline and a current sample, as one-sided tests indexed by
 * the hypothesised change δ. Evaluated at ±tolerance they say whether the change is beyond the
 * tolerance, within it, or neither; inverted they give the interval of the change. The same
 * machinery serves every metric, so every verdict means the same thing.
 */
import { lowerBoundRank, upperBoundRank } from './quantile-bounds.js'
import { mannWhitneyUSorted, normalCdf, normalSf, studentTSf } from './significance.js'
import { mean, quantileSorted, standardDeviation, Z_975 } from './stats.js'

/**
 * A family of one-sided tests of a change. 'relative' changes are a ratio minus 1 (> −1);
 * 'absolute' ones a difference.
 */
export interface ChangeTests {
  scale: 'relative' | 'absolute'
  /** The point estimate of the change. */
  estimate: number
  /** p-value of H0 "change ≤ δ" against "change > δ"; non-decreasing in δ. */
  greater(delta: number): number
  /** p-value of H0 "change ≥ δ" against "change < δ"; non-increasing in δ. */
  less(delta: number): number
}

/** An interval of a change; a bound is null where no value can be excluded on that side. */
export interface ChangeInterval {
  lower: number | null
  upper: number | null
  /** Two-sided confidence level. */
  level: number
}

/** Tests that can never decide anything (too little data): p = 1 everywhere. */
export function undecidable(scale: ChangeTests['scale'], estimate: number): ChangeTests {
  return { scale, estimate, greater: () => 1, less: () => 1 }
}

const fromParameter = (scale: ChangeTests['scale'], x: number) => (scale === 'relative' ? Math.expm1(x) : x)

/**
 * Where a monotone predicate of δ flips, by bisection on log(1 + δ) for relative changes (ratios
 * are searched evenly) and on δ otherwise. `holdsBelow`: the predicate holds for small δ and fails
 * for large ones. null when it holds everywhere in the searched range (±30 in log ratio, ±1e9).
 */
function flip(scale: ChangeTests['scale'], predicate: (delta: number) => boolean, holdsBelow: boolean): number | null {
  const limit = scale === 'relative' ? 30 : 1e9
  const inside = (x: number) => predicate(fromParameter(scale, x)) === holdsBelow
  let lo = -limit
  let hi = limit
  if (holdsBelow ? !inside(lo) : inside(hi)) return null
  if (holdsBelow ? inside(hi) : !inside(lo)) return null
  // 1e-7 in log ratio (or absolute): far below any tolerance a verdict is held to
  while (hi - lo > 1e-7) {
    const mid = (lo + hi) / 2
    if (inside(mid)) lo = mid
    else hi = mid
  }
  return fromParameter(scale, holdsBelow ? lo : hi)
}

/**
 * The interval of the change at level 1 − 2·alpha: every δ that neither one-sided test at `alpha`
 * rejects. The same tests at the same alpha decide the verdict (two one-sided tests), so a
 * verdict and its interval never disagree.
 */
export function changeInterval(tests: ChangeTests, alpha: number): ChangeInterval {
  return {
    // "change > δ" is shown for every δ below the lower bound
    lower: flip(tests.scale, (d) => tests.greater(d) < alpha, true),
    // "change < δ" is shown for every δ above the upper bound
    upper: flip(tests.scale, (d) => tests.less(d) < alpha, false),
    level: 1 - 2 * alpha,
  }
}

/**
 * Ratio of two latency samples' locations by Mann–Whitney: "current / baseline > 1 + δ" is
 * "current is stochastically larger than the baseline scaled by 1 + δ". Distribution-free under
 * a change of scale, uses every sample, robust to the outliers every benchmark has. Both samples
 * ascending and positive; the estimate is the ratio of medians.
 */
export function ratioOfMediansTests(current: ArrayLike<number>, baseline: ArrayLike<number>): ChangeTests {
  const base = current.length > 0 && baseline.length > 0 ? quantileSorted(baseline, 0.5) : Number.NaN
  if (!(base > 0)) return undecidable('relative', Number.NaN)
  return {
    scale: 'relative',
    estimate: quantileSorted(current, 0.5) / base - 1,
    greater: (delta) => mannWhitneyUSorted(current, baseline, { alternative: 'greater', scale: 1 + delta }).pValue,
    less: (delta) => mannWhitneyUSorted(current, baseline, { alternative: 'less', scale: 1 + delta }).pValue,
  }
}

/**
 * log of the q-quantile of `sorted` and the standard error of that logarithm, read off the exact
 * 95 % order-statistic interval of a sample of n. `sorted` may be an evenly thinned copy of the n
 * samples (a stored baseline): its k-th value is the original's rank k·(n − 1)/(length − 1), so each
 * bound moves outward to the nearest stored rank. undefined when n is too small for both bounds.
 */
function logQuantile(sorted: ArrayLike<number>, n: number, q: number): { log: number; se: number } | undefined {
  const r = lowerBoundRank(n, q, 0.975)
  const s = upperBoundRank(n, q, 0.975)
  if (r === null || s === null || sorted.length === 0) return undefined
  const last = sorted.length - 1
  const at = (rank: number, round: (x: number) => number) => sorted[n > 1 ? Math.min(last, round(((rank - 1) * last) / (n - 1))) : 0] as number
  const lower = at(r, Math.floor)
  const upper = at(s, Math.ceil)
  const point = quantileSorted(sorted, q)
  if (!(lower > 0 && point > 0)) return undefined
  return { log: Math.log(point), se: (Math.log(upper) - Math.log(lower)) / (2 * Z_975) }
}

/**
 * Ratio of the q-quantiles of two samples (ascending; each possibly a thinned copy of `n`
 * samples): the log ratio is normal with the variance of both logs, each read off its exact
 * order-statistic interval — distribution-free in the quantiles' uncertainty, normal only in how
 * the two combine. Undecidable where n is too small for an interval on either side.
 */
export function ratioOfQuantilesTests(
  current: ArrayLike<number>,
  currentN: number,
  baseline: ArrayLike<number>,
  baselineN: number,
  q: number,
): ChangeTests {
  const c = logQuantile(current, currentN, q)
  const b = logQuantile(baseline, baselineN, q)
  if (!c || !b) {
    const estimate = current.length > 0 && baseline.length > 0 ? quantileSorted(current, q) / quantileSorted(baseline, q) - 1 : Number.NaN
    return undecidable('relative', estimate)
  }
  const diff = c.log - b.log
  const se = Math.hypot(c.se, b.se)
  const z = (delta: number) => (diff - Math.log1p(delta)) / se
  if (!(se > 0)) return exactChange('relative', Math.expm1(diff))
  return { scale: 'relative', estimate: Math.expm1(diff), greater: (d) => normalSf(z(d)), less: (d) => normalCdf(z(d)) }
}

/** A change known without sampling error (e.g. identical predictions): p = 0 or 1. */
export function exactChange(scale: ChangeTests['scale'], change: number): ChangeTests {
  return { scale, estimate: change, greater: (d) => (change > d ? 0 : 1), less: (d) => (change < d ? 0 : 1) }
}

/** Means, variances and (paired samples only) the covariance of two samples. */
export interface TwoSampleMoments {
  nA: number
  nB: number
  meanA: number
  meanB: number
  varA: number
  varB: number
  /** Covariance of a[i] and b[i]: present when the samples are paired (same examples, same order). */
  cov?: number
}

/** Moments of `a` and `b`; with `paired` they must have the same length and line up. */
export function momentsOf(a: ArrayLike<number>, b: ArrayLike<number>, paired: boolean): TwoSampleMoments {
  const meanA = mean(a)
  const meanB = mean(b)
  const m: TwoSampleMoments = {
    nA: a.length,
    nB: b.length,
    meanA,
    meanB,
    varA: standardDeviation(a, meanA) ** 2,
    varB: standardDeviation(b, meanB) ** 2,
  }
  if (paired) {
    if (a.length !== b.length) throw new Error(`paired samples have ${a.length} and ${b.length} values`)
    let sum = 0
    for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - meanA) * ((b[i] as number) - meanB)
    m.cov = a.length > 1 ? sum / (a.length - 1) : 0
  }
  return m
}

/**
 * One-sided p-value of "E[a] − k·E[b] > c" ('greater') or "< c" ('less'): a paired t-test on
 * a[i] − k·b[i] when the moments carry a covariance, Welch's t-test otherwise. With no variance
 * at all the contrast is known exactly (p = 0 or 1).
 */
export function contrastPValue(m: TwoSampleMoments, k: number, c: number, alternative: 'greater' | 'less'): number {
  const d = m.meanA - k * m.meanB - c
  let se2: number
  let df: number
  if (m.cov !== undefined) {
    se2 = Math.max(0, m.varA + k * k * m.varB - 2 * k * m.cov) / m.nA
    df = m.nA - 1
  } else {
    const sa = m.varA / m.nA
    const sb = (k * k * m.varB) / m.nB
    se2 = sa + sb
    df = se2 > 0 ? (se2 * se2) / ((sa * sa) / Math.max(1, m.nA - 1) + (sb * sb) / Math.max(1, m.nB - 1)) : 1
  }
  if (!(se2 > 0)) return (alternative === 'greater' ? d > 0 : d < 0) ? 0 : 1
  const t = d / Math.sqrt(se2)
  return studentTSf(alternative === 'greater' ? t : -t, Math.max(1, df))
}

/**
 * Ratio of two means, E[a] / E[b] − 1, from their moments: "ratio > 1 + δ" is "E[a] − (1 + δ)·E[b]
 * > 0" (a t-test that needs no normality of the ratio, unlike a delta-method interval).
 */
export function ratioOfMeansTests(m: TwoSampleMoments): ChangeTests {
  if (!(m.meanB > 0) || m.nA < 2 || m.nB < 2) return undecidable('relative', m.meanA / m.meanB - 1)
  return {
    scale: 'relative',
    estimate: m.meanA / m.meanB - 1,
    greater: (delta) => contrastPValue(m, 1 + delta, 0, 'greater'),
    less: (delta) => contrastPValue(m, 1 + delta, 0, 'less'),
  }
}

/**
 * Difference of two means scaled by `unit`: (E[a] − E[b]) / unit. "difference > δ" is
 * "E[a] − E[b] > δ·unit".
 */
export function differenceOfMeansTests(m: TwoSampleMoments, unit = 1): ChangeTests {
  if (m.nA < 2 || m.nB < 2 || !(unit > 0)) return undecidable('absolute', (m.meanA - m.meanB) / unit)
  return {
    scale: 'absolute',
    estimate: (m.meanA - m.meanB) / unit,
    greater: (delta) => contrastPValue(m, 1, delta * unit, 'greater'),
    less: (delta) => contrastPValue(m, 1, delta * unit, 'less'),
  }
}

/**
 * An absolute change estimated as `d` with standard error `se`, normally distributed (Wald); a
 * zero standard error means the change is exactly `d`.
 */
export function normalDifferenceTests(d: number, se: number): ChangeTests {
  if (!(se > 0)) return exactChange('absolute', d)
  return { scale: 'absolute', estimate: d, greater: (delta) => normalSf((d - delta) / se), less: (delta) => normalCdf((d - delta) / se) }
}

/**
 * Change of a proportion between two runs that scored the same examples: `gained` examples went
 * from wrong to right, `lost` from right to wrong, out of n. The paired difference (gained − lost)/n
 * with its Wald standard error; no discordant example at all means no change, exactly.
 */
export function pairedProportionTests(gained: number, lost: number, n: number): ChangeTests {
  const d = (gained - lost) / n
  return normalDifferenceTests(d, Math.sqrt(Math.max(0, (gained + lost) / n - d * d) / n))
}

/** Change of a proportion between two independent runs (different examples): Wald, unpooled. */
export function twoProportionTests(currentHits: number, currentN: number, baselineHits: number, baselineN: number): ChangeTests {
  const pc = currentHits / currentN
  const pb = baselineHits / baselineN
  return normalDifferenceTests(pc - pb, Math.sqrt((pc * (1 - pc)) / currentN + (pb * (1 - pb)) / baselineN))
}

/** Tests of a relative change f(change) mapped to tests of the change itself (f increasing). */
export function mapRelative(tests: ChangeTests, toInner: (delta: number) => number, fromInner: (inner: number) => number): ChangeTests {
  return {
    scale: 'relative',
    estimate: fromInner(tests.estimate),
    greater: (delta) => tests.greater(toInner(delta)),
    less: (delta) => tests.less(toInner(delta)),
  }
}

/**
 * Benjamini–Hochberg adjusted p-values (scipy `false_discovery_control(method='bh')`): rejecting
 * every hypothesis whose adjusted p is below q keeps the expected share of false discoveries among
 * the rejections at most q, for independent or positively dependent tests.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0])
  const adjusted = new Array<number>(m)
  let running = 1
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k] as readonly [number, number]
    running = Math.min(running, (p * m) / (k + 1))
    adjusted[i] = running
  }
  return adjusted
}

/**
 * The same tests with a run-to-run effect added: each run's level carries its own random offset
 * with relative standard deviation `sigma` (a log-normal effect on the ratio), which no within-run
 * sample can show. The within-run uncertainty is read off the tests' own 95 % interval of the log
 * ratio; the two combine as independent normals, √(se² + 2σ² + drift²). `drift`: a further
 * standard deviation of the log ratio, for a machine whose speed was seen to move during the run
 * (see `machineDrift` in src/gate/environment.ts). Relative changes only; tests that cannot bound
 * the change at 95 % stay undecidable.
 */
export function withRunNoise(tests: ChangeTests, sigma: number, drift = 0): ChangeTests {
  if (!(sigma > 0 || drift > 0) || tests.scale !== 'relative') return tests
  const { lower, upper } = changeInterval(tests, 0.025)
  if (lower === null || upper === null || !(lower > -1)) return undecidable('relative', tests.estimate)
  const center = Math.log1p(tests.estimate)
  const se = Math.hypot((Math.log1p(upper) - Math.log1p(lower)) / (2 * Z_975), Math.SQRT2 * Math.log1p(Math.max(0, sigma)), drift)
  const z = (delta: number) => (center - Math.log1p(delta)) / se
  return { scale: 'relative', estimate: tests.estimate, greater: (d) => normalSf(z(d)), less: (d) => normalCdf(z(d)) }
}
