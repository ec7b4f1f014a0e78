/**
 * Finding 1 of issue 16, in process: every producer stops when the test it started in has ended,
 * and files nothing. A stand-in sink hands out the test's target (its abort signal and its filing),
 * as the vitest sink does; the end-to-end reproduction is e2e-timeout.test.ts.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { installSink, StoppedError, type RecordedResult, type RecordSink } from '../../src/core/sink.js'
import { evaluate } from '../../src/evaluate/evaluate.js'
import { loadTest } from '../../src/load/load-test.js'
import { benchmark } from '../../src/measure/benchmark.js'
import { batchSweep } from '../../src/sweep/batch-sweep.js'
import { vitestSink } from '../../src/vitest/record.js'

afterEach(() => installSink(vitestSink))

/** A sink whose test ends (its signal aborts) after `endAfterMs`; records what is filed. */
function endingTest(endAfterMs: number): { filed: RecordedResult[]; calls: () => number; count: () => void } {
  const filed: RecordedResult[] = []
  const controller = new AbortController()
  setTimeout(() => controller.abort(new Error('Test timed out in 50ms.')), endAfterMs)
  const sink: RecordSink = {
    result: (r) => (filed.push(r), true),
    check: () => true,
    target: () => ({ signal: controller.signal, result: (r) => !controller.signal.aborted && filed.push(r) > 0 }),
  }
  installSink(sink)
  let n = 0
  return { filed, calls: () => n, count: () => void n++ }
}

const busy = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end);
}

describe('a producer whose test ended stops and files nothing', () => {
  test('benchmark(), sync 20 ms calls, maxTime 10 s: stops within a round of the end', async () => {
    const t = endingTest(50)
    const start = performance.now()
    const error = await benchmark('sync', () => (t.count(), busy(20)), { warmup: false, time: 5000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoppedError)
    expect((error as Error).message).toMatch(/^benchmark "sync" \(after \d+ measured calls\) stopped: its test ended before it finished \(Test timed out in 50ms\.\)/)
    // rounds of ≤ 100 ms of calls: stopped well before time (5 s) or maxTime (10 s)
    expect(performance.now() - start).toBeLessThan(1_500)
    expect(t.filed).toEqual([])
  })

  test('benchmark(), async calls: stops at the next call', async () => {
    const t = endingTest(50)
    const error = await benchmark('async', async () => (t.count(), await new Promise((r) => setTimeout(r, 5))), { warmup: false, time: 5000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoppedError)
    const at = t.calls()
    await new Promise((r) => setTimeout(r, 100))
    expect(t.calls()).toBe(at)
    expect(t.filed).toEqual([])
  })

  test('evaluate() stops at its next batch; batchSweep() before its next size; loadTest() at its next request', async () => {
    let t = endingTest(30)
    const data = Array.from({ length: 5000 }, (_, i) => ({ input: i, target: i }))
    const slowModel = async (xs: number[]) => (t.count(), await new Promise((r) => setTimeout(r, 10)), xs)
    await expect(evaluate(slowModel, data, { batchSize: 10 })).rejects.toThrow(/^evaluate "evaluation" \(after \d+ examples\) stopped/)
    expect(t.calls()).toBeLessThan(20)

    t = endingTest(30)
    await expect(batchSweep((size: number) => busy(size), { name: 'sweep', sizes: [1, 2, 4], warmup: false, time: 2000 })).rejects.toThrow(StoppedError)
    expect(t.filed).toEqual([])

    t = endingTest(100)
    const start = performance.now()
    await expect(loadTest(async () => void (await new Promise((r) => setTimeout(r, 2))), { concurrency: [1, 2], duration: '3s', warmup: false })).rejects.toThrow(
      /^loadTest \(level 1\) stopped/,
    )
    expect(performance.now() - start).toBeLessThan(1_500)
    expect(t.filed).toEqual([])
  })
})
