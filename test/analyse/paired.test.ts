import { describe, expect, test } from 'vitest'
import {
  analysePairs,
  blockLogRatios,
  blocksToDecide,
  decideVerdict,
  hodgesLehmann,
  moreTimeToDecide,
  pairedTests,
  wilcoxonSignedRank,
  type PairedAnalysis,
} from '../../src/analyse/paired.js'
import { bootstrapMean } from '../../src/analyse/bootstrap.js'
import { changeInterval } from '../../src/analyse/change.js'
import { simulatedPairs } from '../../scripts/calibrate/paired-simulation.js'

const X = [0.12, -0.05, 0.31, 0.02, -0.11, 0.07, 0.22, -0.01, 0.15, 0.09]

describe('wilcoxonSignedRank', () => {
  test('exact p-values equal scipy 1.17.1 wilcoxon(x, alternative, method="exact")', () => {
    expect(wilcoxonSignedRank(X, 'greater')).toMatchObject({ statistic: 45, n: 10, method: 'exact' })
    expect(wilcoxonSignedRank(X, 'greater').pValue).toBeCloseTo(0.0419921875, 14)
    expect(wilcoxonSignedRank(X, 'less').pValue).toBeCloseTo(0.9677734375, 14)
    // twenty positive values: the smallest p-value 20 values can give, 2^-20
    const positive = Array.from({ length: 20 }, (_, i) => 0.1 * (i + 1))
    expect(wilcoxonSignedRank(positive, 'greater').pValue).toBeCloseTo(2 ** -20, 18)
  })

  test('ties and n > 50 use the normal approximation: scipy method="approx", correction=False', () => {
    const tied = [0.1, -0.1, 0.2, 0.2, 0.3, -0.05, 0.4, 0.1]
    expect(wilcoxonSignedRank(tied, 'greater')).toMatchObject({ statistic: 32, method: 'normal' })
    expect(wilcoxonSignedRank(tied, 'greater').pValue).toBeCloseTo(0.024275373211574098, 12)
    expect(wilcoxonSignedRank(tied, 'less').pValue).toBeCloseTo(0.9757246267884259, 12)
    // numpy default_rng(3): standard_t(2, 60) * 0.1 + 0.03, rounded to 6 digits
    const sixty = [
      0.356952, 0.058187, -0.059144, -0.600651, -0.306001, 0.04234, 0.005189, -0.04398, 0.069551, 0.257185, 0.032248, 0.079429, 0.00588, 0.283233,
      0.013416, -0.043428, 0.224604, 0.055572, -0.163906, -0.052432, 0.061749, -0.041333, 0.03124, 0.121117, 0.056951, 0.018381, 0.078237, 0.016459,
      0.04111, 0.189734, -0.217407, -0.061411, -0.080611, 0.097918, -0.168568, 0.147429, 0.473903, 0.093577, 0.21657, 0.00614, 0.15905, 0.287361,
      0.065606, -0.013671, 0.172294, -0.060165, 0.047571, -0.113773, 0.029634, 0.114563, -0.096164, -0.001296, -0.044564, 0.023592, 0.063558,
      0.230314, -0.111022, -0.137765, -0.183092, 0.111451,
    ]
    expect(wilcoxonSignedRank(sixty, 'greater')).toMatchObject({ statistic: 1170, method: 'normal' })
    expect(wilcoxonSignedRank(sixty, 'greater').pValue).toBeCloseTo(0.030244743317306727, 12)
  })

  test('zeros are dropped; nothing left is no evidence; a non-finite value is an error', () => {
    expect(wilcoxonSignedRank([0, ...X], 'greater').pValue).toBe(wilcoxonSignedRank(X, 'greater').pValue)
    expect(wilcoxonSignedRank([0, 0], 'less').pValue).toBe(1)
    expect(() => wilcoxonSignedRank([1, Number.NaN], 'less')).toThrow(/finite/)
  })
})

describe('Hodges–Lehmann estimate and interval', () => {
  test('the inverted signed-rank test is the exact Walsh-average interval', () => {
    expect(hodgesLehmann(X)).toBeCloseTo(0.08, 12)
    // python: exact null of T+ for n = 10, critical count 47 at one-sided 0.025; the bounds are
    // the sorted Walsh averages W(55 − 47 + 1) = −0.01 and W(47) = 0.17
    const tests = pairedTests(X)
    expect(Math.log1p(tests.estimate)).toBeCloseTo(0.08, 12)
    const { lower, upper, level } = changeInterval(tests, 0.025)
    expect(level).toBe(0.95)
    expect(Math.log1p(lower as number)).toBeCloseTo(-0.01, 6)
    expect(Math.log1p(upper as number)).toBeCloseTo(0.17, 6)
  })

  test('the tests by Walsh averages equal the signed-rank test of the shifted values, exact and normal', async () => {
    const sixty = blockLogRatios(await simulatedPairs(60, 1.03, 7))
    for (const x of [X, sixty]) {
      const tests = pairedTests(x)
      for (const delta of [-0.2, -0.0317, 0.011, 0.0523, 0.09, 0.3]) {
        const shifted = x.map((v) => v - Math.log1p(delta))
        expect(tests.greater(delta)).toBeCloseTo(wilcoxonSignedRank(shifted, 'greater').pValue, 14)
        expect(tests.less(delta)).toBeCloseTo(wilcoxonSignedRank(shifted, 'less').pValue, 14)
      }
    }
    expect(pairedTests([]).greater(0)).toBe(1)
  })
})

