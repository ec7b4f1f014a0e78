/**
 * results.json → the report's view model: cards in sections, most urgent verdict first, every
 * value formatted. Pure; charts are still specs here (`renderHtmlReport` renders them to SVG).
 */
import type { MetricComparison } from '../../src/gate/verdict.js'
import { formatBytes } from '../../src/core/units.js'
import { ruleOf } from '../../src/gate/compare.js'
import { machineText } from '../text/machine.js'
import type { ResultsJson, ResultsJsonEntry } from '../../src/gate/results-json.js'
import { SECTIONS, VERDICT_ORDER, type Card, type CardContent, type CardVerdict, type Fact } from './card.js'
import { batchSweepContent } from './cards/batch-sweep.js'
import { benchmarkContent } from './cards/benchmark.js'
import { benchmarkPairContent } from './cards/benchmark-pair.js'
import { evaluationContent } from './cards/evaluation.js'
import { modelFacts } from './cards/facts.js'
import { generationContent } from './cards/generation.js'
import { loadTestContent } from './cards/load-test.js'
import { modelComparisonContent } from './cards/model-comparison.js'
import { runtimeFacts } from './runtime.js'
import { runtimeLabel, runtimeName, runtimeOf } from '../text/runtime.js'
import { runtimesView, type RuntimesView } from './runtime-comparison.js'
import { forestChart, type ForestRow, type ForestScale } from './charts/forest.js'
import type { ChartSpec } from './svg-charts.js'
import { describeMetric, metricsSummary, updateModeText } from '../text/verdict.js'
import { abLines, comparedWithText } from '../text/ab.js'

/** A section of cards of one kind. */
export interface SectionView {
  id: string
  title: string
  cards: Card[]
}

/** A result needing attention, linked from the top of the report. */
export interface AttentionItem {
  id: string
  title: string
  verdict: CardVerdict
  /** The metrics that decided the verdict, in brief: 'p50 latency, throughput', 'p50 latency at 4 levels'. */
  metrics: string
  /** 'benches/x.bench.ts › test', one line (the full suite path is on the card, and in `where`). */
  crumb: string
  /** 'benches/x.bench.ts › suite › test' in full, shown on hover. */
  where: string
  /** The card's runtime line. */
  runtime: string
}

/** The "Verdicts at a glance" section: forest plots of the gated changes, and what they leave out. */
export interface GlanceView {
  charts: ChartSpec[]
  notes: string[]
}

/** Everything the report template shows. */
export interface ReportView {
  generatedAt: string
  commit: string
  /** What the results were compared with, as the console says it: stored baselines or an A/B run's base. */
  comparedWith: string
  verdict: CardVerdict
  /** 'passed' or 'failed': whether the gate failed the run. */
  status: 'passed' | 'failed'
  /** Baseline files the gate could not use (they fail the run). */
  baselineErrors: string[]
  counts: Array<{ verdict: CardVerdict; count: number }>
  attention: AttentionItem[]
  glance: GlanceView
  /** Benchmarks that ran in more than one runtime, side by side; undefined when none did. */
  runtimes: RuntimesView | undefined
  sections: SectionView[]
  env: Fact[]
  /** Notes about the baselines: files that could not be used, unrecorded and stale entries. */
  baselineNotes: string[]
  /** Verdicts present, for the filter. */
  verdicts: CardVerdict[]
  /** Number of results. */
  total: number
}

function contentOf(entry: ResultsJsonEntry): CardContent {
  const r = entry.result
  switch (r.kind) {
    case 'benchmark':
      return benchmarkContent(entry, r)
    case 'benchmark-pair':
      return benchmarkPairContent(entry, r)
    case 'evaluation':
      return evaluationContent(entry, r)
    case 'load-test':
      return loadTestContent(entry, r)
    case 'batch-sweep':
      return batchSweepContent(entry, r)
    case 'model-comparison':
      return modelComparisonContent(entry, r)
    case 'generation':
      return generationContent(entry, r)
  }
}

