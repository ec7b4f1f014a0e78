/**
 * Resource watching in a browser page (the browser twin of `resources.ts`). A page sees neither
 * its process's RSS nor its CPU time; it sees its JavaScript heap through Chromium's
 * `performance.memory`. So `memory` is null, CPU time NaN, and the heap goes into `pageMemory`,
 * named for what it is.
 */
import type { CpuStats, MemoryStats, PageMemoryStats } from '../results/benchmark.js'

/** Which RSS peak source to use (Node only; a page has none). */
export type RssPeakSource = 'auto' | MemoryStats['rssPeakSource']

interface ChromiumMemory {
  usedJSHeapSize: number
}

function usedHeap(): number | undefined {
  return (performance as { memory?: ChromiumMemory }).memory?.usedJSHeapSize
}

const NO_CPU: CpuStats = { userMs: Number.NaN, systemMs: Number.NaN, utilization: Number.NaN }

/** Watches the page's JS heap across a measured run (the same interface as Node's). */
export class ResourceMonitor {
  readonly #start: number | undefined
  #peak = 0
  #lastSample = 0

  /** `source` false: no memory tracking. An RSS source cannot be had in a page: 'kernel-hwm' throws. */
  constructor(source: RssPeakSource | false = 'auto') {
    if (source === 'kernel-hwm' || source === 'thread-sampler') {
      throw new Error(`rssPeakSource '${source}' measures a Node process's RSS; a browser page has none. Leave rssPeakSource unset in the browser.`)
    }
    this.#start = source === false ? undefined : usedHeap()
    if (this.#start !== undefined) this.#peak = this.#start
  }

  /** Samples the heap, at most once per millisecond. */
  sample(): void {
    if (this.#start === undefined) return
    const now = performance.now()
    if (now - this.#lastSample < 1) return
    this.#lastSample = now
    this.#peak = Math.max(this.#peak, usedHeap() ?? 0)
  }

  /** Stops watching: no RSS (null), no CPU time (NaN), and the JS heap where the browser reports it. */
  async stop(): Promise<{ memory: MemoryStats | null; cpu: CpuStats; pageMemory?: PageMemoryStats }> {
    if (this.#start === undefined) return { memory: null, cpu: NO_CPU }
    const end = usedHeap() ?? this.#start
    const pageMemory: PageMemoryStats = { jsHeapUsedPeak: Math.max(this.#peak, end), jsHeapUsedDelta: end - this.#start, source: 'performance.memory' }
    return { memory: null, cpu: NO_CPU, pageMemory }
  }
}
