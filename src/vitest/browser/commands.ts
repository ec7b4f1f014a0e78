/**
 * Browser commands: functions the page calls that run in the Node process (vitest's
 * `commands` API). The gate runs here, where the baseline files are.
 */
import path from 'node:path'
import type { BrowserCommand } from 'vitest/node'
import { AB_ENV, type PairingHook } from '../../core/pairing.js'
import { readRecorded } from '../../gate/recorded.js'
import { connectPairing } from '../ab-connection.js'
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

/** A turn a page asks for in an A/B run: `start` one for a measurement (bench file, result key), `end` it. */
export type TurnPayload = { op: 'start'; file: string; key: string } | { op: 'end'; id: number }

/**
 * Turns of an A/B run's side for its browser pages: a page cannot reach the coordinator's socket,
 * so this process holds the connection and runs each page measurement as an exclusive turn (the
 * other side measures nothing meanwhile).
 */
export function pageTurns(socketPath: string, side: 'base' | 'head') {
  let hook: Promise<PairingHook> | undefined
  const releases = new Map<number, () => void>()
  let nextId = 0
  return async (payload: TurnPayload): Promise<number | null> => {
    if (payload.op === 'end') {
      releases.get(payload.id)?.()
      releases.delete(payload.id)
      return null
    }
    hook ??= connectPairing(socketPath, side, (key) => key)
    const id = nextId++
    const key = `${path.relative(process.cwd(), payload.file).split(path.sep).join('/')}\0${payload.key}`
    const turn = await hook
    await new Promise<void>((granted, failed) => {
      turn.exclusive(key, () => new Promise<void>((release) => {
        releases.set(id, release)
        granted()
      })).catch(failed)
    })
    return id
  }
}

/** The commands the plugin registers for a browser project (`gate` is the project's gate context, once known). */
export function browserCommands(gate: () => GateContext | undefined): { mlBenchGate: BrowserCommand<[GatePayload]>; mlBenchTurn: BrowserCommand<[TurnPayload]> } {
  const socketPath = process.env[AB_ENV.socket]
  const side = process.env[AB_ENV.side]
  const turns = socketPath && (side === 'base' || side === 'head') ? pageTurns(socketPath, side) : undefined
  return {
    mlBenchGate: (_context, payload) => {
      const context = gate()
      return context ? gateInNode(context, payload) : null
    },
    mlBenchTurn: (_context, payload) => {
      if (!turns) throw new Error('mlBenchTurn: this vitest process is not a side of an A/B run.')
      return turns(payload)
    },
  }
}
