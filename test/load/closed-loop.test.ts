import { describe, expect, test } from 'vitest'
import { loadTest } from '../../src/load/load-test.js'
import { sleep } from '../../benches/support/busy.js'

describe('loadTest, closed loop, in-process target', () => {
  test('throughput ≈ concurrency / latency for a fixed-latency target', async () => {
    const result = await loadTest(() => sleep(20), { concurrency: [1, 4], duration: '600ms', warmup: { duration: '100ms' }, record: false })
    expect(result.mode).toBe('closed')
    expect(result.target).toEqual({ kind: 'in-process' })
    const [one, four] = result.levels
    expect(one?.concurrency).toBe(1)
    expect(four?.concurrency).toBe(4)
    for (const level of [one, four]) {
      if (!level?.latency) throw new Error('level without latency')
      const expected = (level.concurrency as number) / (level.latency.mean / 1000)
      // Little's law: throughput = users / latency, here within 25 %
      expect(level.throughput / expected).toBeGreaterThan(0.75)
      expect(level.throughput / expected).toBeLessThan(1.25)
      expect(level.latency.p50).toBeGreaterThanOrEqual(19)
      expect(level.errors).toBe(0)
    }
    // 4 users overlap their waits: close to 4× the throughput of one
    expect((four?.throughput ?? 0) / (one?.throughput ?? 1)).toBeGreaterThan(3)
  })

  test('a blocking in-process target only queues: throughput stays flat, latency grows with users', async () => {
    const block = () => {
      const end = performance.now() + 5
      while (performance.now() < end) {
        // the thread is busy, as during onnxruntime-node's session.run
      }
    }
    const result = await loadTest(block, { concurrency: [1, 4], duration: '400ms', warmup: false, record: false })
    const [one, four] = result.levels
    expect((four?.throughput ?? 0) / (one?.throughput ?? 1)).toBeLessThan(1.3)
    expect(four?.latency?.p50 ?? 0).toBeGreaterThan(2.5 * (one?.latency?.p50 ?? Infinity))
  })

  test('errors are counted by message, never thrown, and bounded', async () => {
    const result = await loadTest(
      (i: number) => {
        if (i % 3 === 0) throw new Error('boom')
        if (i % 3 === 1) return Promise.reject(new Error(`distinct ${i}`))
        return sleep(1)
      },
      { concurrency: 2, requests: 90, warmup: false, record: false },
    )
    const [level] = result.levels
    expect(level?.requests).toBe(90)
    expect(level?.completed).toBe(30)
    expect(level?.errors).toBe(60)
    expect(level?.errorRate).toBeCloseTo(60 / 90, 10)
    expect(level?.errorMessages[0]).toEqual({ message: 'boom', count: 30 })
    // 'boom' plus 19 'distinct …' messages are kept; the other 11 distinct ones are only counted
    expect(level?.errorMessages).toHaveLength(20)
    expect(level?.otherErrors).toBe(11)
  })

  test('a request that never settles fails as timed out', async () => {
    const result = await loadTest(() => new Promise(() => {}), { concurrency: 2, requests: 4, timeout: '30ms', warmup: false, record: false })
    const [level] = result.levels
    expect(level?.errors).toBe(4)
    expect(level?.latency).toBeNull()
    expect(level?.errorMessages).toEqual([{ message: 'timed out after 30.0 ms', count: 4 }])
  })

  test('input cycles through an array', async () => {
    const seen: string[] = []
    await loadTest((s: string) => void seen.push(s), { concurrency: 1, requests: 5, input: ['a', 'b'], warmup: false, record: false })
    expect(seen).toEqual(['a', 'b', 'a', 'b', 'a'])
  })

  test('bad options say what to do', async () => {
    const noop = () => undefined
    await expect(loadTest(noop, {})).rejects.toThrow(/exactly one of `concurrency`/)
    await expect(loadTest(noop, { concurrency: [1.5] })).rejects.toThrow(/positive integer/)
    await expect(loadTest(noop, { rate: [0] })).rejects.toThrow(/positive number/)
    await expect(loadTest(noop, { concurrency: 1, slo: { p90: '5ms' } as never })).rejects.toThrow(/unknown slo key "p90"/)
    await expect(loadTest(noop, { concurrency: 1, slo: { p99: '5 parsecs' } as never })).rejects.toThrow(/unknown unit/)
  })
})
