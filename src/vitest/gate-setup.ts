/**
 * Setup file of the baseline gate (the plugin adds it): before each bench file, probes the
 * machine's speed (every result then records it, and the gate compares it with the baseline's);
 * after each test, compares the results it recorded with their baselines and fails the test on a
 * regression, so the failure shows next to the test that caused it. Only active when the plugin
 * provided its gate context.
 */
import { afterEach, beforeAll } from 'vitest'
import { probeMachine } from '../measure/machine.js'
import { hasProvidedGateContext, workerGateContext } from './context.js'
import { gateTest } from './worker-gate.js'

beforeAll(async () => {
  if (hasProvidedGateContext()) await probeMachine()
})

afterEach(({ task }) => {
  if (hasProvidedGateContext()) gateTest(workerGateContext(), task)
})
