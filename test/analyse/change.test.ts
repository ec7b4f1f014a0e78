import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  benjaminiHochberg,
  changeInterval,
  contrastPValue,
  exactChange,
  momentsOf,
  pairedProportionTests,
  ratioOfMediansTests,
  ratioOfMeansTests,
  ratioOfQuantilesTests,
} from '../../src/analyse/change.js'
import { createRandom } from '../../src/analyse/random.js'
import { mannWhitneyUSorted } from '../../src/analyse/significance.js'

/**
 * Reference values from scipy 1.17.1 (fixtures/change-scipy.json), made by:
 *   rng = np.random.default_rng(7); a = round(exp(normal(0, .3, 40)), 4); b = round(exp(normal(.1, .3, 35)), 4)
 *   pa = round(normal(1, .5, 30), 4); pb = round(pa*.9 + normal(0, .2, 30), 4)
 *   mannwhitneyu(sort(a), sort(b)*k, alternative, use_continuity=True, method='asymptotic')
 *   ttest_ind(a, k*b, equal_var=False, alternative); ttest_rel(pa, k*pb, alternative)
 *   false_discovery_control(p, method='bh')
 */
const ref = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/change-scipy.json'), 'utf8')) as {
  a: number[]
  b: number[]
  pa: number[]
  pb: number[]
  mw: Array<[number, 'greater' | 'less', number]>
  contrast: Array<[number, 'greater' | 'less', number, number]>
  bh: { p: number[]; adj: number[] }
}
const sorted = (xs: number[]) => Float64Array.from(xs).sort()

describe('tests against scipy', () => {
  test('Mann–Whitney with the baseline scaled by k (the ratio test) matches mannwhitneyu(a, k·b)', () => {
    for (const [k, alternative, p] of ref.mw) {
      expect(mannWhitneyUSorted(sorted(ref.a), sorted(ref.b), { alternative, scale: k }).pValue).toBeCloseTo(p, 12)
    }
  })

  test('contrasts E[a] − k·E[b]: Welch for independent samples, paired t for paired ones', () => {
    const independent = momentsOf(ref.a, ref.b, false)
    const paired = momentsOf(ref.pa, ref.pb, true)
    for (const [k, alternative, welch, rel] of ref.contrast) {
      expect(contrastPValue(independent, k, 0, alternative)).toBeCloseTo(welch, 10)
      expect(contrastPValue(paired, k, 0, alternative)).toBeCloseTo(rel, 10)
    }
  })

  test('Benjamini–Hochberg matches false_discovery_control', () => {
    const adjusted = benjaminiHochberg(ref.bh.p)
    ref.bh.adj.forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 14))
    expect(benjaminiHochberg([])).toEqual([])
  })
})

describe('changeInterval', () => {
  test('inverts the one-sided tests: at each bound the test sits at alpha', () => {
    const tests = ratioOfMeansTests(momentsOf(ref.a, ref.b, false))
    const interval = changeInterval(tests, 0.025)
    expect(interval.level).toBeCloseTo(0.95, 12)
    expect(tests.greater(interval.lower as number)).toBeCloseTo(0.025, 6)
    expect(tests.less(interval.upper as number)).toBeCloseTo(0.025, 6)
    expect(interval.lower as number).toBeLessThan(tests.estimate)
    expect(interval.upper as number).toBeGreaterThan(tests.estimate)
  })

  test('a change known exactly has a zero-width interval; undecidable data an open one', () => {
    expect(changeInterval(exactChange('absolute', 0), 0.01)).toMatchObject({ lower: expect.closeTo(0, 6), upper: expect.closeTo(0, 6) })
    expect(changeInterval(pairedProportionTests(0, 0, 500), 0.01)).toMatchObject({ lower: expect.closeTo(0, 6), upper: expect.closeTo(0, 6) })
    expect(changeInterval(ratioOfQuantilesTests([1, 2, 3], 3, [1, 2, 3], 3, 0.99), 0.01)).toMatchObject({ lower: null, upper: null })
  })
})

describe('coverage of the change intervals by simulation (seeded)', () => {
  // log-normal latencies, σ = 0.3, the current run 7 % slower: how often does the 90 % interval
  // (alpha 0.05 per side) hold the true change?
  const random = createRandom(11)
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const draw = (n: number, scale: number) => Float64Array.from({ length: n }, () => scale * Math.exp(0.3 * normal())).sort()
  const truth = 0.07

  test.each([
    ['p50 (Mann–Whitney ratio)', (c: Float64Array, b: Float64Array) => ratioOfMediansTests(c, b)],
    ['p95 (order statistics)', (c: Float64Array, b: Float64Array) => ratioOfQuantilesTests(c, c.length, b, b.length, 0.95)],
    ['mean (Welch ratio)', (c: Float64Array, b: Float64Array) => ratioOfMeansTests(momentsOf(c, b, false))],
  ])('%s covers ≥ 87 % at n = 400', (_name, testsOf) => {
    let covered = 0
    const reps = 300
    for (let i = 0; i < reps; i++) {
      const interval = changeInterval(testsOf(draw(400, 1 + truth), draw(400, 1)), 0.05)
      if ((interval.lower ?? -Infinity) <= truth && truth <= (interval.upper ?? Infinity)) covered++
    }
    expect(covered / reps).toBeGreaterThanOrEqual(0.87)
  })
})
