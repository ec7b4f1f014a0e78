import { describe, expect, test, TestRunner } from 'vitest'
import { readRecordedResults } from '../../src/gate/recorded.js'
import {
  fromVitestBenchResult,
  isMlBenchVitestResult,
  isVitestBenchResult,
  vitestBenchGaps,
  type VitestBenchResult,
} from '../../src/vitest/bench-provider/bench-result.js'
import { recordBench } from '../../src/vitest/bench-provider/record-bench.js'
import { toVitestBenchResult, vitestBenchResultOf } from '../../src/vitest/bench-provider/to-vitest-result.js'
import { benchmark } from '../../src/index.js'

// Calls of 1, 2, …, 20 ms: numpy.percentile(arange(1, 21), [50, 95, 99]) = 10.5, 19.05, 19.81
const samples = Array.from({ length: 20 }, (_, i) => i + 1)
// What Vitest 5's built-in provider returns for them, with and without `retainSamples`
const withSamples = await vitestBenchResultOf('parse', samples, true)
const summaryOnly = await vitestBenchResultOf('parse', samples, false)

function recordedHere(name: string) {
  const meta = TestRunner.getCurrentTest()?.meta as Record<string, unknown> | undefined
  return readRecordedResults(meta).filter((r) => r.name === name)
}

describe('Vitest 5 bench results', () => {
  test('tinybench statistics of known samples (reference for the conversions below)', () => {
    expect(withSamples.latency.samplesCount).toBe(20)
    expect(withSamples.latency.mean).toBeCloseTo(10.5, 12)
    expect(withSamples.latency.p50).toBeCloseTo(10.5, 12)
    expect(withSamples.latency.p99).toBeCloseTo(19.81, 12)
    // sd = √35 = 5.91608, sem = 1.32288, t(0.975, df 19) = 2.093024 → moe = 2.76884
    expect(withSamples.latency.moe).toBeCloseTo(2.76884, 4)
    expect(withSamples.latency.samples).toHaveLength(20)
    expect(summaryOnly.latency.samples).toBeUndefined()
  })

  test('are told apart from other values by shape', () => {
    expect(isVitestBenchResult(withSamples)).toBe(true)
    expect(isVitestBenchResult(summaryOnly)).toBe(true)
    expect(isVitestBenchResult({ name: 'x', latency: { mean: 1 } })).toBe(false)
    expect(isVitestBenchResult(null)).toBe(false)
    expect(isVitestBenchResult(fromVitestBenchResult(withSamples))).toBe(false)
  })

  test('with samples, the statistics are computed from them as benchmark() computes them', () => {
    const r = fromVitestBenchResult(withSamples)
    expect(r.kind).toBe('benchmark')
    expect(r.name).toBe('parse')
    expect(r.samples).toEqual(samples)
    expect(r.iterations).toBe(20)
    expect(r.latency.p50).toBeCloseTo(10.5, 12)
    expect(r.latency.p95).toBeCloseTo(19.05, 12)
    expect(r.latency.ci.p95.lower).toBeLessThanOrEqual(19.05)
    // 20 calls cannot bound p95 from above at 95 % (0.95²⁰ > 0.025): open
    expect(r.latency.ci.p95.upper).toBeNull()
    expect(r.latency.ci.meanMethod).toBe('bootstrap')
    expect(r.throughput.itemsPerSecond).toBeCloseTo(1000 / 10.5, 9)
    expect(r.outliers.total).toBe(0)
    expect(r.memory).toBeNull()
    expect(vitestBenchGaps(withSamples)).toEqual(['memory', 'cpu', 'firstCallMs', 'warmupIterations', 'wallTimeMs'])
    // converted once per result object
    expect(fromVitestBenchResult(withSamples)).toBe(r)
  })

  test("without samples, tinybench's summary is mapped and the gaps are listed", () => {
    const r = fromVitestBenchResult(summaryOnly)
    expect(r.samples).toEqual([])
    expect(r.iterations).toBe(20)
    expect(r.latency.p50).toBeCloseTo(10.5, 12)
    expect(r.latency.p99).toBeCloseTo(19.81, 12)
    expect(r.latency.p95).toBeNaN()
    expect(r.latency.ci.p50).toEqual({ lower: null, upper: null, level: 0.95 })
    // the mean's interval is tinybench's Student-t one: 10.5 ± 2.76884
    expect(r.latency.ci.mean.lower).toBeCloseTo(7.73116, 4)
    expect(r.latency.ci.mean.upper).toBeCloseTo(13.26884, 4)
    expect(vitestBenchGaps(summaryOnly)).toEqual(expect.arrayContaining(['samples', 'latency.p95', 'latency.ci.p99', 'memory']))
  })

  test('our matchers accept them, and say what a result without samples lacks', () => {
    expect(withSamples).toHaveP95LatencyBelow(20)
    expect(() => expect(withSamples).toHaveP95LatencyBelow(19)).toThrow(/^benchmark "parse": p95 latency 19\.1 ms \(95% CI .*, n=20\) is not below the limit 19\.0 ms$/)
    expect(summaryOnly).toHaveP50LatencyBelow('11ms')
    expect(summaryOnly).toHaveP99LatencyBelow('20ms')
    // the mean's interval bound is tested: 13.27 ms
    expect(summaryOnly).toHaveMeanLatencyBelow('14ms', { confidence: 0.95 })
    expect(summaryOnly).not.toHaveMeanLatencyBelow('13ms', { confidence: 0.95 })
    expect(summaryOnly).toHaveThroughputAbove(90)
    expect(() => expect(summaryOnly).toHaveP95LatencyBelow('1s')).toThrow(
      /toHaveP95LatencyBelow: the Vitest bench result "parse" has no latency\.p95\. .*retainSamples: true/,
    )
    expect(() => expect(withSamples).toHavePeakMemoryBelow('1GB')).toThrow(/has no memory\. .*measures time only.*vitest-ml-bench\/provider/)
    expect(() => expect({ name: 'x' }).toHaveP95LatencyBelow('1s')).toThrow(/A Vitest 5 bench result \(await bench\(name, fn\)\.run\(\)\) is accepted too/)
  })

  test('a result a matcher sees is recorded on the test once; recordBench records one no matcher saw', async () => {
    const seen = await vitestBenchResultOf('seen', samples, true)
    expect(seen).toHaveP50LatencyBelow(11)
    expect(seen).toHaveP99LatencyBelow(20)
    expect(recordedHere('seen')).toEqual([fromVitestBenchResult(seen)])

    const unseen = await vitestBenchResultOf('unseen', samples, true)
    expect(recordedHere('unseen')).toHaveLength(0)
    expect(recordBench(unseen)).toBe(fromVitestBenchResult(unseen))
    recordBench(unseen)
    expect(recordedHere('unseen')).toHaveLength(1)
  })

  test('a result of the vitest-ml-bench provider carries the benchmark() result, recorded when measured', async () => {
    const measured = await benchmark('provider sum', () => samples.reduce((a, b) => a + b, 0), { warmup: false, time: 0, iterations: 30, targetRme: 1 })
    const vitestResult = await toVitestBenchResult(measured)
    expect(isMlBenchVitestResult(vitestResult)).toBe(true)
    expect(isMlBenchVitestResult(withSamples)).toBe(false)
    expect(vitestBenchGaps(vitestResult)).toEqual([])
    expect(fromVitestBenchResult(vitestResult)).toBe(measured)
    expect(vitestResult).toHavePeakMemoryBelow('64GiB')
    expect(recordedHere('provider sum')).toEqual([measured])
  })
})
