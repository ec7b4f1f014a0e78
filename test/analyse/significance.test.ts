import { describe, it, expect } from 'vitest'
import {
  binomialTwoSidedP,
  chiSquareSf1,
  mannWhitneyU,
  mcnemar,
  mcnemarFromCounts,
  normalCdf,
  normalSf,
  studentTSf,
  twoProportionTest,
  uStatistic,
  welchTTest,
} from '../../src/analyse/significance.js'

// Reference values marked "erfc" were computed independently with Python's math.erfc:
// Φ(x) = 0.5·erfc(−x/√2), chi-square(1) sf(x) = erfc(√(x/2)).

describe('normalCdf', () => {
  it('matches textbook values to ~1e-9', () => {
    expect(normalCdf(0)).toBe(0.5)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7)
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 7)
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 9) // erfc
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 9) // erfc
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300957, 12) // erfc
  })

  it('keeps relative accuracy far in the tails', () => {
    const rel = (a: number, b: number) => Math.abs(a - b) / b
    expect(rel(normalCdf(-5), 2.866515718791946e-7)).toBeLessThan(1e-7) // erfc
    expect(rel(normalCdf(-8), 6.220960574271819e-16)).toBeLessThan(1e-7) // erfc
    expect(rel(normalCdf(-10), 7.619853024160593e-24)).toBeLessThan(1e-7) // erfc
    expect(rel(normalSf(20), 2.7536241186063314e-89)).toBeLessThan(1e-7) // erfc
    expect(normalCdf(40)).toBe(1)
    expect(normalCdf(-40)).toBe(0)
  })

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (const x of [0.1, 0.7, 1.3, 2.2, 3.9, 6.5, 7.5]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14)
  })
})

describe('chiSquareSf1', () => {
  it('gives the df=1 critical values of chi-square tables', () => {
    expect(chiSquareSf1(3.841458820694124)).toBeCloseTo(0.05, 9)
    expect(chiSquareSf1(6.634896601021214)).toBeCloseTo(0.01, 9)
  })
  it('is 1 at 0 and 2·(1 − Φ(√x)) elsewhere', () => {
    expect(chiSquareSf1(0)).toBe(1)
    expect(chiSquareSf1(2)).toBeCloseTo(2 * (1 - normalCdf(Math.SQRT2)), 12)
  })
})

describe('binomialTwoSidedP', () => {
  it('matches hand-worked small cases', () => {
    // n = 10, k = 1, p = ½: 2·(C(10,0) + C(10,1))/2^10 = 2·11/1024 = 22/1024
    expect(binomialTwoSidedP(1, 10)).toBeCloseTo(22 / 1024, 14)
    expect(binomialTwoSidedP(9, 10)).toBeCloseTo(22 / 1024, 14)
    // n = 2, pmf = ¼, ½, ¼: outcomes no more likely than k = 0 → ¼ + ¼
    expect(binomialTwoSidedP(0, 2)).toBeCloseTo(0.5, 14)
    // the central outcome: every outcome is no more likely → 1
    expect(binomialTwoSidedP(5, 10)).toBe(1)
    // n = 3, p = 0.2: pmf 0.512, 0.384, 0.096, 0.008; k = 2 → 0.096 + 0.008 = 0.104
    expect(binomialTwoSidedP(2, 3, 0.2)).toBeCloseTo(0.104, 12)
    // k = 0 with p = 0.2: pmf(0) = 0.512 is the mode, so every outcome is no more likely → 1
    expect(binomialTwoSidedP(0, 3, 0.2)).toBeCloseTo(1, 14)
  })

  it('handles n = 10,000 without overflow', () => {
    // Python exact integers: 2·Σ_{i≤4900} C(10000, i) / 2^10000 = 0.04658552770494739
    expect(binomialTwoSidedP(4900, 10000)).toBeCloseTo(0.04658552770494739, 10)
    // 2·Σ_{i≤469} C(1000, i) / 2^1000 = 0.053677849645010205
    expect(binomialTwoSidedP(469, 1000)).toBeCloseTo(0.053677849645010205, 10)
    expect(binomialTwoSidedP(5000, 10000)).toBe(1)
    const tiny = binomialTwoSidedP(0, 10000)
    expect(tiny).toBeGreaterThanOrEqual(0)
    expect(tiny).toBeLessThan(1e-300)
  })

  it('rejects invalid arguments', () => {
    expect(() => binomialTwoSidedP(11, 10)).toThrow(/k is 11/)
    expect(() => binomialTwoSidedP(1, 10, 1.5)).toThrow(/p is 1.5/)
  })
})

