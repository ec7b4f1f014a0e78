import { describe, expect, test, TestRunner } from 'vitest'
import { readRecordedResults } from '../../src/gate/recorded.js'
import { benchmarkOptionsFor } from '../../src/vitest/bench-provider/provider-options.js'
import { mlBenchProvider } from '../../src/vitest/bench-provider/provider.js'
import { busyWait } from '../../benches/support/busy.js'

const noop = () => {}

describe('vitest-ml-bench as a Vitest 5 benchmark provider', () => {
  test("tinybench's run options map onto benchmark() options; mlBench options win", () => {
    expect(benchmarkOptionsFor({ name: 'a', fn: noop }, { time: 200, iterations: 10, warmupIterations: 3 })).toEqual({
      time: 200,
      iterations: 10,
      warmup: { iterations: 3, time: undefined },
    })
    expect(benchmarkOptionsFor({ name: 'a', fn: noop, fnOpts: { mlBench: { batchSize: 4, time: 50 } } }, { time: 200, warmup: false })).toEqual({
      time: 50,
      warmup: false,
      batchSize: 4,
    })
    expect(benchmarkOptionsFor({ name: 'a', fn: noop })).toEqual({})
  })

  test('hooks run once, outside the timing: setup then beforeAll, afterAll then teardown', async () => {
    const calls: string[] = []
    const options = benchmarkOptionsFor(
      { name: 'a', fn: noop, fnOpts: { beforeAll: () => void calls.push('beforeAll'), afterAll: () => void calls.push('afterAll') } },
      { setup: () => void calls.push('setup'), teardown: () => void calls.push('teardown') },
    )
    await options.setup?.()
    await options.teardown?.()
    expect(calls).toEqual(['setup', 'beforeAll', 'afterAll', 'teardown'])
  })

  test('per-call hooks, concurrency and custom clocks are refused with a reason', () => {
    expect(() => benchmarkOptionsFor({ name: 'a', fn: noop, fnOpts: { beforeEach: noop } })).toThrow(
      'benchmark "a": the vitest-ml-bench provider does not support per-call hooks ("beforeEach")',
    )
    expect(() => benchmarkOptionsFor({ name: 'a', fn: noop }, { concurrency: 'task' })).toThrow(/does not support the run option "concurrency"/)
    expect(() => benchmarkOptionsFor({ name: 'a', fn: noop }, { now: () => 0 })).toThrow(/run option "now"/)
  })

  test('runs each registration through benchmark(), records it, and returns tinybench-shaped results', async () => {
    let setups = 0
    const quick = { warmup: false, time: 0, iterations: 30, targetRme: 1 } as const
    const results = await mlBenchProvider.run({
      registrations: [
        { name: 'fast', fn: () => busyWait(0.2), fnOpts: { beforeAll: () => void setups++, mlBench: { ...quick, batchSize: 4 } } },
        { name: 'slow', fn: () => busyWait(1), fnOpts: { mlBench: quick } },
      ],
      config: { retainSamples: true },
    })
    expect(results.map((r) => r.name)).toEqual(['fast', 'slow'])
    expect(setups).toBe(1)
    const [fast, slow] = results
    if (!fast || !slow) throw new Error('two results expected')
    // Vitest's view: tinybench statistics over the same samples
    expect(fast.state).toBe('completed')
    expect(fast.latency.samplesCount).toBe(fast.mlBench.iterations)
    expect(fast.latency.samples).toEqual(fast.mlBench.samples)
    expect(fast.latency.mean).toBeCloseTo(fast.mlBench.latency.mean, 9)
    expect(fast.latency.p99).toBeCloseTo(fast.mlBench.latency.p99, 9)
    expect(fast.period).toBeCloseTo(fast.mlBench.latency.mean, 9)
    // what Vitest's toBeFasterThan compares (ratio, not absolute timing: 0.2 ms vs 1 ms of busy-wait)
    expect(fast.latency.mean).toBeLessThan(slow.latency.mean)
    // ours: the full result, recorded on this test
    expect(fast.mlBench.batchSize).toBe(4)
    expect(fast.mlBench.memory?.rssPeak).toBeGreaterThan(0)
    const meta = TestRunner.getCurrentTest()?.meta as Record<string, unknown>
    expect(readRecordedResults(meta)).toEqual([fast.mlBench, slow.mlBench])
  })
})
