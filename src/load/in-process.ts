import type { Dispatcher } from './dispatcher.js'

/** A function called on the test's own thread; its result (or promise) is awaited. */
export type InProcessTarget<I> = (input: I) => unknown

/**
 * Dispatches to a function on this thread. A model whose inference blocks the thread (such as
 * onnxruntime-node's `session.run`) serves one request at a time here, however many are in flight.
 */
export function inProcessDispatcher<I>(fn: InProcessTarget<I>): Dispatcher<I> {
  return {
    info: { kind: 'in-process' },
    defaultName: fn.name ? `${fn.name} (in-process)` : 'in-process function',
    send: async (input) => {
      await fn(input)
    },
    close: async () => {},
  }
}
