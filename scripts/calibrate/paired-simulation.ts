/**
 * A simulated noisy machine for the paired scheduler (`src/measure/interleave.ts`): two sides whose
 * calls run on a virtual clock, through random bursts of contention like `scripts/noise.ts`'s (on
 * and off for 50–500 ms, slowing every call 1.5–4× while on), a slow drift, per-call log-normal
 * noise and rare 5× outliers. Bursts span several slices, so neighbouring pairs are correlated and
 * pair ratios heavy-tailed: what made a bootstrap over slice pairs miscalibrated (issue 15).
 * Used by the unit tests: the interval's coverage and the A/A rate of the sequential rule.
 */
import { createRandom, type Random } from '../../src/analyse/random.js'
import type { SlicePair } from '../../src/analyse/paired.js'
import type { SliceRunner } from '../../src/measure/interleave.js'

/** Standard normal draw (Box–Muller). */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** The virtual machine: a clock, and how much slower than nominal a call starting now runs. */
export interface VirtualMachine {
  now(): number
  advance(ms: number): void
  slowdown(): number
  random: Random
}

export function virtualMachine(seed: number): VirtualMachine {
  const random = createRandom(seed)
  let t = 0
  let burstUntil = 0
  let quietUntil = 50 + random() * 450
  let burstFactor = 1
  const drift = random() * 2 * Math.PI
  return {
    random,
    now: () => t,
    advance(ms) {
      t += ms
    },
    slowdown() {
      if (t >= quietUntil && t >= burstUntil) {
        burstUntil = t + 50 + random() * 450
        quietUntil = burstUntil + 50 + random() * 450
        burstFactor = 1.5 + 2.5 * random()
      }
      const burst = t < burstUntil ? burstFactor : 1
      return burst * (1 + 0.1 * Math.sin(t / 3000 + drift))
    },
  }
}

/** A side of cost `callMs` on `machine` (calls run one after another on its clock). */
export function virtualSide(machine: VirtualMachine, callMs: number, sigma = 0.15): SliceRunner {
  return {
    async runSlice(ms) {
      const end = machine.now() + ms
      const times: number[] = []
      while (times.length === 0 || machine.now() < end) {
        const outlier = machine.random() < 0.01 ? 5 : 1
        const took = callMs * machine.slowdown() * Math.exp(sigma * normal(machine.random)) * outlier
        machine.advance(took)
        times.push(took)
      }
      // switching sides costs time, outside any call
      machine.advance(0.5)
      return times
    },
  }
}

/** `blocks` ABBA / BAAB blocks of slice pairs measured directly (no scheduler): head = ratio × base. */
export async function simulatedPairs(blocks: number, ratio: number, seed: number, sliceMs = 25, callMs = 1): Promise<SlicePair[]> {
  const machine = virtualMachine(seed)
  const base = virtualSide(machine, callMs)
  const head = virtualSide(machine, callMs * ratio)
  const pairs: SlicePair[] = []
  for (let k = 0; k < blocks; k++) {
    const baseFirst = machine.random() < 0.5
    const [first, second] = baseFirst ? [base, head] : [head, base]
    const s = [await first.runSlice(sliceMs), await second.runSlice(sliceMs), await second.runSlice(sliceMs), await first.runSlice(sliceMs)] as const
    pairs.push(baseFirst ? { base: s[0], head: s[1] } : { base: s[1], head: s[0] }, baseFirst ? { base: s[3], head: s[2] } : { base: s[2], head: s[3] })
  }
  return pairs
}
