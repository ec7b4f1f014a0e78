/**
 * Statistics of a paired (interleaved) measurement: two sides, base and head, measured in short
 * alternating slices on the same machine at the same moments, so that what the machine does in
 * the meantime (other processes, frequency changes, a noisy neighbour) hits both alike.
 *
 * Slices come in blocks of four, ABBA or BAAB with the orientation drawn at random per block
 * (the scheduler, `src/measure/interleave.ts`, does that): pairs 2k and 2k + 1 of the input are the
 * two halves of block k. Each slice is summarised by the median of its calls (robust to the slow
 * first call after a pause and to a burst inside the slice); each pair by log(head median / base
 * median); each block by the mean of its two pairs, which cancels a linear drift across the block.
 *
 * Why a signed-rank test over blocks and not a bootstrap over pairs: a bootstrap over ~18 slice
 * pairs put its lower bound above 1 in 6.7–10 % of A/A runs against a nominal 2.5 % (issue 15) —
 * few, heavy-tailed and time-correlated pairs. With random orientation, an A/A block's log ratio
 * is its noise times an independent fair sign, whatever the noise is (bursts, drift, correlation
 * between neighbouring blocks); Wilcoxon's signed-rank test conditions on the magnitudes and uses
 * only those signs, so its null distribution is exact — no normality, no independence of the
 * magnitudes, no minimum sample size. Inverted (a shift of the log ratio) it gives the
 * Hodges–Lehmann interval, exact under a multiplicative change of the head. Ranks make it robust
 * to the heavy tails that noise gives pair ratios. Pure functions.
 */
import { changeInterval, undecidable, type ChangeTests } from './change.js'
import { normalCdf, normalSf } from './significance.js'
import { quantileSorted } from './stats.js'

/** The call times (ms) of one base slice and its paired head slice. */
export interface SlicePair {
  base: number[]
  head: number[]
}

/** The three-way verdict of a paired measurement, or 'inconclusive' when it is undecided. */
export type PairedVerdict = 'regressed' | 'improved' | 'unchanged' | 'inconclusive'

/** The head/base ratio of a paired measurement, with its tests against ± the tolerance. */
export interface PairedAnalysis {
  /** head / base of the median latency: exp of the Hodges–Lehmann estimate of the blocks' log ratios (NaN with no block). */
  ratio: number
  /** Interval of the ratio at level 1 − 2·alpha (the level the verdict is decided at); a bound is null where the blocks cannot exclude any value on that side. */
  interval: [number | null, number | null]
  /** Two-sided level of `interval`. */
  level: number
  /** p-value of "head is slower than base by more than the tolerance". */
  pWorse: number
  /** p-value of "head is faster than base by more than the tolerance". */
  pBetter: number
  /** p-value of "within ± the tolerance" (two one-sided tests, the larger p). */
  pWithin: number
  /** Slice pairs given. */
  pairs: number
  /** Complete blocks (two pairs each, both with calls on every side) the tests used. */
  blocks: number
  /** regressed / improved / unchanged when the tests decide it at alpha, inconclusive otherwise. */
  verdict: PairedVerdict
}

/** Tests of a relative change whose p-values decide the three-way verdict. */
export interface VerdictPValues {
  pWorse: number
  pBetter: number
  pWithin: number
}

/**
 * The three-way rule, the same as the baseline gate's: regressed when "beyond the tolerance on the
 * slower side" is shown at alpha, improved on the faster side, unchanged when "within ± the
 * tolerance" is shown, inconclusive otherwise.
 */
export function decideVerdict(p: VerdictPValues, alpha: number): PairedVerdict {
  if (p.pWorse < alpha) return 'regressed'
  if (p.pBetter < alpha) return 'improved'
  if (p.pWithin < alpha) return 'unchanged'
  return 'inconclusive'
}

/** p-values of "beyond +tolerance", "beyond −tolerance" and "within ±tolerance" for a change where lower is better (latency). */
export function verdictPValues(tests: ChangeTests, tolerance: number): VerdictPValues {
  return {
    pWorse: tests.greater(tolerance),
    pBetter: tests.less(-tolerance),
    pWithin: Math.max(tests.less(tolerance), tests.greater(-tolerance)),
  }
}

// ---------------------------------------------------------------------------------------------
// Wilcoxon's signed-rank test

/** The largest n whose exact null distribution is used (scipy's rule: exact up to 50 without ties or zeros). */
const EXACT_LIMIT = 50

const upperTails = new Map<number, Float64Array>()