/** The metrics that decided a regressed, improved, inconclusive or incomparable verdict. */
function decidingMetrics(entry: ResultsJsonEntry): MetricComparison[] {
  const c = entry.comparison
  if (!c || c.verdict === 'new' || c.verdict === 'unchanged') return []
  return c.metrics.filter((m) => m.verdict === c.verdict)
}

const rank = (v: CardVerdict) => VERDICT_ORDER.indexOf(v)

/** Reasons a card shows before folding the rest away. */
const REASONS_SHOWN = 3

/** Verdicts listed under "Needs attention": failures, what could not be compared, and what more data would decide. */
const ATTENTION: ReadonlySet<CardVerdict> = new Set(['regressed', 'incomparable', 'inconclusive'])

/** Builds the card of one entry; `index` makes its anchor id. */
export function cardOf(entry: ResultsJsonEntry, index: number): Card {
  const deciding = decidingMetrics(entry)
  return {
    id: `result-${index + 1}`,
    kind: entry.result.kind,
    name: entry.result.name,
    file: entry.file,
    path: [...entry.suite, entry.test].join(' › '),
    verdict: entry.comparison?.verdict ?? 'none',
    reasons: deciding.slice(0, REASONS_SHOWN).map(describeMetric),
    moreReasons: deciding.slice(REASONS_SHOWN).map(describeMetric),
    decidedBy: deciding.map((m) => m.metric),
    model: modelFacts('model' in entry.result ? entry.result.model : undefined),
    runtime: runtimeLabel(entry.result),
    runtimeFacts: runtimeFacts(entry.result.env),
    ...contentOf(entry),
  }
}

/**
 * Runtime versions across the run: the reporter's own fingerprint lacks what the loaders noted in
 * the test workers (transformers.js, onnxruntime-node), so every result's are gathered; a package
 * seen at two versions lists both.
 */
function runtimeVersions(results: ResultsJson): Fact[] {
  const versions = new Map<string, Set<string>>()
  for (const env of [results.env, ...results.entries.map((e) => e.result.env)]) {
    for (const [name, version] of Object.entries(env.packages)) versions.set(name, (versions.get(name) ?? new Set()).add(version))
  }
  return [...versions].sort(([a], [b]) => a.localeCompare(b)).map(([name, seen]) => ({ label: name, value: [...seen].join(', ') }))
}

function envFacts(results: ResultsJson): Fact[] {
  const env = results.env
  const cpuLimit = typeof env.cpuLimit === 'number' ? `${env.cpuLimit} CPUs (cgroup)` : `none: all ${env.cores} cores`
  return [
    { label: 'Node.js', value: env.node },
    { label: 'OS', value: `${env.os} (${env.arch})` },
    { label: 'CPU', value: `${env.cpuModel} × ${env.cores}` },
    { label: 'CPU limit', value: cpuLimit },
    { label: 'memory', value: formatBytes(env.totalMemory) },
    ...runtimeVersions(results),
    { label: 'how busy', value: results.machine ? machineText(results.machine) : 'not measured (no speed probe ran)' },
    { label: 'commit', value: results.commit ?? 'unknown' },
    results.ab
      ? { label: 'compared with', value: comparedWithText(results) }
      : { label: 'baselines', value: `${results.baselines.dir}/: ${updateModeText(results.baselines.mode)}` },
  ]
}

function baselineNotes(results: ResultsJson): string[] {
  const b = results.baselines
  return [
    ...abLines(results),
    ...b.unwritten.map((r) => `New, not recorded (CI): ${r.file} › ${r.key}. Run the benches locally or with -u and commit the baseline.`),
    ...b.stale.map((r) => `Stale baseline entry${r.removed ? ' (removed)' : ''}: ${r.file} › ${r.key}`),
    ...b.warnings,
  ]
}

