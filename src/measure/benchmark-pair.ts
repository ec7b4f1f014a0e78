import { moreTimeToDecide } from '../analyse/paired.js'
import { mean, quantileSorted } from '../analyse/stats.js'
import { recordTarget, throwIfStopped } from '../core/sink.js'
import { isThenable } from '../core/thenable.js'
import { parseDuration, parseFraction, type Duration, type Fraction } from '../core/units.js'
import type { BenchmarkPairResult, PairSide } from '../results/benchmark-pair.js'
import { resolveDevice, type DeviceOption } from './device.js'
import { envFingerprint } from './fingerprint.js'
import { interleave, type SliceRunner } from './interleave.js'

/** The two functions of {@link benchmarkPair}: `head` is judged against `base`. */
export interface PairFunctions {
  base: () => unknown
  head: () => unknown
}

/** Options of {@link benchmarkPair}. Durations are ms or strings with a unit ('25ms', '10s'). */
export interface BenchmarkPairOptions {
  /** Relative change of the median latency that counts ['5%']. */
  tolerance?: Fraction
  /** Chance of a false verdict over the whole measurement, every look included [0.01]. */
  alpha?: number
  /** Length of one slice: calls of one side before switching to the other [10 ms]. */
  slice?: Duration
  /** Real time the measurement may take, warm-up included; it stops earlier once decided [10 s]. */
  budget?: Duration
  /** Warm-up of each side before the first slice [100 ms]. */
  warmup?: Duration
  /** Calls dropped at the start of every slice, after the other side ran [1]. */
  discardPerSlice?: number
  /** Items processed per call (recorded with the result) [1]. */
  batchSize?: number
  /** Device whose work must finish before the clock stops ['cpu']. */
  device?: DeviceOption
  /** Seed of the blocks' random ABBA / BAAB orientation [fixed]. */
  seed?: number
  /** Stops the measurement early; the result says 'aborted'. */
  signal?: AbortSignal
  /** Record the result on the current vitest test [true]. */
  record?: boolean
}


/**
 * A side that calls `fn` back to back for a slice and returns each call's time. The first
 * `discard` calls of every slice run but are not returned: after the other side ran, caches and
 * branch predictors hold its state. At least one call is returned per slice, however long it takes.
 */
export function functionSliceRunner(fn: () => unknown, options: { discard?: number; sync?: (output: unknown) => unknown } = {}): SliceRunner {
  const discard = options.discard ?? 0
  const sync = options.sync
  return {
    async runSlice(ms) {
      const times: number[] = []
      const end = performance.now() + ms
      for (let i = 0; times.length === 0 || performance.now() < end; i++) {
        const start = performance.now()
        const out = fn()
        const value = isThenable(out) ? await out : out
        if (sync) await sync(value)
        const took = performance.now() - start
        if (i >= discard) times.push(took)
      }
      return times
    },
  }
}

function sideOf(calls: readonly number[]): PairSide {
  const sorted = [...calls].sort((a, b) => a - b)
  return { iterations: sorted.length, p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), p99: quantileSorted(sorted, 0.99), mean: mean(sorted) }
}

/**
 * Measures `head` against `base` interleaved in one process: warm-up on both, then blocks of four
 * short slices (ABBA or BAAB, at random) so both functions see the machine in the same state, until
 * the head/base ratio of the median latency is decided or the budget is spent. Verdict by the
 * baseline gate's three-way rule on the ratio's tests: `regressed` when head is slower beyond the
 * tolerance, `improved` faster beyond it, `unchanged` when within ± the tolerance is shown,
 * `inconclusive` otherwise (with about how much more time would decide it). Inside a vitest test
 * the result is recorded for the reporter; if the test ends first (a timeout), it stops and throws.
 */
export async function benchmarkPair(name: string, fns: PairFunctions, options: BenchmarkPairOptions = {}): Promise<BenchmarkPairResult> {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('benchmarkPair: the first argument must be a non-empty name.')
  if (typeof fns?.base !== 'function' || typeof fns.head !== 'function') {
    throw new TypeError(`benchmarkPair "${name}": the second argument must be { base: () => …, head: () => … }, the two functions to compare.`)
  }
  const tolerance = parseFraction(options.tolerance ?? '5%')
  const alpha = options.alpha ?? 0.01
  const sliceMs = parseDuration(options.slice ?? 10)
  const budgetMs = parseDuration(options.budget ?? 10_000)
  const discard = options.discardPerSlice ?? 1
  if (!(Number.isInteger(discard) && discard >= 0)) throw new TypeError(`benchmarkPair "${name}": discardPerSlice must be a whole number ≥ 0, got ${discard}.`)
  const batchSize = options.batchSize ?? 1
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new TypeError(`benchmarkPair "${name}": batchSize must be a positive integer, got ${batchSize}.`)
  const device = resolveDevice(options.device)
  // the test this runs in: stop when it ends, and file the result there only
  const target = recordTarget()
  const signals = [options.signal, target.signal].filter((s): s is AbortSignal => s !== undefined)
  const startedAt = new Date().toISOString()
  const base = functionSliceRunner(fns.base, { discard, sync: device.sync })
  const head = functionSliceRunner(fns.head, { discard, sync: device.sync })
  const outcome = await interleave(base, head, {
    tolerance,
    alpha,
    sliceMs,
    budgetMs,
    warmupMs: parseDuration(options.warmup ?? 100),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
  })
  throwIfStopped(target.signal, `benchmarkPair "${name}"`)
  const a = outcome.analysis
  const result: BenchmarkPairResult = {
    kind: 'benchmark-pair',
    name,
    base: sideOf(outcome.pairs.flatMap((p) => p.base)),
    head: sideOf(outcome.pairs.flatMap((p) => p.head)),
    ratio: a.ratio,
    interval: { lower: a.interval[0], upper: a.interval[1], level: a.level },
    tolerance,
    alpha,
    pWorse: a.pWorse,
    pBetter: a.pBetter,
    pWithin: a.pWithin,
    verdict: a.verdict,
    pairs: outcome.pairs.length,
    blocks: a.blocks,
    looks: outcome.looks,
    sliceMs,
    budgetMs,
    elapsedMs: outcome.elapsedMs,
    stoppedBecause: outcome.stoppedBecause,
    discardedPerSlice: discard,
    batchSize,
    device: device.name,
    env: envFingerprint(),
    startedAt,
  }
  if (a.verdict === 'inconclusive') result.moreTimeMs = moreTimeToDecide(a, tolerance, outcome.elapsedMs)
  if (options.record !== false) target.result(result)
  return result
}
