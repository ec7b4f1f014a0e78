/**
 * The "Runtimes" section: a benchmark that ran in more than one runtime (the same bench file in a
 * Node project and a browser project) side by side, in a table and a chart. Its results have
 * different keys, so nothing else in the report puts them together.
 */
import { formatDuration, formatRate } from '../../src/core/units.js'
import { KEY_SEPARATOR } from '../../src/core/result-key.js'
import type { ResultsJson, ResultsJsonEntry } from '../../src/gate/results-json.js'
import type { MlBenchResult } from '../../src/results/index.js'
import { evaluationHeadline } from '../text/headline.js'
import type { Cell, TableView } from './card.js'
import { runtimesChart, type RuntimeBar } from './charts/runtimes.js'
import { runtimeLabel, runtimeName, runtimeOf } from '../text/runtime.js'
import type { ChartSpec } from './svg-charts.js'

/** The Runtimes section's view. */
export interface RuntimesView {
  /** '2 benchmarks in Node and Chromium'. */
  subtitle: string
  tables: TableView[]
  charts: ChartSpec[]
}

/** What the table and chart compare of a result, ms and per second. */
interface Figures {
  /** What p50 and p95 are of: 'per call', 'per call of ≤ 64 examples', 'per request, end to end'. */
  latencyOf: string
  /** What throughput counts: 'items', 'examples', 'output tokens'. */
  counts: string
  p50?: number
  p95?: number
  throughput: number
  /** An evaluation's key metrics: 'accuracy 0.9815, macro F1 0.9813'. */
  quality?: string
}

/** The comparable figures of a result; undefined for kinds with no one latency (load tests, sweeps, comparisons). */
function figuresOf(result: MlBenchResult): Figures | undefined {
  switch (result.kind) {
    case 'benchmark':
      return {
        latencyOf: result.batchSize > 1 ? `per call of ${result.batchSize}` : 'per call',
        counts: 'items',
        p50: result.latency.p50,
        p95: result.latency.p95,
        throughput: result.throughput.itemsPerSecond,
      }
    case 'evaluation': {
      const { batchLatency, batchSize, itemsPerSecond } = result.timing
      return { latencyOf: `per call of ≤ ${batchSize}`, counts: 'examples', p50: batchLatency?.p50, p95: batchLatency?.p95, throughput: itemsPerSecond, quality: evaluationHeadline(result) }
    }
    case 'generation':
      return { latencyOf: 'per request, end to end', counts: 'output tokens', p50: result.e2e.p50, p95: result.e2e.p95, throughput: result.tokensPerSecond.overall }
    default:
      return undefined
  }
}

interface Measured {
  entry: ResultsJsonEntry
  figures: Figures
}

/**
 * Results of one benchmark (same file, suite, test and result name) in more than one runtime, in
 * run order, Node first: each runtime's p50 is given as a ratio of the first's.
 */
function groups(results: ResultsJson): Measured[][] {
  const byBenchmark = new Map<string, Measured[]>()
  for (const entry of results.entries) {
    const figures = figuresOf(entry.result)
    if (!figures) continue
    const id = JSON.stringify([entry.file, entry.suite, entry.test, entry.result.name])
    byBenchmark.set(id, [...(byBenchmark.get(id) ?? []), { entry, figures }])
  }
  const node = (m: Measured) => (runtimeOf(m.entry.result.env).name === 'node' ? 0 : 1)
  return [...byBenchmark.values()]
    .filter((group) => new Set(group.map((m) => runtimeOf(m.entry.result.env).name)).size > 1)
    .map((group) => group.map((m, i) => [m, i] as const).sort(([a, i], [b, j]) => node(a) - node(b) || i - j).map(([m]) => m))
}

const time = (ms: number | undefined) => (ms === undefined ? '–' : formatDuration(ms))

/** 'Chromium is 2.90× Node': a p50 over the reference runtime's. */
function ratioCell(m: Measured, reference: Measured): Cell {
  const [p50, base] = [m.figures.p50, reference.figures.p50]
  if (m === reference || p50 === undefined || base === undefined) return { text: '–' }
  const name = runtimeName(runtimeOf(reference.entry.result.env).name)
  return { text: `${(p50 / base).toFixed(2)}× ${name}`, title: `p50 in ${runtimeLabel(m.entry.result)} ÷ p50 in ${runtimeLabel(reference.entry.result)}` }
}

function table(compared: Measured[][]): TableView {
  const quality = compared.some((group) => group.some((m) => m.figures.quality !== undefined))
  return {
    caption: 'Benchmarks in more than one runtime',
    columns: ['benchmark', 'runtime', 'p50', 'p95', 'throughput', ...(quality ? ['quality'] : []), 'p50 ratio'],
    rows: compared.flatMap((group) =>
      group.map((m, i): Cell[] => {
        const { entry, figures } = m
        // what the numbers are of, once per benchmark
        const first = i === 0
        return [
          { text: entry.result.name, ...(first ? { sub: [entry.file, ...entry.suite, entry.test].join(KEY_SEPARATOR) } : {}) },
          { text: runtimeLabel(entry.result) },
          { text: time(figures.p50), ...(first ? { sub: figures.latencyOf } : {}) },
          { text: time(figures.p95) },
          { text: formatRate(figures.throughput), ...(first ? { sub: figures.counts } : {}) },
          ...(quality ? [{ text: figures.quality ?? '–' }] : []),
          ratioCell(m, group[0] as Measured),
        ]
      }),
    ),
  }
}

/** The chart's rows, by benchmark name; a name a second benchmark shares is numbered, as in the table's order. */
function bars(compared: Measured[][]): RuntimeBar[] {
  const seen = new Map<string, number>()
  return compared.flatMap((group) => {
    const name = (group[0] as Measured).entry.result.name
    const copies = (seen.get(name) ?? 0) + 1
    seen.set(name, copies)
    const result = copies > 1 ? `${name} (${copies})` : name
    return group.flatMap(({ entry, figures: { p50, p95 } }) => (p50 === undefined || p95 === undefined ? [] : [{ result, runtime: runtimeOf(entry.result.env).name, p50, p95 }]))
  })
}

/** The Runtimes section, or undefined when no benchmark ran in more than one runtime. */
export function runtimesView(results: ResultsJson): RuntimesView | undefined {
  const compared = groups(results)
  if (compared.length === 0) return undefined
  const names = [...new Set(compared.flat().map((m) => runtimeName(runtimeOf(m.entry.result.env).name)))]
  const chartBars = bars(compared)
  return {
    subtitle: `${compared.length} benchmark${compared.length === 1 ? '' : 's'} in ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`,
    tables: [table(compared)],
    charts: chartBars.length > 0 ? [runtimesChart(chartBars)] : [],
  }
}