const NOT_DRAWN: Partial<Record<MetricComparison['why'], string>> = {
  'no-noise-model': 'peak RSS is one value per run',
  'no-test-data': 'no per-call or per-example data was stored to test with',
}

/**
 * Forest plots of every gated change that has an interval, most urgent verdict first, then in run
 * order: relative changes on one shared axis, absolute ones (accuracy, R²) on their own.
 */
export function glanceView(results: ResultsJson): GlanceView {
  const rows: Record<ForestScale, Array<ForestRow & { rank: number }>> = { relative: [], absolute: [] }
  const seen = new Map<string, number>()
  const undrawn = new Map<string, number>()
  for (const entry of results.entries) {
    for (const m of entry.comparison?.metrics ?? []) {
      const reason = NOT_DRAWN[m.why]
      if (reason) undrawn.set(reason, (undrawn.get(reason) ?? 0) + 1)
      if (!m.interval || m.change === undefined || m.tolerance === undefined) continue
      // a benchmark measured in Node and in a browser has a row for each: name the browser
      const runtime = runtimeOf(entry.result.env).name
      const base = `${entry.result.name}${runtime === 'node' ? '' : ` (${runtimeName(runtime)})`} › ${m.metric}`
      const copies = (seen.get(base) ?? 0) + 1
      seen.set(base, copies)
      const scale = ruleOf(m.metric)?.change === 'absolute' ? 'absolute' : 'relative'
      const row = { label: copies > 1 ? `${base} (${copies})` : base, verdict: m.verdict, change: m.change, ...m.interval, tolerance: m.tolerance }
      rows[scale].push({ ...row, rank: rank(m.verdict) })
    }
  }
  const charts = (['relative', 'absolute'] as const)
    .filter((scale) => rows[scale].length > 0)
    .map((scale) => forestChart(rows[scale].sort((a, b) => a.rank - b.rank).map(({ rank: _, ...row }) => row), scale))
  const count = [...undrawn.values()].reduce((a, b) => a + b, 0)
  const notes = count === 0 ? [] : [`${count} compared metric${count === 1 ? ' has' : 's have'} no interval and ${count === 1 ? 'is' : 'are'} not drawn: ${[...undrawn.keys()].join('; ')}.`]
  return { charts, notes }
}

/** The report's view model (pure). Within a section, cards go most urgent first, then in run order. */
export function reportView(results: ResultsJson): ReportView {
  const cards = results.entries.map(cardOf)
  const ordered = cards.map((c, i) => [c, i] as const).sort(([a, i], [b, j]) => rank(a.verdict) - rank(b.verdict) || i - j).map(([c]) => c)
  const sections = SECTIONS.map((s) => ({ id: `section-${s.kind}`, title: s.title, cards: ordered.filter((c) => c.kind === s.kind) })).filter(
    (s) => s.cards.length > 0,
  )
  const present = new Set(cards.map((c) => c.verdict))
  return {
    generatedAt: results.generatedAt,
    commit: results.commit ?? 'unknown',
    comparedWith: comparedWithText(results),
    verdict: results.verdict,
    status: results.failed ? 'failed' : 'passed',
    baselineErrors: results.baselines.errors.map((e) => e.message),
    counts: VERDICT_ORDER.filter((v) => present.has(v)).map((verdict) => ({ verdict, count: cards.filter((c) => c.verdict === verdict).length })),
    attention: ordered
      .filter((c) => ATTENTION.has(c.verdict))
      .map((c) => ({
        id: c.id,
        title: c.name,
        verdict: c.verdict,
        metrics: metricsSummary(c.decidedBy),
        crumb: `${c.file} › ${c.path.split(' › ').at(-1) ?? ''}`,
        where: `${c.file} › ${c.path}`,
        runtime: c.runtime,
      })),
    glance: glanceView(results),
    runtimes: runtimesView(results),
    sections,
    env: envFacts(results),
    baselineNotes: baselineNotes(results),
    verdicts: VERDICT_ORDER.filter((v) => present.has(v)),
    total: cards.length,
  }
}
