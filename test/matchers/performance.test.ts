import { beforeAll, describe, expect, test } from 'vitest'
import { benchmark, type BenchmarkResult } from '../../src/index.js'
import { busyWait } from '../../benches/support/busy.js'
import { failureOf } from '../helpers/failure.js'

let result: BenchmarkResult

beforeAll(async () => {
  result = await benchmark('resnet-ish cpu', () => busyWait(1), { iterations: 40, time: 0, batchSize: 4, record: false })
})

describe('latency, throughput and memory matchers', () => {
  test('pass when within limits, with units', () => {
    expect(result).toHaveP50LatencyBelow('50ms')
    expect(result).toHaveP95LatencyBelow(50)
    expect(result).toHaveP99LatencyBelow('0.05s')
    expect(result).toHaveMeanLatencyBelow('50000us')
    expect(result).toHaveThroughputAbove(100)
    expect(result).toHavePeakMemoryBelow('64GiB')
    expect(result).not.toHaveP95LatencyBelow('100us')
  })

  test('a failure names the benchmark, the metric, value with unit and CI, n, and the limit', () => {
    const message = failureOf(() => expect(result).toHaveP95LatencyBelow('500us'))
    expect(message).toMatch(/^benchmark "resnet-ish cpu": p95 latency \d+\.\d+ ms \(95% CI \d+\.\d+ ms – \d+\.\d+ ms, n=\d+\) is not below the limit 500 µs$/)
  })

  test('{ confidence } asserts on the interval bound', () => {
    const limit = (result.latency.p95 + result.latency.ci.p95.upper) / 2
    if (limit > result.latency.p95 && limit < result.latency.ci.p95.upper) {
      expect(result).toHaveP95LatencyBelow(limit)
      const message = failureOf(() => expect(result).toHaveP95LatencyBelow(limit, { confidence: 0.95 }))
      expect(message).toContain('tested: upper CI bound')
    }
    expect(() => expect(result).toHaveP95LatencyBelow('1s', { confidence: 0.99 })).toThrow(/only the 95% interval is stored/)
  })

  test('throughput failure shows items per second', () => {
    const message = failureOf(() => expect(result).toHaveThroughputAbove(1e9))
    expect(message).toMatch(/throughput [\d,.]+\/s .* is not above the limit 1,000,000,000\/s/)
  })

  test('bad units and non-results get clear errors', () => {
    expect(() => expect(result).toHaveP95LatencyBelow('40 lightyears' as never)).toThrow(/unknown unit "lightyears"/)
    expect(() => expect(result).toHavePeakMemoryBelow('2 GB-ish' as never)).toThrow(/Invalid memory size/)
    expect(() => expect({ p95: 3 }).toHaveP95LatencyBelow('40ms')).toThrow(
      'toHaveP95LatencyBelow: expected the result of benchmark(), got an object with keys [p95].',
    )
    expect(() => expect(Promise.resolve(result)).toHaveP95LatencyBelow('40ms')).toThrow(/Await the benchmark first/)
    expect(() => expect(result).toHaveThroughputAbove('fast' as never)).toThrow(/items per second as a number/)
  })
})
