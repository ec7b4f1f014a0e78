import { describe, expect, test } from 'vitest'
import { entryKey } from '../../src/core/result-key.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { describeMetric, failureMessage } from '../../reporters/text/verdict.js'
import { compareToBaseline, worstVerdict, type CompareOptions } from '../../src/gate/compare.js'
import { normalCdf, normalSf } from '../../src/analyse/significance.js'
import type { BaselineEntry } from '../../src/gate/schema.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { MetricComparison, ResultComparison } from '../../src/gate/verdict.js'
import type { MlBenchResult } from '../../src/results/index.js'
import { correctness, latencySamples, syntheticBenchmark, syntheticClassification, syntheticRegression, TEST_ENV } from '../baseline/synthetic.js'

// The within-run statistics, without the run-to-run noise a stored baseline adds (tested below)
const defaults: CompareOptions = { thresholds: resolveThresholds({ runNoise: 0 }) }

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

  test('A/A: independent runs of the same workload never regress or improve (20 seeds); with enough calls every metric is unchanged', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = compare(syntheticBenchmark('a', latencySamples(400, 2, seed)), syntheticBenchmark('a', latencySamples(400, 2, seed + 100)))
      const why = `seed ${seed}: ${c.metrics.map(describeMetric).join('\n')}`
      expect(c.metrics.filter((m) => m.verdict === 'regressed' || m.verdict === 'improved'), why).toEqual([])
      // p50 and the mean are pinned within ± 10 % by 400 calls; p95 may need more (inconclusive)
      expect([metric(c, 'p50').verdict, metric(c, 'throughput').verdict], why).toEqual(['unchanged', 'unchanged'])
    }
    for (let seed = 1; seed <= 5; seed++) {
      const c = compare(syntheticBenchmark('a', latencySamples(2000, 2, seed)), syntheticBenchmark('a', latencySamples(2000, 2, seed + 100)))
      expect(c.verdict, `seed ${seed}: ${c.metrics.map(describeMetric).join('\n')}`).toBe('unchanged')
    }
  })

  test('30 % slower is regressed on p50, p95 and throughput: each interval lies beyond the tolerance', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(300, 2, 1)), syntheticBenchmark('a', latencySamples(300, 2.6, 2)))
    expect(c.verdict).toBe('regressed')
    const p50 = metric(c, 'p50')
    expect(p50).toMatchObject({ verdict: 'regressed', why: 'beyond-tolerance', method: 'mann-whitney-ratio', unit: 'ms', tolerance: 0.1, alpha: 0.01 })
    expect(p50.change).toBeGreaterThan(0.2)
    expect(p50.interval).toMatchObject({ level: 0.98 })
    expect(p50.interval?.lower).toBeGreaterThan(0.1)
    expect(p50.interval?.lower).toBeLessThan(p50.change as number)
    expect(p50.interval?.upper).toBeGreaterThan(p50.change as number)
    expect(p50.pWorse).toBeLessThan(1e-6)
    expect(p50.pWithin).toBeGreaterThan(0.5)
    expect(metric(c, 'p95')).toMatchObject({ verdict: 'regressed', method: 'quantile-ratio' })
    expect(metric(c, 'throughput')).toMatchObject({ verdict: 'regressed', method: 'mean-ratio' })
    expect(metric(c, 'throughput').change).toBeLessThan(-0.15)
    expect(metric(c, 'throughput').interval?.upper).toBeLessThan(-0.1)
    const message = failureMessage({ kind: 'benchmark', name: 'a' }, 'benches/x.bench.ts › t › a', c, false) ?? ''
    expect(message).toContain('benchmark "a" (benches/x.bench.ts › t › a)')
    expect(message).toMatch(
      /p50 latency regressed: 2\.\d+ ms → 2\.\d+ ms: \+\d+\.\d% \(98% CI \+\d+\.\d% … \+\d+\.\d%\) is beyond the tolerance 10% \(Mann–Whitney ratio, p = [\d.e-]+ < 0\.01\)/,
    )
    expect(message).toMatch(/throughput regressed: .*\/s → .*\/s: -\d+\.\d%/)
  })

  test('a couple of stalls carry the mean past the tolerance but fail no throughput gate: they widen its interval', () => {
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
    expect(throughput).toMatchObject({ verdict: 'inconclusive', why: 'undecided', tolerance: 0.1, alpha: 0.01, method: 'mean-ratio' })
    expect(throughput.pWorse).toBeGreaterThanOrEqual(0.01)
    expect(throughput.interval?.lower).toBeLessThan(-0.1)
    expect(throughput.interval?.upper).toBeGreaterThan(-0.1)
    expect(metric(c, 'p50').verdict).toBe('unchanged')
    expect(c.verdict).toBe('inconclusive')
  })

  test('30 % faster is improved', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(300, 2.6, 1)), syntheticBenchmark('a', latencySamples(300, 2, 2)))
    expect(metric(c, 'p50').verdict).toBe('improved')
    expect(metric(c, 'throughput').verdict).toBe('improved')
    expect(c.verdict).toBe('improved')
  })

  test('a real 5 % change measured tightly is unchanged: its whole interval lies within ± 10 %', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(5000, 2, 1, 0.05)), syntheticBenchmark('a', latencySamples(5000, 2.1, 2, 0.05)))
    const p50 = metric(c, 'p50')
    expect(p50.verdict).toBe('unchanged')
    expect(p50.change).toBeCloseTo(0.05, 1)
    expect(p50).toMatchObject({ why: 'within-tolerance', tolerance: 0.1 })
    expect(p50.interval?.lower).toBeGreaterThan(0)
    expect(p50.interval?.upper).toBeLessThan(0.1)
    expect(p50.pWithin).toBeLessThan(0.01)
  })

  test('a large change on too few noisy samples is inconclusive, not unchanged: the evidence cannot decide', () => {
    const c = compare(syntheticBenchmark('a', latencySamples(6, 2, 3, 0.6)), syntheticBenchmark('a', latencySamples(6, 2.5, 4, 0.6)))
    const p50 = metric(c, 'p50')
    expect(Math.abs(p50.change as number)).toBeGreaterThan(0.1)
    expect(p50).toMatchObject({ verdict: 'inconclusive', why: 'undecided', alpha: 0.01 })
    expect(p50.pWorse).toBeGreaterThanOrEqual(0.01)
    expect(p50.pWithin).toBeGreaterThanOrEqual(0.01)
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'x', c, false)).toBeUndefined()
  })

  test('a true change just inside the tolerance is never regressed, however many samples', () => {
    // +9 % with a 10 % tolerance: more samples narrow the interval toward +9 %, which stays inside
    for (const n of [300, 3000, 20000]) {
      const c = compare(syntheticBenchmark('a', latencySamples(n, 2, 1)), syntheticBenchmark('a', latencySamples(n, 2.18, 2)))
      expect(metric(c, 'p50').verdict, `n = ${n}`).not.toBe('regressed')
    }
  })

  test('a slower tail with the same median regresses p95 only', () => {
    const base = latencySamples(1000, 2, 5)
    // the slowest 10 % of calls take 3× as long (GC pauses): the median does not move
    const tail = latencySamples(1000, 2, 6).map((x, i) => (i >= 900 ? x * 3 : x))
    const c = compare(syntheticBenchmark('a', base), syntheticBenchmark('a', tail))
    expect(metric(c, 'p50').verdict).toBe('unchanged')
    expect(metric(c, 'p95').verdict).toBe('regressed')
  })

  test('p95 from exact order statistics: the hand-computed z of the log ratio', () => {
    // baseline 1…1000, current twice as slow. Exact 95 % ranks of p95 at n = 1000 (scipy
    // quantile_test): 936 and 963; p95 (type 7) = 950.05 and 1900.1; se(log p95) = ln(963/936)/(2·1.959964)
    const base = Array.from({ length: 1000 }, (_, i) => i + 1)
    const p95 = metric(compare(syntheticBenchmark('a', base), syntheticBenchmark('a', base.map((x) => 2 * x))), 'p95')
    const se = Math.hypot(Math.log(963 / 936), Math.log(963 / 936)) / (2 * 1.959964)
    const z = (Math.log(2) - Math.log(1.1)) / se
    expect(p95.change).toBeCloseTo(1, 10)
    expect(p95.pWorse).toBeCloseTo(normalSf(z), 12)
    expect(p95.verdict).toBe('regressed')
  })

  test('p95 of 30 calls cannot be bounded at 95 %: inconclusive however large the change', () => {
    const p95 = metric(compare(syntheticBenchmark('a', latencySamples(30, 2, 1)), syntheticBenchmark('a', latencySamples(30, 4, 2))), 'p95')
    expect(p95).toMatchObject({ verdict: 'inconclusive', interval: { lower: null, upper: null } })
  })

  test('peak memory has no noise model (one peak per run): up 20 % is inconclusive, never a failure; up 5 % unchanged', () => {
    const samples = latencySamples(200, 2, 1)
    const withRss = (rssPeak: number) =>
      syntheticBenchmark('a', samples, { memory: { rssPeak, heapUsedPeak: 1, externalPeak: 1, rssDelta: 0, rssPeakSource: 'kernel-hwm' } })
    const up20 = metric(compare(withRss(100e6), withRss(120e6)), 'rssPeak')
    expect(up20).toMatchObject({ verdict: 'inconclusive', why: 'no-noise-model', unit: 'bytes' })
    expect(up20.interval).toBeUndefined()
    expect(metric(compare(withRss(100e6), withRss(105e6)), 'rssPeak')).toMatchObject({ verdict: 'unchanged', why: 'no-noise-model' })
  })
})

