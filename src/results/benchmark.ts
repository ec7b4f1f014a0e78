import type { LatencyStats } from '../analyse/latency.js'
import type { OutlierCounts } from '../analyse/stats.js'
import type { EnvFingerprint } from './env.js'

/** Peak memory over a measured run, in bytes. */
export interface MemoryStats {
  /** Peak resident set size of the process during the run. */
  rssPeak: number
  /** Peak V8 heap in use, sampled on the JS thread between calls. */
  heapUsedPeak: number
  /** Peak memory of C++ objects bound to JS (ArrayBuffers, tensors), sampled between calls. */
  externalPeak: number
  /** RSS at the end of the run minus RSS at its start. */
  rssDelta: number
  /**
   * How `rssPeak` was observed. 'kernel-hwm': Linux's VmHWM high-water mark, reset at the start
   * of the run (exact, and it sees peaks inside blocking native calls). 'thread-sampler': a worker
   * thread polling RSS every 2 ms (it also runs while the JS thread is blocked in a native call).
   */
  rssPeakSource: 'kernel-hwm' | 'thread-sampler'
}

/**
 * What a browser page can measure of its own memory: its JavaScript heap, from Chromium's
 * `performance.memory` (launched with precise memory info, so not rounded). It is the JS heap of
 * the page, not the process's resident memory: WASM memory and GPU buffers are not in it.
 */
export interface PageMemoryStats {
  /** Peak `usedJSHeapSize` sampled between calls, bytes. */
  jsHeapUsedPeak: number
  /** `usedJSHeapSize` at the end minus at the start, bytes. */
  jsHeapUsedDelta: number
  /** Where the figures come from. */
  source: 'performance.memory'
}

/** CPU time consumed by the whole process during the run. */
export interface CpuStats {
  userMs: number
  systemMs: number
  /** (user + system) / wall time: above 1 means more than one core was busy (e.g. intra-op threads). */
  utilization: number
}

/** Cold-start figures attached to a benchmark of a loaded model. Milliseconds. */
export interface ColdStart {
  /** Model load time, as timed by the loader (`info.loadMs`). */
  loadMs: number
  /**
   * The model's first inference: the benchmark's first call (`firstCallMs`) when that call was the
   * model's first ever; null when the model had already run before the benchmark.
   */
  firstInferenceMs: number | null
}

/** Calls per second and items per second (calls × batchSize) from the mean latency. */
export interface Throughput {
  itemsPerSecond: number
  callsPerSecond: number
}

/** What was measured: model metadata recorded by the loaders, or anything the user passes. */
export type ModelInfo = Record<string, string | number | boolean | null>

/** Why sampling stopped. */
export type StopReason =
  /** The median's relative margin reached `targetRme` after the minimums were met. */
  | 'target-rme'
  /** `maxTime` (wall clock) ran out. */
  | 'max-time'
  /** `maxIterations` calls were measured. */
  | 'max-iterations'
  /** An A/B run's coordinator measured it in slices, interleaved with the other tree's (`vitest-ml-bench ab`). */
  | 'paired'

/** The result of {@link benchmark}. Times in milliseconds, memory in bytes. */
export interface BenchmarkResult {
  kind: 'benchmark'
  name: string
  /**
   * Latency samples in ms, ascending (tinybench reports them sorted). At most `keepSamples`
   * (default 10,000): beyond that an evenly spaced subset of the sorted samples, so percentiles of
   * the stored set match those of the full set; `iterations` is always the full count.
   */
  samples: number[]
  latency: LatencyStats
  throughput: Throughput
  /** Number of measured calls (warm-up excluded). */
  iterations: number
  /** Number of warm-up calls, not in `samples`. */
  warmupIterations: number
  /** Items per call. */
  batchSize: number
  /** The very first call (before warm-up), ms: includes lazy initialisation; not in `samples`. */
  firstCallMs: number
  /** Tukey-fence outliers; counted, kept in the samples. */
  outliers: OutlierCounts
  /** The process's memory in Node; null in a browser page (a page cannot see RSS: see `pageMemory`) or with `memory: false`. */
  memory: MemoryStats | null
  /** Browser pages only: the page's JavaScript heap, the memory a page can measure. */
  pageMemory?: PageMemoryStats
  /** CPU time of the process; NaN where it cannot be measured (a browser page). */
  cpu: CpuStats
  device: string
  env: EnvFingerprint
  /** Wall-clock time of the whole benchmark (setup to teardown), ms. */
  wallTimeMs: number
  stopReason: StopReason
  /** ISO timestamp of the start. */
  startedAt: string
  model?: ModelInfo
  /** Load time and first inference of the loaded model the benchmark called (see `benchmark()`'s `model`). */
  coldStart?: ColdStart
}
