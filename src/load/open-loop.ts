import { poissonGaps } from './arrivals.js'
import { tokensFrom, type LevelRecorder } from './outcomes.js'
import { nextTurn, sendWithTimeout, type PhaseBounds, type PhaseContext } from './send.js'

/** How long before an arrival the generator stops sleeping and polls the event loop instead, ms. */
const SPIN_MS = 1

/**
 * Open loop: requests arrive as a Poisson process at `rate` per second whether or not earlier
 * ones have finished. Latency runs from each request's scheduled arrival, not from when it was
 * actually sent, so time spent waiting behind a busy target (or a blocked event loop) is counted
 * instead of hidden (no coordinated omission). Arrivals beyond `maxInFlight` outstanding requests
 * are failed as dropped. How late each request left is recorded as the level's send lag.
 * Returns the phase's duration (start until the last request settled), ms.
 */
export async function runOpenLoop<I>(
  context: PhaseContext<I>,
  rate: number,
  bounds: PhaseBounds,
  recorder: LevelRecorder,
  options: { maxInFlight: number; seed: number },
): Promise<number> {
  const gap = poissonGaps(rate, options.seed)
  const start = performance.now()
  const end = bounds.durationMs === undefined ? Infinity : start + bounds.durationMs
  const limit = bounds.requests ?? Infinity
  const inFlight = new Set<Promise<void>>()
  let issued = 0
  let next = start
  const due = () => issued < limit && next < end && !context.stop?.aborted

  const fire = (scheduled: number) => {
    const index = issued++
    recorder.sent(performance.now() - scheduled)
    if (inFlight.size >= options.maxInFlight) {
      recorder.failure(new Error(`dropped: ${options.maxInFlight} requests already in flight (maxInFlight)`))
      return
    }
    const request: Promise<void> = sendWithTimeout(context.dispatcher, context.input(index), context.timeoutMs)
      .then(
        (timing) => recorder.success(performance.now() - scheduled, timing ? tokensFrom(timing, scheduled) : undefined),
        (error: unknown) => recorder.failure(error),
      )
      .finally(() => inFlight.delete(request))
    inFlight.add(request)
  }

  while (due()) {
    const wait = next - performance.now()
    if (wait > 0) {
      // Node's timers have 1 ms granularity and an idle VM can be slow to wake: a timer aimed at the
      // arrival itself sent requests ≈ 0.8 ms late at p50 (a no-op target measured 0.9 ms). Sleep
      // until SPIN_MS before it, then yield turn by turn (I/O still runs) until it is due: ≈ 0.1 ms.
      await (wait > SPIN_MS ? new Promise((resolve) => setTimeout(resolve, wait - SPIN_MS)) : nextTurn())
      continue
    }
    fire(next)
    next += gap()
    // one arrival per event-loop turn: a target that blocks the thread gets its completion
    // recorded before the next arrival is sent, not after a whole backlog
    await nextTurn()
  }
  while (inFlight.size > 0) await Promise.all(inFlight)
  return performance.now() - start
}