describe('run-to-run noise (a stored baseline was measured in another run)', () => {
  const withNoise: CompareOptions = { thresholds: resolveThresholds() }
  const tight = (median: number, seed: number) => syntheticBenchmark('a', latencySamples(2000, median, seed, 0.05))

  test('the default 2 % widens timing intervals: a 14 % jump between runs is inconclusive, not regressed', () => {
    const c = compare(tight(2, 1), tight(2.28, 2), withNoise)
    expect(metric(c, 'p50')).toMatchObject({ verdict: 'inconclusive', why: 'undecided' })
    // the within-run statistics alone would call it
    expect(metric(compare(tight(2, 1), tight(2.28, 2)), 'p50').verdict).toBe('regressed')
  })

  test('a large regression still fails, and an unchanged median is still shown unchanged', () => {
    expect(metric(compare(tight(2, 1), tight(2.8, 2), withNoise), 'p50').verdict).toBe('regressed')
    const same = compare(tight(2, 1), tight(2, 2), withNoise)
    expect(metric(same, 'p50')).toMatchObject({ verdict: 'unchanged', why: 'within-tolerance' })
    expect(metric(same, 'throughput').verdict).toBe('unchanged')
    // p95 moves five times as much between runs: ± 10 % cannot be shown from one pair of runs
    expect(metric(same, 'p95').verdict).toBe('inconclusive')
  })

  test('quality metrics do not depend on the machine: no run noise', async () => {
    const base = await syntheticClassification('clf', correctness(400, 60))
    const acc = metric(compare(base, base, withNoise), 'accuracy')
    expect(acc).toMatchObject({ verdict: 'unchanged', change: 0 })
  })

  test('runNoise is validated like a tolerance', () => {
    expect(resolveThresholds({ runNoise: '3%' }).runNoise).toBeCloseTo(0.03, 12)
    expect(() => resolveThresholds({ runNoise: -1 })).toThrow(/thresholds\.runNoise/)
  })
})

