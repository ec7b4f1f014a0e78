import { beforeAll, describe, expect, test } from 'vitest'
import { loadTest } from '../../src/load/load-test.js'
import type { LoadTestResult } from '../../src/results/load-test.js'
import { sleep } from '../../benches/support/busy.js'
import { failureOf } from '../helpers/failure.js'

let result: LoadTestResult

beforeAll(async () => {
  // every 10th request fails; ≈ 5 ms each, so 1 user serves ≈ 200/s and 4 users ≈ 800/s
  result = await loadTest(
    async (i: number) => {
      await sleep(5)
      if (i % 10 === 0) throw new Error('model overloaded')
    },
    { name: 'fake model', concurrency: [1, 4], requests: 60, warmup: false, record: false },
  )
})

describe('load matchers', () => {
  test('toSustainThroughput: some level above the rate, with p99 under the limit when given', () => {
    expect(result).toSustainThroughput(100)
    expect(result).toSustainThroughput(100, { p99Below: '1s' })
    expect(result).not.toSustainThroughput(100_000)
    // no level has p99 below 1 ms: nothing qualifies
    expect(result).not.toSustainThroughput(1, { p99Below: '1ms' })
    expect(failureOf(() => expect(result).toSustainThroughput(1, { p99Below: '1ms' }))).toBe(
      'load test "fake model": throughput with p99 below 1.00 ms (no level qualified) 0.00/s is not above the limit 1.00/s',
    )
    expect(failureOf(() => expect(result).toSustainThroughput(100_000))).toMatch(
      /^load test "fake model": best throughput \(concurrency 4\) [\d,.]+\/s \(n=54\) is not above the limit 100,000\/s$/,
    )
  })

  test('toHaveErrorRateBelow: the worst level decides; the message names it and the top error', () => {
    expect(result).toHaveErrorRateBelow(0.2)
    expect(result).toHaveErrorRateBelow('15%')
    expect(result).not.toHaveErrorRateBelow(0.1)
    expect(failureOf(() => expect(result).toHaveErrorRateBelow('5%'))).toBe(
      'load test "fake model": error rate at its worst level (concurrency 1, 6 of 60 failed; most frequent: "model overloaded" ×6) 10% (n=60) is not below the limit 5%',
    )
  })

  test('wrong inputs say what to pass', () => {
    expect(() => expect({ kind: 'benchmark' }).toHaveErrorRateBelow(0.1)).toThrow(/expected the result of loadTest\(\), got a benchmark result/)
    expect(() => expect(Promise.resolve(result)).toSustainThroughput(1)).toThrow(/Await it first: expect\(await loadTest\(...\)\)/)
    expect(() => expect(result).toHaveErrorRateBelow(2)).toThrow(/fraction between 0 and 1/)
    expect(() => expect(result).toSustainThroughput('fast' as never)).toThrow(/requests per second as a number/)
  })
})
