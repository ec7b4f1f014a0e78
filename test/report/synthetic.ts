/**
 * Report inputs built in code for the report tests: results.json documents around real
 * `summarizeLatency` statistics of seeded log-normal samples, at any size.
 */
import { countVerdicts, overallVerdict, type ResultsJson, type ResultsJsonEntry } from '../../src/gate/results-json.js'
import { entryKey } from '../../src/core/result-key.js'
import { DEFAULT_THRESHOLDS } from '../../src/gate/thresholds.js'
import type { MetricComparison, ResultComparison, Verdict } from '../../src/gate/verdict.js'
import { latencySamples, syntheticBenchmark, TEST_ENV } from '../baseline/synthetic.js'
import type { BenchmarkResult } from '../../src/results/benchmark.js'

/** `n` ascending log-normal latencies (ms) around `median`, wider than the gate tests' default. */
export function logNormalSamples(n: number, median: number, seed = 1): number[] {
  return latencySamples(n, median, seed, 0.25)
}

/** A benchmark result over `samples` (ascending, ms), with the real latency statistics. */
export function benchmarkResult(name: string, samples: number[]): BenchmarkResult {
  return syntheticBenchmark(name, samples, {
    memory: { rssPeak: 300 * 1024 ** 2, heapUsedPeak: 60 * 1024 ** 2, externalPeak: 8 * 1024 ** 2, rssDelta: 1024 ** 2, rssPeakSource: 'kernel-hwm' },
    cpu: { userMs: 900, systemMs: 40, utilization: 0.94 },
    wallTimeMs: 1100,
    startedAt: '2026-11-23T10:00:00.000Z',
  })
}

/**
 * `result` with every time multiplied by `factor`: percentiles, intervals and spreads scale
 * exactly, so one bootstrap serves a whole family of results.
 */
export function scaledBenchmark(result: BenchmarkResult, name: string, factor: number): BenchmarkResult {
  const l = result.latency
  const scale = (v: number | null) => (v === null ? null : v * factor)
  const scaleCi = <T extends { lower: number | null; upper: number | null }>(ci: T): T => ({ ...ci, lower: scale(ci.lower), upper: scale(ci.upper) })
  return {
    ...result,
    name,
    samples: result.samples.map((s) => s * factor),
    latency: {
      ...l,
      min: l.min * factor, max: l.max * factor, mean: l.mean * factor, sd: l.sd * factor,
      p50: l.p50 * factor, p75: l.p75 * factor, p90: l.p90 * factor, p95: l.p95 * factor, p99: l.p99 * factor, p999: l.p999 * factor,
      mad: l.mad * factor, iqr: l.iqr * factor,
      ci: { ...l.ci, p50: scaleCi(l.ci.p50), p95: scaleCi(l.ci.p95), p99: scaleCi(l.ci.p99), p999: scaleCi(l.ci.p999), mean: scaleCi(l.ci.mean) },
    },
    throughput: { itemsPerSecond: result.throughput.itemsPerSecond / factor, callsPerSecond: result.throughput.callsPerSecond / factor },
    firstCallMs: result.firstCallMs * factor,
  }
}

/** How each verdict was reached, with the p-values that reach it (alpha 0.01). */
const JUDGED: Record<Verdict, Pick<MetricComparison, 'why'> & Partial<MetricComparison>> = {
  regressed: { why: 'beyond-tolerance', pWorse: 1e-6, pBetter: 1, pWithin: 1 },
  improved: { why: 'beyond-tolerance', pWorse: 1, pBetter: 1e-6, pWithin: 1 },
  unchanged: { why: 'within-tolerance', pWorse: 1, pBetter: 1, pWithin: 1e-4 },
  inconclusive: { why: 'undecided', pWorse: 0.2, pBetter: 1, pWithin: 0.6 },
  new: { why: 'not-in-baseline' },
  incomparable: { why: 'env-differs', differences: [{ field: 'cores', baseline: 2, current: 8 }] },
}

/**
 * A comparison of p50 against a baseline value with the given verdict: judged verdicts carry a 98 %
 * interval around the change (narrow when decided, wide when inconclusive) and the p-values behind them.
 */
export function p50Comparison(verdict: Verdict, baseline: number, current: number): ResultComparison {
  const change = (current - baseline) / baseline
  const judged = JUDGED[verdict]
  const half = verdict === 'inconclusive' ? 0.3 : 0.05
  const evidence = judged.pWithin === undefined ? {} : { method: 'mann-whitney-ratio', interval: { lower: change - half, upper: change + half, level: 0.98 } }
  return {
    verdict,
    metrics: [{ metric: 'p50', verdict, baseline, current, change, unit: 'ms', tolerance: 0.1, alpha: 0.01, ...judged, ...evidence }],
  }
}

/** An entry of bench file `file` in suite `suite`. */
export function entry(file: string, test: string, result: ResultsJsonEntry['result'], extra: Partial<ResultsJsonEntry> = {}): ResultsJsonEntry {
  return { file, project: 'bench', suite: ['suite'], test, key: entryKey(['suite'], test, result.name, result.env.runtime?.name), result, ...extra }
}

/** A results.json document around `entries`. */
export function resultsJson(entries: ResultsJsonEntry[], failed = false): ResultsJson {
  return {
    schemaVersion: 2,
    generatedAt: '2026-11-23T10:05:00.000Z',
    verdict: overallVerdict(entries),
    counts: countVerdicts(entries),
    failed,
    failures: [],
    entries,
    env: TEST_ENV,
    commit: null,
    thresholds: DEFAULT_THRESHOLDS,
    baselines: { dir: 'baselines', mode: 'none', written: [], unwritten: [], stale: [], errors: [], warnings: [] },
  }
}
