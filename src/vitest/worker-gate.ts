import { statSync } from 'node:fs'
import path from 'node:path'
import type { RunnerTestCase } from 'vitest'
import { entryKey } from '../core/result-key.js'
import { gatedMetricCount } from '../gate/compare.js'
import { compareResult } from '../gate/pair.js'
import { failureMessage } from '../../reporters/text/verdict.js'
import type { ResultComparison } from '../gate/verdict.js'
import { coveredBy, readExplicitChecks, readRecorded, readRecordedResults } from '../gate/recorded.js'
import type { MlBenchResult } from '../results/index.js'
import type { GateContext } from './context.js'
import { machineDrift } from '../gate/environment.js'
import { probeHistory } from '../measure/machine.js'
import type { BaselineFile } from '../gate/schema.js'
import { baselinePathFor, readBaselineDirectory, readBaselineFile } from '../gate/store.js'

/** What the gate reads of a test: a running test in Node, or what a browser page sent of one (`browser/commands.ts`). */
export type GatedTest = Pick<RunnerTestCase, 'name' | 'meta' | 'location'> & { file: { filepath: string } }

/** The bench file (relative to `root`, forward slashes) and the result key of a result recorded on `test`. */
function locate(test: GatedTest, root: string, result: MlBenchResult): { benchFile: string; key: string } {
  const recorded = readRecorded(test.meta as Record<string, unknown>)
  const key = entryKey(recorded?.suite ?? [], test.name, result.name, recorded?.runtime)
  return { benchFile: path.relative(root, test.file.filepath).split(path.sep).join('/'), key }
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

const families = new Map<string, number>()

/** The family of gated metrics in `baselineDir`, counted once per worker (the files change only after the run). */
function familyOf(baselineDir: string): number {
  let family = families.get(baselineDir)
  if (family === undefined) {
    family = Math.max(1, gatedMetricCount(readBaselineDirectory(baselineDir)))
    families.set(baselineDir, family)
  }
  return family
}

/**
 * Compares one result recorded on `test` with its baseline entry (read from the baseline
 * directory). `family`: the Bonferroni factor (1 for an explicit assertion of one result).
 */
export function compareInWorker(context: GateContext, test: GatedTest, result: MlBenchResult, family = 1): WorkerComparison {
  const { benchFile, key } = locate(test, context.root, result)
  const file = readBaselineCached(baselinePathFor(context.baselineDir, benchFile))
  const overrides = readExplicitChecks(test.meta as Record<string, unknown>)[result.name]?.overrides
  const comparison = compareResult(result, file?.entries[key], { thresholds: context.thresholds, overrides, family, drift: machineDrift(probeHistory()) })
  return { comparison, where: `${benchFile} › ${key}` }
}

/**
 * The automatic gate, run after each test: compares every result the test recorded with its
 * baseline and throws one error listing each regression (and incomparable metric, with
 * `failOnIncomparable`) that no explicit `toBeWithinBaseline` already asserted. Does nothing in
 * update mode ('all'), where the results replace their baselines. A worker sees one test at a
 * time, so it holds each p-value to alpha / (every gated metric in the baselines) — stricter than
 * the reporter's false-discovery control over the run. It allows for the machine-speed drift of
 * the probes this worker has seen; the reporter allows for every probe of the run, so it can call
 * inconclusive what a test failed on when the machine changed speed later in the run.
 * `checksAsserted` false (a browser page, whose `toBeWithinBaseline` only records its check): the
 * metrics explicit checks cover are judged here too, with their settings.
 */
export function gateTest(context: GateContext, test: GatedTest, checksAsserted = true): void {
  if (context.mode === 'all') return
  const checks = readExplicitChecks(test.meta as Record<string, unknown>)
  const messages: string[] = []
  for (const result of readRecordedResults(test.meta as Record<string, unknown>)) {
    const { comparison, where } = compareInWorker(context, test, result, familyOf(context.baselineDir))
    const check = checks[result.name]
    const unasserted = checksAsserted ? { ...comparison, metrics: comparison.metrics.filter((m) => !coveredBy(check, m.metric)) } : comparison
    const message = failureMessage(result, where, unasserted, context.thresholds.failOnIncomparable)
    if (message) messages.push(message)
  }
  if (messages.length > 0) {
    const error = new Error(messages.join('\n'))
    error.name = 'BaselineRegression'
    // Thrown from an afterEach hook: its own stack would show this file. Point it at the test
    // instead (the plugin turns on includeTaskLocation), so the code frame is the user's line.
    if (test.location) error.stack = `${error.name}: ${error.message}\n    at ${test.file.filepath}:${test.location.line}:${test.location.column}`
    throw error
  }
}
