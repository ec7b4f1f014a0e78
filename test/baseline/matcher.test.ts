import { TestRunner } from 'vitest'
import { describe, expect, test } from 'vitest'
import { META_KEY, readExplicitChecks } from '../../src/gate/recorded.js'
import { toBeWithinBaseline } from '../../src/vitest/matchers/baseline.js'
import { latencySamples, syntheticBenchmark } from './synthetic.js'

// Without the plugin the matcher reads baselines/ under the working directory; this file has none,
// so results are new. Regressions through the matcher are covered end to end in test/reporter/gate.test.ts.
const result = syntheticBenchmark('matcher probe', latencySamples(50, 2, 1))

describe('toBeWithinBaseline', () => {
  test('a result without a baseline passes, and the explicit check is recorded on the test', () => {
    const outcome = toBeWithinBaseline(result, { metric: ['p95', 'throughput'], tolerance: '5%', alpha: 0.05 })
    expect(outcome.pass).toBe(true)
    expect(outcome.message()).toMatch(/benchmark "matcher probe" \(test\/baseline\/matcher\.test\.ts › toBeWithinBaseline › .* › matcher probe\) is within its baseline/)
    expect(outcome.message()).toMatch(/p95 latency new: .*: no baseline yet/)
    const meta = TestRunner.getCurrentTest()?.meta as Record<string, unknown>
    expect(readExplicitChecks(meta)).toEqual({
      'matcher probe': {
        metrics: ['p95', 'throughput'],
        overrides: { p95: { tolerance: 0.05, alpha: 0.05 }, throughput: { tolerance: 0.05, alpha: 0.05 } },
      },
    })
    expect(meta[META_KEY]).toMatchObject({ suite: ['toBeWithinBaseline'], results: [] })
  })

  test('wrong input gets a TypeError saying what to do', () => {
    expect(() => toBeWithinBaseline(Promise.resolve(result))).toThrow(/received a Promise\. Await the result first/)
    expect(() => toBeWithinBaseline(42)).toThrow(/expected a result of benchmark\(\), evaluate\(\), loadTest\(\) or batchSweep\(\), got number/)
    // a name that is no metric does not type-check (BaselineMetric), and fails at run time too
    // @ts-expect-error 'p77' is not a metric
    expect(() => toBeWithinBaseline(result, { metric: 'p77' })).toThrow(/has no metric "p77"\. Its metrics: p50, p95, throughput, rssPeak/)
    // a real metric name the result does not have: type-checks, fails listing the result's metrics
    expect(() => toBeWithinBaseline(result, { metric: 'batch 8 p50' })).toThrow(/has no metric "batch 8 p50"\. Its metrics: p50, p95, throughput, rssPeak/)
    expect(() => toBeWithinBaseline(result, { tolerance: 'ten percent' as never })).toThrow(/Invalid fraction/)
    expect(() => toBeWithinBaseline(result, { alpha: 2 })).toThrow(/between 0 and 1/)
  })
})
