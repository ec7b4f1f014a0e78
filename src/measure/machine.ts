/**
 * The machine-speed sentinel: a short fixed probe (a pure-JS loop and one onnxruntime-node MatMul
 * call) whose time says how fast this machine runs right now, plus how busy it is (load average,
 * CPU steal, cgroup throttling). The gate compares a result's probe with its baseline's: the same
 * onnxruntime call takes 23 µs in one run and 40 µs in the next on a shared VM, and a stored
 * baseline cannot tell that from slower code without it.
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { quantileSorted } from '../analyse/stats.js'
import { buildMatMulModel } from '../models/onnx-builder.js'
import type { MachineState } from '../results/env.js'
import { cgroupCpuStatFrom, type ReadText } from './cpu-limit.js'

/** One probe's reading. */
export type ProbeReading = Pick<MachineState, 'probeJsMs' | 'probeOrtMs' | 'probeOrtModel' | 'probeSpread' | 'probedAt'>

/** CPU counters the busy shares are deltas of. */
interface Counters {
  /** /proc/stat: steal and total jiffies of all CPUs. */
  steal?: { steal: number; total: number }
  /** cgroup cpu.stat: periods and throttled periods. */
  throttle?: { periods: number; throttled: number }
}

let last: { reading: ProbeReading; counters: Counters } | undefined
const history: ProbeReading[] = []

const readText: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** steal and total jiffies from the `cpu` line of /proc/stat (user nice system idle iowait irq softirq steal …). */
export function stealCountersFrom(procStat: string | undefined): Counters['steal'] {
  const line = procStat?.split('\n').find((l) => l.startsWith('cpu '))
  if (!line) return undefined
  const fields = line.trim().split(/\s+/).slice(1).map(Number)
  if (fields.length < 8 || fields.some((v) => !Number.isFinite(v))) return undefined
  // guest time is already counted in user and nice: the first eight fields are the total
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0)
  return { steal: fields[7] as number, total }
}

function counters(): Counters {
  const out: Counters = {}
  if (process.platform !== 'linux') return out
  const steal = stealCountersFrom(readText('/proc/stat'))
  if (steal) out.steal = steal
  const cgroup = readText('/proc/self/cgroup')
  const stat = cgroup === undefined ? undefined : cgroupCpuStatFrom(cgroup, readText)
  if (stat) out.throttle = stat
  return out
}

/** Share of `now − before`; null when either side is missing or nothing elapsed. */
function share(part: (c: Counters) => number | undefined, whole: (c: Counters) => number | undefined, before: Counters, now: Counters): number | null {
  const [p0, p1, w0, w1] = [part(before), part(now), whole(before), whole(now)]
  if (p0 === undefined || p1 === undefined || w0 === undefined || w1 === undefined || !(w1 > w0)) return null
  return Math.max(0, Math.min(1, (p1 - p0) / (w1 - w0)))
}

/**
 * Median of `times` and its relative standard error, from the interquartile range: the median of n
 * draws has a standard error of about 1.2533·σ/√n, and σ ≈ IQR / 1.349 (robust to the stalls a
 * busy machine adds).
 */
function summary(times: number[]): { median: number; spread: number } {
  times.sort((a, b) => a - b)
  const median = quantileSorted(times, 0.5)
  const sigma = (quantileSorted(times, 0.75) - quantileSorted(times, 0.25)) / 1.349
  return { median, spread: median > 0 ? (1.2533 * sigma) / Math.sqrt(times.length) / median : 0 }
}

/** A fixed integer loop (an LCG, no allocation), ≈ 2 ms on a 2020s x86 core. */
function jsLoop(): number {
  const start = performance.now()
  let x = 1
  for (let i = 0; i < 2_000_000; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0
  const elapsed = performance.now() - start
  // keep the loop's result observable, so it cannot be optimised away
  if (x === 0x7fffffff) process.emitWarning('probe')
  return elapsed
}

type OrtModule = typeof import('onnxruntime-node')
let ortProbe: Promise<{ run(): Promise<number> } | null> | undefined

/**
 * The probe's MatMul. 256 wide: a 128-wide call's median moved between 13 and 24 µs from one
 * 200-call round to the next within one process, the 256-wide one's stayed within 0.4 % (26.8–27.1 µs).
 */
const ORT_PROBE = { size: 256, layers: 4, batch: 1 }
const ORT_PROBE_MODEL = `matmul ${ORT_PROBE.size}×${ORT_PROBE.layers}, batch ${ORT_PROBE.batch}`

/** A one-thread MatMul session ({@link ORT_PROBE}), made once per process; null where onnxruntime-node cannot run. */
function ortSession(): Promise<{ run(): Promise<number> } | null> {
  ortProbe ??= (async () => {
    try {
      const imported = (await import('onnxruntime-node')) as OrtModule & { default?: OrtModule }
      const ort = imported.default ?? imported
      const session = await ort.InferenceSession.create(buildMatMulModel({ size: ORT_PROBE.size, layers: ORT_PROBE.layers }), { intraOpNumThreads: 1, interOpNumThreads: 1 })
      const feeds = { input: new ort.Tensor('float32', new Float32Array(ORT_PROBE.size * ORT_PROBE.batch).fill(0.5), [ORT_PROBE.batch, ORT_PROBE.size]) }
      return {
        async run() {
          const start = performance.now()
          await session.run(feeds)
          return performance.now() - start
        },
      }
    } catch {
      return null
    }
  })()
  return ortProbe
}

/**
 * Runs the probe (≈ 50 ms): 15 repetitions of the JS loop and 500 MatMul calls after 100 warm-up
 * calls (1,500 in a process's first probe), medians kept. Every later `machineState()` in this process reads it.
 */
export async function probeMachine(): Promise<ProbeReading> {
  const before = counters()
  jsLoop() // warm-up: the first run includes compilation
  const js = summary(Array.from({ length: 15 }, jsLoop))
  const session = await ortSession()
  let ort: { median: number; spread: number } | null = null
  if (session) {
    // a process's first probe warms up longer: its first few hundred calls ran ~10 % slower (JIT of the binding)
    for (let i = 0; i < (history.length === 0 ? 1500 : 100); i++) await session.run()
    const times: number[] = []
    for (let i = 0; i < 500; i++) times.push(await session.run())
    ort = summary(times)
  }
  const reading: ProbeReading = {
    probeJsMs: js.median,
    probeOrtMs: ort?.median ?? null,
    ...(ort ? { probeOrtModel: ORT_PROBE_MODEL } : {}),
    probeSpread: Math.max(js.spread, ort?.spread ?? 0),
    probedAt: new Date().toISOString(),
  }
  last = { reading, counters: before }
  history.push(reading)
  return reading
}

/** Every probe this process ran, oldest first. */
export function probeHistory(): readonly ProbeReading[] {
  return history
}

/** The last probe's reading with the machine's load since then; undefined when no probe ran in this process. */
export function machineState(): MachineState | undefined {
  if (!last) return undefined
  const now = counters()
  return {
    ...last.reading,
    loadAverage: os.loadavg()[0] ?? 0,
    stealShare: share((c) => c.steal?.steal, (c) => c.steal?.total, last.counters, now),
    throttledShare: share((c) => c.throttle?.throttled, (c) => c.throttle?.periods, last.counters, now),
  }
}