describe('analysePairs', () => {
  const pair = (base: number, head: number) => ({ base: [base, base * 1.1, base * 0.9], head: [head, head * 1.1, head * 0.9] })

  test('blocks are consecutive pairs, each the mean log ratio of slice medians; incomplete blocks are left out', () => {
    const logs = blockLogRatios([pair(1, 2), pair(1, 1), pair(2, 2), pair(1, 4), pair(1, 1)])
    expect(logs).toHaveLength(2)
    expect(logs[0]).toBeCloseTo(Math.log(2) / 2, 12)
    expect(logs[1]).toBeCloseTo(Math.log(4) / 2, 12)
    expect(blockLogRatios([pair(1, 1), { base: [], head: [1] }])).toEqual([])
  })

  test('a clear slowdown regresses, a clear match is unchanged, too few blocks stay inconclusive', () => {
    const slow = Array.from({ length: 24 }, (_, i) => pair(1 + 0.01 * (i % 5), 1.3 * (1 + 0.01 * ((i + 2) % 5))))
    const a = analysePairs(slow, 0.05, 0.0025)
    expect(a).toMatchObject({ verdict: 'regressed', blocks: 12, pairs: 24 })
    expect(a.ratio).toBeGreaterThan(1.2)
    expect(a.interval[0]).toBeGreaterThan(1.05)
    const same = Array.from({ length: 24 }, (_, i) => pair(1 + 0.01 * (i % 5), 1 + 0.01 * ((i + 3) % 5)))
    expect(analysePairs(same, 0.05, 0.0025).verdict).toBe('unchanged')
    // 8 blocks: the smallest p-value is 2^-8 = 0.0039, above 0.0025
    expect(analysePairs(slow.slice(0, 16), 0.05, 0.0025).verdict).toBe('inconclusive')
    expect(blocksToDecide(0.0025)).toBe(9)
    expect(() => analysePairs(slow, 1.5, 0.01)).toThrow(/tolerance must be a fraction/)
  })

  test('the three-way rule: worse first, then better, then within', () => {
    expect(decideVerdict({ pWorse: 0.001, pBetter: 1, pWithin: 1 }, 0.01)).toBe('regressed')
    expect(decideVerdict({ pWorse: 1, pBetter: 0.001, pWithin: 1 }, 0.01)).toBe('improved')
    expect(decideVerdict({ pWorse: 1, pBetter: 1, pWithin: 0.001 }, 0.01)).toBe('unchanged')
    expect(decideVerdict({ pWorse: 0.02, pBetter: 1, pWithin: 0.02 }, 0.01)).toBe('inconclusive')
  })

  test('how much more time would decide: the interval narrows like 1/√n until it clears the band', () => {
    const base: PairedAnalysis = { ratio: 1, interval: [0.9, 1.1], level: 0.99, pWorse: 0.5, pBetter: 0.5, pWithin: 0.5, pairs: 20, blocks: 10, verdict: 'inconclusive' }
    // the lower half-width log(1/0.9) must shrink to log(1/0.95), the nearer side: (0.1054 / 0.0513)² ≈ 4.22 times the data
    expect(moreTimeToDecide(base, 0.05, 1000)).toBeCloseTo(1000 * ((Math.log(0.9) / Math.log(0.95)) ** 2 - 1), 6)
    expect(moreTimeToDecide({ ...base, verdict: 'unchanged' }, 0.05, 1000)).toBe(0)
    expect(moreTimeToDecide({ ...base, interval: [null, 1.1] }, 0.05, 1000)).toBeNull()
    expect(moreTimeToDecide({ ...base, ratio: 1.05 }, 0.05, 1000)).toBeNull()
  })

  test('coverage by simulation: 10 blocks on a noisy machine (bursts, drift, outliers), true ratio 1.07', async () => {
    const reps = 600
    const truth = Math.log(1.07)
    let below = 0
    let above = 0
    let bootstrapMisses = 0
    for (let seed = 1; seed <= reps; seed++) {
      const pairs = await simulatedPairs(10, 1.07, seed)
      const a = analysePairs(pairs, 0.05, 0.025)
      if ((a.interval[0] ?? 0) > 1.07) below++
      if ((a.interval[1] ?? Number.POSITIVE_INFINITY) < 1.07) above++
      // what the issue tried first: a percentile bootstrap of the mean pair log ratio
      const boot = bootstrapMean(pairs.map((p) => blockLogRatios([p, p])[0] as number), { seed, resamples: 500 })
      if (boot.lower > truth || boot.upper < truth) bootstrapMisses++
    }
    // nominal 95 % two-sided, 2.5 % per side (exact under random orientation, conservative by the
    // discreteness of 2^10 sign patterns); measured 1.6 % and 3.0 % per side at 1,000 repetitions
    expect(below / reps).toBeLessThan(0.04)
    expect(above / reps).toBeLessThan(0.04)
    expect((below + above) / reps).toBeGreaterThan(0.01)
    // the same data miss the bootstrap interval about twice as often as they should (12 % at 1,000)
    expect(bootstrapMisses / reps).toBeGreaterThan(0.08)
  })
})
