import type { ComparedModel, MetricWithInterval, ModelComparisonResult } from '../../../src/results/model-comparison.js'
import { formatBytes, formatChange, formatDuration, formatMetric, formatRate } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { CardContent, Cell, TableView } from '../card.js'
import { paretoChart, type ModelPoint } from '../charts/pareto.js'
import { metricRows } from '../metric-rows.js'
import { formatInterval } from '../../text/interval.js'
import { comparisonPValue } from '../../../src/compare-models/text.js'

type Column = { label: string; cell: (m: ComparedModel) => string | undefined }

const withCi = (format: (v: number) => string) => (m: MetricWithInterval | undefined): string | undefined =>
  m === undefined ? undefined : m.ci ? `${format(m.value)} (${formatInterval(m.ci, format)})` : format(m.value)
const metric = withCi(formatMetric)
const duration = withCi(formatDuration)
/** BLEU and chrF, on sacreBLEU's 0–100 scale. */
const score = withCi((v) => v.toFixed(2))

const COLUMNS: Column[] = [
  { label: 'n', cell: (m) => m.n?.toLocaleString('en-US') },
  { label: 'accuracy (95 % CI)', cell: (m) => metric(m.accuracy) },
  { label: 'macro F1 (95 % CI)', cell: (m) => metric(m.macroF1) },
  { label: 'R²', cell: (m) => metric(m.r2) },
  { label: 'RMSE', cell: (m) => metric(m.rmse) },
  { label: 'MAE', cell: (m) => metric(m.mae) },
  { label: 'BLEU', cell: (m) => score(m.bleu) },
  { label: 'chrF', cell: (m) => score(m.chrf) },
  { label: 'WER', cell: (m) => metric(m.wer) },
  { label: 'TTFT p50', cell: (m) => duration(m.ttft) },
  { label: 'TPOT p50', cell: (m) => duration(m.tpot) },
  { label: 'p50 (95 % CI)', cell: (m) => duration(m.p50) },
  { label: 'p95', cell: (m) => duration(m.p95) },
  { label: 'p99', cell: (m) => (m.p99 === undefined ? undefined : formatDuration(m.p99)) },
  { label: 'throughput', cell: (m) => (m.throughput === undefined ? undefined : formatRate(m.throughput)) },
  { label: 'peak RSS', cell: (m) => (m.rssPeak === undefined ? undefined : formatBytes(m.rssPeak)) },
]

/** Models side by side, with only the columns some model has. */
function modelsTable(result: ModelComparisonResult): TableView {
  const columns = COLUMNS.filter((c) => result.models.some((m) => c.cell(m) !== undefined))
  return {
    caption: 'Models side by side',
    columns: ['model', ...columns.map((c) => c.label)],
    rows: result.models.map((m) => [{ text: m.name }, ...columns.map((c): Cell => ({ text: c.cell(m) ?? '–' }))]),
  }
}

function pairsTable(result: ModelComparisonResult): TableView {
  const significant = (p: number | undefined): Cell['tone'] => (p !== undefined && p < result.alpha ? 'good' : undefined)
  return {
    caption: `Pairwise tests (significance level ${result.alpha})`,
    columns: ['pair', 'Δ accuracy', 'McNemar', 'p50 ratio', 'latency test'],
    rows: result.pairs.map((p) => [
      { text: `${p.b} vs ${p.a}` },
      { text: p.accuracy ? formatChange(p.accuracy.difference, 'fraction', false) : '–' },
      { text: p.accuracy ? comparisonPValue(p.accuracy.mcnemar.pValue) : '–', tone: significant(p.accuracy?.mcnemar.pValue) },
      { text: p.latency ? `${p.latency.ratio.toFixed(2)}×` : '–' },
      {
        text: p.latency ? `${comparisonPValue(p.latency.pValue)}, ${p.latency.test === 'paired-slices' ? 'measured interleaved' : 'Mann–Whitney U'}` : '–',
        tone: significant(p.latency?.pValue),
      },
    ]),
  }
}

/** The quality axis of the Pareto chart: the first metric every model with a latency has. */
function paretoPoints(models: readonly ComparedModel[]): { title: string; points: ModelPoint[] } | undefined {
  const timed = models.filter((m) => m.p50 !== undefined)
  for (const [key, title] of [['accuracy', 'accuracy'], ['macroF1', 'macro F1'], ['r2', 'R²']] as const) {
    const points = timed.flatMap((m) => {
      const quality = m[key]
      return quality && m.p50 ? [{ model: m.name, latency: m.p50.value, quality: quality.value }] : []
    })
    if (points.length >= 2 && points.length === timed.length) return { title, points }
  }
  return undefined
}

/** Card content of a `compareModels()` result: models side by side, pairwise tests, the Pareto chart and the recommendation. */
export function modelComparisonContent(entry: ResultsJsonEntry, result: ModelComparisonResult): CardContent {
  const pareto = paretoPoints(result.models)
  return {
    summary: `${result.models.length} models`,
    facts: [
      { label: 'reference', value: result.models[0]?.name ?? '–' },
      { label: 'significance level', value: String(result.alpha) },
    ],
    metrics: metricRows([], entry.comparison),
    tables: [modelsTable(result), ...(result.pairs.length > 0 ? [pairsTable(result)] : [])],
    charts: pareto ? [paretoChart(pareto.points, pareto.title, 'p50 latency')] : [],
    notes: [result.recommendation],
  }
}
