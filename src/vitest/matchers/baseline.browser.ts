/**
 * `toBeWithinBaseline` in a browser page (the browser twin of `baseline.ts`). A page cannot read
 * the baseline files, and a matcher cannot wait for the Node side, so here the matcher records
 * the check (metrics, tolerance, alpha) on the test and passes; right after the test the browser
 * gate sends the test's results to the Node process, which compares them — with this check's
 * settings — and fails the test there on a regression (`vitest/browser/gate-setup.ts`).
 */
import { TestRunner } from 'vitest'
import { recordCheck } from '../../core/sink.js'
import type { MatcherOutcome } from './threshold.js'
import { acceptResult, MATCHER, requestedCheck, type BaselineCheckOptions } from './baseline-options.js'

export type { BaselineCheckOptions, BaselineMetric } from './baseline-options.js'

/** Records the check for the gate that runs after the test (see the module comment). */
export function toBeWithinBaseline(received: unknown, options: BaselineCheckOptions = {}): MatcherOutcome {
  const result = acceptResult(received)
  if (!TestRunner.getCurrentTest()) throw new TypeError(`${MATCHER}: call it inside a test; baselines are keyed by suite › test › result name.`)
  recordCheck(result.name, requestedCheck(options))
  return {
    pass: true,
    message: () => `${MATCHER} cannot be negated in a browser page: the comparison runs on the Node side after the test.`,
  }
}

/** The baseline matcher, keyed by name. */
export const baselineMatchers = { toBeWithinBaseline }
