/**
 * The A/B coordinator with two real clients (the hook each side's test worker installs), in one
 * process: both clients call from the same test, so their result keys match as the two trees'
 * would. The sides busy-wait; the ratios asserted are wide (2×), the rest is bookkeeping.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { Coordinator } from '../../src/ab/coordinator.js'
import type { SliceRunner } from '../../src/core/pairing.js'
import { connectPairing } from '../../src/vitest/ab-connection.js'

function busyWait(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // spin
  }
}

/** A side whose calls each take `ms`; counts the calls it ran. */
function side(ms: number): SliceRunner & { calls: number } {
  const runner = {
    calls: 0,
    async runSlice(sliceMs: number) {
      const times: number[] = []
      const end = performance.now() + sliceMs
      while (times.length === 0 || performance.now() < end) {
        const t = performance.now()
        busyWait(ms)
        times.push(performance.now() - t)
        runner.calls++
      }
      return times
    },
  }
  return runner
}

/** The times a side got back (undefined only for a measurement nested in another). */
function measured(times: number[] | undefined): number[] {
  expect(times).toBeDefined()
  return times ?? []
}

let dir: string | undefined
let coordinator: Coordinator | undefined
afterEach(async () => {
  await coordinator?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  coordinator = undefined
  dir = undefined
})

async function start(options: ConstructorParameters<typeof Coordinator>[0] = { tolerance: 0.1, alpha: 0.01, budgetMs: 3000, sliceMs: 20, settleTimeoutMs: 300 }) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ab-coordinator-'))
  const socket = path.join(dir, 'c.sock')
  coordinator = new Coordinator(options)
  await coordinator.listen(socket)
  const [base, head] = await Promise.all([connectPairing(socket, 'base', (name) => name), connectPairing(socket, 'head', (name) => name)])
  return { coordinator, base, head }
}

describe('the A/B coordinator', () => {
  test('pairs the same key from both sides and finds a 2× slower head regressed; each side keeps only its own measured calls', async () => {
    const { coordinator, base, head } = await start()
    const [b, h] = [side(0.2), side(0.4)]
    const [baseTimes, headTimes] = (await Promise.all([base.pair('model', b, 1000), head.pair('model', h, 1000)])).map(measured) as [number[], number[]]
    expect(coordinator.outcomes).toHaveLength(1)
    const outcome = coordinator.outcomes[0]
    expect(outcome?.paired).toBe(true)
    if (!outcome?.paired) return
    expect(outcome.outcome.analysis.verdict).toBe('regressed')
    expect(outcome.outcome.analysis.ratio).toBeGreaterThan(1.5)
    // warm-up calls ran but are not among the times handed back
    expect(baseTimes.length).toBeLessThan(b.calls)
    expect(headTimes.length).toBeLessThan(h.calls)
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1] as number
    expect(median(headTimes) / median(baseTimes)).toBeGreaterThan(1.5)
  })

  test('keys that differ (a result only one side has) are measured alone, each side once, never at the same time', async () => {
    const { coordinator, base, head } = await start()
    let running = 0
    let overlap = false
    const guarded = (ms: number): SliceRunner => {
      const inner = side(ms)
      return {
        async runSlice(sliceMs) {
          running++
          if (running > 1) overlap = true
          try {
            return await inner.runSlice(sliceMs)
          } finally {
            running--
          }
        },
      }
    }
    const [baseTimes, headTimes] = (await Promise.all([base.pair('old', guarded(0.2), 200), head.pair('new', guarded(0.2), 200)])).map(measured) as [number[], number[]]
    expect(baseTimes.length).toBeGreaterThan(0)
    expect(headTimes.length).toBeGreaterThan(0)
    expect(overlap).toBe(false)
    expect(coordinator.outcomes.map((o) => (o.paired ? 'paired' : `${o.side}:${o.why}`)).sort()).toEqual(['base:only-this-side', 'head:only-this-side'])
  })

  test('a side that is gone leaves its partner measuring alone instead of waiting forever', async () => {
    const { coordinator, head } = await start()
    const pending = head.pair('model', side(0.2), 200)
    await new Promise((r) => setTimeout(r, 50))
    coordinator.sideGone('base')
    expect(measured(await pending).length).toBeGreaterThan(0)
    expect(coordinator.outcomes).toMatchObject([{ paired: false, side: 'head', why: 'partner-gone' }])
  })

  test('a measurement nested in another (evaluate() inside a benchmarked function) runs within the outer one’s turn instead of waiting for it', async () => {
    const { base, head } = await start({ tolerance: 0.1, alpha: 0.01, budgetMs: 1000, sliceMs: 20, settleTimeoutMs: 300 })
    let nested: Array<number[] | undefined> = []
    const runner = (pairing: typeof base): SliceRunner => ({
      async runSlice(ms) {
        const inner = await pairing.exclusive('evaluate', async () => side(0.1).runSlice(2))
        nested.push(await pairing.pair('inner', side(0.1), 10))
        return [...inner, ...(await side(0.2).runSlice(ms))]
      },
    })
    const [b, h] = await Promise.all([base.pair('outer', runner(base), 300), head.pair('outer', runner(head), 300)])
    expect(measured(b).length).toBeGreaterThan(0)
    expect(measured(h).length).toBeGreaterThan(0)
    // a benchmark inside a measurement measures on its own
    expect(nested.length).toBeGreaterThan(0)
    expect(nested.every((x) => x === undefined)).toBe(true)
    nested = []
    // and inside exclusive work too
    await base.exclusive('load', async () => {
      nested.push(await base.pair('inside load', side(0.1), 10))
    })
    expect(nested).toEqual([undefined])
  })

  test('exclusive work waits until the other side stops at the coordinator too (bounded), not only until it stops measuring', async () => {
    const { base, head } = await start()
    const t0 = performance.now()
    let began = Number.NaN
    // the head "loads a model" for 150 ms before it asks for its own turn
    const headDone = (async () => {
      await new Promise((r) => setTimeout(r, 150))
      return head.exclusive('evaluate', async () => performance.now() - t0)
    })()
    await base.exclusive('evaluate', async () => {
      began = performance.now() - t0
    })
    expect(began).toBeGreaterThanOrEqual(140)
    expect(await headDone).toBeGreaterThanOrEqual(began)
    // a side that never asks only delays the other, by settleTimeoutMs (300 ms here)
    const t1 = performance.now()
    await base.exclusive('load', async () => undefined)
    expect(performance.now() - t1).toBeGreaterThanOrEqual(280)
  })

  test('exclusive work on one side never overlaps with the other side’s', async () => {
    const { base, head } = await start()
    const spans: Array<[number, number]> = []
    const work = async () => {
      const start = performance.now()
      await new Promise((r) => setTimeout(r, 60))
      spans.push([start, performance.now()])
      return spans.length
    }
    await Promise.all([base.exclusive('load', work), head.exclusive('load', work), base.exclusive('sweep', work)])
    spans.sort((a, b) => a[0] - b[0])
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] as number)
  })
})
