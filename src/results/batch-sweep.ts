import type { LatencyStats } from '../analyse/latency.js'
import type { EnvFingerprint } from './env.js'
import type { MemoryStats } from './benchmark.js'

/** What was measured at one batch size. */
export interface BatchSizeResult {
  batchSize: number
  /** Latency of one call on a batch of `batchSize` items, ms. */
  latency: LatencyStats
  /** batchSize × calls per second (from the mean latency). */
  itemsPerSecond: number
  callsPerSecond: number
  /** Per-item latency at the mean: mean / batchSize, ms. */
  msPerItem: number
  /** Measured calls. */
  iterations: number
  /** Call latencies, ms, ascending; an evenly spaced subset of at most 1,000. */
  samples: number[]
  /** Peak memory while this size ran (absent with `memory: false`). */
  memory?: MemoryStats
}

/** The result of {@link batchSweep}. */
export interface BatchSweepResult {
  kind: 'batch-sweep'
  name: string
  /** One entry per batch size, in the order given. */
  sizes: BatchSizeResult[]
  /** The size with the highest items per second. */
  bestItemsPerSecond: { batchSize: number; itemsPerSecond: number }
  device: string
  env: EnvFingerprint
  /** ISO timestamp of the start. */
  startedAt: string
}
