import type { Dispatcher } from './dispatcher.js'
import { httpDispatcher, type HttpTarget } from './http.js'
import { inProcessDispatcher, type InProcessTarget } from './in-process.js'
import { workerPoolDispatcher, type WorkerPoolTarget } from './worker-pool.js'

/**
 * What {@link loadTest} sends requests to: a function on this thread, a pool of worker threads
 * (`{ module, workers }`), or a loopback HTTP URL (a string, a URL, or `{ url, … }`).
 */
export type LoadTarget<I> = InProcessTarget<I> | WorkerPoolTarget | HttpTarget<I> | string | URL

/** Opens the dispatcher for `target`. `connections` is the HTTP default when the target sets none. */
export async function openDispatcher<I>(target: LoadTarget<I>, connections: number | null): Promise<Dispatcher<I>> {
  if (typeof target === 'function') return inProcessDispatcher(target)
  if (typeof target === 'string' || target instanceof URL) return httpDispatcher<I>({ url: target }, connections)
  if (typeof target === 'object' && target !== null) {
    if ('module' in target) return workerPoolDispatcher<I>(target)
    if ('url' in target) return httpDispatcher(target, connections)
  }
  throw new TypeError(
    'loadTest: the target must be a function, a worker pool { module, workers }, or a loopback URL (string or { url }).',
  )
}
