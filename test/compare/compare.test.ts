import { describe, expect, test } from 'vitest'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { describeMetric, failureMessage } from '../../reporters/text/verdict.js'
import { compareToBaseline, worstVerdict, type CompareOptions } from '../../src/gate/compare.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { MetricComparison, ResultComparison } from '../../src/gate/verdict.js'
import type { MlBenchResult } from '../../src/results/index.js'
import { correctness, latencySamples, syntheticBenchmark, syntheticClassification, syntheticRegression, TEST_ENV } from '../baseline/synthetic.js'

const defaults: CompareOptions = { thresholds: resolveThresholds() }

function compare(baseline: MlBenchResult, current: MlBenchResult, options: CompareOptions = defaults): ResultComparison {
  return compareToBaseline(baselineEntryOf(baseline), baselineEntryOf(current), options)
}

function metric(c: ResultComparison, id: string): MetricComparison {
  const m = c.metrics.find((x) => x.metric === id)
  if (!m) throw new Error(`no metric ${id} in ${c.metrics.map((x) => x.metric).join(', ')}`)
  return m
}

describe('latency and throughput', () => {
  test('A/A: a result against itself is unchanged with zero change', () => {
    const run = syntheticBenchmark('a', latencySamples(500, 2, 1))
    const c = compare(run, run)
    expect(c.verdict).toBe('unchanged')
    expect(c.metrics.map((m) => m.metric)).toEqual(['p50', 'p95', 'throughput', 'rssPeak'])
    for (const m of c.metrics) expect(m.change).toBe(0)
  })

  test('A/A: independent runs of the same workload are unchanged (20 seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = compare(syntheticBenchmark('a', latencySamples(400, 2, seed)), syntheticBenchmark('a', latencySamples(400, 2, seed + 100)))
      expect(c.verdict, `seed ${seed}: ${c.metrics.map(describeMetric).join('\n')}`).toBe('unchanged')
    }
  })

  test('30 % slower is regressed on p50, p95 and throughput, with the test statistics', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(300, 2, 1)), syntheticBenchmark('a', latencySamples(300, 2.6, 2)))
    expect(c.verdict).toBe('regressed')
    const p50 = metric(c, 'p50')
    expect(p50).toMatchObject({ verdict: 'regressed', why: 'significant', test: 'mann-whitney-u', statisticName: 'z', unit: 'ms', tolerance: 0.1, alpha: 0.01 })
    expect(p50.testDetail).toEqual({ kind: 'u', u: expect.any(Number) })
    expect(p50.change).toBeGreaterThan(0.2)
    expect(p50.pValue).toBeLessThan(1e-10)
    expect(metric(c, 'p95')).toMatchObject({ verdict: 'regressed', test: 'quantile-exceedance', testDetail: { kind: 'exceedance', currentCalls: 300, baselineCalls: 300 } })
    expect(metric(c, 'throughput')).toMatchObject({ verdict: 'regressed', test: 'welch-t', statisticName: 't' })
    expect(metric(c, 'throughput').change).toBeLessThan(-0.15)
    const message = failureMessage({ kind: 'benchmark', name: 'a' }, 'benches/x.bench.ts › t › a', c, false) ?? ''
    expect(message).toContain('benchmark "a" (benches/x.bench.ts › t › a)')
    expect(message).toMatch(/p50 latency regressed: 2\.\d+ ms → 2\.\d+ ms: \+\d+\.\d% is beyond the tolerance 10% and significant \(Mann–Whitney U: z = [\d.]+, p = [\d.e-]+ < 0\.01/)
    expect(message).toMatch(/throughput regressed: .*\/s → .*\/s: -\d+\.\d%/)
  })

  test('a couple of stalls carry the mean past the tolerance but fail no throughput gate', () => {
    // a busy-wait on a throttled VM: every call within microseconds of 2 ms, a slight systematic
    // shift between the runs (a rank test finds it), and two 100 ms pauses in the current run
    const steady = (offset: number) => Array.from({ length: 300 }, (_, i) => 2 + offset + (i % 7) * 0.0005)
    const base = syntheticBenchmark('a', steady(0))
    const stalled = steady(0.0002)
    stalled[0] = (stalled[0] as number) + 100
    stalled[1] = (stalled[1] as number) + 100
    const c = compare(base, syntheticBenchmark('a', stalled))
    const throughput = metric(c, 'throughput')
    expect(throughput.change).toBeLessThan(-0.2)
    expect(throughput).toMatchObject({ verdict: 'unchanged', why: 'not-significant', tolerance: 0.1, alpha: 0.01, test: 'welch-t', statisticName: 't' })
    expect(throughput.statistic).toBeGreaterThan(0)
    expect(throughput.pValue).toBeGreaterThanOrEqual(0.01)
    expect(throughput.testDetail).toEqual({ kind: 'df', df: expect.any(Number) })
    expect(metric(c, 'p50').verdict).toBe('unchanged')
    expect(c.verdict).toBe('unchanged')
  })

  test('30 % faster is improved', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(300, 2.6, 1)), syntheticBenchmark('a', latencySamples(300, 2, 2)))
    expect(metric(c, 'p50').verdict).toBe('improved')
    expect(metric(c, 'throughput').verdict).toBe('improved')
    expect(c.verdict).toBe('improved')
  })

  test('a significant change within the tolerance is unchanged', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(5000, 2, 1, 0.05)), syntheticBenchmark('a', latencySamples(5000, 2.1, 2, 0.05)))
    const p50 = metric(c, 'p50')
    expect(p50.verdict).toBe('unchanged')
    expect(p50.change).toBeCloseTo(0.05, 1)
    expect(p50).toMatchObject({ why: 'within-tolerance', tolerance: 0.1 })
    expect(p50.test).toBeUndefined()
  })

  test('a large change on too few noisy samples is not significant, so unchanged', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(6, 2, 3, 0.6)), syntheticBenchmark('a', latencySamples(6, 2.5, 4, 0.6)))
    const p50 = metric(c, 'p50')
    expect(Math.abs(p50.change as number)).toBeGreaterThan(0.1)
    expect(p50.verdict).toBe('unchanged')
    expect(p50).toMatchObject({ why: 'not-significant', alpha: 0.01 })
    expect(p50.pValue).toBeGreaterThanOrEqual(0.01)
  })

  test('a slower tail with the same median regresses p95 only', () => {
    const base = latencySamples(1000, 2, 5)
    // the slowest 10 % of calls take 3× as long (GC pauses): the median does not move
    const tail = latencySamples(1000, 2, 6).map((x, i) => (i >= 900 ? x * 3 : x))
    const c = compare(syntheticBenchmark('a', base), syntheticBenchmark('a', tail))
    expect(metric(c, 'p50').verdict).toBe('unchanged')
    expect(metric(c, 'p95').verdict).toBe('regressed')
  })

  test('tail exceedance z matches the hand-computed two-proportion statistic', () => {
    // baseline 1…20: p95 (type 7) = 19.05, one call above it; current: 10 of 20 calls above it
    const base = Array.from({ length: 20 }, (_, i) => i + 1)
    const cur = [...Array.from({ length: 10 }, (_, i) => i + 1), ...Array.from({ length: 10 }, () => 30)]
    const p95 = metric(compare(syntheticBenchmark('a', base), syntheticBenchmark('a', cur)), 'p95')
    // pooled p = 11/40; z = (0.5 − 0.05) / √(p(1 − p)(1/20 + 1/20)) = 3.1868
    expect(p95.statistic).toBeCloseTo(3.1868, 3)
    expect(p95.verdict).toBe('regressed')
  })

  test('peak memory up 20 % regresses on the tolerance alone; up 5 % does not', () => {
    const samples = latencySamples(200, 2, 1)
    const withRss = (rssPeak: number) =>
      syntheticBenchmark('a', samples, { memory: { rssPeak, heapUsedPeak: 1, externalPeak: 1, rssDelta: 0, rssPeakSource: 'kernel-hwm' } })
    const up20 = metric(compare(withRss(100e6), withRss(120e6)), 'rssPeak')
    expect(up20).toMatchObject({ verdict: 'regressed', unit: 'bytes' })
    expect(up20.test).toBeUndefined()
    expect(up20.why).toBe('peak-untested')
    expect(metric(compare(withRss(100e6), withRss(105e6)), 'rssPeak').verdict).toBe('unchanged')
  })
})

