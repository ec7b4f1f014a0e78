import { describe, expect, test } from 'vitest'
import { benchmark, evaluate, type BatchPredict } from '../../src/index.js'

// What evaluate() costs beyond the model: reading, batching, parsing outputs, metrics and bootstrap
// CIs of 10,000 examples through models that do next to nothing. Goal: < 100 ms per evaluation.
const N = 10_000
const classified = Array.from({ length: N }, (_, i) => ({ input: i, label: i % 10 }))
const regressed = Array.from({ length: N }, (_, i) => ({ input: i, target: i / 10 }))
const logitRows = Array.from({ length: 10 }, (_, c) => Array.from({ length: 10 }, (_, j) => (j === c ? 2 : 0)))

const cases: [string, BatchPredict<number>, typeof classified | typeof regressed][] = [
  ['labels', (xs) => xs.map((x) => (x % 7 === 0 ? (x + 1) % 10 : x % 10)), classified],
  ['10-class logits', (xs) => xs.map((x) => logitRows[(x % 7 === 0 ? x + 1 : x) % 10]), classified],
  ['regression', (xs) => xs.map((x) => x / 10 + (x % 2 ? 0.5 : -0.5)), regressed],
]

describe('evaluate() overhead, 10,000 examples, batch 32', () => {
  for (const [name, model, data] of cases) {
    test(name, async () => {
      let modelMs = 0
      const run = await benchmark(
        `evaluate 10k, ${name}`,
        async () => {
          modelMs = (await evaluate(model, data, { record: false, progress: false })).timing.totalMs
        },
        { iterations: 10, time: 0, warmup: { iterations: 2, time: 0 }, targetRme: 0.05, maxTime: '8s' },
      )
      console.log(`evaluate 10k ${name}: p50 ${run.latency.p50.toFixed(1)} ms, of which model calls ${modelMs.toFixed(1)} ms`)
      // goal 100 ms; the limit is wide because the machine is shared — the figure is in the table
      expect(run).toHaveP50LatencyBelow('1s')
    })
  }
})
