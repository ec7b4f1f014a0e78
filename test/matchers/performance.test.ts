import { beforeAll, describe, expect, test } from 'vitest'
import { benchmark, type BenchmarkResult } from '../../src/index.js'
import { busyWait } from '../../benches/support/busy.js'
import { failureOf } from '../helpers/failure.js'
import { quantileUpperBound } from '../../src/analyse/quantile-bounds.js'
import { formatDuration } from '../../src/core/units.js'

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
    // 40 calls bound p95 from below but not from above (0.95⁴⁰ > 0.025): the upper end is open
    expect(message).toMatch(/^benchmark "resnet-ish cpu": p95 latency \d+\.\d+ ms \(95% CI \d+\.\d+ ms – open, n=40\) is not below the limit 500 µs$/)
  })

  test('{ confidence } asserts on an exact one-sided bound of a percentile, at any level', () => {
    const sorted = result.samples
    const upper = quantileUpperBound(sorted, 0.5, 0.95) as number
    const limit = (result.latency.p50 + upper) / 2
    if (limit > result.latency.p50 && limit < upper) {
      expect(result).toHaveP50LatencyBelow(limit)
      const message = failureOf(() => expect(result).toHaveP50LatencyBelow(limit, { confidence: 0.95 }))
      expect(message).toContain(`tested: 95 % upper bound ${formatDuration(upper)}`)
    }
    expect(result).toHaveP50LatencyBelow('1s', { confidence: 0.99 })
  })

  test('too few calls for a bound at that level: the assertion fails, saying how many it needs', () => {
    // 40 calls: 0.95⁴⁰ = 0.13 > 0.05, so no 95 % upper bound on p95 exists yet
    expect(result.iterations).toBe(40)
    const p95 = failureOf(() => expect(result).toHaveP95LatencyBelow('10s', { confidence: 0.95 }))
    expect(p95).toMatch(/p95 latency .*: a 95 % upper bound on p95 latency needs ≥ 59 calls; this run made 40\. Raise the benchmark's iterations/)
    const p99 = failureOf(() => expect(result).toHaveP99LatencyBelow('10s', { confidence: 0.95 }))
    expect(p99).toMatch(/needs ≥ 299 calls; this run made 40/)
    expect(result.latency.ci.p99.upper).toBeNull()
    expect(result).toHaveP95LatencyBelow('10s') // the point value passes
  })

  test('the mean keeps its stored 95 % interval only', () => {
    expect(() => expect(result).toHaveMeanLatencyBelow('1s', { confidence: 0.99 })).toThrow(/only the 95% interval is stored/)
    expect(result).toHaveMeanLatencyBelow('1s', { confidence: 0.95 })
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
