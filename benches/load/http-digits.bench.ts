import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadTest } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'
import { printLoadCurve } from './print-results.js'

// digits-mlp behind HTTP: the model itself takes ≈ 0.09 ms (shared/models/README.md), so HTTP and JSON dominate
const model = sharedModelPath('digits-mlp/model.onnx')
const digits = sharedDatasetPath('digits-test.jsonl')
const reason = skipReason('HTTP digits-mlp load bench', model, digits)

let server: ChildProcess | undefined
let url = ''

/** Starts digits-server.ts in its own process (so the load generator never shares its thread) and waits for its port. */
function startServer(modelFile: string): Promise<{ child: ChildProcess; url: string }> {
  const entry = fileURLToPath(new URL('./digits-server.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', entry, modelFile], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('digits server did not start within 30 s')), 30_000)
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const port = /listening (\d+)/.exec(out)?.[1]
      if (port) {
        clearTimeout(timer)
        resolve({ child, url: `http://127.0.0.1:${port}/predict` })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`digits server exited with code ${code} before listening`))
    })
  })
}

describe.skipIf(reason)('digits-mlp served over HTTP on loopback', () => {
  let rows: { pixels: number[] }[] = []

  beforeAll(async () => {
    rows = readFileSync(digits.path as string, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ pixels: (JSON.parse(line) as { pixels: number[] }).pixels }))
    const started = await startServer(model.path as string)
    server = started.child
    url = started.url
  })

  afterAll(() => {
    server?.kill('SIGTERM')
  })

  const target = () => ({
    url,
    body: (row: { pixels: number[] }) => JSON.stringify(row),
    headers: { 'content-type': 'application/json' },
  })

  test('closed loop: 1, 2, 4 and 8 connections', async () => {
    const result = await loadTest(target(), { name: 'digits-mlp HTTP, closed loop', concurrency: [1, 2, 4, 8], duration: '2s', input: rows, slo: { p99: '20ms' } })
    printLoadCurve(result)
    expect(result.target).toEqual({ kind: 'http', url })
    expect(result).toHaveErrorRateBelow(0.001)
    expect(result).toSustainThroughput(100, { p99Below: '50ms' })
  })

  // Rates stay well below the server's capacity (≈ 1,400 requests/s on one connection here): near
  // saturation the tail explodes with any loss of CPU (1,000/s went from p95 2.3 ms to 11.4 ms
  // under a 1.5-CPU quota), which would make the gate a coin toss on a throttled CI machine.
  test('open loop: Poisson arrivals at 100, 250 and 500 requests/s', async () => {
    const result = await loadTest(target(), { name: 'digits-mlp HTTP, open loop', rate: [100, 250, 500], duration: '2s', input: rows, slo: { p99: '20ms' } })
    printLoadCurve(result)
    expect(result.mode).toBe('open')
    expect(result.levels[0]?.errors).toBe(0)
  })
})
