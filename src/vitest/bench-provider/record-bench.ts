import type { BenchmarkResult } from '../../results/benchmark.js'
import { recordResult } from '../../core/sink.js'
import { fromVitestBenchResult, isMlBenchVitestResult, type VitestBenchResult } from './bench-result.js'

const recorded = new WeakSet<BenchmarkResult>()

/**
 * Records a Vitest 5 bench result on the running test, for the report and the baselines, and
 * returns it converted by {@link fromVitestBenchResult}. Our matchers call this for every Vitest
 * bench result they receive, so call it yourself only for a result no matcher looks at.
 * Idempotent: a result is recorded once however often it is passed. A result of the
 * vitest-ml-bench provider was already recorded by `benchmark()` when it was measured.
 */
export function recordBench(result: VitestBenchResult): BenchmarkResult {
  const converted = fromVitestBenchResult(result)
  if (!isMlBenchVitestResult(result) && !recorded.has(converted) && recordResult(converted)) recorded.add(converted)
  return converted
}
