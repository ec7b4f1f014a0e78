/** Worker-pool load targets in a browser page (the browser twin of `worker-pool.ts`): they are Node worker threads, so a page says so. */
import type { Dispatcher } from './dispatcher.js'
import type { WorkerPoolTarget } from './worker-pool.js'

/** Refuses: worker pools are Node worker threads. */
export async function workerPoolDispatcher<I>(_target: WorkerPoolTarget, _stop?: AbortSignal): Promise<Dispatcher<I>> {
  throw new Error('loadTest: worker-pool targets ({ workerModule }) are Node worker threads; a browser page cannot start them. Run this load test in a Node project, or load-test an in-process function in the page.')
}
