import { describe, expect, test } from 'vitest'
import { bootstrapStatistic, classificationReport } from '../../src/index.js'
import { classificationConfidenceIntervals } from '../../src/analyse/metrics/classification.js'
import { createRandom, fillRandomIndices } from '../../src/analyse/random.js'
import { scaledResamples } from '../../src/analyse/bootstrap.js'

function synthetic(n: number, classes: number, seed: number) {
  const random = createRandom(seed)
  const actual: number[] = []
  const predicted: number[] = []
  for (let i = 0; i < n; i++) {
    const t = Math.floor(random() * classes)
    actual.push(t)
    predicted.push(random() < 0.7 ? t : Math.floor(random() * classes))
  }
  return { actual, predicted, labels: Array.from({ length: classes }, (_, c) => c) }
}

describe('classificationConfidenceIntervals', () => {
  test('accuracy and macro F1 equal the naive bootstrap of the same resamples (histogram and direct paths)', () => {
    // 300 × 4 classes folds a 16-cell histogram; 30 × 8 classes (64 cells > 30) counts directly
    for (const [n, classes] of [
      [300, 4],
      [30, 8],
    ] as const) {
      const { actual, predicted, labels } = synthetic(n, classes, 5)
      const options = { resamples: 300, seed: 11 }
      const fused = classificationConfidenceIntervals(actual, predicted, labels, options)
      const pick = (idx: Uint32Array) => [Array.from(idx, (j) => actual[j]!), Array.from(idx, (j) => predicted[j]!)] as const
      const accuracy = bootstrapStatistic(n, (idx) => classificationReport(...pick(idx), { labels }).accuracy, options)
      const macroF1 = bootstrapStatistic(n, (idx) => classificationReport(...pick(idx), { labels }).macro.f1, options)
      expect(fused.accuracy.lower).toBeCloseTo(accuracy.lower, 12)
      expect(fused.accuracy.upper).toBeCloseTo(accuracy.upper, 12)
      expect(fused.macroF1.lower).toBeCloseTo(macroF1.lower, 12)
      expect(fused.macroF1.upper).toBeCloseTo(macroF1.upper, 12)
    }
  })

  test('resamples scale down above 4,000 examples', () => {
    expect([100, 4000, 10_000, 20_000, 1e6].map(scaledResamples)).toEqual([1000, 1000, 400, 200, 200])
    const { actual, predicted, labels } = synthetic(10_000, 3, 2)
    expect(classificationConfidenceIntervals(actual, predicted, labels)).toEqual(
      classificationConfidenceIntervals(actual, predicted, labels, { resamples: 400 }),
    )
  })

  test('fillRandomIndices draws what createRandom does', () => {
    const random = createRandom(42)
    const expected = Array.from({ length: 20 }, () => Math.floor(random() * 7))
    const indices = new Uint32Array(10)
    const state = fillRandomIndices(indices, 7, 42)
    const rest = new Uint32Array(10)
    fillRandomIndices(rest, 7, state)
    expect([...indices, ...rest]).toEqual(expected)
  })
})
