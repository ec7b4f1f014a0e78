/**
 * Setup file of the baseline gate (the plugin adds it): after each test, compares the results it
 * recorded with their baselines and fails the test on a regression, so the failure shows next to
 * the test that caused it. Only active when the plugin provided its gate context.
 */
import { afterEach } from 'vitest'
import { hasProvidedGateContext, workerGateContext } from './context.js'
import { gateTest } from './worker-gate.js'

afterEach(({ task }) => {
  if (hasProvidedGateContext()) gateTest(workerGateContext(), task)
})
