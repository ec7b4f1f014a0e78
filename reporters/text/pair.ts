/**
 * A `benchmarkPair()` result in the gate's vocabulary: its head/base ratio is a metric comparison
 * (head against base instead of against a stored baseline), so the console, summary.md and the
 * report word it, colour it and draw it exactly as they do a baseline comparison.
 */
import { LOOKS } from '../../src/analyse/paired.js'
import { pairedText } from './ab.js'
import type { ResultsJsonEntry } from '../../src/gate/results-json.js'
import type { ComparisonWhy, MetricComparison, ResultComparison } from '../../src/gate/verdict.js'
import type { BenchmarkPairResult } from '../../src/results/benchmark-pair.js'

const WHY: Record<BenchmarkPairResult['verdict'], ComparisonWhy> = {
  regressed: 'beyond-tolerance',
  improved: 'beyond-tolerance',
  unchanged: 'within-tolerance',
  inconclusive: 'undecided',
}

/** The pair's p50 as a metric comparison: base p50 → head p50, the change head/base − 1 with its interval and p-values. */
export function pairMetric(result: BenchmarkPairResult): MetricComparison {
  const minus1 = (v: number | null) => (v === null ? null : v - 1)
  return {
    metric: 'p50',
    verdict: result.verdict,
    why: WHY[result.verdict],
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
 * An entry as the reporters show it: a paired benchmark carries its own comparison of head against
 * base (a stored baseline has nothing to add to it); every other entry is unchanged.
 */
export function withPairComparison<E extends Pick<ResultsJsonEntry, 'result' | 'comparison'>>(entry: E): E {
  return entry.result.kind === 'benchmark-pair' ? { ...entry, comparison: pairComparison(entry.result) } : entry
}

/** 'head/base 1.043× [1.021, 1.066], 48 slice pairs, 2.10 s, decided' (and about how much more time would decide an inconclusive one). */
export function pairHeadline(result: BenchmarkPairResult): string {
  const bound = (v: number | null) => (v === null ? 'open' : v.toFixed(3))
  return `head/base ${result.ratio.toFixed(3)}× [${bound(result.interval.lower)}, ${bound(result.interval.upper)}], ${pairedText(pairMetric(result))}`
}
