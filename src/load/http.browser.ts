/** HTTP load targets in a browser page (the browser twin of `http.ts`): a page cannot open the connections a load test needs, so it says so. */
import type { Dispatcher } from './dispatcher.js'
import type { HttpTarget } from './http.js'

/** Refuses: HTTP load tests run in Node. */
export async function httpDispatcher<I>(_target: HttpTarget<I>, _defaultConnections: number | null, _stop?: AbortSignal): Promise<Dispatcher<I>> {
  throw new Error('loadTest: HTTP targets ({ url }) run from Node (undici connection pools); a browser page cannot open them. Run this load test in a Node project, or load-test an in-process function in the page.')
}
