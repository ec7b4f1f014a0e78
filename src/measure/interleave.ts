/**
 * The paired scheduler: measures two sides, base and head, in short alternating slices so both
 * see the same machine at the same moments, and stops as soon as the head/base ratio is decided
 * (statistics in `src/analyse/paired.ts`). A side is anything that can run calls for a while and
 * report their times — a function in this process, or a vitest process across IPC.
 */
import { analysePairs, blocksToDecide, lookFraction, LOOKS, type PairedAnalysis, type SlicePair } from '../analyse/paired.js'
import { createRandom, DEFAULT_SEED } from '../analyse/random.js'
import type { SliceRunner } from '../core/pairing.js'

/** Which side of a paired measurement. */
export type ABSide = 'base' | 'head'

export type { SliceRunner }

/** Options of {@link interleave}. */
export interface InterleaveOptions {
  /** Relative change of the median latency that counts (0.05 = 5 %). */
  tolerance: number
  /** Chance of a false verdict over the whole measurement, all looks together. */
  alpha: number
  /** Length of one slice, ms [10]. */
  sliceMs?: number
  /** Real time the measurement may take, warm-up included, ms [10,000]. A block already running is finished. */
  budgetMs?: number
  /** Slice pairs measured before the first look [enough for the first look to decide: 2 × blocksToDecide(alpha / LOOKS)]. */
  minPairs?: number
  /** Stops the measurement after the slice running when it fires; the outcome says 'aborted'. */
  signal?: AbortSignal
  /** Warm-up on each side before the first slice, ms, never analysed [4 × sliceMs]. */
  warmupMs?: number
  /** Seed of the random ABBA / BAAB orientation of each block [fixed]. */
  seed?: number
  /**
   * Gated metrics the caller's multiple-comparison control spreads alpha over [1]: a change beyond
   * the tolerance stops the measurement only once shown at alpha / (LOOKS × family), which the
   * run-wide control then confirms; "within the tolerance" (not part of that control) at alpha / LOOKS.
   */
  family?: number
  /** The clock the budget and looks run on, ms [performance.now]; simulations pass a virtual one. */
  now?: () => number
}

/** What {@link interleave} measured and concluded. */
export interface InterleaveOutcome {
  /** Every slice pair in the order measured (pairs 2k and 2k + 1 form block k). */
  pairs: SlicePair[]
  /** The analysis at the last look, at that look's alpha (alpha / LOOKS). */
  analysis: PairedAnalysis
  /** Real time spent, warm-up included, ms. */
  elapsedMs: number
  /** 'decided' at a look, 'budget' spent (the last look), or 'aborted' by the signal. */
  stoppedBecause: 'decided' | 'budget' | 'aborted'
  /** Looks taken (each at alpha / LOOKS). */
  looks: number
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`interleave: ${name} must be a positive number of milliseconds, got ${value}.`)
  return value
}

/**
 * Measures `base` and `head` interleaved: warm-up on both sides, then blocks of four slices in the
 * order ABBA or BAAB (drawn at random per block: the signs the signed-rank test relies on; the
 * mirrored order cancels a linear drift within the block). The time between slices — switching
 * sides — is never in a slice's call times. Looks at the data at 1/8, 1/4, 1/2 and the end of the
 * budget, each at alpha / LOOKS, and stops at the first look that decides regressed, improved or
 * unchanged; a look that falls before `minPairs` is skipped (its share of alpha unused).
 */
export async function interleave(base: SliceRunner, head: SliceRunner, options: InterleaveOptions): Promise<InterleaveOutcome> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const elapsed = () => now() - started
  const sliceMs = positive('sliceMs', options.sliceMs ?? 10)
  const budgetMs = positive('budgetMs', options.budgetMs ?? 10_000)
  const warmupMs = options.warmupMs ?? 4 * sliceMs
  const lookAlpha = options.alpha / LOOKS
  const family = options.family ?? 1
  if (!(Number.isInteger(family) && family >= 1)) throw new RangeError(`interleave: family must be a whole number ≥ 1, got ${family}.`)
  const minPairs = options.minPairs ?? 2 * blocksToDecide(lookAlpha)
  if (!(Number.isInteger(minPairs) && minPairs >= 2)) throw new RangeError(`interleave: minPairs must be a whole number ≥ 2, got ${minPairs}.`)
  // validates tolerance and alpha before anything runs
  analysePairs([], options.tolerance, lookAlpha)
  const random = createRandom(options.seed ?? DEFAULT_SEED)
  const aborted = () => options.signal?.aborted === true

  if (warmupMs > 0 && !aborted()) {
    for (const side of [base, head]) await (side.warmUp ? side.warmUp(warmupMs) : side.runSlice(warmupMs))
  }
  const pairs: SlicePair[] = []
  let looks = 0
  let nextLook = 1
  let analysis = analysePairs(pairs, options.tolerance, lookAlpha)
  let blockMs = 0
  for (;;) {
    // the last look's analysis: analysing again now would be a look the error rate did not budget for
    if (aborted()) return { pairs, analysis, elapsedMs: elapsed(), stoppedBecause: 'aborted', looks }
    const blockStart = now()
    const [first, second] = random() < 0.5 ? [base, head] : [head, base]
    const slices: number[][] = []
    for (const side of [first, second, second, first]) {
      // between slices, out of every timed call: let timers and I/O run (an abort signal's timer,
      // a test timeout), which back-to-back synchronous calls would starve
      await nextTurn()
      if (aborted()) break
      slices.push(await side.runSlice(sliceMs))
    }
    if (slices.length < 4) continue // aborted mid-block: a partial block is never analysed
    const [s1, s2, s3, s4] = slices as [number[], number[], number[], number[]]
    pairs.push(first === base ? { base: s1, head: s2 } : { base: s2, head: s1 })
    pairs.push(first === base ? { base: s4, head: s3 } : { base: s3, head: s4 })
    blockMs = Math.max(blockMs, now() - blockStart)
    const spent = elapsed()
    // the last look comes when another block would overrun the budget
    const final = spent + blockMs > budgetMs
    if (!final && spent < lookFraction(nextLook) * budgetMs) continue
    while (nextLook < LOOKS && spent >= lookFraction(nextLook) * budgetMs) nextLook++
    if (pairs.length < minPairs && !final) continue
    looks++
    analysis = analysePairs(pairs, options.tolerance, lookAlpha)
    const beyond = lookAlpha / family
    if (analysis.pWorse < beyond || analysis.pBetter < beyond || analysis.pWithin < lookAlpha) return { pairs, analysis, elapsedMs: elapsed(), stoppedBecause: 'decided', looks }
    if (final) return { pairs, analysis, elapsedMs: elapsed(), stoppedBecause: 'budget', looks }
  }
}
