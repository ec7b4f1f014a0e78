/**
 * Finding 3 of issue 16 (a load test that never starts must not hang) and the HTTP 3xx bullet of
 * finding 5: worker factories that never settle, a server that is not there, a redirect.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { StoppedError } from '../../src/core/sink.js'
import { loadTest } from '../../src/load/load-test.js'
import { openDispatcher } from '../../src/load/target.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ml-bench-load-start-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
function handlerModule(name: string, factory: string): string {
  const file = path.join(dir, name)
  writeFileSync(file, `export async function createHandler() {\n${factory}\n}\n`)
  return file
}

describe('a worker pool whose factory never settles (issue 16, finding 3)', () => {
  test('an hour-long factory fails at the start-up timeout, naming the worker and the time', async () => {
    const module = handlerModule('hour.mjs', 'await new Promise((r) => setTimeout(r, 3_600_000)); return () => {}')
    const start = performance.now()
    const error = await loadTest({ module, workers: 2, startupTimeoutMs: 500 }, { concurrency: 1, requests: 1, record: false }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      /^loadTest: the worker pool could not start hour\.mjs#createHandler: worker [01] of hour\.mjs#createHandler did not create its handler within 500 ms \(startupTimeoutMs; .*raise startupTimeoutMs/,
    )
    // before: no bound but the test's own timeout
    expect(performance.now() - start).toBeLessThan(5_000)
  })

  test('a factory returning a promise that can never settle says so, not just "exited with code 0"', async () => {
    const module = handlerModule('never.mjs', 'return new Promise(() => {})')
    await expect(loadTest({ module, workers: 1 }, { concurrency: 1, requests: 1, record: false })).rejects.toThrow(
      'worker 0 of never.mjs#createHandler exited with code 0 before "createHandler" returned a handler: its promise never settles (it waits on nothing)',
    )
  })

  test('when the test ends (its signal aborts) the start is abandoned at once, workers terminated', async () => {
    const module = handlerModule('slow.mjs', 'await new Promise((r) => setTimeout(r, 3_600_000)); return () => {}')
    const stop = new AbortController()
    setTimeout(() => stop.abort(new Error('Test timed out in 300ms.')), 300)
    const start = performance.now()
    const error = await openDispatcher({ module, workers: 1 }, null, stop.signal).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoppedError)
    expect((error as Error).message).toBe(
      'loadTest stopped: its test ended before it finished (Test timed out in 300ms.); the partial result is discarded and not recorded.',
    )
    expect(performance.now() - start).toBeLessThan(3_000)
  })
})

describe('HTTP targets', () => {
  let server: Server | undefined
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

  test('a server that is not listening fails at the start-up timeout with the address, not as a run of errors', async () => {
    // a port that was just free: nothing listens there
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const error = await loadTest({ url: `http://127.0.0.1:${port}/predict`, startupTimeoutMs: 300 }, { concurrency: 1, requests: 1, record: false }).then(
      () => new Error('it started'),
      (e: unknown) => e as Error,
    )
    expect(error.message).toBe(
      `loadTest: the server at http://127.0.0.1:${port} did not accept a connection within 300 ms (startupTimeoutMs; last: ECONNREFUSED). ` +
        'Start it before the load test, or raise startupTimeoutMs if it takes that long to come up.',
    )
  })

  test('a redirect (3xx) is a failed request, not a success (issue 16, finding 5)', async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/old' ? 302 : 200
      if (req.url === '/old') res.setHeader('location', '/new')
      res.end('moved')
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const result = await loadTest(`${base}/old`, { concurrency: 1, requests: 10, warmup: false, record: false })
    const [level] = result.levels
    expect(level?.completed).toBe(0)
    expect(level?.errorMessages).toEqual([{ message: 'HTTP 302 (a redirect to /new, not followed: point the test at the final URL)', count: 10 }])
  })
})