describe('accuracy', () => {
  test('a 3-point drop on 400 paired examples is regressed (McNemar)', async () => {
    const base = await syntheticClassification('clf', correctness(400, 60)) // 0.85
    const worse = correctness(400, 60)
    let flipped = 0
    for (let i = 0; i < 400 && flipped < 12; i++) if (worse[i]) (worse[i] = false), flipped++
    const c = compare(base, await syntheticClassification('clf', worse)) // 0.82
    const acc = metric(c, 'accuracy')
    expect(acc).toMatchObject({ verdict: 'regressed', why: 'significant', test: 'mcnemar', unit: 'fraction', testDetail: { kind: 'discordant', newlyWrong: 12, newlyRight: 0 } })
    expect(acc.change).toBeCloseTo(-0.03, 10)
    // 12 examples newly wrong, none newly right: exact binomial, p = 2 · 0.5^12
    expect(acc.pValue).toBeCloseTo(2 * 0.5 ** 12, 10)
    expect(describeMetric(acc)).toMatch(/accuracy regressed: 0\.85 → 0\.82: −3\.0 pp is beyond the tolerance 1 pp and significant \(McNemar: min\(b, c\) = 0, p = 4\.9e-4 < 0\.01; 12 examples newly wrong, 0 newly right\)/)
  })

  test('a 0.3-point drop is unchanged (within the 1-point tolerance)', async () => {
    const base = await syntheticClassification('clf', correctness(1000, 150))
    const cur = await syntheticClassification('clf', correctness(1000, 153))
    const acc = metric(compare(base, cur), 'accuracy')
    expect(acc.change).toBeCloseTo(-0.003, 10)
    expect(acc.verdict).toBe('unchanged')
  })

  test('different examples fall back to the two-proportion z-test', async () => {
    const base = await syntheticClassification('clf', correctness(500, 75)) // 0.85
    const cur = await syntheticClassification('clf', correctness(600, 132)) // 0.78, other examples
    const acc = metric(compare(base, cur), 'accuracy')
    expect(acc.test).toBe('two-proportion-z')
    // z = (0.78 − 0.85) / √(p̄(1 − p̄)(1/600 + 1/500)), p̄ = 893/1100
    const pooled = (468 + 425) / 1100
    expect(acc.statistic).toBeCloseTo((0.78 - 0.85) / Math.sqrt(pooled * (1 - pooled) * (1 / 600 + 1 / 500)), 8)
    expect(acc.verdict).toBe('regressed')
  })

  test('an accuracy gain of 5 points on the same examples is improved', async () => {
    const before = correctness(400, 60)
    const after = [...before]
    let fixed = 0
    for (let i = 0; i < 400 && fixed < 20; i++) if (!after[i]) (after[i] = true), fixed++
    const c = compare(await syntheticClassification('clf', before), await syntheticClassification('clf', after))
    expect(metric(c, 'accuracy')).toMatchObject({ verdict: 'improved', test: 'mcnemar' })
  })
})

