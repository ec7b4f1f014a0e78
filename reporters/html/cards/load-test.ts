import { levelValue } from '../../../src/load/slo.js'
import type { LoadTestResult } from '../../../src/results/load-test.js'
import { formatDuration, formatRate } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { Cell, CardContent, Fact, TableView } from '../card.js'
import { loadLatencyChart, loadThroughputChart, type LoadBaselinePoint } from '../charts/load.js'
import { groupChanges, loadLevelGroup, type GroupChanges } from '../group-changes.js'
import { metricRows } from '../metric-rows.js'
import { loadHeadline, sloLimits } from '../../text/headline.js'

const TARGETS: Record<LoadTestResult['target']['kind'], string> = {
  'in-process': 'in-process function',
  'worker-pool': 'worker-thread pool',
  http: 'HTTP',
  generation: 'text generator (in-process)',
}

function targetText(result: LoadTestResult): string {
  const { target } = result
  if (target.kind === 'worker-pool' && target.workers !== undefined) return `${TARGETS[target.kind]} (${target.workers} workers)`
  if (target.kind === 'http' && target.url !== undefined) return `${TARGETS[target.kind]} ${target.url}`
  return TARGETS[target.kind]
}

function sloText(result: LoadTestResult): string {
  const slo = result.slo
  if (!slo) return ''
  return [...sloLimits(slo), slo.errorRate === 0 ? 'no errors' : `error rate ≤ ${Number((slo.errorRate * 100).toPrecision(3))} %`].join(', ')
}

function levelsTable(result: LoadTestResult, levelTitle: string, changes: GroupChanges): TableView {
  const hasSlo = result.slo !== undefined
  // open loop: the generator's own lateness, which the latencies include
  const hasLag = result.levels.some((level) => level.sendLag !== undefined)
  // a generator: its token times and goodput beside the request latencies
  const hasTokens = result.levels.some((level) => level.tokens !== undefined)
  const hasGoodput = result.levels.some((level) => level.goodput !== undefined)
  const latency = (ms: number | undefined): Cell => ({ text: ms === undefined ? '–' : formatDuration(ms) })
  const rate = (perSecond: number | undefined): Cell => ({ text: perSecond === undefined ? '–' : formatRate(perSecond) })
  return {
    caption: 'Per level',
    columns: [
      levelTitle,
      'requests',
      'throughput',
      'p50',
      'p95',
      'p99',
      ...(hasTokens ? ['TTFT p50', 'TTFT p99', 'TPOT p50', 'TPOT p99', 'output tokens/s'] : []),
      ...(hasGoodput ? ['goodput'] : []),
      ...(hasLag ? ['send lag p99'] : []),
      'errors',
      ...(hasSlo ? ['SLO'] : []),
      ...changes.columns,
    ],
    rows: result.levels.map((level, i) => [
      { text: String(levelValue(level, result.mode)) },
      { text: level.requests.toLocaleString('en-US') },
      { text: formatRate(level.throughput) },
      latency(level.latency?.p50),
      latency(level.latency?.p95),
      latency(level.latency?.p99),
      ...(hasTokens
        ? [latency(level.tokens?.ttft.p50), latency(level.tokens?.ttft.p99), latency(level.tokens?.tpot?.p50), latency(level.tokens?.tpot?.p99), rate(level.tokens?.outputTokensPerSecond)]
        : []),
      ...(hasGoodput ? [rate(level.goodput)] : []),
      ...(hasLag ? [latency(level.sendLag?.p99)] : []),
      level.errors === 0 ? { text: '0' } : { text: `${level.errors} (${(level.errorRate * 100).toFixed(1)} %)`, tone: 'bad' },
      ...(hasSlo ? [level.withinSlo ? { text: 'met', tone: 'good' as const } : { text: 'missed', tone: 'bad' as const }] : []),
      ...(changes.cells[i] ?? []),
    ]),
  }
}

/** The baseline's value of `rule` at each level the gate compared ('concurrency 4 p50'). */
function baselinePoints(entry: ResultsJsonEntry, result: LoadTestResult, rule: string): LoadBaselinePoint[] {
  const byId = new Map((entry.comparison?.metrics ?? []).map((m) => [m.metric, m]))
  return result.levels.flatMap((level) => {
    const baseline = byId.get(`${loadLevelGroup(level)} ${rule}`)?.baseline
    return baseline === undefined ? [] : [{ level: levelValue(level, result.mode), value: baseline }]
  })
}

/** Card content of a `loadTest()` result: latency and throughput curves over the levels, SLO lines, per-level table. */
export function loadTestContent(entry: ResultsJsonEntry, result: LoadTestResult): CardContent {
  const levelTitle = result.mode === 'closed' ? 'concurrency' : 'offered rate (req/s)'
  const facts: Fact[] = [{ label: 'target', value: targetText(result) }]
  if (result.slo) facts.push({ label: 'SLO', value: sloText(result) })
  const headline = loadHeadline(result)
  if (headline) facts.push({ label: 'result', value: headline.label })
  const points = result.levels.flatMap((level) =>
    level.latency ? [{ level: levelValue(level, result.mode), p50: level.latency.p50, p95: level.latency.p95, p99: level.latency.p99 }] : [],
  )
  const slo = result.slo ? { p50: result.slo.p50, p95: result.slo.p95, p99: result.slo.p99 } : {}
  const notes = result.levels.flatMap((level) =>
    level.errorMessages.map((e) => `${levelTitle} ${levelValue(level, result.mode)}: ${e.count} × ${e.message}`),
  )
  // every gated metric is per level, in the per-level table: the card's own table would be one row
  if (result.maxThroughputWithinSlo) facts.push({ label: 'max within SLO', value: formatRate(result.maxThroughputWithinSlo.throughput) })
  const changes = groupChanges(entry.comparison, result.levels.map(loadLevelGroup))
  const baselineOf = (rule: string) => baselinePoints(entry, result, rule)
  return {
    summary: `${result.mode === 'closed' ? 'closed loop' : 'open loop, Poisson arrivals'} · ${result.levels.length} levels · ${targetText(result)}`,
    facts,
    metrics: metricRows([], entry.comparison, changes.shown),
    tables: [levelsTable(result, levelTitle, changes)],
    charts: [
      ...(points.length > 0 ? [loadLatencyChart(points, levelTitle, slo, { p50: baselineOf('p50'), p95: baselineOf('p95') })] : []),
      loadThroughputChart(
        result.levels.map((l) => ({ level: levelValue(l, result.mode), throughput: l.throughput })),
        levelTitle,
        result.mode === 'open',
        baselineOf('throughput'),
      ),
    ],
    notes,
  }
}
