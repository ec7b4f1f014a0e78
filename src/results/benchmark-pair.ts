import type { PairedVerdict } from '../analyse/paired.js'
import type { EnvFingerprint } from './env.js'

/** One side of a paired benchmark: its calls' latency over every slice, ms. */
export interface PairSide {
  /** Measured calls (warm-up and discarded calls excluded). */
  iterations: number
  p50: number
  p95: number
  p99: number
  mean: number
}

/**
 * The result of {@link benchmarkPair}: two functions, base and head, measured interleaved in short
 * slices (ABBA / BAAB blocks) until the head/base ratio of the median latency is decided or the
 * budget is spent. Times in milliseconds.
 */
export interface BenchmarkPairResult {
  kind: 'benchmark-pair'
  name: string
  base: PairSide
  head: PairSide
  /** head / base of the median latency (Hodges–Lehmann over blocks of slice medians); above 1: head is slower. */
  ratio: number
  /** Interval of the ratio at level `level`; a bound is null where the blocks measured cannot give it. */
  interval: { lower: number | null; upper: number | null; level: number }
  /** Relative change that counts (0.05 = 5 %). */
  tolerance: number
  /** Chance of a false verdict over the whole measurement; each look tested at alpha / looks planned. */
  alpha: number
  /** p-values at the last look: head slower beyond the tolerance, faster beyond it, within ± it. */
  pWorse: number
  pBetter: number
  pWithin: number
  /** regressed (head slower beyond the tolerance), improved, unchanged (within ± the tolerance), or inconclusive. */
  verdict: PairedVerdict
  /** Slice pairs and complete ABBA blocks measured. */
  pairs: number
  blocks: number
  /** Looks taken at the data. */
  looks: number
  sliceMs: number
  budgetMs: number
  /** Real time spent, warm-up included. */
  elapsedMs: number
  /** 'decided' at a look, 'budget' spent, or 'aborted'. */
  stoppedBecause: 'decided' | 'budget' | 'aborted'
  /** When inconclusive: about how much more time would have decided it, ms (null when no estimate is possible). */
  moreTimeMs?: number | null
  /** Calls dropped at the start of every slice (slow first calls after the other side ran). */
  discardedPerSlice: number
  /** Items per call. */
  batchSize: number
  device: string
  env: EnvFingerprint
  /** ISO timestamp. */
  startedAt: string
}