describe('regression metrics', () => {
  test('errors 30 % larger on every example regress RMSE, MAE and R² (sign test)', async () => {
    const errors = Array.from({ length: 133 }, (_, i) => (i % 2 ? 1 : -1) * (5 + (i % 7)))
    const base = await syntheticRegression('reg', errors)
    const cur = await syntheticRegression('reg', errors.map((e) => e * 1.3))
    const c = compare(base, cur)
    expect(metric(c, 'rmse')).toMatchObject({ verdict: 'regressed', test: 'sign-test' })
    expect(metric(c, 'mae').verdict).toBe('regressed')
    expect(metric(c, 'r2').verdict).toBe('regressed')
  })

  test('an RMSE change within 10 % is unchanged', async () => {
    const errors = Array.from({ length: 100 }, (_, i) => (i % 2 ? 2 : -2))
    const c = compare(await syntheticRegression('reg', errors), await syntheticRegression('reg', errors.map((e) => e * 1.05)))
    expect(metric(c, 'rmse').verdict).toBe('unchanged')
  })
})

describe('environment, new metrics, thresholds', () => {
  test('another CPU makes latency incomparable but keeps accuracy comparable', async () => {
    const samples = latencySamples(300, 2, 1)
    const other = { ...TEST_ENV, cpuModel: 'Other CPU', cores: 8 }
    const c = compare(syntheticBenchmark('a', samples), syntheticBenchmark('a', latencySamples(300, 3, 2), { env: other }))
    expect(c.verdict).toBe('incomparable')
    expect(c.incomparableBecause).toEqual(['cpuModel', 'cores'])
    expect(metric(c, 'p50')).toMatchObject({
      verdict: 'incomparable',
      why: 'env-differs',
      differences: [
        { field: 'cpuModel', baseline: 'Test CPU @ 3.0GHz', current: 'Other CPU' },
        { field: 'cores', baseline: 2, current: 8 },
      ],
    })
    const base = await syntheticClassification('clf', correctness(400, 60))
    const acc = compare(base, { ...(await syntheticClassification('clf', correctness(400, 60))), env: other })
    expect(acc.verdict).toBe('unchanged')
  })

  test('a different cgroup CPU limit makes latency incomparable; an entry recorded before it was measured does not', () => {
    const samples = latencySamples(300, 2, 1)
    const unlimited = syntheticBenchmark('a', samples, { env: { ...TEST_ENV, cpuLimit: null } })
    const limited = compare(unlimited, syntheticBenchmark('a', latencySamples(300, 4, 2), { env: { ...TEST_ENV, cpuLimit: 1.5 } }))
    expect(limited.verdict).toBe('incomparable')
    expect(limited.incomparableBecause).toEqual(['cpuLimit'])
    expect(metric(limited, 'p50')).toMatchObject({ why: 'env-differs', differences: [{ field: 'cpuLimit', baseline: null, current: 1.5 }] })
    expect(compare(syntheticBenchmark('a', samples), unlimited).verdict).toBe('unchanged')
  })

  test('a new kernel release or Node patch keeps results comparable; a runtime version change does not', () => {
    const samples = latencySamples(300, 2, 1)
    const same = compare(syntheticBenchmark('a', samples), syntheticBenchmark('a', samples, { env: { ...TEST_ENV, os: 'linux 6.8.0', node: 'v20.21.0' } }))
    expect(same.verdict).toBe('unchanged')
    const ort = compare(syntheticBenchmark('a', samples), syntheticBenchmark('a', samples, { env: { ...TEST_ENV, packages: { 'onnxruntime-node': '1.31.0' } } }))
    expect(ort.incomparableBecause).toEqual(['packages.onnxruntime-node'])
  })

  test('a different model hash makes every metric incomparable', async () => {
    const base = await syntheticClassification('clf', correctness(400, 60))
    const c = compare({ ...base, model: { sha256: 'a'.repeat(64) } }, { ...base, model: { sha256: 'b'.repeat(64) } })
    expect(c.verdict).toBe('incomparable')
    expect(metric(c, 'accuracy')).toMatchObject({ why: 'env-differs', differences: [{ field: 'model.sha256', baseline: 'a'.repeat(64), current: 'b'.repeat(64) }] })
    expect(failureMessage(base, 'x', c, false)).toBeUndefined()
    expect(failureMessage(base, 'x', c, true)).toMatch(/accuracy incomparable/)
  })

  test('no baseline: every metric is new', () => {
    const entry = baselineEntryOf(syntheticBenchmark('a', latencySamples(50, 2, 1)))
    const c = compareToBaseline(undefined, entry, defaults)
    expect(c.verdict).toBe('new')
    expect(c.metrics.every((m) => m.verdict === 'new' && m.why === 'no-baseline' && m.baseline === undefined)).toBe(true)
  })

  test('a metric the baseline lacks is new; one without the samples its test needs is judged on the tolerance alone', () => {
    const base = baselineEntryOf(syntheticBenchmark('a', latencySamples(300, 2, 1)))
    const cur = baselineEntryOf(syntheticBenchmark('a', latencySamples(300, 2.6, 2)))
    const { p95: _p95, ...metrics } = base.metrics
    const c = compareToBaseline({ ...base, metrics, samples: {} }, cur, defaults)
    expect(metric(c, 'p95')).toMatchObject({ verdict: 'new', why: 'not-in-baseline' })
    expect(metric(c, 'p95').baseline).toBeUndefined()
    expect(metric(c, 'p50')).toMatchObject({ verdict: 'regressed', why: 'no-test-data', tolerance: 0.1 })
    expect(metric(c, 'p50').test).toBeUndefined()
  })

  test('tolerances come from the thresholds and per-metric overrides (most specific wins)', () => {
    const base = syntheticBenchmark('a', latencySamples(300, 2, 1))
    const cur = syntheticBenchmark('a', latencySamples(300, 2.6, 2))
    expect(compare(base, cur, { thresholds: resolveThresholds({ latency: '50%', throughput: 0.5 }) }).verdict).toBe('unchanged')
    const c = compare(base, cur, { ...defaults, overrides: { '*': { tolerance: 0.5 }, p95: { tolerance: 0.05 } } })
    expect(metric(c, 'p50').verdict).toBe('unchanged')
    expect(metric(c, 'p95')).toMatchObject({ verdict: 'regressed', tolerance: 0.05 })
  })

  test('resolveThresholds validates', () => {
    expect(resolveThresholds({ latency: '5%', alpha: 0.05 })).toMatchObject({ latency: 0.05, alpha: 0.05, accuracy: 0.01 })
    expect(() => resolveThresholds({ latncy: '5%' } as never)).toThrow(/Unknown threshold option\(s\) latncy\. Known: latency/)
    expect(() => resolveThresholds({ memory: -0.1 })).toThrow(/must be ≥ 0/)
    expect(() => resolveThresholds({ alpha: 5 })).toThrow(/between 0 and 1/)
  })

  test('worstVerdict orders regressed > incomparable > improved > new > unchanged', () => {
    expect(worstVerdict(['unchanged', 'new', 'improved'])).toBe('improved')
    expect(worstVerdict(['improved', 'incomparable'])).toBe('incomparable')
    expect(worstVerdict(['incomparable', 'regressed', 'new'])).toBe('regressed')
    expect(worstVerdict([], 'new')).toBe('new')
  })
})
