import { describe, expect, test } from 'vitest'
import { loadTest } from '../../src/load/load-test.js'

const handler = new URL('./fixtures/cpu-handler.ts', import.meta.url)

describe('loadTest, worker-pool target', () => {
  test('two workers serve two requests at once for a CPU-bound handler', async () => {
    const options = { concurrency: 2, duration: '800ms', warmup: { duration: '100ms' }, record: false } as const
    const run = async (workers: number) => {
      const inFlight = new Int32Array(new SharedArrayBuffer(8))
      const result = await loadTest({ module: handler, workers, data: { ms: 8, inFlight } }, options)
      return { result, mostAtOnce: Atomics.load(inFlight, 1) }
    }
    const one = await run(1)
    const two = await run(2)
    expect(one.result.target).toEqual({ kind: 'worker-pool', workers: 1 })
    expect(two.result.target).toEqual({ kind: 'worker-pool', workers: 2 })
    expect(two.result.name).toBe('cpu-handler.ts#createHandler (2 workers)')
    // what the pool controls: one worker handles one request at a time, two workers run two at once
    expect(one.mostAtOnce).toBe(1)
    expect(two.mostAtOnce).toBe(2)
    // one worker serves ≈ 1 / 8 ms = 125/s whatever the concurrency. How much faster two are is the
    // machine's business: ≈ 1.98× on two free cores here, 1.24× under a 1.2-CPU quota, 1.07× under 1 CPU;
    // they are never slower
    const [single, pair] = [one.result.levels[0], two.result.levels[0]]
    expect(single?.throughput).toBeLessThan(140)
    expect(pair?.throughput ?? 0).toBeGreaterThan(0.9 * (single?.throughput ?? Infinity))
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
