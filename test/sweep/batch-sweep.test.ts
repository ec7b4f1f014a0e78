import { describe, expect, test } from 'vitest'
import { batchSweep } from '../../src/sweep/batch-sweep.js'
import { busyWait } from '../../benches/support/busy.js'

const quick = { iterations: 10, time: 60, maxTime: 1000, warmup: { iterations: 2, time: 0 }, record: false } as const

describe('batchSweep', () => {
  test('one benchmark per size; items/s counts items; a fixed overhead amortises over larger batches', async () => {
    // 2 ms per call plus 0.1 ms per item: items/s rises with the batch size
    const result = await batchSweep((size) => busyWait(2 + 0.1 * size), { name: 'amortised', sizes: [1, 8, 32], ...quick })
    expect(result.kind).toBe('batch-sweep')
    expect(result.sizes.map((s) => s.batchSize)).toEqual([1, 8, 32])
    for (const s of result.sizes) {
      expect(s.itemsPerSecond).toBeCloseTo((1000 * s.batchSize) / s.latency.mean, 6)
      expect(s.msPerItem).toBeCloseTo(s.latency.mean / s.batchSize, 9)
      expect(s.latency.p50).toBeGreaterThanOrEqual(2 + 0.1 * s.batchSize)
      expect(s.iterations).toBeGreaterThanOrEqual(10)
      expect(s.samples.length).toBeLessThanOrEqual(1000)
      expect(s.memory?.rssPeak).toBeGreaterThan(0)
    }
    const [one, , big] = result.sizes
    expect((big?.itemsPerSecond ?? 0) / (one?.itemsPerSecond ?? 1)).toBeGreaterThan(5)
    expect(result.bestItemsPerSecond.batchSize).toBe(32)
  })

  test('batches are built once per size, outside the timed region', async () => {
    const built: number[] = []
    const seen = new Set<string>()
    await batchSweep(
      (batch: string[], size) => {
        seen.add(`${size}:${batch.length}`)
      },
      {
        name: 'built',
        sizes: [2, 4],
        batch: (size) => {
          built.push(size)
          return Array.from({ length: size }, (_, i) => `item ${i}`)
        },
        ...quick,
        memory: false,
      },
    )
    expect(built).toEqual([2, 4])
    expect([...seen]).toEqual(['2:2', '4:4'])
  })

  test('bad sizes say what is expected', async () => {
    await expect(batchSweep(() => 0, { name: 'x', sizes: [] })).rejects.toThrow(/non-empty array/)
    await expect(batchSweep(() => 0, { name: 'x', sizes: [1, 0.5] })).rejects.toThrow(/positive integer, got 0.5/)
    await expect(batchSweep(() => 0, { name: 'x', sizes: [4, 4] })).rejects.toThrow(/distinct/)
  })
})
