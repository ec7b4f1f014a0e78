/**
 * Setup file of a browser project (the plugin adds it after the matchers' setup file): installs
 * what the Node process told the page (served folders, machine, WASM threads), then, after each
 * test, has the Node process gate the test's results against their baselines and fails the test
 * in the page on a regression, as the worker gate does in Node.
 */
import { afterEach, inject, TestRunner, type RunnerTestCase } from 'vitest'
import { commands } from 'vitest/browser'
import { installPageContext } from '../../core/page-context.js'
import { installPairing, type PairingHook } from '../../core/pairing.js'
import { entryKey } from '../../core/result-key.js'
import { pageBrowserName } from '../../measure/fingerprint.browser.js'
import { suiteOf } from '../record.js'
import type { GateOutcome, GatePayload, TurnPayload } from './commands.js'
import { AB_SIDE_KEY, PAGE_CONTEXT_KEY } from './provided.js'

declare module 'vitest/browser' {
  interface BrowserCommands {
    mlBenchGate: (payload: GatePayload) => Promise<GateOutcome>
    mlBenchTurn: (payload: TurnPayload) => Promise<number | null>
  }
}

installPageContext(inject(PAGE_CONTEXT_KEY))

/**
 * The pairing hook of a page in an A/B run: each measurement runs in a turn of its own, while the
 * other side measures nothing (the page cannot slice its measurements in step with the other
 * side's, so the A/B gate shows their timings and does not gate them). Warm-up runs in the turn.
 */
function pageTurnHook(): PairingHook {
  let inside = 0
  const exclusive = async <T>(name: string, measure: () => Promise<T>): Promise<T> => {
    const test = TestRunner.getCurrentTest() as RunnerTestCase | undefined
    if (inside > 0 || !test) return measure()
    const id = (await commands.mlBenchTurn({ op: 'start', file: test.file.filepath, key: entryKey(suiteOf(test), test.name, name, pageBrowserName()) })) as number
    inside++
    try {
      return await measure()
    } finally {
      inside--
      await commands.mlBenchTurn({ op: 'end', id })
    }
  }
  return {
    pair: (name, runner, timeMs) =>
      exclusive(name, async () => {
        await (runner.warmUp ? runner.warmUp(timeMs / 4) : runner.runSlice(timeMs / 4))
        return runner.runSlice(timeMs)
      }),
    exclusive,
  }
}

if (inject(AB_SIDE_KEY)) installPairing(pageTurnHook())

afterEach(async ({ task }) => {
  const payload: GatePayload = { file: task.file.filepath, name: task.name, meta: task.meta as Record<string, unknown>, ...(task.location ? { location: task.location } : {}) }
  const outcome = await commands.mlBenchGate(payload)
  if (!outcome) return
  const error = new Error(outcome.message)
  error.name = outcome.name
  // the gate already pointed the stack at the test's line (the payload carries its location)
  error.stack = outcome.stack
  throw error
})
