import { statSync } from 'node:fs'
import path from 'node:path'
import type { RunnerTestCase } from 'vitest'
import { entryKey } from '../../reporters/collect.js'
import { compareToBaseline, failureMessage, type MetricOverride } from '../compare/compare.js'
import type { ResultComparison } from '../compare/types.js'
import { readRecordedResults } from '../record/record.js'
import type { MlBenchResult } from '../results.js'
import type { GateContext } from './context.js'
import { baselineEntryOf } from './entry.js'
import type { BaselineFile } from './schema.js'
import { baselinePathFor, readBaselineFile } from './store.js'

/** Key in a test's `meta` of the checks `toBeWithinBaseline` made explicitly (read by the gate and the reporter). */
export const CHECKS_META_KEY = 'mlBenchChecks'

/** An explicit `toBeWithinBaseline` check of one result. */
export interface ExplicitCheck {
  /** Metric ids or rule names it asserted; ['*'] for all of them. */
  metrics: string[]
  /** Per-metric thresholds it asked for, keyed like {@link CompareOptions.overrides}. */
  overrides: Record<string, MetricOverride>
}

/** Explicit checks of a test, by result name. */
export type ExplicitChecks = Record<string, ExplicitCheck>

/** The explicit checks recorded on a task's meta. */
export function readExplicitChecks(meta: Record<string, unknown> | undefined): ExplicitChecks {
  const checks = meta?.[CHECKS_META_KEY]
  return typeof checks === 'object' && checks !== null ? (checks as ExplicitChecks) : {}
}

/** Whether an explicit check covers `metricId` (by id, by rule name, or all). */
export function coveredBy(check: ExplicitCheck | undefined, metricId: string): boolean {
  if (!check) return false
  const rule = metricId.slice(metricId.lastIndexOf(' ') + 1)
  return check.metrics.some((m) => m === '*' || m === metricId || m === rule)
}

/** The bench file (relative to `root`, forward slashes) and suite names of a running test. */
export function testLocation(test: RunnerTestCase, root: string): { benchFile: string; suite: string[] } {
  const suite: string[] = []
  for (let parent = test.suite; parent && parent !== test.file; parent = parent.suite) suite.unshift(parent.name)
  return { benchFile: path.relative(root, test.file.filepath).split(path.sep).join('/'), suite }
}

const cache = new Map<string, { stamp: string; file: BaselineFile | undefined }>()

/** Reads a baseline file once per change (tests of a file share it); undefined when absent. */
function readBaselineCached(file: string): BaselineFile | undefined {
  let stamp: string
  try {
    const s = statSync(file)
    stamp = `${s.mtimeMs}:${s.size}`
  } catch {
    return undefined
  }
  const hit = cache.get(file)
  if (hit?.stamp === stamp) return hit.file
  const parsed = readBaselineFile(file)
  cache.set(file, { stamp, file: parsed })
  return parsed
}

/** A result of the running test compared with its baseline, and where it is (for messages). */
export interface WorkerComparison {
  comparison: ResultComparison
  /** 'benches/x.bench.ts › suite › test › name'. */
  where: string
}

/** Compares one result recorded on `test` with its baseline entry (read from the baseline directory). */
export function compareInWorker(context: GateContext, test: RunnerTestCase, result: MlBenchResult): WorkerComparison {
  const { benchFile, suite } = testLocation(test, context.root)
  const key = entryKey(suite, test.name, result.name)
  const file = readBaselineCached(baselinePathFor(context.baselineDir, benchFile))
  const overrides = readExplicitChecks(test.meta as Record<string, unknown>)[result.name]?.overrides
  const comparison = compareToBaseline(file?.entries[key], baselineEntryOf(result), { thresholds: context.thresholds, overrides })
  return { comparison, where: `${benchFile} › ${key}` }
}

/**
 * The automatic gate, run after each test: compares every result the test recorded with its
 * baseline and throws one error listing each regression (and incomparable metric, with
 * `failOnIncomparable`) that no explicit `toBeWithinBaseline` already asserted. Does nothing in
 * update mode ('all'), where the results replace their baselines.
 */
export function gateTest(context: GateContext, test: RunnerTestCase): void {
  if (context.mode === 'all') return
  const checks = readExplicitChecks(test.meta as Record<string, unknown>)
  const messages: string[] = []
  for (const result of readRecordedResults(test.meta as Record<string, unknown>)) {
    const { comparison, where } = compareInWorker(context, test, result)
    const check = checks[result.name]
    const unasserted = { ...comparison, metrics: comparison.metrics.filter((m) => !coveredBy(check, m.metric)) }
    const message = failureMessage(result, where, unasserted, context.thresholds.failOnIncomparable)
    if (message) messages.push(message)
  }
  if (messages.length > 0) {
    const error = new Error(messages.join('\n'))
    error.name = 'BaselineRegression'
    throw error
  }
}
