import type { Dispatcher } from './dispatcher.js'
import { httpDispatcher, type HttpTarget } from './http.js'
import { inProcessDispatcher, type InProcessTarget } from './in-process.js'
import { generationDispatcher, isGenerationTarget, type GenerationTarget } from './generation-target.js'
import { workerPoolDispatcher, type WorkerPoolTarget } from './worker-pool.js'

/**
 * What {@link loadTest} sends requests to: a function on this thread, a pool of worker threads
 * (`{ module, workers }`), a loopback HTTP URL (a string, a URL, or `{ url, … }`), or a text
 * generator (`{ generate }`, or a text-generation pipeline itself) timed token by token.
 */
export type LoadTarget<I> = InProcessTarget<I> | WorkerPoolTarget | HttpTarget<I> | GenerationTarget | string | URL

/**
 * Opens the dispatcher for `target` and waits until it can serve (workers have created their
 * handlers; the HTTP server accepts connections), each within its start-up timeout. `connections`
 * is the HTTP default when the target sets none; `stop` (the test ended) abandons the start.
 */
export async function openDispatcher<I>(target: LoadTarget<I>, connections: number | null, stop?: AbortSignal): Promise<Dispatcher<I>> {
  // a pipeline is a function too: its token times need the generation dispatcher
  if (isGenerationTarget(target)) return generationDispatcher(target) as unknown as Dispatcher<I>
  if (typeof target === 'function') return inProcessDispatcher(target)
  if (typeof target === 'string' || target instanceof URL) return httpDispatcher<I>({ url: target }, connections, stop)
  if (typeof target === 'object' && target !== null) {
    if ('module' in target) return workerPoolDispatcher<I>(target, stop)
    if ('url' in target) return httpDispatcher(target, connections, stop)
  }
  throw new TypeError(
    'loadTest: the target must be a function, a worker pool { module, workers }, a loopback URL (string or { url }), or a generator ({ generate } or a text-generation pipeline).',
  )
}
