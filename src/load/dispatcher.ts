import type { LoadTargetInfo } from '../results/load-test.js'

/** When a generation request's tokens arrived: ms from `startedAt` (performance.now() when the call began). */
export interface TokenTiming {
  startedAt: number
  firstTokenMs: number
  lastTokenMs: number
  outputTokens: number
}

/** Sends requests to one kind of target. Internal: {@link loadTest} opens one per run. */
export interface Dispatcher<I> {
  readonly info: LoadTargetInfo
  /** Name used when the caller gives none. */
  readonly defaultName: string
  /**
   * Sends one request; resolves when the target has answered successfully (a generation target
   * with its token timing), rejects otherwise. `signal` aborts when the request timed out
   * (targets that can cancel should).
   */
  send(input: I, signal: AbortSignal): Promise<TokenTiming | void>
  /** Releases threads, sockets and sessions. */
  close(): Promise<void>
}
