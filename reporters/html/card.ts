/** The view model of one result's card: plain, pre-formatted strings for the templates. */
import type { Verdict } from '../../src/gate/verdict.js'
import { VERDICTS_BY_URGENCY } from '../text/verdict.js'
import type { ChartSpec } from './svg-charts.js'

/** A card's verdict: a baseline comparison's, or 'none' when the result was not compared. */
export type CardVerdict = Verdict | 'none'

/** Most urgent first: the order of cards and of the verdict filter. */
export const VERDICT_ORDER: readonly CardVerdict[] = [...VERDICTS_BY_URGENCY, 'none']

/** A labelled value in a card's fact list. */
export interface Fact {
  label: string
  value: string
}

/** One row of a card's key-numbers table. */
export interface MetricRow {
  label: string
  current: string
  /** 95 % interval, or '' when none. */
  ci: string
  /** '–' without a baseline value. */
  baseline: string
  /** '' when there is nothing to compare. */
  change: string
  /** The interval of the gated change, '[−1.2, +7.4]', or ''. */
  changeCi: string
  verdict: CardVerdict
  /** The tolerance the verdict held the change to, '± 10%', or '' when not gated. */
  tolerance: string
  /** Why the verdict, or ''; 'not gated' for a metric shown against its baseline but never judged (p99). */
  reason: string
}

/** A table cell; `tone` colours it (e.g. a level outside the SLO is 'bad', an inconclusive change 'unsure'). */
export interface Cell {
  text: string
  tone?: 'good' | 'bad' | 'unsure'
  /** Shown on hover, e.g. why a change was judged a regression. */
  title?: string
  /** A second, smaller line: a change's interval and tolerance. */
  sub?: string
}

/** A plain table inside a card (per-class scores, load levels, batch sizes, models): a label column, then values. */
export interface TableView {
  caption: string
  columns: string[]
  rows: Cell[][]
}

/** What a result kind contributes to its card. */
export interface CardContent {
  /** One line under the title, e.g. '1,234 calls · batch 1 · cpu'. */
  summary: string
  facts: Fact[]
  metrics: MetricRow[]
  tables: TableView[]
  charts: ChartSpec[]
  /** Remarks shown under the charts, e.g. a recommendation or why a chart is missing. */
  notes: string[]
}

/** Sections of the report, one per result kind, in page order. */
export const SECTIONS = [
  { kind: 'benchmark', title: 'Benchmarks' },
  { kind: 'benchmark-pair', title: 'Paired benchmarks' },
  { kind: 'generation', title: 'Text generation' },
  { kind: 'evaluation', title: 'Evaluations' },
  { kind: 'model-comparison', title: 'Model comparisons' },
  { kind: 'load-test', title: 'Load tests' },
  { kind: 'batch-sweep', title: 'Batch sweeps' },
] as const

/** A result kind the report has a section for. */
export type CardKind = (typeof SECTIONS)[number]['kind']

/** One result's card. */
export interface Card extends CardContent {
  /** Anchor id, generated (never derived from user strings). */
  id: string
  kind: CardKind
  name: string
  file: string
  /** Enclosing suites and test, joined with ' › '. */
  path: string
  verdict: CardVerdict
  /** Reasons of the metrics that decided a regressed / improved / inconclusive / incomparable verdict: the first few. */
  reasons: string[]
  /** The rest of them, folded away (a load test can have a dozen). */
  moreReasons: string[]
  /** Those metrics' ids, e.g. 'p95', 'concurrency 4 p50'. */
  decidedBy: string[]
  /** Metadata of the model measured (path, runtime, hash …), when recorded. */
  model: Fact[]
  /** Where it ran, in one line: 'Node 20.20.2', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs'. */
  runtime: string
  /** The runtime in full: version, and a browser page's isolation, timer resolution, WASM threads, WebGPU adapter. */
  runtimeFacts: Fact[]
}