describe('load-test levels', () => {
  const level = (group: string, throughput: number, seed: number): BaselineEntry => ({
    kind: 'load-test',
    name: 'server',
    recordedAt: '2026-01-01T00:00:00.000Z',
    commit: null,
    env: TEST_ENV,
    metrics: { [`${group} throughput`]: { rule: 'throughput', value: throughput, n: 400, group } },
    samples: { [group]: latencySamples(400, 2, seed) },
  })

  test("an open-loop level's throughput is its arrival rate: not tested against latency, judged on the tolerance alone", () => {
    const off = metric(compareToBaseline(level('rate 100/s', 100, 1), level('rate 100/s', 80, 2), defaults), 'rate 100/s throughput')
    expect(off).toMatchObject({ verdict: 'inconclusive', why: 'no-test-data' })
    expect(off.interval).toBeUndefined()
    expect(metric(compareToBaseline(level('rate 100/s', 100, 1), level('rate 100/s', 99, 2), defaults), 'rate 100/s throughput').verdict).toBe('unchanged')
    // a closed-loop level's throughput follows its latencies, so it is tested
    expect(metric(compareToBaseline(level('concurrency 2', 100, 1), level('concurrency 2', 99, 2), defaults), 'concurrency 2 throughput').method).toBe('mean-ratio')
  })
})

