import { formatDuration } from '../core/units.js'
import type { Dispatcher, TokenTiming } from './dispatcher.js'

/** How many requests a phase may issue and for how long; whichever limit is reached first ends it. */
export interface PhaseBounds {
  durationMs?: number
  requests?: number
}

/** What a load phase needs besides its level. */
export interface PhaseContext<I> {
  dispatcher: Dispatcher<I>
  /** The input of request number `index` (counted from 0 across the phase). */
  input: (index: number) => I
  timeoutMs: number
  /** Aborted when the load test's vitest test ends: no further request is sent. */
  stop: AbortSignal | undefined
}

/** Sends one request, failing it after `timeoutMs` (and aborting it where the target can cancel). */
export function sendWithTimeout<I>(dispatcher: Dispatcher<I>, input: I, timeoutMs: number): Promise<TokenTiming | void> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`timed out after ${formatDuration(timeoutMs)}`))
    }, timeoutMs)
  })
  let sent: Promise<TokenTiming | void>
  try {
    sent = dispatcher.send(input, controller.signal)
  } catch (error) {
    sent = Promise.reject(error)
  }
  return Promise.race([sent, timeout]).finally(() => clearTimeout(timer))
}

/** Resolves on the next turn of the event loop, so timers and I/O run between requests. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
