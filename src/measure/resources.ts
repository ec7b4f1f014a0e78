import { readFileSync, writeFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { CpuStats, MemoryStats, PageMemoryStats } from '../results/benchmark.js'

/** Reads Linux's VmHWM in bytes, or undefined where /proc is unavailable. */
function readKernelHighWaterMark(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0). Returns false where that is not possible. */
function resetKernelHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return readKernelHighWaterMark() !== undefined
  } catch {
    return false
  }
}

// Runs in a worker: RSS is per process, so the worker sees memory the blocked JS thread allocates.
const SAMPLER_SOURCE = `
const { workerData } = require('node:worker_threads')
const peak = new Float64Array(workerData)
const tick = () => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss }
tick()
setInterval(tick, 2)
`

/** A running RSS sampler in a worker thread. */
class ThreadSampler {
  readonly #peak = new Float64Array(new SharedArrayBuffer(8))
  readonly #worker: Worker
  constructor() {
    this.#worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: this.#peak.buffer })
    this.#worker.unref()
  }
  async stop(): Promise<number> {
    await this.#worker.terminate()
    return this.#peak[0] as number
  }
}

/** Which RSS peak source to use; 'auto' prefers the kernel's where it exists. */
export type RssPeakSource = 'auto' | MemoryStats['rssPeakSource']

/**
 * Watches memory and CPU across a measured run. Call `sample()` between calls (it is cheap and
 * rate-limited) and `stop()` at the end.
 */
export class ResourceMonitor {
  readonly #startRss: number
  readonly #startCpu = process.cpuUsage()
  readonly #startWall = performance.now()
  readonly #sampler: ThreadSampler | undefined
  readonly #source: MemoryStats['rssPeakSource'] | undefined
  #heapPeak = 0
  #externalPeak = 0
  #rssSeen = 0
  #lastSample = 0

  /** `source` false: CPU time only, no memory tracking (not `undefined`, which a default parameter would turn into 'auto'). */
  constructor(source: RssPeakSource | false = 'auto') {
    const kernel = source !== false && source !== 'thread-sampler' && resetKernelHighWaterMark()
    if (source === 'kernel-hwm' && !kernel) {
      throw new Error("rssPeakSource 'kernel-hwm' needs Linux's /proc/self/clear_refs; use 'auto' on this system.")
    }
    this.#source = source === false ? undefined : kernel ? 'kernel-hwm' : 'thread-sampler'
    this.#sampler = this.#source === 'thread-sampler' ? new ThreadSampler() : undefined
    this.#startRss = process.memoryUsage.rss()
    if (this.#source) this.#sampleNow()
  }

  #sampleNow(): void {
    const usage = process.memoryUsage()
    if (usage.heapUsed > this.#heapPeak) this.#heapPeak = usage.heapUsed
    if (usage.external > this.#externalPeak) this.#externalPeak = usage.external
    if (usage.rss > this.#rssSeen) this.#rssSeen = usage.rss
  }

  /** Samples heap and external memory, at most once per millisecond. */
  sample(): void {
    if (!this.#source) return
    const now = performance.now()
    if (now - this.#lastSample < 1) return
    this.#lastSample = now
    this.#sampleNow()
  }

  /** Stops watching and returns the peaks (null without memory tracking) and CPU time. */
  async stop(): Promise<{ memory: MemoryStats | null; cpu: CpuStats; pageMemory?: PageMemoryStats }> {
    const wall = performance.now() - this.#startWall
    const cpu = process.cpuUsage(this.#startCpu)
    const userMs = cpu.user / 1000
    const systemMs = cpu.system / 1000
    const cpuStats = { userMs, systemMs, utilization: wall > 0 ? (userMs + systemMs) / wall : 0 }
    if (!this.#source) return { memory: null, cpu: cpuStats }
    this.#sampleNow()
    const endRss = process.memoryUsage.rss()
    const observed = this.#sampler ? await this.#sampler.stop() : (readKernelHighWaterMark() ?? 0)
    return {
      memory: {
        rssPeak: Math.max(observed, this.#rssSeen, endRss),
        heapUsedPeak: this.#heapPeak,
        externalPeak: this.#externalPeak,
        rssDelta: endRss - this.#startRss,
        rssPeakSource: this.#source,
      },
      cpu: cpuStats,
    }
  }
}
