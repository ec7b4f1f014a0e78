/**
 * A `benchmarkPair()` result in the gate's vocabulary: its head/base ratio is a metric comparison
 * (head against base, measured in one test, instead of against a stored baseline), so the gate
 * counts its verdict, fails the run on its regression, and the reporters word, colour and draw it
 * exactly as they do a baseline comparison.
 */
import { LOOKS } from '../analyse/paired.js'
import type { BenchmarkPairResult } from '../results/benchmark-pair.js'
import type { MlBenchResult } from '../results/index.js'
import { compareToBaseline, whyOf, type CompareOptions } from './compare.js'
import { baselineEntryOf } from './entry.js'
import type { BaselineEntry } from './schema.js'
import type { MetricComparison, ResultComparison } from './verdict.js'


/** The pair's p50 as a metric comparison: base p50 → head p50, the change head/base − 1 with its interval and p-values. */
export function pairMetric(result: BenchmarkPairResult): MetricComparison {
  const minus1 = (v: number | null) => (v === null ? null : v - 1)
  return {
    metric: 'p50',
    verdict: result.verdict,
    why: whyOf(result.verdict),
    baseline: result.base.p50,
    current: result.head.p50,
    change: result.ratio - 1,
    unit: 'ms',
    tolerance: result.tolerance,
    // each look is tested at alpha / LOOKS: that is the level the p-values are held to
    alpha: result.alpha / LOOKS,
    method: 'paired-slices',
    interval: { lower: minus1(result.interval.lower), upper: minus1(result.interval.upper), level: result.interval.level },
    pWorse: result.pWorse,
    pBetter: result.pBetter,
    pWithin: result.pWithin,
    paired: { pairs: result.pairs, elapsedMs: result.elapsedMs, stoppedBecause: result.stoppedBecause, moreTimeMs: result.moreTimeMs ?? null },
  }
}

/** The pair's own comparison (head against base). */
export function pairComparison(result: BenchmarkPairResult): ResultComparison {
  return { verdict: result.verdict, metrics: [pairMetric(result)] }
}

/**
 * A result's comparison: a paired benchmark's own (head against base), any other result's against
 * its baseline entry (undefined: none yet). `current` is the result as a baseline entry, when the
 * caller has it already.
 */
export function compareResult(result: MlBenchResult, baseline: BaselineEntry | undefined, options: CompareOptions, current: BaselineEntry = baselineEntryOf(result)): ResultComparison {
  return result.kind === 'benchmark-pair' ? pairComparison(result) : compareToBaseline(baseline, current, options)
}

/** Whether a result is a paired benchmark's: its comparison is its own, asserted by its own test and kept out of the run's false-discovery control. */
export function isPairResult(result: { kind: string } | undefined): boolean {
  return result?.kind === 'benchmark-pair'
}