describe('mcnemar', () => {
  it('uses the exact binomial test when b + c < 25', () => {
    // b = 1, c = 9: p = 2·Σ_{k≤1} C(10,k)/2^10 = 22/1024 = 0.021484375
    const r = mcnemarFromCounts(1, 9)
    expect(r).toMatchObject({ b: 1, c: 9, n: 10, statistic: 1, method: 'exact' })
    expect(r.pValue).toBeCloseTo(0.021484375, 14)
    // b = 6, c = 18 (n = 24, still exact): 2·Σ_{k≤6} C(24,k)/2^24 = 0.022655844688415527 (Python)
    expect(mcnemarFromCounts(6, 18).pValue).toBeCloseTo(0.022655844688415527, 12)
  })

  it('uses continuity-corrected chi-square when b + c ≥ 25', () => {
    // b = 30, c = 10: (|30 − 10| − 1)²/40 = 361/40 = 9.025; p = erfc(√(9.025/2)) = 0.002663119259138554
    const r = mcnemarFromCounts(30, 10)
    expect(r.method).toBe('chi-square')
    expect(r.statistic).toBeCloseTo(9.025, 12)
    expect(r.pValue).toBeCloseTo(0.002663119259138554, 10)
    // b = c: (|0| − 1)² / n = 1/n, small statistic, large p
    expect(mcnemarFromCounts(20, 20).pValue).toBeGreaterThan(0.8)
  })

  it('gives p = 1 without discordant pairs, and counts from paired booleans', () => {
    expect(mcnemarFromCounts(0, 0)).toMatchObject({ n: 0, pValue: 1 })
    expect(mcnemar([true, false], [true, false]).pValue).toBe(1)
    // pairs: (T,F) → b, (F,T) → c, (T,T) and (F,F) ignored
    const r = mcnemar([true, true, false, false, true], [false, true, true, false, false])
    expect(r).toMatchObject({ b: 2, c: 1, n: 3 })
    // n = 3, k = 1: 2·(1 + 3)/8 = 1 → capped at 1
    expect(r.pValue).toBe(1)
    expect(() => mcnemar([true], [])).toThrow(/paired/)
    expect(() => mcnemarFromCounts(-1, 2)).toThrow(/b is -1/)
  })
})

describe('twoProportionTest', () => {
  it('matches a hand-computed pooled z', () => {
    // 90/100 vs 80/100: pooled 0.85, se = √(0.85·0.15·(2/100)) = 0.0504975; z = 0.1/se = 1.98029508595
    // p = erfc(1.98029508595/√2) = 0.047670380656161505
    const r = twoProportionTest(90, 100, 80, 100)
    expect(r.difference).toBeCloseTo(0.1, 12)
    expect(r.z).toBeCloseTo(1.9802950859533481, 10)
    expect(r.pValue).toBeCloseTo(0.047670380656161505, 9)
  })
  it('returns p = 1 when there is no variance, and validates counts', () => {
    expect(twoProportionTest(10, 10, 5, 5)).toMatchObject({ z: 0, pValue: 1 })
    expect(() => twoProportionTest(11, 10, 5, 5)).toThrow(/successesA is 11/)
    expect(() => twoProportionTest(0, 0, 5, 5)).toThrow(/nA is 0/)
  })
})

