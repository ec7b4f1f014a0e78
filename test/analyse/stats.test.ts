import { describe, expect, test } from 'vitest'
import { bootstrapLatency, bootstrapStatistic } from '../../src/analyse/bootstrap.js'
import { summarizeLatency, thinSorted } from '../../src/analyse/latency.js'
import {
  interquartileRangeSorted,
  mean,
  medianAbsoluteDeviationSorted,
  medianConfidenceIntervalSorted,
  quantileConfidenceIntervalSorted,
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

describe('order-statistic intervals', () => {
  const ranks = Array.from({ length: 100 }, (_, i) => i)

  test('Z_975 is the 97.5 % normal quantile', () => {
    expect(normalCdf(Z_975)).toBeCloseTo(0.975, 7)
  })

  test('bracket the quantile by binomial ranks n·q ± z·√(n·q(1−q)), clamped to the sample', () => {
    // q = 0.5: 50 ∓ 9.80 → ranks 39 (one below the floor) and 60
    expect(quantileConfidenceIntervalSorted(ranks, 0.5)).toEqual([39, 60])
    expect(medianConfidenceIntervalSorted(ranks)).toEqual([39, 60])
    // q = 0.9: 90 ∓ 5.88 → 83 and 96; q = 0.99: 99 ∓ 1.95 → 96 and 101, clamped to 99
    expect(quantileConfidenceIntervalSorted(ranks, 0.9)).toEqual([83, 96])
    expect(quantileConfidenceIntervalSorted(ranks, 0.99)).toEqual([96, 99])
    expect(quantileConfidenceIntervalSorted([], 0.5)).toEqual([Number.NaN, Number.NaN])
  })

  test('are the asymptotic percentile intervals of large latency summaries', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i / 50_000)
    const { ci } = summarizeLatency(big)
    for (const [key, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
      const [lower, upper] = quantileConfidenceIntervalSorted(big, q)
      expect(ci[key]).toEqual({ lower, upper, level: 0.95 })
    }
  })
})

describe('bootstrap intervals', () => {
  const random = createRandom(42)
  // log-normal-ish latencies around 10 ms
  const samples = Array.from({ length: 10_000 }, () => 10 * Math.exp(0.3 * (random() + random() + random() - 1.5))).sort(
    (a, b) => a - b,
  )

  test('contain the point estimates, are reproducible, and shrink with n', () => {
    const ci = bootstrapLatency(samples, { seed: 7 })
    expect(ci.p50.lower).toBeLessThanOrEqual(quantileSorted(samples, 0.5))
    expect(ci.p50.upper).toBeGreaterThanOrEqual(quantileSorted(samples, 0.5))
    expect(ci.p99.lower).toBeLessThanOrEqual(quantileSorted(samples, 0.99))
    expect(ci.p99.upper).toBeGreaterThanOrEqual(quantileSorted(samples, 0.99))
    expect(ci.mean.lower).toBeLessThan(mean(samples))
    expect(ci.mean.upper).toBeGreaterThan(mean(samples))
    expect(bootstrapLatency(samples, { seed: 7 })).toEqual(ci)
    const small = bootstrapLatency(samples.filter((_, i) => i % 10 === 0), { seed: 7 })
    expect(small.p50.upper - small.p50.lower).toBeGreaterThan(ci.p50.upper - ci.p50.lower)
  })

  test('the mean interval agrees with the normal-theory interval (±1.96·sd/√n)', () => {
    const ci = bootstrapLatency(samples, { seed: 3 })
    const half = (1.959964 * standardDeviation(samples)) / Math.sqrt(samples.length)
    expect((ci.mean.upper - ci.mean.lower) / 2).toBeGreaterThan(half * 0.85)
    expect((ci.mean.upper - ci.mean.lower) / 2).toBeLessThan(half * 1.15)
  })

  test('the latency bootstrap draws the resamples bootstrapStatistic draws for the same seed', () => {
    const meanOfResample = (indices: Uint32Array) => {
      let sum = 0
      for (let i = 0; i < indices.length; i++) sum += samples[indices[i] as number] as number
      return sum / indices.length
    }
    const options = { seed: 11, resamples: 200 }
    expect(bootstrapLatency(samples, options).mean).toEqual(bootstrapStatistic(samples.length, meanOfResample, options))
  })

  test('10,000 samples bootstrap fast (target ≤ 50 ms; asserted loosely)', () => {
    bootstrapLatency(samples) // JIT warm-up
    const start = performance.now()
    bootstrapLatency(samples)
    expect(performance.now() - start).toBeLessThan(500)
  })

  test('large samples switch to asymptotic intervals', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i / 50_000)
    const stats = summarizeLatency(big)
    expect(stats.ci.method).toBe('asymptotic')
    expect(stats.ci.p50.lower).toBeLessThan(stats.p50)
    expect(stats.ci.p50.upper).toBeGreaterThan(stats.p50)
    expect(summarizeLatency(samples).ci.method).toBe('bootstrap')
  })
})
