/**
 * What a test worker files on a vitest task's `meta` (plain data: it survives the blob reporter and
 * `--merge-reports`), and how the gate and the reporter read it back. The worker's sink writes it;
 * nothing else does.
 */
import type { RecordedCheck } from '../core/sink.js'
import type { MlBenchResult } from '../results/index.js'

/** Key under which a test's records are stored in its task `meta`. */
export const META_KEY = 'mlBench'

/** An explicit `toBeWithinBaseline` check of one result. */
export type ExplicitCheck = RecordedCheck

/** Explicit checks of a test, by result name. */
export type ExplicitChecks = Record<string, ExplicitCheck>

/** The records of one test. */
export interface RecordedTest {
  /** Enclosing describe() names, outermost first (walked once, where the test ran). */
  suite: string[]
  /** Results in the order they were recorded. */
  results: MlBenchResult[]
  /** Explicit baseline checks, by result name. */
  checks: ExplicitChecks
  /** The browser the test ran in ('chromium'); absent in Node. Part of each result's key. */
  runtime?: string
}

/** The records on a task's meta; undefined when the test recorded nothing. */
export function readRecorded(meta: Record<string, unknown> | undefined): RecordedTest | undefined {
  const holder = meta?.[META_KEY] as Partial<RecordedTest> | undefined
  if (typeof holder !== 'object' || holder === null) return undefined
  return {
    suite: Array.isArray(holder.suite) ? holder.suite : [],
    results: Array.isArray(holder.results) ? holder.results : [],
    checks: typeof holder.checks === 'object' && holder.checks !== null ? holder.checks : {},
    ...(typeof holder.runtime === 'string' ? { runtime: holder.runtime } : {}),
  }
}

/** Results recorded on a task's meta (as the reporter receives it). */
export function readRecordedResults(meta: Record<string, unknown> | undefined): MlBenchResult[] {
  return readRecorded(meta)?.results ?? []
}

/** Explicit checks recorded on a task's meta. */
export function readExplicitChecks(meta: Record<string, unknown> | undefined): ExplicitChecks {
  return readRecorded(meta)?.checks ?? {}
}

/** Two checks of the same result, as one: the union of their metrics, later overrides winning. */
export function mergeChecks(previous: ExplicitCheck | undefined, check: ExplicitCheck): ExplicitCheck {
  if (!previous) return check
  return { metrics: [...new Set([...previous.metrics, ...check.metrics])], overrides: { ...previous.overrides, ...check.overrides } }
}

/** Whether an explicit check covers `metricId` (by id, by rule name, or all). */
export function coveredBy(check: ExplicitCheck | undefined, metricId: string): boolean {
  if (!check) return false
  const rule = metricId.slice(metricId.lastIndexOf(' ') + 1)
  return check.metrics.some((m) => m === '*' || m === metricId || m === rule)
}
