import { describe, it, expect } from 'vitest'
import { regressionConfidenceIntervals, regressionReport } from '../../src/analyse/metrics/regression.js'
import { bootstrapStatistic } from '../../src/analyse/bootstrap.js'
import { createRandom } from '../../src/analyse/random.js'

describe('regressionReport', () => {
  it('matches the sklearn doc examples', () => {
    // y_true = [3, −0.5, 2, 7], y_pred = [2.5, 0, 2, 8]; errors 0.5, −0.5, 0, −1
    // MAE = 2/4 = 0.5; MSE = (0.25 + 0.25 + 0 + 1)/4 = 0.375 (sklearn mean_absolute_error / mean_squared_error docs)
    // R²: mean 2.875, SS_tot = 29.1875, SS_res = 1.5 → 1 − 1.5/29.1875 = 0.9486081370449679 (r2_score doc: 0.948…)
    // MAPE = (0.5/3 + 0.5/0.5 + 0 + 1/7)/4 = 0.3273809523809524 (mean_absolute_percentage_error doc)
    const r = regressionReport([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    expect(r.n).toBe(4)
    expect(r.mae).toBe(0.5)
    expect(r.mse).toBe(0.375)
    expect(r.rmse).toBeCloseTo(Math.sqrt(0.375), 14)
    expect(r.r2).toBeCloseTo(0.9486081370449679, 12)
    expect(r.mape).toBeCloseTo(0.3273809523809524, 14)
  })

  it('gives R² = 1 for perfect and 0 for imperfect predictions of a constant target', () => {
    expect(regressionReport([0.1, 0.1, 0.1], [0.1, 0.1, 0.1]).r2).toBe(1)
    expect(regressionReport([0.1, 0.1, 0.1], [0.1, 0.2, 0.1]).r2).toBe(0)
    expect(regressionReport([5], [5]).r2).toBe(1)
    // predicting the mean of a non-constant target gives exactly 0; worse gives negative
    expect(regressionReport([1, 3], [2, 2]).r2).toBe(0)
    expect(regressionReport([1, 3], [3, 1]).r2).toBe(-3) // 1 − 8/2
  })

  it('divides by max(|y|, ε) in MAPE, so zero targets are huge but finite', () => {
    // |0 − 1| / 2.220446049250313e-16 = 4503599627370496; mean with a perfect second point = half
    const r = regressionReport([0, 2], [1, 2])
    expect(r.mape).toBe(1 / Number.EPSILON / 2)
    expect(Number.isFinite(r.mape)).toBe(true)
    expect(regressionReport([0, 0], [0, 0]).mape).toBe(0)
  })

  it('rejects mismatched, empty and non-finite input with the index', () => {
    expect(() => regressionReport([1, 2], [1])).toThrow(/targets has 2 values but predictions has 1/)
    expect(() => regressionReport([], [])).toThrow(/empty/)
    expect(() => regressionReport([1, Number.NaN], [1, 2])).toThrow(/targets\[1\] is NaN/)
    expect(() => regressionReport([1, 2, 3], [1, 2, Infinity])).toThrow(/predictions\[2\] is Infinity/)
  })
})

describe('regressionConfidenceIntervals', () => {
  const random = createRandom(11)
  const targets = Array.from({ length: 400 }, () => random() * 10)
  const predictions = targets.map((y) => y + (random() - 0.5) * 2)

  it('contains the point estimates and is reproducible with the same seed', () => {
    const point = regressionReport(targets, predictions)
    const ci = regressionConfidenceIntervals(targets, predictions, { seed: 5 })
    for (const key of ['mae', 'rmse', 'r2'] as const) {
      expect(ci[key].lower).toBeLessThanOrEqual(point[key])
      expect(ci[key].upper).toBeGreaterThanOrEqual(point[key])
      expect(ci[key].upper).toBeGreaterThan(ci[key].lower)
    }
    expect(regressionConfidenceIntervals(targets, predictions, { seed: 5 })).toEqual(ci)
    expect(regressionConfidenceIntervals(targets, predictions, { seed: 6 })).not.toEqual(ci)
  })

  it('gives each metric the CI a separate bootstrap of its definition gives', () => {
    // Reference: bootstrapStatistic (same seed → same resamples) over regressionReport of each resample.
    const options = { resamples: 200, seed: 12, level: 0.9 }
    const ci = regressionConfidenceIntervals(targets, predictions, options)
    for (const key of ['mae', 'rmse', 'r2'] as const) {
      const naive = bootstrapStatistic(
        targets.length,
        (idx) =>
          regressionReport(
            Array.from(idx, (j) => targets[j]!),
            Array.from(idx, (j) => predictions[j]!),
          )[key],
        options,
      )
      expect(ci[key].level).toBe(0.9)
      expect(ci[key].lower).toBeCloseTo(naive.lower, 10)
      expect(ci[key].upper).toBeCloseTo(naive.upper, 10)
    }
  })

  it('keeps the force_finite R² convention for a constant target', () => {
    const perfect = regressionConfidenceIntervals([2, 2, 2], [2, 2, 2])
    expect(perfect.r2).toMatchObject({ lower: 1, upper: 1 })
    expect(perfect.mae).toMatchObject({ lower: 0, upper: 0 })
    // every prediction wrong → every resample imperfect → R² = 0 throughout
    expect(regressionConfidenceIntervals([2, 2, 2], [1, 3, 1]).r2).toMatchObject({ lower: 0, upper: 0 })
    expect(() => regressionConfidenceIntervals([1], [Number.NaN])).toThrow(/predictions\[0\] is NaN/)
  })
})
