import { Bench } from 'tinybench'
import type { BenchmarkResult } from '../../results/benchmark.js'
import type { MlBenchVitestResult, VitestBenchResult } from './bench-result.js'

/**
 * The Vitest bench result tinybench reports for calls that took `samples` ms: tinybench's own
 * statistics (the numbers Vitest's built-in provider would report), computed by tinybench itself,
 * which takes each sample as an `overriddenDuration` instead of timing the trivial call.
 */
export async function vitestBenchResultOf(name: string, samples: readonly number[], retainSamples = false): Promise<VitestBenchResult> {
  if (samples.length === 0) throw new Error(`benchmark "${name}" has no samples; Vitest needs them for its statistics.`)
  let next = 0
  const bench = new Bench({ name, time: 0, iterations: samples.length, warmup: false, retainSamples, throws: true })
  // async: false skips tinybench's probe call, so each sample is taken exactly once
  bench.add(name, () => ({ overriddenDuration: samples[next++] as number }), { async: false })
  const [task] = await bench.run()
  const statistics = task?.result
  if (statistics?.state !== 'completed' || next !== samples.length) {
    throw new Error(`benchmark "${name}": tinybench did not take the ${samples.length} samples one by one (state ${statistics?.state}, ${next} taken).`)
  }
  return { ...statistics, name }
}

/**
 * A `benchmark()` result as a Vitest 5 bench result: {@link vitestBenchResultOf} its kept samples
 * (up to `keepSamples`, evenly spaced over all), so Vitest's tables, `toBeFasterThan` and
 * `bench.from()` see numbers defined as its built-in provider defines them, with the full result
 * under `mlBench`.
 */
export async function toVitestBenchResult(result: BenchmarkResult, retainSamples = false): Promise<MlBenchVitestResult> {
  return { ...(await vitestBenchResultOf(result.name, result.samples, retainSamples)), mlBench: result }
}