describe('mannWhitneyU', () => {
  // a = [1, 3, 5, 7], b = [2, 3, 4]. Pairs with a > b (+½ per tie):
  //   1 → 0; 3 → 1 (>2) + ½ (=3); 5 → 3; 7 → 3. U = 7.5, nm = 12, effect = 0.625.
  // Tie group {3, 3}: Σ(t³ − t) = 6. N = 7, μ = 6, σ = √(12/12·(8 − 6/(7·6))) = 2.8030595529069404.
  const a = [1, 3, 5, 7]
  const b = [2, 3, 4]

  it('counts U and the tie term by hand', () => {
    expect(uStatistic(a, b)).toEqual({ u: 7.5, tieTerm: 6 })
    expect(uStatistic(b, a).u).toBe(12 - 7.5)
  })

  it('matches the hand-worked normal approximation', () => {
    // two-sided: z = (7.5 − 6 − 0.5)/σ = 0.3567530340063379; p = erfc(z/√2) = 0.7212766990291557
    const two = mannWhitneyU(a, b)
    expect(two.u).toBe(7.5)
    expect(two.effect).toBe(0.625)
    expect(two.z).toBeCloseTo(0.3567530340063379, 12)
    expect(two.pValue).toBeCloseTo(0.7212766990291557, 9)
    // greater: same z, one tail = 0.36063834951457785
    expect(mannWhitneyU(a, b, { alternative: 'greater' }).pValue).toBeCloseTo(0.36063834951457785, 9)
    // less: z = (7.5 − 6 + 0.5)/σ = 0.7135060680126758; p = Φ(z) = 0.7622336702015493
    const less = mannWhitneyU(a, b, { alternative: 'less' })
    expect(less.z).toBeCloseTo(0.7135060680126758, 12)
    expect(less.pValue).toBeCloseTo(0.7622336702015493, 9)
  })

  it('matches a large-sample z computed by formula', () => {
    // a = 0..99, b = 49.5..148.5 (step 1, no ties). a = i beats b_j iff j < i − 49.5 → i − 49 values
    // for i ≥ 50: U = Σ_{1..50} = 1275. μ = 5000, σ = √(100·100·201/12) = 409.2676;
    // z = −(5000 − 1275 − 0.5)/σ = −9.100401910101176, p = erfc(|z|/√2) = 8.999816379440978e-20
    const big = Array.from({ length: 100 }, (_, i) => i)
    const shifted = big.map((i) => i + 49.5)
    const r = mannWhitneyU(big, shifted)
    expect(r.u).toBe(1275)
    expect(r.z).toBeCloseTo(-9.100401910101176, 9)
    expect(r.pValue / 8.999816379440978e-20).toBeCloseTo(1, 6)
    expect(mannWhitneyU(big, shifted, { alternative: 'less' }).pValue).toBeCloseTo(r.pValue / 2, 25)
    expect(mannWhitneyU(big, shifted, { alternative: 'greater' }).pValue).toBeCloseTo(1, 12)
  })

  it('handles all-tied samples and rejects bad input', () => {
    expect(mannWhitneyU([1, 1], [1, 1, 1])).toEqual({ u: 3, z: 0, pValue: 1, effect: 0.5 })
    expect(() => mannWhitneyU([], [1])).toThrow(/non-empty/)
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(/a\[1\] is NaN/)
  })

  it('scales as O((n + m) log(n + m))', () => {
    const x = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 100_003)
    const y = Array.from({ length: 200_000 }, (_, i) => ((i * 104_729) % 100_019) + 0.5)
    const start = performance.now()
    const r = mannWhitneyU(x, y)
    expect(performance.now() - start).toBeLessThan(1000)
    expect(r.effect).toBeGreaterThan(0.4)
    expect(r.effect).toBeLessThan(0.6)
  })
})