describe('accuracy', () => {
  test('a 3-point drop on 400 paired examples is regressed: the paired interval lies below −1 point', async () => {
    const base = await syntheticClassification('clf', correctness(400, 60)) // 0.85
    const worse = correctness(400, 60)
    let flipped = 0
    for (let i = 0; i < 400 && flipped < 12; i++) if (worse[i]) (worse[i] = false), flipped++
    const c = compare(base, await syntheticClassification('clf', worse)) // 0.82
    const acc = metric(c, 'accuracy')
    expect(acc).toMatchObject({ verdict: 'regressed', why: 'beyond-tolerance', method: 'paired-proportion', unit: 'fraction' })
    expect(acc.change).toBeCloseTo(-0.03, 10)
    // 12 examples newly wrong, none newly right: d = −0.03, se = √((12/400 − d²)/400); below −1 point?
    const se = Math.sqrt((12 / 400 - 0.03 ** 2) / 400)
    expect(acc.pWorse).toBeCloseTo(normalCdf((-0.03 + 0.01) / se), 12)
    expect(describeMetric(acc)).toMatch(/accuracy regressed: 0\.85 → 0\.82: −3\.0 pp \(98% CI −5\.\d pp … −1\.\d pp\) is beyond the tolerance 1 pp \(paired proportions, p = 0\.009\d < 0\.01\)/)
  })

  test('a 0.3-point drop on 1,000 paired examples: unchanged when 3 examples changed, inconclusive when 300 did', async () => {
    const base = await syntheticClassification('clf', correctness(1000, 150))
    const three = correctness(1000, 150)
    let flipped = 0
    for (let i = 0; i < 1000 && flipped < 3; i++) if (three[i]) (three[i] = false), flipped++
    const acc = metric(compare(base, await syntheticClassification('clf', three)), 'accuracy')
    expect(acc.change).toBeCloseTo(-0.003, 10)
    expect(acc).toMatchObject({ verdict: 'unchanged', why: 'within-tolerance' })
    expect(acc.pWithin).toBeLessThan(0.01)
    // the same net drop from a model that gets ~290 other examples wrong: ± 4 points, nothing shown
    const other = metric(compare(base, await syntheticClassification('clf', correctness(1000, 153))), 'accuracy')
    expect(other.change).toBeCloseTo(-0.003, 10)
    expect(other).toMatchObject({ verdict: 'inconclusive', why: 'undecided' })
  })

  test('identical predictions: no change at all, whatever the sample size', async () => {
    const acc = metric(compare(await syntheticClassification('clf', correctness(40, 6)), await syntheticClassification('clf', correctness(40, 6))), 'accuracy')
    expect(acc).toMatchObject({ verdict: 'unchanged', change: 0, pWithin: 0 })
  })

  test('different examples fall back to two independent proportions', async () => {
    const base = await syntheticClassification('clf', correctness(500, 75)) // 0.85
    const cur = await syntheticClassification('clf', correctness(600, 132)) // 0.78, other examples
    const acc = metric(compare(base, cur), 'accuracy')
    expect(acc.method).toBe('two-proportion')
    // below −1 point? z = (0.78 − 0.85 + 0.01) / √(0.78·0.22/600 + 0.85·0.15/500)
    const se = Math.sqrt((0.78 * 0.22) / 600 + (0.85 * 0.15) / 500)
    expect(acc.pWorse).toBeCloseTo(normalCdf((0.78 - 0.85 + 0.01) / se), 10)
    expect(acc.verdict).toBe('regressed')
  })

  test('an accuracy gain of 5 points on the same examples is improved', async () => {
    const before = correctness(400, 60)
    const after = [...before]
    let fixed = 0
    for (let i = 0; i < 400 && fixed < 20; i++) if (!after[i]) (after[i] = true), fixed++
    const c = compare(await syntheticClassification('clf', before), await syntheticClassification('clf', after))
    expect(metric(c, 'accuracy')).toMatchObject({ verdict: 'improved', method: 'paired-proportion' })
  })
})

