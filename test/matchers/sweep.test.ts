import { describe, expect, test } from 'vitest'
import { summarizeLatency } from '../../src/analyse/latency.js'
import type { BatchSizeResult, BatchSweepResult } from '../../src/results/batch-sweep.js'
import { latencySamples, TEST_ENV } from '../baseline/synthetic.js'

/** One size of a sweep: calls of `batchSize` items taking about `median` ms each. */
function size(batchSize: number, median: number): BatchSizeResult {
  const samples = latencySamples(200, median, batchSize)
  const latency = summarizeLatency(samples, 1)
  return {
    batchSize,
    latency,
    itemsPerSecond: (1000 * batchSize) / latency.mean,
    callsPerSecond: 1000 / latency.mean,
    msPerItem: latency.mean / batchSize,
    iterations: samples.length,
    samples,
  }
}

// 1 item in 1 ms (≈ 1,000/s), 8 in 4 ms (≈ 2,000/s), 32 in 20 ms (≈ 1,600/s): 8 is the best size
const sizes = [size(1, 1), size(8, 4), size(32, 20)]
const sweep: BatchSweepResult = {
  kind: 'batch-sweep',
  name: 'sst2',
  sizes,
  bestItemsPerSecond: { batchSize: 8, itemsPerSecond: sizes[1]!.itemsPerSecond },
  device: 'cpu',
  env: TEST_ENV,
  startedAt: '2026-11-29T00:00:00.000Z',
}

describe('toHaveBatchThroughputAbove', () => {
  test('checks the best size by default, or the size asked for', () => {
    expect(sweep).toHaveBatchThroughputAbove(1800)
    expect(sweep).not.toHaveBatchThroughputAbove(2200)
    expect(sweep).toHaveBatchThroughputAbove(1400, { batchSize: 32 })
    expect(sweep).not.toHaveBatchThroughputAbove(1400, { batchSize: 1 })
  })

  test('a failure names the sweep, the size, the value with its interval and n, and the limit', () => {
    expect(() => expect(sweep).toHaveBatchThroughputAbove(5000)).toThrow(
      /^batch sweep "sst2": items\/s at batch 8 \(its best size\) [\d,]+\/s \(95% CI [\d,]+\/s – [\d,]+\/s, n=200\) is not above the limit 5,000\/s$/,
    )
  })

  test('{ confidence: 0.95 } tests the lower bound of the interval, which the mean latency gives', () => {
    const best = sizes[1]!
    const lower = (1000 * 8) / best.latency.ci.mean.upper
    expect(lower).toBeLessThan(best.itemsPerSecond)
    const between = (lower + best.itemsPerSecond) / 2
    expect(sweep).toHaveBatchThroughputAbove(between)
    expect(sweep).not.toHaveBatchThroughputAbove(between, { confidence: 0.95 })
  })

  test('wrong input says what to do', () => {
    expect(() => expect(sweep).toHaveBatchThroughputAbove(1, { batchSize: 16 })).toThrow('batch sweep "sst2" has no batch size 16; it swept 1, 8, 32.')
    expect(() => expect(Promise.resolve(sweep)).toHaveBatchThroughputAbove(1)).toThrow(/Await it first: expect\(await batchSweep\(\.\.\.\)\)/)
    expect(() => expect({ kind: 'benchmark' }).toHaveBatchThroughputAbove(1)).toThrow(/expected the result of batchSweep\(\), got a benchmark result/)
    expect(() => expect(sweep).toHaveBatchThroughputAbove(-1)).toThrow(/items per second as a number ≥ 0/)
  })
})
