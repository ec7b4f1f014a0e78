import { describe, expect, test } from 'vitest'
import { recommendationText } from '../../src/compare-models/text.js'
import { compareModels } from '../../src/compare-models/compare-models.js'
import { evaluate } from '../../src/evaluate/evaluate.js'
import type { EvaluationResult } from '../../src/results/evaluation.js'
import { benchmark } from '../../src/measure/benchmark.js'
import { busyWait } from '../../benches/support/busy.js'

/**
 * 100 examples labelled 0/1 and two models' correctness per example: both right on 80, A only
 * on `aOnly`, B only on `bOnly`, both wrong on the rest.
 */
async function pairedEvaluations(aOnly: number, bOnly: number): Promise<[EvaluationResult, EvaluationResult]> {
  const n = 100
  const dataset = Array.from({ length: n }, (_, i) => ({ input: i, label: i % 2 }))
  const aRight = (i: number) => i < 80 || (i >= 80 && i < 80 + aOnly)
  const bRight = (i: number) => i < 80 || (i >= 80 + aOnly && i < 80 + aOnly + bOnly)
  const model = (right: (i: number) => boolean) => (inputs: number[]) => inputs.map((i) => (right(i) ? i % 2 : 1 - (i % 2)))
  const options = { task: 'classification', labels: [0, 1], record: false, progress: false } as const
  return [await evaluate(model(aRight), dataset, options), await evaluate(model(bRight), dataset, options)]
}

const quick = { iterations: 20, time: 60, maxTime: 1000, warmup: { iterations: 2, time: 0 }, record: false, memory: false } as const

