import { describe, expect, test } from 'vitest'
import {
  lowerBoundRank,
  medianRelativeMarginSorted,
  quantileInterval,
  quantileLowerBound,
  quantileUpperBound,
  samplesForBound,
  upperBoundRank,
} from '../../src/analyse/quantile-bounds.js'
import { BIMODAL, coverageMarkdown, LOGNORMAL, simulateCoverage } from '../../scripts/calibrate/coverage.js'

/**
 * One-sided bounds from scipy 1.17.1, `quantile_test(x, q=0, p, alternative).confidence_interval(conf)`
 * on x = 1…n (so a bound is its rank): [n, p, confidence, lower ('greater'), upper ('less')],
 * null where scipy answers ±inf or nan (the bound does not exist at that n).
 */
const SCIPY: Array<[number, number, number, number | null, number | null]> = [
  [5, 0.5, 0.9, 1, 5], [5, 0.5, 0.99, null, null], [5, 0.95, 0.99, 3, null], [5, 0.999, 0.9, 5, null],
  [10, 0.5, 0.9, 3, 8], [10, 0.5, 0.95, 2, 9], [10, 0.5, 0.99, 1, 10], [10, 0.95, 0.95, 8, null], [10, 0.99, 0.95, 9, null],
  [30, 0.5, 0.9, 11, 20], [30, 0.5, 0.99, 9, 22], [30, 0.95, 0.9, 27, null], [30, 0.99, 0.99, 28, null], [30, 0.999, 0.99, 29, null],
  [50, 0.5, 0.95, 19, 32], [50, 0.95, 0.9, 45, 50], [50, 0.95, 0.95, 45, null], [50, 0.99, 0.95, 48, null],
  [200, 0.5, 0.9, 91, 110], [200, 0.5, 0.99, 84, 117], [200, 0.95, 0.95, 185, 196], [200, 0.99, 0.9, 196, null],
  [298, 0.99, 0.9, 293, 298], [298, 0.99, 0.95, 292, null], [299, 0.99, 0.95, 293, 299], [299, 0.99, 0.99, 291, null],
  [367, 0.99, 0.95, 360, 367], [367, 0.999, 0.95, 365, null],
  [1000, 0.5, 0.95, 474, 527], [1000, 0.95, 0.99, 933, 966], [1000, 0.99, 0.99, 982, 998], [1000, 0.999, 0.95, 997, null],
  [2000, 0.5, 0.99, 948, 1053], [2000, 0.95, 0.95, 1884, 1917], [2000, 0.99, 0.9, 1974, 1987], [2000, 0.999, 0.99, 1994, null],
  [20000, 0.5, 0.9, 9909, 10092], [20000, 0.95, 0.99, 18928, 19072], [20000, 0.99, 0.95, 19777, 19824], [20000, 0.999, 0.99, 19969, 19991],
]

describe('exact order-statistic bounds', () => {
  test.each(SCIPY)('n = %i, q = %f, confidence %f: ranks as scipy', (n, q, confidence, lower, upper) => {
    expect(lowerBoundRank(n, q, confidence)).toBe(lower)
    expect(upperBoundRank(n, q, confidence)).toBe(upper)
    const x = Array.from({ length: n }, (_, i) => i + 1)
    expect(quantileLowerBound(x, q, confidence)).toBe(lower)
    expect(quantileUpperBound(x, q, confidence)).toBe(upper)
  })

  test('a two-sided interval is two one-sided bounds at (1 + level) / 2', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i + 1)
    // scipy quantile_test(x, p=0.95).confidence_interval(0.95) (two-sided): [936, 964]
    expect(quantileInterval(x, 0.95, 0.95)).toEqual({ lower: 936, upper: 964, level: 0.95 })
    expect(quantileInterval(x.slice(0, 30), 0.99, 0.95)).toEqual({ lower: 28, upper: null, level: 0.95 })
  })

  test('the calls a bound needs: qⁿ ≤ 1 − confidence (a 95 % upper bound on p99 needs 299)', () => {
    expect(samplesForBound(0.99, 0.95, 'upper')).toBe(299)
    expect(samplesForBound(0.95, 0.95, 'upper')).toBe(59)
    expect(samplesForBound(0.999, 0.95, 'upper')).toBe(2995)
    expect(samplesForBound(0.99, 0.975, 'upper')).toBe(368)
    expect(samplesForBound(0.5, 0.95, 'lower')).toBe(5)
    for (const [q, c] of [[0.99, 0.95], [0.95, 0.99], [0.999, 0.9]] as const) {
      const n = samplesForBound(q, c, 'upper')
      expect(upperBoundRank(n, q, c)).not.toBeNull()
      expect(upperBoundRank(n - 1, q, c)).toBeNull()
    }
    expect(() => samplesForBound(1, 0.95, 'upper')).toThrow(/between 0 and 1/)
    expect(() => upperBoundRank(10, 0.5, 1)).toThrow(/between 0 and 1/)
  })

  test('the median margin (targetRme) is half the exact interval over the median; infinite without one', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i + 1)
    // scipy two-sided 95 % interval of the median of 1…1000: [469, 532]
    expect(medianRelativeMarginSorted(x)).toBeCloseTo((532 - 469) / 2 / 500.5, 12)
    expect(medianRelativeMarginSorted([1, 2, 3, 4, 5])).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('coverage by simulation (seeded; README "How far to trust an interval")', () => {
  test('every 95 % percentile interval covers ≥ 93 % of the time, or is reported open', () => {
    const cells = simulateCoverage({ distributions: [LOGNORMAL, BIMODAL], sizes: [30, 200, 2000, 20000], quantiles: [0.5, 0.95, 0.99], repetitions: 400, seed: 5 })
    expect(cells).toHaveLength(24)
    for (const c of cells) expect(c.coverage, coverageMarkdown([c])).toBeGreaterThanOrEqual(0.93)
    // where a bound is open it is always open at that n (open depends only on n and q)
    for (const c of cells) expect([0, 1]).toContain(c.open)
    expect(cells.find((c) => c.n === 30 && c.quantile === 0.99)?.open).toBe(1)
    expect(cells.find((c) => c.n === 2000 && c.quantile === 0.99)?.open).toBe(0)
  })
})
