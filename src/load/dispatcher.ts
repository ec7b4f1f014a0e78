import type { LoadTargetInfo } from '../results/load-test.js'

/** Sends requests to one kind of target. Internal: {@link loadTest} opens one per run. */
export interface Dispatcher<I> {
  readonly info: LoadTargetInfo
  /** Name used when the caller gives none. */
  readonly defaultName: string
  /**
   * Sends one request; resolves when the target has answered successfully, rejects otherwise.
   * `signal` aborts when the request timed out (targets that can cancel should).
   */
  send(input: I, signal: AbortSignal): Promise<void>
  /** Releases threads, sockets and sessions. */
  close(): Promise<void>
}
