import { describe, expect, test, TestRunner } from 'vitest'
import { benchmark } from '../../src/index.js'
import { readRecordedResults } from '../../src/gate/recorded.js'
import { busyWait, sleep } from '../../benches/support/busy.js'

describe('benchmark()', () => {
  test('measures a 2 ms busy-wait within a few percent at p50', async () => {
    const result = await benchmark('busy 2ms', () => busyWait(2), { time: 300, record: false })
    // generous margin for a shared machine; the precise figure goes in the release notes
    expect(result.latency.p50).toBeGreaterThan(2 * 0.98)
    expect(result.latency.p50).toBeLessThan(2 * 1.1)
    expect(result.latency.ci.p50.lower).toBeLessThanOrEqual(result.latency.p50)
    expect(result.latency.ci.p50.upper).toBeGreaterThanOrEqual(result.latency.p50)
    expect(result.samples.length).toBe(result.iterations)
    expect(result.iterations).toBeGreaterThanOrEqual(30)
  })

  test('excludes warm-up and the first call from the samples', async () => {
    let calls = 0
    const result = await benchmark(
      'count calls',
      () => {
        calls++
        busyWait(0.2)
      },
      { warmup: { iterations: 7, time: 0 }, iterations: 20, time: 0, targetRme: 1, record: false },
    )
    expect(result.warmupIterations).toBeGreaterThanOrEqual(7)
    expect(calls).toBe(1 + result.warmupIterations + result.iterations)
    expect(result.samples.length).toBe(result.iterations)
  })

  test('a slow first call (lazy init) is reported separately, not sampled', async () => {
    let first = true
    const result = await benchmark(
      'lazy init',
      () => {
        busyWait(first ? 150 : 0.5)
        first = false
      },
      { time: 100, record: false },
    )
    // 0.5 ms calls: a sample near 150 ms could only be the first call (a preempted call on a busy
    // VM stays far below it)
    expect(result.firstCallMs).toBeGreaterThan(145)
    expect(result.latency.max).toBeLessThan(100)
  })

  test('device sync time is inside the measurement', async () => {
    // the call returns at once; the fake device finishes its work 15 ms later
    let syncs = 0
    const device = {
      name: 'fake-gpu',
      sync: async (output: unknown) => {
        expect(output).toBe('queued')
        await sleep(15)
        syncs++
      },
    }
    const result = await benchmark('async device', () => 'queued', { device, iterations: 10, time: 0, targetRme: 1, warmup: false, record: false })
    expect(result.device).toBe('fake-gpu')
    expect(result.latency.p50).toBeGreaterThanOrEqual(14.5)
    expect(syncs).toBe(1 + result.iterations)
  })

  test('awaits async functions, including plain functions returning a promise', async () => {
    const result = await benchmark('promise', () => sleep(5), { iterations: 10, time: 0, targetRme: 1, warmup: false, record: false })
    expect(result.latency.p50).toBeGreaterThanOrEqual(4.5)
  })

  test('maxTime bounds the real elapsed time, warm-up included', async () => {
    const result = await benchmark('slow', () => busyWait(40), { maxTime: 600, iterations: 1000, time: 5000, record: false })
    expect(result.stopReason).toBe('max-time')
    // 5 s of sampling was asked for; the overshoot is the call running at the deadline (40 ms)
    // plus scheduling, with room for a loaded machine
    expect(result.wallTimeMs).toBeLessThan(600 + 200)
    expect(result.iterations).toBeGreaterThan(3)
  })

  test('a benchmark of many rounds adds no listener per round to its test\'s signal (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      // a near-empty fn at 5 calls and no minimum time runs dozens of short rounds
      for (let i = 0; i < 3; i++) await benchmark(`rounds ${i}`, () => i, { iterations: 5, time: 0, warmup: false, record: false })
      await sleep(10)
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })

  test('setup and teardown run once, outside the timed region', async () => {
    const order: string[] = []
    const result = await benchmark('hooks', () => order.push('call'), {
      setup: async () => {
        order.push('setup')
        await sleep(150)
      },
      teardown: () => {
        order.push('teardown')
      },
      iterations: 5,
      time: 0,
      warmup: false,
      record: false,
    })
    expect(order[0]).toBe('setup')
    expect(order.at(-1)).toBe('teardown')
    expect(order.filter((o) => o === 'setup')).toHaveLength(1)
    // the 150 ms of setup is nowhere in the samples of a near-empty call
    expect(result.latency.max).toBeLessThan(100)
  })

  test('stops once the median is precise enough (targetRme)', async () => {
    const loose = await benchmark('loose', () => busyWait(0.3), { iterations: 30, time: 0, targetRme: 0.5, record: false })
    expect(loose.stopReason).toBe('target-rme')
    expect(loose.iterations).toBeLessThan(200)
    expect(loose.latency.rme).toBeLessThanOrEqual(0.5)
  })

  test('reports throughput from batch size, memory peaks and CPU time', async () => {
    let keep: Float64Array[] = []
    const result = await benchmark(
      'alloc',
      () => {
        keep.push(new Float64Array(1 << 18).fill(1)) // 2 MiB per call, touched, held until the end
        busyWait(0.5)
      },
      { batchSize: 8, iterations: 40, time: 0, targetRme: 1, warmup: false, record: false },
    )
    keep = []
    expect(result.throughput.itemsPerSecond).toBeCloseTo(result.throughput.callsPerSecond * 8, 6)
    expect(result.throughput.callsPerSecond).toBeCloseTo(1000 / result.latency.mean, 6)
    expect(result.memory).not.toBeNull()
    // ≥ 40 × 2 MiB of external memory was alive at the end of the run
    expect(result.memory?.externalPeak).toBeGreaterThan(60 * 1024 * 1024)
    expect(result.memory?.rssPeak).toBeGreaterThan(result.memory?.externalPeak ?? 0)
    expect(result.cpu.userMs + result.cpu.systemMs).toBeGreaterThan(10)
    expect(result.env.cores).toBeGreaterThan(0)
    expect(result.env.node).toBe(process.version)
  })

  test('the kernel high-water mark sees a peak inside a blocking call', async () => {
    // allocate-touch-free inside one synchronous call: between-call sampling could never see it
    const result = await benchmark(
      'transient',
      () => {
        const big = Buffer.alloc(200 * 1024 * 1024, 1)
        return big.length
      },
      // one measured call (plus the first, which is timed apart) is enough: the peak is inside each call
      { iterations: 1, time: 0, targetRme: 1, maxIterations: 1, warmup: false, record: false },
    )
    if (result.memory?.rssPeakSource === 'kernel-hwm') {
      expect(result.memory.rssPeak).toBeGreaterThan(200 * 1024 * 1024)
    }
  })

  test('the thread sampler sees RSS growth while the JS thread is blocked', async () => {
    const result = await benchmark(
      'transient sampled',
      () => {
        const big = Buffer.alloc(300 * 1024 * 1024, 1)
        busyWait(30) // hold it long enough for a 2 ms sampler
        return big.length
      },
      // one measured call (plus the first): each touches 300 MB, ≈ 1 s on this VM; more calls would
      // only leave more garbage to inflate the end-of-run RSS that rssPeak also takes into account
      { iterations: 1, time: 0, targetRme: 1, maxIterations: 1, warmup: false, record: false, rssPeakSource: 'thread-sampler' },
    )
    expect(result.memory?.rssPeakSource).toBe('thread-sampler')
    expect(result.memory?.rssPeak).toBeGreaterThan(300 * 1024 * 1024)
  })

  test('records the result on the current test for the reporter', async () => {
    const result = await benchmark('recorded', () => busyWait(0.1), { iterations: 10, time: 0 })
    const meta = TestRunner.getCurrentTest()?.meta as Record<string, unknown>
    const recorded = readRecordedResults(meta)
    expect(recorded.at(-1)?.name).toBe('recorded')
    expect(recorded.at(-1)).toEqual(JSON.parse(JSON.stringify(result)))
  })

  test('rejects bad input with a clear message', async () => {
    await expect(benchmark('', () => 1)).rejects.toThrow(/non-empty name/)
    await expect(benchmark('x', 'nope' as unknown as () => void)).rejects.toThrow(/function to measure/)
    await expect(benchmark('x', () => 1, { time: '1 parsec' as never })).rejects.toThrow(/unknown unit "parsec"/)
    await expect(benchmark('x', () => 1, { batchSize: 0 })).rejects.toThrow(/batchSize must be a positive integer/)
    await expect(benchmark('x', () => 1, { device: 'tpu' as never })).rejects.toThrow(/Invalid device/)
  })

  test('a throwing function fails the benchmark and still runs teardown', async () => {
    let tornDown = false
    await expect(
      benchmark(
        'throws',
        () => {
          throw new Error('model exploded')
        },
        { teardown: () => (tornDown = true), record: false },
      ),
    ).rejects.toThrow('model exploded')
    expect(tornDown).toBe(true)
  })
})
