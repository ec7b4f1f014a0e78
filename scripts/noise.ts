/**
 * Noise injector: random bursts of CPU load on one or two cores, bounded in time, so anyone can
 * reproduce the calibration's "noisy machine" runs.
 *
 *   npx tsx scripts/noise.ts [--seconds 60] [--cores 2] [--min-burst 50] [--max-burst 500] [--seed 1]
 *
 * Each core's thread alternates busy loops and sleeps of random length between --min-burst and
 * --max-burst ms (the same range as the A/B measurements in the issues). It stops by itself after
 * --seconds, and on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { invokedDirectly } from './invoked-directly.js'

/** Options of {@link startNoise}. */
export interface NoiseOptions {
  /** How long the noise lasts, ms [60,000]. */
  durationMs?: number
  /** Busy threads [2]. */
  cores?: number
  /** Burst (and pause) lengths, ms [50, 500]. */
  minBurstMs?: number
  maxBurstMs?: number
  seed?: number
}

// Runs in each worker: mulberry32 for reproducible burst lengths, busy-wait on, sleep off.
const BURSTS = `
const { workerData } = require('node:worker_threads')
let s = workerData.seed >>> 0
const random = () => { s = (s + 0x6d2b79f5) >>> 0; let t = Math.imul(s ^ (s >>> 15), s | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296 }
const until = Date.now() + workerData.durationMs
const span = () => workerData.min + random() * (workerData.max - workerData.min)
const sleep = new Int32Array(new SharedArrayBuffer(4))
while (Date.now() < until) {
  const end = Math.min(until, performance.now() + span())
  while (performance.now() < end) {}
  Atomics.wait(sleep, 0, 0, Math.max(0, Math.min(until - Date.now(), span())))
}
`

/** Starts the noise; the returned function stops it early. Resolves when all threads have ended. */
export function startNoise(options: NoiseOptions = {}): { stop: () => Promise<void>; done: Promise<void> } {
  const cores = options.cores ?? 2
  const workers = Array.from(
    { length: cores },
    (_, i) =>
      new Worker(BURSTS, {
        eval: true,
        workerData: { seed: (options.seed ?? 1) * 101 + i, durationMs: options.durationMs ?? 60_000, min: options.minBurstMs ?? 50, max: options.maxBurstMs ?? 500 },
      }),
  )
  const done = Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())))).then(() => undefined)
  return {
    stop: async () => {
      await Promise.all(workers.map((w) => w.terminate()))
    },
    done,
  }
}


if (invokedDirectly(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      cores: { type: 'string', default: '2' },
      'min-burst': { type: 'string', default: '50' },
      'max-burst': { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
    },
  })
  const number = (name: keyof typeof values) => {
    const v = Number(values[name])
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a non-negative number, got ${values[name]}`)
    return v
  }
  const noise = startNoise({
    durationMs: number('seconds') * 1000,
    cores: number('cores'),
    minBurstMs: number('min-burst'),
    maxBurstMs: number('max-burst'),
    seed: number('seed'),
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void noise.stop())
  await noise.done
}
