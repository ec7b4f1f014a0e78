import type { BenchmarkResult } from '../measure/types.js'

/** True for a {@link BenchmarkResult}. */
export function isBenchmarkResult(value: unknown): value is BenchmarkResult {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'benchmark'
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return `an object with keys [${Object.keys(value).slice(0, 6).join(', ')}]`
  return `${typeof value} ${JSON.stringify(value)}`
}

/** Narrows a matcher's received value to a benchmark result, or explains what was expected. */
export function acceptBenchmarkResult(received: unknown, matcher: string): BenchmarkResult {
  if (isBenchmarkResult(received)) return received
  if (received instanceof Promise) {
    throw new TypeError(`${matcher}: received a Promise. Await the benchmark first: expect(await benchmark(...)).${matcher}(...)`)
  }
  throw new TypeError(`${matcher}: expected the result of benchmark(), got ${typeName(received)}.`)
}

/** 'benchmark "name"' for messages. */
export function describeBenchmark(result: BenchmarkResult): string {
  return `benchmark "${result.name}"`
}
