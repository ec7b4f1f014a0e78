import { quantileSorted } from '../../../src/analyse/stats.js'
import type { BenchmarkResult } from '../../../src/results/benchmark.js'
import { formatBytes, formatDuration } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { CardContent, Fact } from '../card.js'
import { latencyDistributionChart, percentileChart, PERCENTILES, throughputChart, type Percentile } from '../charts/latency.js'
import { metricRows, type KnownMetric } from '../metric-rows.js'

const STOP_REASONS: Record<BenchmarkResult['stopReason'], string> = {
  'target-rme': 'target precision reached',
  'max-time': 'time budget spent',
  'max-iterations': 'iteration cap reached',
  paired: 'interleaved with the base tree (A/B run)',
}

/**
 * The baseline's percentiles: the gated ones as stored, the others (p99) from its latency sample
 * (ascending, evenly spaced order statistics, so every percentile is kept).
 */
export function baselinePercentiles(entry: Pick<ResultsJsonEntry, 'baseline'>): Partial<Record<Percentile, number>> {
  const baseline = entry.baseline
  if (!baseline) return {}
  const sorted = baseline.samples && baseline.samples.length > 0 ? baseline.samples : undefined
  const out: Partial<Record<Percentile, number>> = {}
  for (const p of PERCENTILES) {
    const value = baseline.metrics[p] ?? (sorted ? quantileSorted(sorted, Number(p.slice(1)) / 100) : undefined)
    if (value !== undefined) out[p] = value
  }
  return out
}

/** Card content of a `benchmark()` result: key numbers vs baseline and the three latency charts. */
export function benchmarkContent(entry: ResultsJsonEntry, result: BenchmarkResult): CardContent {
  const { latency } = result
  const basePercentiles = baselinePercentiles(entry)
  const known: KnownMetric[] = [
    ...PERCENTILES.map((p): KnownMetric => ({ id: p, label: `${p} latency`, value: latency[p], unit: 'ms', ci: latency.ci[p], baseline: basePercentiles[p] })),
    { id: 'throughput', label: 'throughput', value: result.throughput.itemsPerSecond, unit: 'items/s', baseline: entry.baseline?.metrics.throughput },
  ]
  if (result.memory) known.push({ id: 'rssPeak', label: 'peak RSS', value: result.memory.rssPeak, unit: 'bytes', baseline: entry.baseline?.metrics.rssPeak })

  const facts: Fact[] = [
    { label: 'mean ± sd', value: `${formatDuration(latency.mean)} ± ${formatDuration(latency.sd)}` },
    { label: 'min / max', value: `${formatDuration(latency.min)} / ${formatDuration(latency.max)}` },
    { label: 'first call (cold)', value: formatDuration(result.firstCallMs) },
    { label: 'outliers (Tukey)', value: `${result.outliers.total} (${result.outliers.severe} severe)` },
    { label: 'CPU use', value: `${(result.cpu.utilization * 100).toFixed(0)} % of one core` },
  ]
  if (result.memory) facts.push({ label: 'heap / external peak', value: `${formatBytes(result.memory.heapUsedPeak)} / ${formatBytes(result.memory.externalPeak)}` })
  if (result.coldStart) {
    facts.push({ label: 'model load', value: formatDuration(result.coldStart.loadMs) })
    if (result.coldStart.firstInferenceMs !== null) facts.push({ label: 'first inference', value: formatDuration(result.coldStart.firstInferenceMs) })
  }

  const current = { sorted: result.samples, percentiles: { p50: latency.p50, p95: latency.p95, p99: latency.p99 } }
  const baseSamples = entry.baseline?.samples
  const { p50, p95, p99 } = basePercentiles
  const baseline =
    baseSamples && baseSamples.length > 0 && p50 !== undefined && p95 !== undefined && p99 !== undefined
      ? { sorted: baseSamples, percentiles: { p50, p95, p99 } }
      : undefined
  return {
    summary: `${result.iterations.toLocaleString('en-US')} calls · batch ${result.batchSize} · ${result.device} · ${STOP_REASONS[result.stopReason]}`,
    facts,
    metrics: metricRows(known, entry.comparison),
    tables: [],
    charts: [
      latencyDistributionChart(current, baseline),
      percentileChart(PERCENTILES.map((p) => ({ percentile: p, current: latency[p], ci: latency.ci[p], baseline: basePercentiles[p] }))),
      throughputChart(result.throughput.itemsPerSecond, entry.baseline?.metrics.throughput),
    ],
    notes: [],
  }
}
