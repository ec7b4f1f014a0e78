import { afterEach, describe, expect, test } from 'vitest'
import { benchmarkPair, functionSliceRunner } from '../../src/measure/benchmark-pair.js'
import { installSink, type RecordSink } from '../../src/core/sink.js'
import { busyWait } from '../../benches/support/busy.js'

/** A fixed amount of integer work: slows down with the machine, unlike a busy-wait on the clock. */
function compute(iterations: number): number {
  let x = 1
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0
  return x
}

describe('functionSliceRunner', () => {
  test('drops the first calls of every slice, returns at least one call, awaits async functions', async () => {
    let calls = 0
    const runner = functionSliceRunner(
      () => {
        calls++
        busyWait(1)
      },
      { discard: 2 },
    )
    const times = await runner.runSlice(10)
    expect(times.length).toBe(calls - 2)
    expect(times.length).toBeGreaterThanOrEqual(1)
    // a call longer than the slice: still one returned, after the discarded ones
    calls = 0
    const slow = functionSliceRunner(() => new Promise((resolve) => setTimeout(resolve, 30)), { discard: 1 })
    const one = await slow.runSlice(5)
    expect(one).toHaveLength(1)
    expect(one[0]).toBeGreaterThan(20)
  })
})

describe('benchmarkPair', () => {
  const recorded: unknown[] = []
  const file = (r: unknown) => recorded.push(r) > 0
  const capture: RecordSink = { result: file, check: () => false, target: () => ({ signal: undefined, result: file }) }
  afterEach(() => installSink(undefined))

  test('a head twice as slow regresses, long before the budget; the result is recorded', async () => {
    installSink(capture)
    const r = await benchmarkPair('2× slower', { base: () => compute(100_000), head: () => compute(200_000) }, { budget: '4s' })
    expect(r).toMatchObject({ kind: 'benchmark-pair', verdict: 'regressed', stoppedBecause: 'decided', tolerance: 0.05, alpha: 0.01 })
    expect(r.ratio).toBeGreaterThan(1.6)
    expect(r.ratio).toBeLessThan(2.5)
    expect(r.interval.lower).toBeGreaterThan(1.05)
    expect(r.head.p50 / r.base.p50).toBeGreaterThan(1.6)
    expect(r.elapsedMs).toBeLessThan(4000)
    expect(recorded).toEqual([r])
  })

  test('the same function on both sides never regresses or improves', async () => {
    const fn = () => compute(100_000)
    const r = await benchmarkPair('A/A', { base: fn, head: fn }, { budget: '3s', record: false })
    expect(['unchanged', 'inconclusive']).toContain(r.verdict)
    expect(r.ratio).toBeGreaterThan(0.9)
    expect(r.ratio).toBeLessThan(1.1)
    if (r.verdict === 'inconclusive') expect(r.moreTimeMs === null || (r.moreTimeMs ?? -1) >= 0).toBe(true)
  })

  test('an abort signal stops it; bad options say what to give', async () => {
    const fn = () => compute(50_000)
    const started = performance.now()
    const r = await benchmarkPair('aborted', { base: fn, head: fn }, { budget: '20s', tolerance: 0, signal: AbortSignal.timeout(300), record: false })
    expect(r.stoppedBecause).toBe('aborted')
    expect(performance.now() - started).toBeLessThan(3000)
    await expect(benchmarkPair('', { base: fn, head: fn })).rejects.toThrow(/non-empty name/)
    await expect(benchmarkPair('x', { base: fn } as never)).rejects.toThrow(/\{ base: \(\) => …, head: \(\) => … \}/)
    await expect(benchmarkPair('x', { base: fn, head: fn }, { discardPerSlice: -1 })).rejects.toThrow(/discardPerSlice must be a whole number/)
    await expect(benchmarkPair('x', { base: fn, head: fn }, { tolerance: '150%' })).rejects.toThrow(/tolerance must be a fraction in \[0, 1\)/)
  })
})
