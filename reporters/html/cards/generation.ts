import type { LatencyStats } from '../../../src/analyse/latency.js'
import { formatDuration, formatMetric } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { GenerationRequest, GenerationResult } from '../../../src/results/generation.js'
import type { CardContent, Fact, TableView } from '../card.js'
import { tokenTimelineChart } from '../charts/generation.js'
import { latencyDistributionChart } from '../charts/latency.js'
import { metricRows, type KnownMetric } from '../metric-rows.js'
import { baselineLatency, baselinePercentiles } from './benchmark.js'

/** Requests listed in the slowest-requests table. */
const SLOWEST = 5

/** Characters of a generated text the table shows; the whole text is on hover. */
const TEXT_SHOWN = 60

/** A gated per-request latency: TTFT, or TPOT when some request had a decode step. */
interface TokenLatency {
  /** Its sample group and metric prefix in the baseline ('ttft p50'). */
  group: 'ttft' | 'tpot'
  label: string
  quantity: string
  stats: LatencyStats
  /** Per request, ascending. */
  sorted: number[]
}

function tokenLatencies(result: GenerationResult): TokenLatency[] {
  const ascending = (values: number[]) => values.sort((a, b) => a - b)
  const ttft: TokenLatency = { group: 'ttft', label: 'TTFT', quantity: 'time to first token', stats: result.ttft, sorted: ascending(result.requests.map((r) => r.ttftMs)) }
  if (!result.tpot) return [ttft]
  const tpots = result.requests.flatMap((r) => (r.tpotMs === null ? [] : [r.tpotMs]))
  return [ttft, { group: 'tpot', label: 'TPOT', quantity: 'time per output token', stats: result.tpot, sorted: ascending(tpots) }]
}

/** A generated text on one line, cut to {@link TEXT_SHOWN} characters (code points, so no emoji is split). */
function shortText(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length > TEXT_SHOWN ? `${chars.slice(0, TEXT_SHOWN - 1).join('').trimEnd()}…` : chars.join('')
}

function slowestTable(result: GenerationResult): TableView {
  const slowest = [...result.requests].sort((a, b) => b.e2eMs - a.e2eMs).slice(0, SLOWEST)
  const hasInput = result.inputTokens !== null
  const hasText = slowest.some((r) => r.text !== undefined)
  const textCell = (text: string | undefined) => {
    if (text === undefined) return { text: '–' }
    const shown = shortText(text)
    return shown === text ? { text } : { text: shown, title: text }
  }
  return {
    caption: `Slowest requests by end-to-end time (${slowest.length} of ${result.requests.length.toLocaleString('en-US')})`,
    columns: ['prompt', ...(hasInput ? ['tokens in'] : []), 'tokens out', 'TTFT', 'TPOT', 'e2e', ...(hasText ? ['text'] : [])],
    rows: slowest.map((r) => [
      { text: String(r.prompt) },
      ...(hasInput ? [{ text: r.inputTokens === null ? '–' : String(r.inputTokens) }] : []),
      { text: String(r.outputTokens) },
      { text: formatDuration(r.ttftMs) },
      { text: r.tpotMs === null ? '–' : formatDuration(r.tpotMs) },
      { text: formatDuration(r.e2eMs) },
      ...(hasText ? [textCell(r.text)] : []),
    ]),
  }
}

/**
 * Card content of a `benchmarkGeneration()` result: TTFT, TPOT and tokens/s vs baseline, the TTFT
 * and TPOT distributions, the typical request's token timeline and the slowest requests.
 */
export function generationContent(entry: ResultsJsonEntry, result: GenerationResult): CardContent {
  const latencies = tokenLatencies(result)
  const known: KnownMetric[] = latencies.flatMap(({ group, label, stats }) => {
    const base = baselinePercentiles(entry, group)
    return (['p50', 'p95'] as const).map((p): KnownMetric => ({ id: `${group} ${p}`, label: `${label} ${p}`, value: stats[p], unit: 'ms', ci: stats.ci[p], baseline: base[p] }))
  })
  known.push({
    id: 'tokens throughput',
    label: 'output tokens/s',
    value: result.tokensPerSecond.overall,
    unit: 'items/s',
    ci: result.tokensPerSecond.ci,
    baseline: entry.baseline?.metrics['tokens throughput'],
  })

  const { inputTokens, outputTokens } = result
  const facts: Fact[] = []
  if (result.itl) facts.push({ label: 'ITL p50', value: formatDuration(result.itl.p50) })
  facts.push(
    { label: 'e2e p50', value: formatDuration(result.e2e.p50) },
    { label: 'mean tokens in / out', value: `${inputTokens ? formatMetric(inputTokens.mean) : 'not reported'} / ${formatMetric(outputTokens.mean)}` },
    { label: 'calls', value: `${result.perCall.ms.length.toLocaleString('en-US')} measured, ${result.warmupCalls} warm-up` },
  )

  const typical = result.requests[result.timeline.request] as GenerationRequest
  return {
    summary: `${result.requests.length.toLocaleString('en-US')} requests · batch ${result.batchSize} · ${formatMetric(outputTokens.mean)} output tokens (mean) · ${result.device}`,
    facts,
    metrics: metricRows(known, entry.comparison),
    tables: [slowestTable(result)],
    charts: [
      ...latencies.map((l) => latencyDistributionChart({ sorted: l.sorted, percentiles: l.stats }, baselineLatency(entry, l.group), { quantity: l.quantity, per: 'requests' })),
      tokenTimelineChart(result.timeline.tokenMs, typical.prompt),
    ],
    // without a second token there is no decode step: say why TPOT and ITL are missing
    notes: result.tpot ? [] : ['Every request ended at its first token: no TPOT, ITL or decode step to show.'],
  }
}
