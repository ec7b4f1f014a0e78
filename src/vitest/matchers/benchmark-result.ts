import type { BenchmarkResult } from '../../results/benchmark.js'
import { explainVitestBenchGap, isVitestBenchResult, vitestBenchGaps, type VitestBenchGap } from '../bench-provider/bench-result.js'
import { recordBench } from '../bench-provider/record-bench.js'

/** True for a {@link BenchmarkResult}. */
export function isBenchmarkResult(value: unknown): value is BenchmarkResult {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'benchmark'
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return `an object with keys [${Object.keys(value).slice(0, 6).join(', ')}]`
  return `${typeof value} ${JSON.stringify(value)}`
}

// What a matcher reads that a Vitest bench result may lack; the rest is in tinybench's summary.
const NEEDS: Readonly<Record<string, VitestBenchGap>> = {
  toHaveP95LatencyBelow: 'latency.p95',
  toHavePeakMemoryBelow: 'memory',
}

/**
 * Narrows a matcher's received value to a benchmark result, or explains what was expected.
 * Accepts a `benchmark()` result, and a Vitest 5 bench result (`await bench(name, fn).run()`),
 * which it converts with `fromVitestBenchResult` and records on the running test (`recordBench`).
 */
export function acceptBenchmarkResult(received: unknown, matcher: string): BenchmarkResult {
  if (isBenchmarkResult(received)) return received
  if (isVitestBenchResult(received)) {
    const need = NEEDS[matcher]
    if (need !== undefined && vitestBenchGaps(received).includes(need)) {
      throw new TypeError(`${matcher}: the Vitest bench result "${received.name}" has no ${need}. ${explainVitestBenchGap(need)}.`)
    }
    return recordBench(received)
  }
  if (received instanceof Promise) {
    throw new TypeError(`${matcher}: received a Promise. Await the benchmark first: expect(await benchmark(...)).${matcher}(...)`)
  }
  throw new TypeError(
    `${matcher}: expected the result of benchmark(), got ${typeName(received)}. A Vitest 5 bench result (await bench(name, fn).run()) is accepted too.`,
  )
}

/** 'benchmark "name"' for messages. */
export function describeBenchmark(result: BenchmarkResult): string {
  return `benchmark "${result.name}"`
}
