import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { assertLoopbackUrl } from '../../src/load/http.js'
import { loadTest } from '../../src/load/load-test.js'

let server: Server
let base: string

beforeAll(async () => {
  // 10 ms per request, answered with a timer so requests overlap; POST bodies of "fail" get a 500
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () =>
      setTimeout(() => {
        res.statusCode = body === '"fail"' ? 500 : 200
        res.end(res.statusCode === 200 ? '{"label":"ok"}' : 'model exploded')
      }, 10),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('loadTest, HTTP target on loopback', () => {
  test('closed loop against a local server: throughput scales with concurrency, the result says http', async () => {
    const result = await loadTest(`${base}/predict`, { concurrency: [1, 4], duration: '500ms', warmup: { requests: 5 }, record: false })
    expect(result.target).toEqual({ kind: 'http', url: `${base}/predict` })
    expect(result.name).toBe(`GET ${base}/predict`)
    const [one, four] = result.levels
    expect(one?.errors).toBe(0)
    expect(one?.latency?.p50).toBeGreaterThanOrEqual(10)
    expect((four?.throughput ?? 0) / (one?.throughput ?? 1)).toBeGreaterThan(2.5)
  })

  test('HTTP errors are counted with their status and body', async () => {
    const result = await loadTest<string>(
      { url: `${base}/predict`, body: (input) => JSON.stringify(input), headers: { 'content-type': 'application/json' } },
      { concurrency: 2, requests: 20, input: ['fine', 'fail'], warmup: false, record: false },
    )
    const [level] = result.levels
    expect(level?.completed).toBe(10)
    expect(level?.errorMessages).toEqual([{ message: 'HTTP 500: model exploded', count: 10 }])
  })

  test('only loopback hosts are accepted', async () => {
    for (const ok of ['http://127.0.0.1:8080/x', 'http://127.1.2.3/', 'http://localhost:3000', 'https://[::1]:8443/p']) {
      expect(assertLoopbackUrl(ok).href).toBe(new URL(ok).href)
    }
    for (const bad of ['http://example.com/', 'http://10.0.0.1/', 'http://[::2]/', 'http://128.0.0.1/', 'http://127.0.0.1.example.com/']) {
      expect(() => assertLoopbackUrl(bad)).toThrow(/only loopback hosts are allowed/)
    }
    expect(() => assertLoopbackUrl('ftp://127.0.0.1/')).toThrow(/only http: and https:/)
    expect(() => assertLoopbackUrl('not a url')).toThrow(/not a valid URL/)
    await expect(loadTest('http://192.168.1.10/predict', { concurrency: 1, record: false })).rejects.toThrow(
      /refusing to load-test http:\/\/192\.168\.1\.10\/predict/,
    )
  })
})
