import { benchmark, type BenchmarkOptions, type BenchmarkResult } from '../../src/index.js'
import { mean, standardDeviation } from '../../src/analyse/stats.js'
import type { AccuracyRow } from '../../reporters/calibration-json.js'

/** A workload of known cost. */
export interface Workload {
  name: string
  /** What one call should cost, ms (for the bias columns). */
  knownMs: number
  fn: () => unknown
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Runs `workload` `runs` times through benchmark() and keeps every result for the verdict study. */
export async function repeatRuns(workload: Workload, runs: number, options: BenchmarkOptions): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = []
  for (let i = 0; i < runs; i++) results.push(await benchmark(workload.name, workload.fn, { ...options, record: false }))
  return results
}

/** Bias against the known cost and the coefficient of variation of p50 across runs. */
export function accuracyRow(workload: Workload, results: readonly BenchmarkResult[]): AccuracyRow {
  const p50s = results.map((r) => r.latency.p50)
  const p50 = median(p50s)
  const p95 = median(results.map((r) => r.latency.p95))
  return {
    workload: workload.name,
    knownMs: workload.knownMs,
    runs: results.length,
    p50Ms: p50,
    p95Ms: p95,
    p50Bias: (p50 - workload.knownMs) / workload.knownMs,
    p95Bias: (p95 - workload.knownMs) / workload.knownMs,
    p50Cv: standardDeviation(p50s) / mean(p50s),
  }
}
