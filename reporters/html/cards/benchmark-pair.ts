import { LOOKS } from '../../../src/analyse/paired.js'
import { formatDuration, formatPercent } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { BenchmarkPairResult, PairSide } from '../../../src/results/benchmark-pair.js'
import { pairMetric } from '../../../src/gate/pair.js'
import { pairHeadline } from '../../text/pair.js'
import type { CardContent, TableView } from '../card.js'
import { forestChart } from '../charts/forest.js'
import { metricRows } from '../metric-rows.js'

const STOPPED: Record<BenchmarkPairResult['stoppedBecause'], string> = {
  decided: 'decided at a look',
  budget: 'time budget spent',
  aborted: 'aborted',
}

function sidesTable(result: BenchmarkPairResult): TableView {
  const row = (name: string, s: PairSide) => [name, String(s.iterations), formatDuration(s.p50), formatDuration(s.p95), formatDuration(s.p99), formatDuration(s.mean)].map((text) => ({ text }))
  return { caption: 'calls of each side, over every slice', columns: ['side', 'calls', 'p50', 'p95', 'p99', 'mean'], rows: [row('base', result.base), row('head', result.head)] }
}

/**
 * Card content of a `benchmarkPair()` result: the head/base ratio against the tolerance band (a
 * one-row forest plot), how the interleaved measurement ran, and each side's latency.
 */
export function benchmarkPairContent(entry: ResultsJsonEntry, result: BenchmarkPairResult): CardContent {
  const m = pairMetric(result)
  return {
    summary: `${result.pairs} slice pairs · ${formatDuration(result.elapsedMs)} · ${STOPPED[result.stoppedBecause]} · ${result.device}`,
    facts: [
      { label: 'tolerance', value: `± ${formatPercent(result.tolerance)}` },
      { label: 'alpha', value: `${result.alpha} over ${result.looks} of ${LOOKS} looks` },
      { label: 'slice', value: `${formatDuration(result.sliceMs)}, first ${result.discardedPerSlice} call(s) dropped` },
      { label: 'budget', value: formatDuration(result.budgetMs) },
    ],
    metrics: metricRows([], entry.comparison),
    tables: [sidesTable(result)],
    charts: [forestChart([{ label: `${result.name} › head/base p50`, verdict: result.verdict, change: m.change as number, lower: m.interval?.lower ?? null, upper: m.interval?.upper ?? null, level: result.interval.level, tolerance: result.tolerance }], 'relative')],
    notes: [`Interleaved in randomly oriented ABBA blocks of ${formatDuration(result.sliceMs)} slices: ${pairHeadline(result)}.`],
  }
}
