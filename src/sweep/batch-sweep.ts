import { thinSorted } from '../analyse/latency.js'
import { benchmark, type BenchmarkOptions } from '../measure/benchmark.js'
import { envFingerprint } from '../measure/fingerprint.js'
import { recordTarget, throwIfStopped } from '../core/sink.js'
import type { BatchSizeResult, BatchSweepResult } from '../results/batch-sweep.js'

/** Call latencies kept per batch size on the result. */
export const KEPT_SWEEP_SAMPLES = 1000

/** Options of {@link batchSweep}: the batch sizes, plus any {@link benchmark} option applied to each size. */
export interface BatchSweepOptions<T = number> extends Omit<BenchmarkOptions, 'batchSize' | 'record' | 'keepSamples'> {
  /** Name of the result. */
  name: string
  /** Batch sizes to measure, one benchmark each, in this order. */
  sizes: readonly number[]
  /** Builds the batch of one size, once, outside the timed region [the size itself]. */
  batch?: (size: number) => T
  /** Record the result on the current vitest test [true]. */
  record?: boolean
}

function validateSizes(name: string, sizes: readonly number[]): void {
  if (!Array.isArray(sizes) || sizes.length === 0) throw new TypeError(`batchSweep "${name}": sizes must be a non-empty array such as [1, 8, 32].`)
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) throw new TypeError(`batchSweep "${name}": every batch size must be a positive integer, got ${JSON.stringify(size)}.`)
  }
  if (new Set(sizes).size !== sizes.length) throw new TypeError(`batchSweep "${name}": batch sizes must be distinct, got [${sizes.join(', ')}].`)
}

/**
 * Measures `fn` at several batch sizes: one {@link benchmark} per size (same options for each),
 * with `batchSize` set so items per second count items, not calls. `fn` receives the batch built
 * by `options.batch` (outside the timed region) and the size; without `batch`, just the size.
 * Inside a vitest test the sweep is recorded as one result.
 */
export async function batchSweep(fn: (size: number) => unknown, options: BatchSweepOptions & { batch?: undefined }): Promise<BatchSweepResult>
export async function batchSweep<T>(fn: (batch: T, size: number) => unknown, options: BatchSweepOptions<T> & { batch: (size: number) => T }): Promise<BatchSweepResult>
export async function batchSweep<T>(fn: (batch: T, size: number) => unknown, options: BatchSweepOptions<T>): Promise<BatchSweepResult> {
  const { name, sizes, batch, record, ...benchmarkOptions } = options
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('batchSweep: options.name must be a non-empty string.')
  validateSizes(name, sizes)
  const startedAt = new Date().toISOString()
  const results: BatchSizeResult[] = []
  let device = 'cpu'
  // each size's benchmark stops when the test ends; the sweep files its result on that test only
  const target = recordTarget()
  for (const size of sizes) {
    // checked here too: a size started after the test ended would otherwise belong to the next test
    throwIfStopped(target.signal, `batchSweep "${name}" (before batch ${size})`)
    const input = batch ? batch(size) : (size as T)
    const run = await benchmark(`${name} batch ${size}`, () => fn(input, size), { ...benchmarkOptions, batchSize: size, record: false })
    device = run.device
    results.push({
      batchSize: size,
      latency: run.latency,
      itemsPerSecond: run.throughput.itemsPerSecond,
      callsPerSecond: run.throughput.callsPerSecond,
      msPerItem: run.latency.mean / size,
      iterations: run.iterations,
      samples: thinSorted(run.samples, KEPT_SWEEP_SAMPLES),
      ...(run.memory ? { memory: run.memory } : {}),
    })
  }
  const best = results.reduce((a, b) => (b.itemsPerSecond > a.itemsPerSecond ? b : a))
  const result: BatchSweepResult = {
    kind: 'batch-sweep',
    name,
    sizes: results,
    bestItemsPerSecond: { batchSize: best.batchSize, itemsPerSecond: best.itemsPerSecond },
    device,
    env: envFingerprint(),
    startedAt,
  }
  if (record !== false) target.result(result)
  return result
}
