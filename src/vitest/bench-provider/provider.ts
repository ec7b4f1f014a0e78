/**
 * The vitest-ml-bench benchmark provider for Vitest 5 (`test.benchmark.provider:
 * 'vitest-ml-bench/provider'`): Vitest's `bench` fixture, measured by `benchmark()`.
 */
import type { BenchOptions } from 'tinybench'
import { benchmark } from '../../measure/benchmark.js'
import type { MlBenchVitestResult } from './bench-result.js'
import { benchmarkOptionsFor, type VitestBenchRegistration } from './provider-options.js'
import { toVitestBenchResult } from './to-vitest-result.js'

/** What Vitest 5 hands a benchmark provider for one test's benchmarks (the part used here). */
export interface VitestBenchmarkGroup {
  registrations: readonly VitestBenchRegistration[]
  /** Run options of `.run(options)` or the last argument of `bench.compare()`. */
  options?: BenchOptions
  /** The project's resolved `test.benchmark` config. */
  config?: { retainSamples?: boolean }
}

/** Vitest 5's `BenchmarkProvider` contract, declared structurally (Vitest 4 has no such type). */
export interface VitestBenchmarkProvider {
  run(group: VitestBenchmarkGroup): Promise<MlBenchVitestResult[]>
}

/**
 * Runs each registered benchmark through `benchmark()` — adaptive stopping, `maxTime`, device
 * sync, memory and CPU, bootstrap CIs — one after the other (`bench.compare()` does not
 * interleave them as Vitest's tinybench provider does). Each result is recorded on the test like
 * any `benchmark()` result and returned as a Vitest bench result that carries it in full.
 */
export const mlBenchProvider: VitestBenchmarkProvider = {
  async run({ registrations, options, config }) {
    const retainSamples = options?.retainSamples ?? config?.retainSamples ?? false
    const results: MlBenchVitestResult[] = []
    for (const registration of registrations) {
      const result = await benchmark(registration.name, registration.fn, benchmarkOptionsFor(registration, options))
      results.push(await toVitestBenchResult(result, retainSamples))
    }
    return results
  },
}

export default mlBenchProvider
