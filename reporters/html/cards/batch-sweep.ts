import type { BatchSweepResult } from '../../../src/results/batch-sweep.js'
import { formatBytes, formatDuration, formatRate } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { CardContent, TableView } from '../card.js'
import { batchThroughputChart } from '../charts/batch.js'
import { batchGroup, groupChanges, type GroupChanges } from '../group-changes.js'
import { metricRows } from '../metric-rows.js'

function sizesTable(result: BatchSweepResult, changes: GroupChanges): TableView {
  const memory = result.sizes.some((s) => s.memory)
  return {
    caption: 'Per batch size',
    columns: ['batch size', 'p50 per call', 'p95 per call', 'per item', 'items/s', ...(memory ? ['peak RSS'] : []), ...changes.columns],
    rows: result.sizes.map((s, i) => [
      { text: String(s.batchSize) },
      { text: formatDuration(s.latency.p50) },
      { text: formatDuration(s.latency.p95) },
      { text: formatDuration(s.msPerItem) },
      s.batchSize === result.bestItemsPerSecond.batchSize ? { text: formatRate(s.itemsPerSecond), tone: 'good' as const } : { text: formatRate(s.itemsPerSecond) },
      ...(memory ? [{ text: s.memory ? formatBytes(s.memory.rssPeak) : '–' }] : []),
      ...(changes.cells[i] ?? []),
    ]),
  }
}

/** Card content of a `batchSweep()` result: the items/s curve and a per-size table. */
export function batchSweepContent(entry: ResultsJsonEntry, result: BatchSweepResult): CardContent {
  const best = result.bestItemsPerSecond
  const changes = groupChanges(entry.comparison, result.sizes.map((s) => batchGroup(s.batchSize)))
  return {
    summary: `${result.sizes.length} batch sizes · ${result.device}`,
    facts: [
      { label: 'best batch size', value: `${best.batchSize} (${formatRate(best.itemsPerSecond)} items)` },
      { label: 'calls measured', value: result.sizes.map((s) => s.iterations).reduce((a, b) => a + b, 0).toLocaleString('en-US') },
    ],
    metrics: metricRows([], entry.comparison, changes.shown),
    tables: [sizesTable(result, changes)],
    charts: [batchThroughputChart(result.sizes.map((s) => ({ batchSize: s.batchSize, itemsPerSecond: s.itemsPerSecond })), best.batchSize)],
    notes: [],
  }
}
