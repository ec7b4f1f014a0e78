import { describe, expect, test } from 'vitest'
import { bootstrapMean, bootstrapStatistic } from '../../src/analyse/bootstrap.js'
import { quantileInterval } from '../../src/analyse/quantile-bounds.js'
import { summarizeLatency, thinSorted } from '../../src/analyse/latency.js'
import {
  interquartileRangeSorted,
  mean,
  medianAbsoluteDeviationSorted,
  quantileSorted,
  standardDeviation,
  tukeyOutliersSorted,
  Z_975,
} from '../../src/analyse/stats.js'
import { normalCdf } from '../../src/analyse/significance.js'
import { createRandom } from '../../src/analyse/random.js'

const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

describe('descriptive statistics', () => {
  test('type-7 quantiles match numpy.percentile(x, q) (linear)', () => {
    // numpy: percentile(arange(1,11), [50, 90, 95, 99, 25, 75]) = 5.5, 9.1, 9.55, 9.91, 3.25, 7.75
    expect(quantileSorted(x, 0.5)).toBeCloseTo(5.5, 12)
    expect(quantileSorted(x, 0.9)).toBeCloseTo(9.1, 12)
    expect(quantileSorted(x, 0.95)).toBeCloseTo(9.55, 12)
    expect(quantileSorted(x, 0.99)).toBeCloseTo(9.91, 12)
    expect(quantileSorted(x, 0.25)).toBeCloseTo(3.25, 12)
    expect(quantileSorted([7], 0.99)).toBe(7)
    expect(quantileSorted([], 0.5)).toBeNaN()
  })

  test('mean, sd (n−1), MAD and IQR by hand', () => {
    expect(mean(x)).toBe(5.5)
    // Σ(x−5.5)² = 82.5 → var = 82.5/9 = 9.1667, sd = 3.02765
    expect(standardDeviation(x)).toBeCloseTo(3.0276503540974917, 12)
    // |x−5.5| = 4.5,3.5,2.5,1.5,.5,.5,1.5,2.5,3.5,4.5 → median 2.5
    expect(medianAbsoluteDeviationSorted(x)).toBe(2.5)
    expect(interquartileRangeSorted(x)).toBeCloseTo(4.5, 12)
  })

  test("Tukey's fences count outliers without removing them", () => {
    const data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]
    // q1 = 3.75, q3 = 9.25, IQR 5.5 → fences [-4.5, 17.5]; severe beyond [-12.75, 25.75]
    const o = tukeyOutliersSorted(data)
    expect(o.fences[0]).toBeCloseTo(-4.5, 12)
    expect(o.fences[1]).toBeCloseTo(17.5, 12)
    expect(o).toMatchObject({ low: 0, high: 2, severe: 2, total: 2 })
  })

  test('thinning keeps extremes and percentiles of large samples', () => {
    const random = createRandom(1)
    const big = Array.from({ length: 100_000 }, () => random() * 10).sort((a, b) => a - b)
    const thin = thinSorted(big, 10_000)
    expect(thin).toHaveLength(10_000)
    expect(thin[0]).toBe(big[0])
    expect(thin.at(-1)).toBe(big.at(-1))
    expect(Math.abs(quantileSorted(thin, 0.95) - quantileSorted(big, 0.95))).toBeLessThan(0.01)
  })
})

describe('Z_975', () => {
  test('is the 97.5 % normal quantile', () => {
    expect(normalCdf(Z_975)).toBeCloseTo(0.975, 7)
  })
})

describe('bootstrap intervals', () => {
  const random = createRandom(42)
  // log-normal-ish latencies around 10 ms
  const samples = Array.from({ length: 10_000 }, () => 10 * Math.exp(0.3 * (random() + random() + random() - 1.5))).sort(
    (a, b) => a - b,
  )

  test('the mean interval contains the mean, is reproducible, and shrinks with n', () => {
    const ci = bootstrapMean(samples, { seed: 7 })
    expect(ci.lower).toBeLessThan(mean(samples))
    expect(ci.upper).toBeGreaterThan(mean(samples))
    expect(bootstrapMean(samples, { seed: 7 })).toEqual(ci)
    const small = bootstrapMean(samples.filter((_, i) => i % 10 === 0), { seed: 7 })
    expect(small.upper - small.lower).toBeGreaterThan(ci.upper - ci.lower)
  })

  test('the mean interval agrees with the normal-theory interval (±1.96·sd/√n)', () => {
    const ci = bootstrapMean(samples, { seed: 3 })
    const half = (1.959964 * standardDeviation(samples)) / Math.sqrt(samples.length)
    expect((ci.upper - ci.lower) / 2).toBeGreaterThan(half * 0.85)
    expect((ci.upper - ci.lower) / 2).toBeLessThan(half * 1.15)
  })

  test('the mean bootstrap draws the resamples bootstrapStatistic draws for the same seed', () => {
    const meanOfResample = (indices: Uint32Array) => {
      let sum = 0
      for (let i = 0; i < indices.length; i++) sum += samples[indices[i] as number] as number
      return sum / indices.length
    }
    const options = { seed: 11, resamples: 200 }
    expect(bootstrapMean(samples, options)).toEqual(bootstrapStatistic(samples.length, meanOfResample, options))
  })

  test('10,000 samples bootstrap fast (target ≤ 50 ms; asserted loosely)', () => {
    bootstrapMean(samples) // JIT warm-up
    const start = performance.now()
    bootstrapMean(samples)
    expect(performance.now() - start).toBeLessThan(500)
  })

  test('above 20,000 samples the mean interval is the normal one; percentile intervals are exact order statistics at every n', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i / 50_000)
    const stats = summarizeLatency(big)
    expect(stats.ci.meanMethod).toBe('normal')
    const se = standardDeviation(big) / Math.sqrt(big.length)
    expect(stats.ci.mean.upper - stats.ci.mean.lower).toBeCloseTo(2 * Z_975 * se, 12)
    expect(summarizeLatency(samples).ci.meanMethod).toBe('bootstrap')
    for (const [key, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99], ['p999', 0.999]] as const) {
      expect(stats.ci[key]).toEqual(quantileInterval(big, q, 0.95))
      expect(stats.ci[key].lower as number).toBeLessThan(stats[key])
      expect(stats.ci[key].upper as number).toBeGreaterThan(stats[key])
    }
    // 30 calls bound p50 but not p99 from above
    const few = summarizeLatency(samples.slice(0, 30))
    expect(few.ci.p50.lower).not.toBeNull()
    expect(few.ci.p99.upper).toBeNull()
  })
})