describe('regression metrics', () => {
  test('errors 30 % larger on every example regress RMSE, MAE and R² (paired t-tests)', async () => {
    const errors = Array.from({ length: 133 }, (_, i) => (i % 2 ? 1 : -1) * (5 + (i % 7)))
    const base = await syntheticRegression('reg', errors)
    const cur = await syntheticRegression('reg', errors.map((e) => e * 1.3))
    const c = compare(base, cur)
    expect(metric(c, 'rmse')).toMatchObject({ verdict: 'regressed', method: 'mean-ratio' })
    expect(metric(c, 'rmse').change).toBeCloseTo(0.3, 5)
    expect(metric(c, 'mae')).toMatchObject({ verdict: 'regressed', method: 'mean-ratio' })
    expect(metric(c, 'r2')).toMatchObject({ verdict: 'regressed', method: 'mean-difference' })
    // every error scaled by exactly 1.3: the paired differences have no spread, the change is exact
    expect(metric(c, 'rmse').interval?.lower).toBeCloseTo(0.3, 5)
  })

  test('an RMSE change within 10 % is unchanged', async () => {
    const errors = Array.from({ length: 100 }, (_, i) => (i % 2 ? 2 : -2))
    const c = compare(await syntheticRegression('reg', errors), await syntheticRegression('reg', errors.map((e) => e * 1.05)))
    expect(metric(c, 'rmse')).toMatchObject({ verdict: 'unchanged', why: 'within-tolerance' })
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

  test("runtimes: Node and a browser never compare; a browser's major version, WASM threads or isolation make timings incomparable", () => {
    const samples = latencySamples(300, 2, 1)
    const chromium = { name: 'chromium', version: '147.0.7727.55', crossOriginIsolated: true, wasmThreads: 1 }
    const page = (runtime: Record<string, unknown>) => syntheticBenchmark('a', samples, { env: { ...TEST_ENV, node: 'browser', runtime: { ...chromium, ...runtime } } })
    // an entry recorded before runtimes were recorded ran in Node
    expect(compare(syntheticBenchmark('a', samples), syntheticBenchmark('a', samples, { env: { ...TEST_ENV, runtime: { name: 'node', version: 'v20.1.0' } } })).verdict).toBe('unchanged')
    const across = compare(syntheticBenchmark('a', samples), page({}))
    expect(across.incomparableBecause).toContain('runtime')
    expect(metric(across, 'p50')).toMatchObject({ differences: expect.arrayContaining([{ field: 'runtime', baseline: 'node', current: 'chromium' }]) })
    expect(compare(page({}), page({ version: '147.0.9999.1' })).verdict).toBe('unchanged')
    expect(compare(page({}), page({ version: '148.0.1.2' })).incomparableBecause).toEqual(['runtime.version'])
    expect(compare(page({}), page({ wasmThreads: 2 })).incomparableBecause).toEqual(['runtime.wasmThreads'])
    expect(compare(page({}), page({ crossOriginIsolated: false })).incomparableBecause).toEqual(['runtime.crossOriginIsolated'])
  })

  test('the runtime is part of the key: a browser result never takes a Node baseline', () => {
    expect(entryKey(['s'], 't', 'r')).toBe('s › t › r')
    expect(entryKey(['s'], 't', 'r', 'node')).toBe('s › t › r')
    expect(entryKey(['s'], 't', 'r', 'chromium')).toBe('s › t › r (chromium)')
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

  test('a metric the baseline lacks is new; one without the samples its tests need is inconclusive beyond the tolerance', () => {
    const base = baselineEntryOf(syntheticBenchmark('a', latencySamples(300, 2, 1)))
    const cur = baselineEntryOf(syntheticBenchmark('a', latencySamples(300, 2.6, 2)))
    const { p95: _p95, ...metrics } = base.metrics
    const c = compareToBaseline({ ...base, metrics, samples: {} }, cur, defaults)
    expect(metric(c, 'p95')).toMatchObject({ verdict: 'new', why: 'not-in-baseline' })
    expect(metric(c, 'p95').baseline).toBeUndefined()
    expect(metric(c, 'p50')).toMatchObject({ verdict: 'inconclusive', why: 'no-test-data', tolerance: 0.1 })
    expect(metric(c, 'p50').interval).toBeUndefined()
  })

  test('tolerances come from the thresholds and per-metric overrides (most specific wins)', () => {
    const base = syntheticBenchmark('a', latencySamples(300, 2, 1))
    const cur = syntheticBenchmark('a', latencySamples(300, 2.6, 2))
    expect(compare(base, cur, { thresholds: resolveThresholds({ latency: '50%', throughput: 0.5, runNoise: 0 }) }).verdict).toBe('unchanged')
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

  test('worstVerdict orders regressed > incomparable > inconclusive > improved > new > unchanged', () => {
    expect(worstVerdict(['unchanged', 'new', 'improved'])).toBe('improved')
    expect(worstVerdict(['improved', 'inconclusive', 'new'])).toBe('inconclusive')
    expect(worstVerdict(['inconclusive', 'incomparable'])).toBe('incomparable')
    expect(worstVerdict(['improved', 'incomparable'])).toBe('incomparable')
    expect(worstVerdict(['incomparable', 'regressed', 'new'])).toBe('regressed')
    expect(worstVerdict([], 'new')).toBe('new')
  })
})