describe('studentTSf', () => {
  // scipy.stats.t.sf(t, df), scipy 1.17.1
  it('matches scipy, including real df and far tails', () => {
    expect(studentTSf(1, 1)).toBeCloseTo(0.25, 14) // Cauchy: ½ − atan(1)/π, by hand
    expect(studentTSf(2, 3)).toBeCloseTo(0.06966298427942152, 13)
    expect(studentTSf(0.5, 10)).toBeCloseTo(0.3139468028714865, 13)
    expect(studentTSf(-1.3, 7.5)).toBeCloseTo(0.8839366105921956, 13)
    expect(studentTSf(2.5, 3997.3)).toBeCloseTo(0.0062295471429162485, 13)
    expect(studentTSf(8, 40) / 3.952542055052269e-10).toBeCloseTo(1, 9)
    expect(studentTSf(30, 1000) / 7.687343722021547e-142).toBeCloseTo(1, 8)
  })

  it('is ½ at 0, the normal tail at infinite df, and NaN for a bad df', () => {
    expect(studentTSf(0, 5)).toBe(0.5)
    expect(studentTSf(1.7, Number.POSITIVE_INFINITY)).toBe(normalSf(1.7))
    expect(studentTSf(Number.POSITIVE_INFINITY, 3)).toBe(0)
    expect(studentTSf(1, 0)).toBeNaN()
  })
})

describe('welchTTest', () => {
  // scipy.stats.ttest_ind(a, b, equal_var=False, alternative=…), scipy 1.17.1
  const a = [12.1, 13.4, 11.8, 14.2, 12.9, 13.7]
  const b = [11.2, 11.9, 12.4, 11.5, 12.0]

  it('matches scipy for every alternative', () => {
    const two = welchTTest(a, b)
    expect(two.t).toBeCloseTo(2.8064471192323572, 12)
    expect(two.df).toBeCloseTo(7.573520400289798, 12)
    expect(two.pValue).toBeCloseTo(0.024256731167322444, 12)
    expect(two.difference).toBeCloseTo((12.1 + 13.4 + 11.8 + 14.2 + 12.9 + 13.7) / 6 - (11.2 + 11.9 + 12.4 + 11.5 + 12) / 5, 12)
    expect(welchTTest(a, b, { alternative: 'greater' }).pValue).toBeCloseTo(0.012128365583661222, 12)
    expect(welchTTest(a, b, { alternative: 'less' }).pValue).toBeCloseTo(0.9878716344163387, 12)
  })

  it('a few extreme values widen the test instead of moving it', () => {
    // 200 calls of 2.000–2.002 ms against the same plus two 100 ms stalls: the mean is 48 % higher,
    // yet nothing is significant; a 10 % shift of every call is
    const steady = Array.from({ length: 200 }, (_, i) => 2 + (i % 3) * 0.001)
    const stalled = steady.map((v, i) => (i < 2 ? v + 100 : v))
    const stalls = welchTTest(stalled, steady, { alternative: 'greater' })
    expect(stalls.difference / 2.001).toBeGreaterThan(0.45)
    expect(stalls.pValue).toBeGreaterThan(0.05)
    expect(welchTTest(steady.map((v) => v * 1.1), steady, { alternative: 'greater' }).pValue).toBeLessThan(1e-100)
  })

  it('handles zero variance and rejects bad input', () => {
    expect(welchTTest([2, 2], [2, 2, 2])).toEqual({ t: 0, df: 3, pValue: 1, difference: 0 })
    expect(welchTTest([3, 3], [2, 2], { alternative: 'greater' })).toMatchObject({ t: Number.POSITIVE_INFINITY, pValue: 0 })
    expect(welchTTest([3, 3], [2, 2], { alternative: 'less' }).pValue).toBe(1)
    expect(() => welchTTest([1], [1, 2])).toThrow(/a has 1 values; Welch's t-test needs at least 2/)
    expect(() => welchTTest([1, 2], [1, Number.NaN])).toThrow(/b\[1\] is NaN/)
  })
})
