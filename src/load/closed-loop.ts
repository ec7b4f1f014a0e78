import { tokensFrom, type LevelRecorder } from './outcomes.js'
import { nextTurn, sendWithTimeout, type PhaseBounds, type PhaseContext } from './send.js'

/**
 * Closed loop: `concurrency` virtual users, each sending its next request as soon as the previous
 * one settled. Latency runs from the moment a user is ready (phase start, or its previous request
 * settled) to settle, so time spent waiting for a thread blocked by another user's request (an
 * in-process model) is counted and Little's law holds. Returns the phase's duration (start until
 * the last request settled), ms.
 */
export async function runClosedLoop<I>(
  context: PhaseContext<I>,
  concurrency: number,
  bounds: PhaseBounds,
  recorder: LevelRecorder,
): Promise<number> {
  const start = performance.now()
  const end = bounds.durationMs === undefined ? Infinity : start + bounds.durationMs
  const limit = bounds.requests ?? Infinity
  let issued = 0
  const user = async () => {
    let ready = start
    while (issued < limit && performance.now() < end && !context.stop?.aborted) {
      const index = issued++
      try {
        const timing = await sendWithTimeout(context.dispatcher, context.input(index), context.timeoutMs)
        recorder.success(performance.now() - ready, timing ? tokensFrom(timing, ready) : undefined)
      } catch (error) {
        recorder.failure(error)
      }
      ready = performance.now()
      // a target that settles synchronously would otherwise starve timers and I/O
      await nextTurn()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, user))
  return performance.now() - start
}
