import { quantileSorted } from '../../../src/analyse/stats.js'
import type { BenchmarkResult } from '../../../src/results/benchmark.js'
import { formatBytes, formatDuration } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { CardContent, Fact } from '../card.js'
import { latencyDistributionChart, percentileChart, PERCENTILES, throughputChart, type LatencySeries, type Percentile } from '../charts/latency.js'
import { metricRows, type KnownMetric } from '../metric-rows.js'

const STOP_REASONS: Record<BenchmarkResult['stopReason'], string> = {
  'target-rme': 'target precision reached',
  'max-time': 'time budget spent',
  'max-iterations': 'iteration cap reached',
  paired: 'interleaved with the base tree (A/B run)',
}

/** The baseline's stored latency sample of `group` ('' for the result's own), ascending; undefined when it kept none. */
function storedSample(entry: Pick<ResultsJsonEntry, 'baseline'>, group: string): number[] | undefined {
  const sample = group ? entry.baseline?.groupSamples?.[group] : entry.baseline?.samples
  return sample && sample.length > 0 ? sample : undefined
}

/**
 * The baseline's percentiles of one sample group ('' for a benchmark's own latency, 'ttft' …): the
 * gated ones as stored, the others (p99) from the group's stored sample (ascending, evenly spaced
 * order statistics, so every percentile is kept).
 */
export function baselinePercentiles(entry: Pick<ResultsJsonEntry, 'baseline'>, group = ''): Partial<Record<Percentile, number>> {
  const baseline = entry.baseline
  if (!baseline) return {}
  const sorted = storedSample(entry, group)
  const out: Partial<Record<Percentile, number>> = {}
  for (const p of PERCENTILES) {
    // metric ids as the baseline names them: 'p50', 'ttft p50'
    const value = baseline.metrics[group ? `${group} ${p}` : p] ?? (sorted ? quantileSorted(sorted, Number(p.slice(1)) / 100) : undefined)
    if (value !== undefined) out[p] = value
  }
  return out
}

/**
 * The baseline's stored sample of one group with its percentiles, for drawing under the current
 * distribution; undefined when the baseline kept no sample there.
 */
export function baselineLatency(entry: Pick<ResultsJsonEntry, 'baseline'>, group = ''): LatencySeries | undefined {
  const sorted = storedSample(entry, group)
  const { p50, p95, p99 } = baselinePercentiles(entry, group)
  return sorted && p50 !== undefined && p95 !== undefined && p99 !== undefined ? { sorted, percentiles: { p50, p95, p99 } } : undefined
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
  ]
  // a browser page cannot see the process's CPU time: NaN there
  if (!Number.isNaN(result.cpu.utilization)) facts.push({ label: 'CPU use', value: `${(result.cpu.utilization * 100).toFixed(0)} % of one core` })
  if (result.memory) facts.push({ label: 'heap / external peak', value: `${formatBytes(result.memory.heapUsedPeak)} / ${formatBytes(result.memory.externalPeak)}` })
  // the page's JS heap only (no WASM memory, no GPU buffers): never to be read as RSS
  const page = result.pageMemory
  if (page) {
    const delta = `${page.jsHeapUsedDelta >= 0 ? '+' : ''}${formatBytes(page.jsHeapUsedDelta)}`
    facts.push({ label: `JS heap peak (${page.source})`, value: `${formatBytes(page.jsHeapUsedPeak)} (${delta} over the run)` })
  }
  if (result.coldStart) {
    facts.push({ label: 'model load', value: formatDuration(result.coldStart.loadMs) })
    if (result.coldStart.firstInferenceMs !== null) facts.push({ label: 'first inference', value: formatDuration(result.coldStart.firstInferenceMs) })
  }

  const current = { sorted: result.samples, percentiles: { p50: latency.p50, p95: latency.p95, p99: latency.p99 } }
  return {
    summary: `${result.iterations.toLocaleString('en-US')} calls · batch ${result.batchSize} · ${result.device} · ${STOP_REASONS[result.stopReason]}`,
    facts,
    metrics: metricRows(known, entry.comparison),
    tables: [],
    charts: [
      latencyDistributionChart(current, baselineLatency(entry)),
      percentileChart(PERCENTILES.map((p) => ({ percentile: p, current: latency[p], ci: latency.ci[p], baseline: basePercentiles[p] }))),
      throughputChart(result.throughput.itemsPerSecond, entry.baseline?.metrics.throughput),
    ],
    notes: [],
  }
}
