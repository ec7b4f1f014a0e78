import os from 'node:os'
import { describe, expect, test } from 'vitest'
import { loadTest } from '../../src/load/load-test.js'

const handler = new URL('./fixtures/cpu-handler.ts', import.meta.url)

describe('loadTest, worker-pool target', () => {
  test('two workers give real parallelism for a CPU-bound handler', async () => {
    const options = { concurrency: 2, duration: '800ms', warmup: { duration: '100ms' }, record: false } as const
    const one = await loadTest({ module: handler, workers: 1, data: { ms: 8 } }, options)
    const two = await loadTest({ module: handler, workers: 2, data: { ms: 8 } }, options)
    expect(one.target).toEqual({ kind: 'worker-pool', workers: 1 })
    expect(two.target).toEqual({ kind: 'worker-pool', workers: 2 })
    expect(two.name).toBe('cpu-handler.ts#createHandler (2 workers)')
    const ratio = (two.levels[0]?.throughput ?? 0) / (one.levels[0]?.throughput ?? 1)
    // one worker serves ≈ 1 / 8 ms = 125/s whatever the concurrency; two can double that
    expect(one.levels[0]?.throughput).toBeLessThan(140)
    if (os.cpus().length >= 2) expect(ratio).toBeGreaterThan(1.3)
  })

  test('a failing request is counted; the pool keeps serving', async () => {
    const result = await loadTest(
      { module: handler, workers: 1, data: { ms: 1 } },
      { concurrency: 1, requests: 6, input: [1, -1, 2], warmup: false, record: false },
    )
    expect(result.levels[0]?.completed).toBe(4)
    expect(result.levels[0]?.errorMessages).toEqual([{ message: 'negative input -1', count: 2 }])
  })

  test('a module without the factory fails with a clear error', async () => {
    await expect(loadTest({ module: handler, export: 'makeHandler', workers: 1 }, { concurrency: 1, record: false })).rejects.toThrow(
      /could not start cpu-handler\.ts#makeHandler: .*does not export a function "makeHandler" \(exports: createHandler\)/,
    )
    await expect(loadTest({ module: handler, workers: 0 }, { concurrency: 1, record: false })).rejects.toThrow(/workers must be a positive integer/)
  })
})
