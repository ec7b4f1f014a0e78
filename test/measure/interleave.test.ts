import { describe, expect, test } from 'vitest'
import { interleave, type SliceRunner } from '../../src/measure/interleave.js'
import { virtualMachine, virtualSide } from '../../scripts/calibrate/paired-simulation.js'

/** `reps` simulated paired measurements on the noisy virtual machine, head = ratio × base; verdict counts. */
async function verdicts(reps: number, ratio: number, options: { tolerance: number; alpha: number; budgetMs: number; sliceMs: number }) {
  const counts = { regressed: 0, improved: 0, unchanged: 0, inconclusive: 0, decidedEarly: 0 }
  for (let seed = 1; seed <= reps; seed++) {
    const machine = virtualMachine(seed)
    const outcome = await interleave(virtualSide(machine, 1), virtualSide(machine, ratio), { ...options, seed, now: machine.now })
    counts[outcome.analysis.verdict]++
    if (outcome.stoppedBecause === 'decided' && outcome.elapsedMs < options.budgetMs / 2) counts.decidedEarly++
  }
  return counts
}

describe('interleave', () => {
  test('warm-up on both sides, then ABBA / BAAB blocks at random; switching is never in a slice', async () => {
    const order: string[] = []
    let t = 0
    const side = (name: string, callMs: number): SliceRunner => ({
      async runSlice(ms) {
        order.push(name)
        const calls = Math.max(1, Math.round(ms / callMs))
        t += calls * callMs + 3 // 3 ms to switch, after the calls
        return Array.from({ length: calls }, () => callMs)
      },
    })
    const outcome = await interleave(side('A', 1), side('B', 1.5), { tolerance: 0.05, alpha: 0.01, sliceMs: 10, budgetMs: 5000, warmupMs: 20, now: () => t })
    expect(order.slice(0, 2)).toEqual(['A', 'B'])
    const blocks = order.slice(2).join('').match(/.{4}/g) ?? []
    expect(new Set(blocks)).toEqual(new Set(['ABBA', 'BAAB']))
    expect(outcome.pairs.every((p) => p.base.every((c) => c === 1) && p.head.every((c) => c === 1.5))).toBe(true)
    expect(outcome).toMatchObject({ stoppedBecause: 'decided', analysis: { verdict: 'regressed' } })
    expect(outcome.analysis.ratio).toBeCloseTo(1.5, 6)
    // first look at 1/8 of the budget: (625 − 46 ms of warm-up) / 53 ms per block is 11 blocks
    expect(outcome.pairs.length).toBe(22)
    expect(outcome.looks).toBe(1)
  })

  test('stops when the signal fires, keeping the last look; spends the budget when undecided', async () => {
    const controller = new AbortController()
    let t = 0
    let slices = 0
    const side: SliceRunner = {
      async runSlice(ms) {
        t += ms
        if (++slices === 9) controller.abort()
        return [1 + (slices % 7) / 100]
      },
    }
    const aborted = await interleave(side, side, { tolerance: 0.05, alpha: 0.01, sliceMs: 10, budgetMs: 60_000, now: () => t, signal: controller.signal })
    expect(aborted).toMatchObject({ stoppedBecause: 'aborted', looks: 0, analysis: { verdict: 'inconclusive', pairs: 0 } })
    expect(aborted.pairs.length).toBe(2)
    t = 0
    const spent = await interleave(side, side, { tolerance: 0, alpha: 0.01, sliceMs: 10, budgetMs: 2000, now: () => t })
    expect(spent.stoppedBecause).toBe('budget')
    expect(spent.elapsedMs).toBeLessThanOrEqual(2000)
    expect(spent.looks).toBeLessThanOrEqual(4)
    await expect(interleave(side, side, { tolerance: 0.05, alpha: 0.01, sliceMs: 0 })).rejects.toThrow(/sliceMs must be a positive number/)
    await expect(interleave(side, side, { tolerance: 0.05, alpha: 2 })).rejects.toThrow(/alpha must be in/)
  })

  test('sequential looks keep the A/A false-regression rate at alpha (simulated noisy machine)', async () => {
    // tolerance 0 makes "head slower" the hypothesis tested at every look: the hardest case
    const split = await verdicts(300, 1, { tolerance: 0, alpha: 0.05, budgetMs: 4000, sliceMs: 25 })
    expect(split.regressed / 300).toBeLessThanOrEqual(0.05)
    // the same four looks each at 0.05, without the split: repeated looks inflate the rate
    const naive = await verdicts(300, 1, { tolerance: 0, alpha: 0.2, budgetMs: 4000, sliceMs: 25 })
    expect(naive.regressed / 300).toBeGreaterThan(split.regressed / 300 + 0.02)
  })

  test('at tolerance 5 %: +10 % regresses, +2 % and A/A read unchanged, mostly well before the budget', async () => {
    // the defaults: 10 ms slices, 10 s budget; 25 ms slices decide +2 % in only 61 % of runs here
    const options = { tolerance: 0.05, alpha: 0.01, budgetMs: 10_000, sliceMs: 10 }
    const slow = await verdicts(100, 1.1, options)
    expect(slow.regressed).toBeGreaterThanOrEqual(95)
    const near = await verdicts(100, 1.02, options)
    expect(near.unchanged).toBeGreaterThanOrEqual(80)
    expect(near.regressed).toBe(0)
    const same = await verdicts(100, 1, options)
    expect(same.unchanged).toBeGreaterThanOrEqual(90)
    expect(same.regressed + same.improved).toBe(0)
    expect(same.decidedEarly).toBeGreaterThanOrEqual(50)
  })
})
