import { isIP } from 'node:net'
import { Pool } from 'undici'
import type { Dispatcher } from './dispatcher.js'

/** A server on loopback. Any status ≥ 400, network error or timeout counts as a failed request. */
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

/** Dispatches HTTP requests through an undici connection pool. */
export function httpDispatcher<I>(target: HttpTarget<I>, defaultConnections: number | null): Dispatcher<I> {
  const url = assertLoopbackUrl(target.url)
  const connections = target.connections ?? defaultConnections
  if (connections !== null && (!Number.isInteger(connections) || connections < 1)) {
    throw new TypeError(`loadTest: connections must be a positive integer, got ${JSON.stringify(connections)}.`)
  }
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
      if (response.statusCode >= 400) {
        throw new Error(`HTTP ${response.statusCode}${body ? `: ${body.slice(0, 120)}` : ''}`)
      }
    },
    close: () => pool.close(),
  }
}
