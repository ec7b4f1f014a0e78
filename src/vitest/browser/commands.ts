/**
 * Browser commands: functions the page calls that run in the Node process (vitest's
 * `commands` API). The gate runs here, where the baseline files are.
 */
import type { BrowserCommand } from 'vitest/node'
import { readRecorded } from '../../gate/recorded.js'
import type { GateContext } from '../context.js'
import { validateCheck } from '../matchers/baseline.js'
import { gateTest } from '../worker-gate.js'

/** What the page sends of a finished test. */
export interface GatePayload {
  file: string
  name: string
  meta: Record<string, unknown>
  location?: { line: number; column: number }
}

/** The gate's verdict on a test of the page: the error to throw there, or null. */
export type GateOutcome = { name: string; message: string; stack: string } | null

/**
 * The worker gate of a test that ran in a page: compares its results with their baselines, the
 * metrics its `toBeWithinBaseline` calls named included (a page's matcher only records them).
 */
export function gateInNode(gate: GateContext, payload: GatePayload): GateOutcome {
  const test = { name: payload.name, meta: payload.meta, location: payload.location, file: { filepath: payload.file } }
  try {
    const recorded = readRecorded(payload.meta)
    for (const result of recorded?.results ?? []) {
      const check = recorded?.checks[result.name]
      if (check) validateCheck(result, check)
    }
    gateTest(gate, test, false)
    return null
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error))
    return { name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` }
  }
}

/** The commands the plugin registers for a browser project (`gate` is the project's gate context, once known). */
export function browserCommands(gate: () => GateContext | undefined): { mlBenchGate: BrowserCommand<[GatePayload]> } {
  return {
    mlBenchGate: (_context, payload) => {
      const context = gate()
      return context ? gateInNode(context, payload) : null
    },
  }
}
