import { connect, isIP } from 'node:net'
import { Pool } from 'undici'
import { StoppedError } from '../core/sink.js'
import { formatDuration } from '../core/units.js'
import type { Dispatcher } from './dispatcher.js'

/**
 * A server on loopback. A request succeeds with a 2xx status only: a redirect (3xx, not followed:
 * the load would go elsewhere), any status ≥ 400, a network error or a timeout counts as failed.
 */
export interface HttpTarget<I> {
  /** http(s) URL whose host is localhost, 127.0.0.0/8 or [::1]. */
  url: string | URL
  /** ['GET' without `body`, 'POST' with it] */
  method?: 'GET' | 'POST' | 'PUT'
  headers?: Record<string, string>
  /** Request body for one input, e.g. `(input) => JSON.stringify(input)`. */
  body?: (input: I) => string | Uint8Array
  /** Maximum open connections [the highest concurrency (closed loop); unlimited (open loop)]. */
  connections?: number
  /** How long to wait for the server to accept a connection before the first level, ms [10,000]. */
  startupTimeoutMs?: number
}

/**
 * Parses `url` and refuses anything that is not on this machine's loopback interface: load tests
 * hammer their target, which must never be someone else's server.
 */
export function assertLoopbackUrl(url: string | URL): URL {
  let parsed: URL
  try {
    parsed = new URL(String(url))
  } catch {
    throw new TypeError(`loadTest: "${String(url)}" is not a valid URL; write it like http://127.0.0.1:8080/predict.`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`loadTest: only http: and https: URLs can be load-tested, got ${parsed.protocol} in ${parsed.href}.`)
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const loopback =
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (isIP(host) === 4 && host.split('.')[0] === '127')
  if (!loopback) {
    throw new Error(
      `loadTest: refusing to load-test ${parsed.href}: only loopback hosts are allowed (localhost, 127.0.0.0/8, [::1]). Start the server on this machine and point the test at it.`,
    )
  }
  return parsed
}

/** Resolves once a TCP connection to `url` succeeds; retries every 50 ms until `timeoutMs`, or until `stop`. */
async function waitForServer(url: URL, timeoutMs: number, stop: AbortSignal | undefined): Promise<void> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const deadline = performance.now() + timeoutMs
  let last = ''
  for (;;) {
    const error = await new Promise<Error | undefined>((resolve) => {
      const socket = connect({ host, port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(undefined)
      })
      socket.once('error', (e) => resolve(e))
    })
    if (!error) return
    last = (error as NodeJS.ErrnoException).code ?? error.message
    if (stop?.aborted) throw new StoppedError('loadTest', stop.reason)
    if (performance.now() >= deadline) {
      throw new Error(
        `loadTest: the server at ${url.origin} did not accept a connection within ${formatDuration(timeoutMs)} (startupTimeoutMs; last: ${last}). ` +
          'Start it before the load test, or raise startupTimeoutMs if it takes that long to come up.',
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Dispatches HTTP requests through an undici connection pool, once the server accepts connections. */
export async function httpDispatcher<I>(target: HttpTarget<I>, defaultConnections: number | null, stop?: AbortSignal): Promise<Dispatcher<I>> {
  const url = assertLoopbackUrl(target.url)
  const connections = target.connections ?? defaultConnections
  if (connections !== null && (!Number.isInteger(connections) || connections < 1)) {
    throw new TypeError(`loadTest: connections must be a positive integer, got ${JSON.stringify(connections)}.`)
  }
  const startupTimeout = target.startupTimeoutMs ?? 10_000
  if (!(Number.isFinite(startupTimeout) && startupTimeout > 0)) {
    throw new TypeError(`loadTest: startupTimeoutMs must be a positive number of milliseconds, got ${JSON.stringify(target.startupTimeoutMs)}.`)
  }
  await waitForServer(url, startupTimeout, stop)
  const pool = new Pool(url.origin, { connections })
  const method = target.method ?? (target.body ? 'POST' : 'GET')
  const path = `${url.pathname}${url.search}`
  return {
    info: { kind: 'http', url: url.href },
    defaultName: `${method} ${url.href}`,
    send: async (input, signal) => {
      const response = await pool.request({
        path,
        method,
        signal,
        ...(target.headers ? { headers: target.headers } : {}),
        ...(target.body ? { body: target.body(input) } : {}),
      })
      // the body is read in full: the request is served when its last byte has arrived
      const body = await response.body.text()
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const location = response.headers.location
        const redirect = response.statusCode >= 300 && response.statusCode < 400 ? ` (a redirect${location ? ` to ${String(location)}` : ''}, not followed: point the test at the final URL)` : ''
        throw new Error(`HTTP ${response.statusCode}${redirect}${body && !redirect ? `: ${body.slice(0, 120)}` : ''}`)
      }
    },
    close: () => pool.close(),
  }
}