/** P(T+ ≥ t) for t = 0 … n(n+1)/2 under the null (each rank's sign a fair coin), cached per n. */
function signedRankUpperTail(n: number): Float64Array {
  const cached = upperTails.get(n)
  if (cached) return cached
  const max = (n * (n + 1)) / 2
  // probabilities, not counts: 2^50 subsets overflow exact integers in doubles
  let f = new Float64Array(max + 1)
  f[0] = 1
  for (let k = 1; k <= n; k++) {
    const g = new Float64Array(max + 1)
    for (let t = 0; t <= max; t++) g[t] = 0.5 * ((f[t] as number) + (t >= k ? (f[t - k] as number) : 0))
    f = g
  }
  const tail = new Float64Array(max + 2)
  for (let t = max; t >= 0; t--) tail[t] = (tail[t + 1] as number) + (f[t] as number)
  upperTails.set(n, tail)
  return tail
}

/** Result of {@link wilcoxonSignedRank}. */
export interface SignedRankResult {
  /** Sum of the ranks of |x| over the positive values (scipy's statistic for one-sided tests). */
  statistic: number
  /** Non-zero values ranked. */
  n: number
  pValue: number
  /** 'exact' (n ≤ 50, no ties) or 'normal' (tie-corrected, no continuity correction). */
  method: 'exact' | 'normal'
}

/**
 * Wilcoxon's one-sided signed-rank test of "the values are symmetric about 0" against 'greater'
 * (shifted up) or 'less'. Zeros are dropped (scipy `zero_method='wilcox'`); tied magnitudes get
 * mid-ranks. Equals scipy's `wilcoxon(x, alternative=…, method='exact')` for n ≤ 50 without ties
 * and its `method='approx'` (`correction=False`) otherwise.
 */
export function wilcoxonSignedRank(x: readonly number[], alternative: 'greater' | 'less'): SignedRankResult {
  const values = x.filter((v) => v !== 0)
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`wilcoxonSignedRank: values must be finite numbers, got ${v}.`)
  const n = values.length
  if (n === 0) return { statistic: 0, n: 0, pValue: 1, method: 'exact' }
  const order = values.map((_, i) => i).sort((a, b) => Math.abs(values[a] as number) - Math.abs(values[b] as number))
  let plus = 0
  let tieTerm = 0
  for (let i = 0; i < n; ) {
    let j = i
    const magnitude = Math.abs(values[order[i] as number] as number)
    while (j + 1 < n && Math.abs(values[order[j + 1] as number] as number) === magnitude) j++
    const rank = (i + j + 2) / 2
    const t = j - i + 1
    tieTerm += t * t * t - t
    for (let k = i; k <= j; k++) if ((values[order[k] as number] as number) > 0) plus += rank
    i = j + 1
  }
  return { statistic: plus, n, ...signedRankP(n, plus, tieTerm, alternative) }
}

/** The p-value of T+ = `plus` among n ranks (`tieTerm`: Σ t³ − t over tied groups). */
function signedRankP(n: number, plus: number, tieTerm: number, alternative: 'greater' | 'less'): Pick<SignedRankResult, 'pValue' | 'method'> {
  const max = (n * (n + 1)) / 2
  if (n <= EXACT_LIMIT && tieTerm === 0) {
    const tail = signedRankUpperTail(n)
    // symmetric null: P(T+ ≤ t) = P(T+ ≥ max − t)
    const p = alternative === 'greater' ? (tail[plus] as number) : (tail[max - plus] as number)
    return { pValue: Math.min(1, p), method: 'exact' }
  }
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48)
  const z = (plus - max / 2) / sd
  return { pValue: alternative === 'greater' ? normalSf(z) : normalCdf(z), method: 'normal' }
}

/** The Walsh averages (x_i + x_j)/2, i ≤ j, ascending. */
function sortedWalshAverages(x: readonly number[]): Float64Array {
  const walsh = new Float64Array((x.length * (x.length + 1)) / 2)
  let k = 0
  for (let i = 0; i < x.length; i++) for (let j = i; j < x.length; j++) walsh[k++] = ((x[i] as number) + (x[j] as number)) / 2
  return walsh.sort()
}

/** Hodges–Lehmann estimate of the centre of `x`: the median of its Walsh averages (x_i + x_j)/2, i ≤ j. */
export function hodgesLehmann(x: readonly number[]): number {
  return x.length === 0 ? Number.NaN : quantileSorted(sortedWalshAverages(x), 0.5)
}

/** How many of the ascending `sorted` are greater than `v` (binary search). */
function countAbove(sorted: Float64Array, v: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) > v) hi = mid
    else lo = mid + 1
  }
  return sorted.length - lo
}

// ---------------------------------------------------------------------------------------------
// Slice pairs → blocks → tests

function sliceMedian(calls: readonly number[]): number {
  return calls.length === 0 ? Number.NaN : quantileSorted([...calls].sort((a, b) => a - b), 0.5)
}

function pairLogRatio(pair: SlicePair): number {
  return Math.log(sliceMedian(pair.head) / sliceMedian(pair.base))
}

/**
 * One log ratio per complete block: the mean of log(head median / base median) over the block's
 * two pairs (pairs 2k and 2k + 1). A block with an empty or non-positive slice is left out; an odd
 * last pair waits for its partner.
 */
