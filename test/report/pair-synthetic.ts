/** A `benchmarkPair()` result built in code, for the report and matcher tests. */
import type { BenchmarkPairResult } from '../../src/results/benchmark-pair.js'
import { TEST_ENV } from '../baseline/synthetic.js'

/** A pair of 64 slices with the given verdict, head/base `ratio` and interval (level 0.995). */
export function pairResult(verdict: BenchmarkPairResult['verdict'], ratio: number, interval: [number | null, number | null]): BenchmarkPairResult {
  return {
    kind: 'benchmark-pair',
    name: `q8 vs fp32 (${verdict})`,
    base: { iterations: 41_000, p50: 0.1, p95: 0.14, p99: 0.2, mean: 0.11 },
    head: { iterations: 38_000, p50: 0.1 * ratio, p95: 0.15, p99: 0.22, mean: 0.12 },
    ratio,
    interval: { lower: interval[0], upper: interval[1], level: 0.995 },
    tolerance: 0.05,
    alpha: 0.01,
    pWorse: verdict === 'regressed' ? 1e-4 : 0.4,
    pBetter: 1,
    pWithin: verdict === 'unchanged' ? 1e-4 : 0.3,
    verdict,
    pairs: 64,
    blocks: 32,
    looks: 2,
    sliceMs: 10,
    budgetMs: 10_000,
    elapsedMs: 2_630,
    stoppedBecause: verdict === 'inconclusive' ? 'budget' : 'decided',
    ...(verdict === 'inconclusive' ? { moreTimeMs: 7_400 } : {}),
    discardedPerSlice: 1,
    batchSize: 8,
    device: 'cpu',
    env: TEST_ENV,
    startedAt: '2026-11-29T05:00:00.000Z',
  }
}