describe('compareModels', () => {
  test('McNemar on a known table: exact test, hand-computed p-value', async () => {
    // discordant pairs b = 3 (A right, B wrong), c = 12: exact two-sided binomial
    // p = 2·(C(15,0)+C(15,1)+C(15,2)+C(15,3)) / 2^15 = 2·576 / 32768 = 0.03515625
    const [a, b] = await pairedEvaluations(3, 12)
    const result = compareModels({ base: a, tuned: b }, { record: false })
    expect(result.kind).toBe('model-comparison')
    expect(result.models.map((m) => [m.name, m.accuracy?.value])).toEqual([
      ['base', 0.83],
      ['tuned', 0.92],
    ])
    const [pair] = result.pairs
    expect(pair?.a).toBe('base')
    expect(pair?.accuracy?.difference).toBeCloseTo(0.09, 12)
    expect(pair?.accuracy?.mcnemar).toMatchObject({ b: 3, c: 12, method: 'exact' })
    expect(pair?.accuracy?.mcnemar.pValue).toBeCloseTo(0.03515625, 12)
    expect(pair?.latency).toBeUndefined()
    expect(result.preference).toEqual({ model: 'tuned', why: 'more-accurate', fasterAlternatives: [] })
    expect(recommendationText(result)).toBe('Against base, tuned is 9.0 points more accurate (p=0.035). Prefer tuned: significantly more accurate.')
    expect(result.recommendation).toBe(recommendationText(result))
  })

  test('McNemar chi-square with continuity correction: (|10 − 25| − 1)² / 35 = 5.6, p = 0.017960', async () => {
    // 80 both right + 10 + 25 = 115 > 100: use 60 both-right by shifting the table
    const n = 100
    const dataset = Array.from({ length: n }, (_, i) => ({ input: i, label: 1 }))
    const predict = (right: (i: number) => boolean) => (inputs: number[]) => inputs.map((i) => (right(i) ? 1 : 0))
    const options = { task: 'classification', labels: [0, 1], record: false, progress: false } as const
    const a = await evaluate(predict((i) => i < 60 || (i >= 60 && i < 70)), dataset, options)
    const b = await evaluate(predict((i) => i < 60 || (i >= 70 && i < 95)), dataset, options)
    const [pair] = compareModels({ a, b }, { record: false }).pairs
    expect(pair?.accuracy?.mcnemar).toMatchObject({ b: 10, c: 25, method: 'chi-square' })
    expect(pair?.accuracy?.mcnemar.statistic).toBeCloseTo(5.6, 12)
    // scipy.stats.chi2.sf(5.6, 1) = 0.0179604...
    expect(pair?.accuracy?.mcnemar.pValue).toBeCloseTo(0.01796, 5)
  })

  test('accuracy and latency together: a trade-off is spelled out', async () => {
    const [a, b] = await pairedEvaluations(0, 20)
    const fast = await benchmark('fast', () => busyWait(1), quick)
    const slow = await benchmark('slow', () => busyWait(2), quick)
    const result = compareModels({ base: { evaluation: a, benchmark: fast }, tuned: { evaluation: b, benchmark: slow } }, { record: false })
    const [pair] = result.pairs
    expect(pair?.latency?.test).toBe('mann-whitney-u')
    expect(pair?.latency?.ratio).toBeGreaterThan(1.5)
    expect(pair?.latency?.pValue).toBeLessThan(0.001)
    expect(pair?.latency?.effect).toBeGreaterThan(0.7)
    expect(result.models[1]?.p50?.value).toBe(slow.latency.p50)
    expect(result.models[1]?.throughput).toBe(slow.throughput.itemsPerSecond)
    expect(result.preference).toEqual({ model: 'tuned', why: 'more-accurate', fasterAlternatives: ['base'] })
    expect(recommendationText(result)).toMatch(
      /^Against base, tuned is 20\.0 points more accurate \(p<0\.001\) and \d+ % slower \(p<0\.001\)\. Prefer tuned for accuracy; base is significantly faster if latency matters more\.$/,
    )
  })

  test('latency only: no significant difference keeps the reference', async () => {
    const one = await benchmark('one', () => busyWait(1), quick)
    const result = compareModels({ current: one, candidate: one }, { record: false })
    expect(result.pairs[0]?.latency?.ratio).toBe(1)
    expect(result.preference).toEqual({ model: 'current', why: 'no-difference', fasterAlternatives: [] })
    expect(recommendationText(result)).toBe('Against current, candidate is equally fast (not significant, p=1). No significant difference: keep current.')
  })

  test('models given as run functions are measured interleaved: a model twice as slow, and two equal ones', async () => {
    const [a, b] = await pairedEvaluations(0, 0)
    const result = await compareModels({ base: { evaluation: a, run: () => busyWait(0.5) }, slow: { evaluation: b, run: () => busyWait(1) } }, { record: false, budget: '3s' })
    const latency = result.pairs[0]?.latency
    expect(latency).toMatchObject({ test: 'paired-slices' })
    expect(latency?.ratio).toBeGreaterThan(1.6)
    expect(latency?.ratio).toBeLessThan(5)
    expect(latency?.pValue).toBeLessThan(0.05)
    expect(latency?.interval?.lower).toBeGreaterThan(1)
    expect(result.models[1]?.p50?.value).toBeGreaterThan(0.9)
    expect(result.preference).toEqual({ model: 'base', why: 'faster', fasterAlternatives: [] })
    // two equal models: at alpha 0.001, "significantly faster" would be a false alarm at most 0.1 % of the time
    const same = () => busyWait(0.3)
    const equal = await compareModels({ current: { run: same }, candidate: { run: same } }, { record: false, budget: '1s', alpha: 0.001 })
    expect(equal.pairs[0]?.latency?.pValue).toBeGreaterThanOrEqual(0.001)
    expect(equal.preference.why).toBe('no-difference')
  })

  test('unpaired evaluations and bad input are refused with what to do', async () => {
    const [a] = await pairedEvaluations(0, 0)
    const shorter = await evaluate((xs: number[]) => xs.map((i) => i % 2), Array.from({ length: 50 }, (_, i) => ({ input: i, label: i % 2 })), {
      labels: [0, 1],
      record: false,
      progress: false,
    })
    expect(() => compareModels({ a, shorter }, { record: false })).toThrow(/not evaluated on the same examples \(100 vs 50/)
    expect(() => compareModels({ a }, { record: false })).toThrow(/at least two models/)
    expect(() => compareModels({ a, b: Promise.resolve(a) as never }, { record: false })).toThrow(/a Promise \(await it first\)/)
    expect(() => compareModels({ a, b: { evaluation: 3 } as never }, { record: false })).toThrow(/"b".evaluation must be the result of evaluate/)
    expect(() => compareModels({ a, b: { run: () => 1 } }, { record: false })).toThrow(/1 of 2 models have a run function; give every model one/)
    expect(() => compareModels({ a: { run: 3 as never }, b: { run: () => 1 } }, { record: false })).toThrow(/"a".run must be the function to time/)
  })
})
