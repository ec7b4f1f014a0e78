/**
 * The verdict rule by simulation (seeded, so reproducible): a change inside the tolerance is almost
 * never called a regression, a change half again as large as the tolerance almost always is, and a
 * run of 30 gated metrics on unchanged code raises almost no false alarm.
 */
import { describe, expect, test } from 'vitest'
import { compareToBaseline, controlFalseDiscoveries } from '../../src/gate/compare.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import { mean, quantileSorted } from '../../src/analyse/stats.js'
import type { BaselineEntry } from '../../src/gate/schema.js'
import type { MetricComparison, ResultComparison } from '../../src/gate/verdict.js'
import { latencySamples, syntheticBenchmark, TEST_ENV } from '../baseline/synthetic.js'

// latency and throughput 10 %, alpha 0.01; the within-run statistics (runNoise 0: both samples
// from one run's conditions), and below the default run-to-run noise between runs
const thresholds = resolveThresholds({ runNoise: 0 })
// What a default benchmark stores: 2,000 calls (the baseline sample cap), log-sd 0.15
const N = 2000

/** What baselineEntryOf keeps of a benchmark of these samples (built directly: no bootstrap needed here). */
function entry(sorted: number[]): BaselineEntry {
  const metric = (rule: 'p50' | 'p95' | 'throughput', value: number) => ({ rule, value, n: sorted.length, group: '' })
  return {
    kind: 'benchmark',
    name: 'm',
    recordedAt: '2026-01-01T00:00:00.000Z',
    commit: null,
    env: TEST_ENV,
    metrics: { p50: metric('p50', quantileSorted(sorted, 0.5)), p95: metric('p95', quantileSorted(sorted, 0.95)), throughput: metric('throughput', 1000 / mean(sorted)) },
    samples: { '': sorted },
  }
}

function run(slowdown: number, seed: number): ResultComparison {
  return compareToBaseline(entry(latencySamples(N, 2, seed)), entry(latencySamples(N, 2 * (1 + slowdown), seed + 50_000)), { thresholds })
}

const verdictOf = (c: ResultComparison, metric: string) => (c.metrics.find((m) => m.metric === metric) as MetricComparison).verdict

describe('verdict rule by simulation (n = 2,000 per run, log-normal σ = 0.15, tolerance 10 %)', () => {
  const reps = 300
  const at = (slowdown: number) => Array.from({ length: reps }, (_, i) => run(slowdown, 1 + i))
  const share = (runs: ResultComparison[], metric: string) => runs.filter((c) => verdictOf(c, metric) === 'regressed').length / runs.length

  test('a true slowdown of 0.9 × the tolerance (+9 %) is flagged in ≤ 1 % of runs, on every metric', () => {
    const runs = at(0.09)
    for (const metric of ['p50', 'p95', 'throughput']) expect(share(runs, metric), metric).toBeLessThanOrEqual(0.01)
  })

  test('a true slowdown of 1.5 × the tolerance (+15 %) is flagged in ≥ 90 % of runs, on every metric', () => {
    const runs = at(0.15)
    for (const metric of ['p50', 'p95', 'throughput']) expect(share(runs, metric), metric).toBeGreaterThanOrEqual(0.9)
  })

  test('A/A: 30 gated metrics per run (10 results × p50, p95, throughput), 100 runs: ≤ 1 % false regressed after false-discovery control', () => {
    let gated = 0
    let falseAlarms = 0
    for (let r = 0; r < 100; r++) {
      const comparisons = controlFalseDiscoveries(Array.from({ length: 10 }, (_, k) => run(0, 1000 + r * 10 + k)))
      for (const c of comparisons) {
        for (const m of c.metrics) {
          gated++
          if (m.verdict === 'regressed') falseAlarms++
          expect(m.multiplicity).toMatchObject({ method: 'bh', family: 30 })
        }
      }
    }
    expect(gated).toBe(3000)
    expect(falseAlarms / gated).toBeLessThanOrEqual(0.01)
  })
})

describe('between runs, with the default run-to-run noise (2 %)', () => {
  test('each run shifted by its own log-normal offset (σ = 2 %, one run in eight by ± 8.5 %): A/A false regressed ≤ 1 % over 300 pairs', () => {
    const noisy = resolveThresholds()
    let pairs = 0
    let regressed = 0
    for (let i = 0; i < 300; i++) {
      // a run's level: mostly within a few percent, sometimes a jump, as measured between processes
      const level = (k: number) => 2 * Math.exp(0.02 * Math.sin(k * 12.9898) * 1.7 + (k % 8 === 0 ? 0.082 : 0))
      const c = compareToBaseline(entry(latencySamples(N, level(2 * i), i + 1)), entry(latencySamples(N, level(2 * i + 1), i + 7000)), { thresholds: noisy })
      pairs++
      if (c.metrics.some((m) => m.verdict === 'regressed')) regressed++
    }
    expect(regressed / pairs).toBeLessThanOrEqual(0.01)
  })
})

describe('false-discovery control', () => {
  test('Benjamini–Hochberg across the run: a p-value that passes alone can fail in a family, and the verdict follows', () => {
    // one clear regression among results that cannot decide: alone at alpha 0.01 it regresses; in a
    // family of 30 its adjusted p must stay below 0.01 too
    const clear = run(0.3, 1)
    const [controlled] = controlFalseDiscoveries([clear])
    expect(verdictOf(controlled as ResultComparison, 'p50')).toBe('regressed')
    const borderline: ResultComparison = {
      verdict: 'regressed',
      metrics: [{ metric: 'p50', verdict: 'regressed', why: 'beyond-tolerance', current: 1, unit: 'ms', tolerance: 0.1, alpha: 0.01, pWorse: 0.005, pBetter: 1, pWithin: 1 }],
    }
    const undecided: ResultComparison = {
      verdict: 'inconclusive',
      metrics: [{ metric: 'p50', verdict: 'inconclusive', why: 'undecided', current: 1, unit: 'ms', tolerance: 0.1, alpha: 0.01, pWorse: 0.5, pBetter: 0.5, pWithin: 0.5 }],
    }
    const family = controlFalseDiscoveries([borderline, ...Array.from({ length: 9 }, () => undecided)])
    const m = (family[0] as ResultComparison).metrics[0] as MetricComparison
    // BH: 0.005 · 10 / 1 = 0.05 ≥ 0.01
    expect(m.multiplicity).toEqual({ method: 'bh', family: 10, worse: 0.05, better: 1 })
    expect(m).toMatchObject({ verdict: 'inconclusive', why: 'undecided' })
    expect((family[0] as ResultComparison).verdict).toBe('inconclusive')
    // exempt (asserted on its own with toBeWithinBaseline): keeps its own alpha
    const exempt = controlFalseDiscoveries([borderline, ...Array.from({ length: 9 }, () => undecided)], (r) => r === 0)
    expect((exempt[0] as ResultComparison).metrics[0]).toMatchObject({ verdict: 'regressed' })
  })

  test('a test worker holds each p-value to alpha / the family (Bonferroni), never laxer than the run', () => {
    const base = baselineEntryOf(syntheticBenchmark('m', latencySamples(300, 2, 1)))
    const cur = baselineEntryOf(syntheticBenchmark('m', latencySamples(300, 2.4, 2)))
    const p50 = compareToBaseline(base, cur, { thresholds, family: 40 }).metrics.find((m) => m.metric === 'p50') as MetricComparison
    expect(p50.multiplicity).toEqual({ method: 'bonferroni', family: 40, worse: Math.min(1, (p50.pWorse as number) * 40), better: Math.min(1, (p50.pBetter as number) * 40) })
  })
})
