import { TestRunner, type RunnerTestCase } from 'vitest'
import { workerGateContext } from '../context.js'
import { baselineEntryOf } from '../../gate/entry.js'
import { METRIC_RULE_NAMES } from '../../gate/schema.js'
import { compareInWorker } from '../worker-gate.js'
import { recordCheck } from '../../core/sink.js'
import { coveredBy, type ExplicitCheck } from '../../gate/recorded.js'
import { describeMetric, failureMessage } from '../../../reporters/text/verdict.js'
import type { MlBenchResult } from '../../results/index.js'
import type { MatcherOutcome } from './threshold.js'
import { acceptResult, MATCHER, requestedCheck, type BaselineCheckOptions } from './baseline-options.js'

export type { BaselineCheckOptions, BaselineMetric } from './baseline-options.js'

/** Throws when `check` names a metric `result` does not have, listing the ones it has. */
export function validateCheck(result: MlBenchResult, check: ExplicitCheck): void {
  const ids = Object.keys(baselineEntryOf(result).metrics)
  for (const m of check.metrics) {
    if (m !== '*' && !ids.includes(m) && !(METRIC_RULE_NAMES as readonly string[]).includes(m)) {
      throw new TypeError(`${MATCHER}: ${result.kind} "${result.name}" has no metric "${m}". Its metrics: ${ids.join(', ') || 'none'}.`)
    }
  }
}

/**
 * `expect(result).toBeWithinBaseline(options?)`: compares a result with its baseline now, with
 * optional per-call metric, tolerance and alpha. The check is recorded on the test, so the
 * automatic gate and the reporter judge those metrics with the same settings (and the gate does
 * not report them twice). No baseline yet, or update mode: passes.
 */
export function toBeWithinBaseline(received: unknown, options: BaselineCheckOptions = {}): MatcherOutcome {
  const result = acceptResult(received)
  const test = TestRunner.getCurrentTest() as RunnerTestCase | undefined
  if (!test) throw new TypeError(`${MATCHER}: call it inside a test; baselines are keyed by suite › test › result name.`)
  const check = requestedCheck(options)
  validateCheck(result, check)
  recordCheck(result.name, check)

  const context = workerGateContext()
  const { comparison, where } = compareInWorker(context, test, result)
  const selected = { ...comparison, metrics: comparison.metrics.filter((m) => coveredBy(check, m.metric)) }
  const failure = context.mode === 'all' ? undefined : failureMessage(result, where, selected, context.thresholds.failOnIncomparable)
  const summary = selected.metrics.map((m) => `  ${describeMetric(m)}`).join('\n')
  return {
    pass: failure === undefined,
    message: () =>
      failure ??
      `${result.kind} "${result.name}" (${where}) is within its baseline${context.mode === 'all' ? ' (update mode: it will be re-recorded)' : ''}, expected it not to be:\n${summary}`,
  }
}

/** The baseline matcher, keyed by name. */
export const baselineMatchers = { toBeWithinBaseline }