export function blockLogRatios(pairs: readonly SlicePair[]): number[] {
  const out: number[] = []
  for (let k = 0; k + 1 < pairs.length; k += 2) {
    const value = (pairLogRatio(pairs[k] as SlicePair) + pairLogRatio(pairs[k + 1] as SlicePair)) / 2
    if (Number.isFinite(value)) out.push(value)
  }
  return out
}

/**
 * Tests of the relative change head/base − 1 from the blocks' log ratios: "change > δ" is "the
 * log ratios are shifted above θ = log(1 + δ)" by the signed-rank test; the estimate is the
 * Hodges–Lehmann shift. Plugs into {@link changeInterval} and the gate's vocabulary.
 *
 * The signed-rank statistic of x − θ is the number of Walsh averages above θ, so the averages are
 * sorted once and every test is a binary search: the interval's bisection costs O(log n) a step
 * instead of a sort (1,000 blocks: milliseconds, not seconds). Equal to {@link wilcoxonSignedRank}
 * of the shifted values except where θ hits a data value or a tie exactly.
 */
export function pairedTests(logRatios: readonly number[]): ChangeTests {
  const n = logRatios.length
  if (n === 0) return undecidable('relative', Number.NaN)
  const walsh = sortedWalshAverages(logRatios)
  const plus = (delta: number) => countAbove(walsh, Math.log1p(delta))
  return {
    scale: 'relative',
    estimate: Math.expm1(quantileSorted(walsh, 0.5)),
    greater: (delta) => signedRankP(n, plus(delta), 0, 'greater').pValue,
    less: (delta) => signedRankP(n, plus(delta), 0, 'less').pValue,
  }
}

/**
 * The head/base ratio of the median latency over slice pairs (in the order measured; consecutive
 * pairs form one ABBA block), its interval at level 1 − 2·alpha, the p-values of beyond / within
 * ± `tolerance` and the verdict at `alpha`. The smallest p-value n blocks can give is 2^−n, so
 * deciding at alpha needs at least {@link blocksToDecide}(alpha) blocks.
 */
export function analysePairs(pairs: readonly SlicePair[], tolerance: number, alpha: number): PairedAnalysis {
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`analysePairs: tolerance must be a fraction in [0, 1), e.g. 0.05 for 5 %; got ${tolerance}.`)
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`analysePairs: alpha must be in (0, 0.5), e.g. 0.01; got ${alpha}.`)
  const blocks = blockLogRatios(pairs)
  const tests = pairedTests(blocks)
  const p = verdictPValues(tests, tolerance)
  const { lower, upper, level } = changeInterval(tests, alpha)
  return {
    ratio: 1 + tests.estimate,
    interval: [lower === null ? null : 1 + lower, upper === null ? null : 1 + upper],
    level,
    ...p,
    pairs: pairs.length,
    blocks: blocks.length,
    verdict: decideVerdict(p, alpha),
  }
}

// ---------------------------------------------------------------------------------------------
// Sequential stopping

/**
 * Looks at the data a paired measurement may take: at 1/8, 1/4, 1/2 and all of its time budget.
 * Each look tests at alpha / LOOKS (Bonferroni), so the chance of a false verdict over all looks
 * stays below alpha however the looks fall — no assumption about how the statistics at different
 * looks correlate, which a rank test over a random number of blocks would make hard to justify.
 */
export const LOOKS = 4

/** The fraction of the time budget at which look k (1 … LOOKS) falls. */
export function lookFraction(k: number): number {
  return 2 ** (k - LOOKS)
}

/** Blocks below which a signed-rank test cannot reach `alpha` (its smallest p-value is 2^−n). */
export function blocksToDecide(alpha: number): number {
  return Math.floor(-Math.log2(alpha)) + 1
}

/**
 * About how much longer (same units as `elapsed`) the measurement would have had to run to decide
 * an inconclusive analysis: the interval narrows like 1/√n, and it must shrink until it clears the
 * nearest boundary of the tolerance band on the estimate's side. null when the estimate sits on a
 * boundary or the interval is open (no estimate possible); 0 when already decided.
 */
export function moreTimeToDecide(analysis: PairedAnalysis, tolerance: number, elapsed: number): number | null {
  if (analysis.verdict !== 'inconclusive') return 0
  const [lo, hi] = analysis.interval
  if (lo === null || hi === null || !(lo > 0) || !(analysis.ratio > 0)) return null
  const c = Math.log(analysis.ratio)
  const below = c - Math.log(lo)
  const above = Math.log(hi) - c
  const up = Math.log1p(tolerance)
  const down = Math.log1p(-tolerance)
  let factor: number
  if (c > up) factor = below / (c - up)
  else if (c < down) factor = above / (down - c)
  else factor = Math.max(above / (up - c), below / (c - down))
  // on a boundary (to rounding) no amount of data decides
  if (!(factor < 1e6)) return null
  return Math.max(0, elapsed * (factor * factor - 1))
}
