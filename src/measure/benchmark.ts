import { Bench, type FnOptions } from 'tinybench'
import { summarizeLatency, thinSorted } from '../analyse/latency.js'
import { medianRelativeMarginSorted } from '../analyse/quantile-bounds.js'
import { tukeyOutliersSorted } from '../analyse/stats.js'
import { watchModelCalls } from '../models/call-tracker.js'
import { modelFields } from '../models/cold-start.js'
import { recordTarget, throwIfStopped } from '../core/sink.js'
import { parseDuration, type Duration } from '../core/units.js'
import { pairingHook } from '../core/pairing.js'
import { isThenable } from '../core/thenable.js'
import { functionSliceRunner } from './benchmark-pair.js'
import { resolveDevice, verifiedDeviceName, type DeviceOption } from './device.js'
import { envFingerprint } from './fingerprint.js'
import { ResourceMonitor, type RssPeakSource } from './resources.js'
import type { BenchmarkResult, ModelInfo, StopReason } from '../results/benchmark.js'

/** Options of {@link benchmark}. Durations are ms or strings with a unit ('250ms', '2s'). */
export interface BenchmarkOptions {
  /** Warm-up before measuring (never in the samples): at least `iterations` calls and `time`. `false` disables it. */
  warmup?: { iterations?: number; time?: Duration } | false
  /** Minimum number of measured calls [30]. */
  iterations?: number
  /** Minimum real time spent in the measured phase, warm-up excluded [1000 ms]. */
  time?: Duration
  /** Upper bound on the real elapsed time of the whole benchmark, warm-up included [10,000 ms]. */
  maxTime?: Duration
  /** Stop after this many measured calls even if `targetRme` is not reached [1,000,000]. */
  maxIterations?: number
  /** Once the minimums are met, stop as soon as the 95 % CI half-width of the median is below this fraction of it [0.01]. */
  targetRme?: number
  /** Items processed per call, for items/second [1]. */
  batchSize?: number
  /** Device whose work must finish before the clock stops ['cpu']. */
  device?: DeviceOption
  /** Track peak memory [true]. */
  memory?: boolean
  /** How to observe peak RSS ['auto': the kernel's high-water mark on Linux, else a sampler thread]. */
  rssPeakSource?: RssPeakSource
  /** Runs once before the first call, outside the timed region. */
  setup?: () => unknown
  /** Runs once after the last call, outside the timed region (also when a call throws). */
  teardown?: () => unknown
  /** Samples kept on the result (evenly spaced over the sorted samples) [10,000]. */
  keepSamples?: number
  /** Seed of the bootstrap intervals [fixed]. */
  seed?: number
  /**
   * Model metadata to attach to the result. Not needed for a model from loadOnnx/loadPipeline:
   * when the first call uses exactly one such model, its `info` and cold start are attached.
   */
  model?: ModelInfo
  /** Record the result on the current vitest test [true]. */
  record?: boolean
}

interface ResolvedOptions {
  warmupIterations: number
  warmupTime: number
  iterations: number
  maxIterations: number
  time: number
  maxTime: number
  targetRme: number
  batchSize: number
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`benchmark: ${name} must be a positive integer, got ${value}.`)
  return value
}

function resolveOptions(options: BenchmarkOptions): ResolvedOptions {
  const warmup = options.warmup === false ? { iterations: 0, time: 0 } : (options.warmup ?? {})
  const targetRme = options.targetRme ?? 0.01
  if (!(targetRme >= 0)) throw new TypeError(`benchmark: targetRme must be a fraction ≥ 0 (0.01 = 1 %), got ${targetRme}.`)
  const resolved: ResolvedOptions = {
    warmupIterations: warmup.iterations ?? 10,
    warmupTime: parseDuration(warmup.time ?? 250, 'warmup.time'),
    iterations: positiveInteger('iterations', options.iterations ?? 30),
    maxIterations: positiveInteger('maxIterations', options.maxIterations ?? 1_000_000),
    time: parseDuration(options.time ?? 1000, 'time'),
    maxTime: parseDuration(options.maxTime ?? 10_000, 'maxTime'),
    targetRme,
    batchSize: positiveInteger('batchSize', options.batchSize ?? 1),
  }
  if (!Number.isInteger(resolved.warmupIterations) || resolved.warmupIterations < 0) {
    throw new TypeError(`benchmark: warmup.iterations must be a whole number ≥ 0, got ${resolved.warmupIterations}.`)
  }
  return resolved
}

/** One tinybench run of `iterations` calls (plus warm-up when asked); returns its samples and wall time. */
async function runRound(
  fn: () => unknown,
  fnOptions: FnOptions,
  iterations: number,
  warmup: { iterations: number; time: number } | undefined,
  signal: AbortSignal | undefined,
  what: string,
): Promise<{ samples: readonly number[]; measureStart: number }> {
  // tinybench adds a listener per Bench to the signal it is given and never removes it: each round
  // gets a signal of its own, so a benchmark of many rounds does not pile listeners on the test's
  const round = new AbortController()
  const forward = () => round.abort(signal?.reason)
  if (signal?.aborted) forward()
  else signal?.addEventListener('abort', forward, { once: true })
  try {
    const bench = new Bench({
      // an async fn stops at its next call when the test ends; a sync one at the round's end
      ...(signal ? { signal: round.signal } : {}),
      // time 0: the round is sized in calls; the controller below owns the time budget
      time: 0,
      iterations,
      warmup: warmup !== undefined && warmup.iterations + warmup.time > 0,
      warmupIterations: warmup?.iterations ?? 0,
      warmupTime: warmup?.time ?? 0,
      retainSamples: true,
      throws: true,
    })
    bench.add('round', fn, fnOptions)
    let measureStart = performance.now()
    // tinybench dispatches 'start' after warm-up, just before the measured calls
    bench.addEventListener('start', () => {
      measureStart = performance.now()
    })
    const [task] = await bench.run()
    throwIfStopped(signal, what)
    const result = task?.result
    if (!result || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
      throw new Error(`benchmark round ended in state ${result?.state ?? 'unknown'}`)
    }
    return { samples: result.latency.samples ?? [], measureStart }
  } finally {
    signal?.removeEventListener('abort', forward)
  }
}

/** Longest stretch of measured calls between two chances for the test's timeout to fire. */
const ROUND_MS = 100

/** Lets due timers run (a macrotask turn): the test's timeout can then abort its signal. */
function yieldToTimers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number)
  while (i < a.length) out[k++] = a[i++] as number
  while (j < b.length) out[k++] = b[j++] as number
  return out
}

/**
 * Measures `fn` and returns latency, throughput, memory and CPU statistics.
 *
 * How it runs: `setup`, one first call (timed separately as `firstCallMs`), warm-up (tinybench),
 * then measured rounds through tinybench until the minimum `iterations` and `time` are met and the
 * median's 95 % CI half-width is within `targetRme` — or until `maxTime` of real time has passed,
 * which bounds everything including warm-up (a call already running is not interrupted), or
 * `maxIterations` calls were measured. Each call's output goes through the device sync before
 * the clock stops. Inside a vitest test the result is recorded on the test for the reporter.
 *
 * When its test ends first (timed out, failed, or returned without awaiting it), the benchmark
 * stops — an async `fn` at its next call, a sync one within about 100 ms of calls once its warm-up
 * is done — and rejects
 * with a `StoppedError`; nothing is recorded, on that test or any other.
 */
export async function benchmark(name: string, fn: () => unknown, options: BenchmarkOptions = {}): Promise<BenchmarkResult> {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('benchmark: the first argument must be a non-empty name.')
  if (typeof fn !== 'function') throw new TypeError(`benchmark "${name}": the second argument must be the function to measure.`)
  const opts = resolveOptions(options)
  const device = resolveDevice(options.device)
  const startedAt = new Date()
  const wallStart = performance.now()
  const elapsed = () => performance.now() - wallStart
  // the test this benchmark belongs to: the result is filed there only, and it stops when that test ends
  const target = recordTarget()
  const what = `benchmark "${name}"`

  await options.setup?.()
  let monitor: ResourceMonitor | undefined
  try {
    monitor = new ResourceMonitor(options.memory === false ? false : (options.rssPeakSource ?? 'auto'))
    // First call: tells sync from async (a plain function may return a promise) and costs one call.
    const firstStart = performance.now()
    const modelCalls = watchModelCalls()
    const firstOutput = fn()
    const isAsync = isThenable(firstOutput)
    const output = isAsync ? await firstOutput : firstOutput
    if (device.sync) await device.sync(output)
    const firstCallMs = performance.now() - firstStart
    const usedModels = modelCalls.stop()
    // 'cuda' only when the work can have run there (honest labels in results and baselines)
    const deviceName = await verifiedDeviceName(what, device, usedModels)

    const sync = device.sync
    const timed: () => unknown =
      isAsync || sync
        ? async () => {
            const out = await fn()
            if (sync) await sync(out)
          }
        : () => {
            fn()
          }
    const watcher = monitor
    let warmupIterations = 0
    const fnOptions: FnOptions = {
      async: isAsync || sync !== undefined,
      // outside the timed region: counts warm-up calls and samples heap between measured calls
      afterEach: (mode) => {
        if (mode === 'warmup') warmupIterations++
        else watcher.sample()
      },
    }

    // Warm-up is bounded to a third of maxTime, estimated from the first (cold, so slow) call.
    const perCallGuess = Math.max(firstCallMs, 1e-4)
    const warmupCap = Math.max(opts.warmupIterations > 0 ? 1 : 0, Math.floor(opts.maxTime / 3 / perCallGuess))
    const warmup = {
      iterations: Math.min(opts.warmupIterations, warmupCap),
      time: Math.min(opts.warmupTime, opts.maxTime / 3),
    }

    // in an A/B run the coordinator decides when this side measures, in slices interleaved with
    // the other tree's same benchmark, and for how long (src/ab); warm-up is its too
    const paired = await pairingHook()?.pair(name, functionSliceRunner(fn, { discard: 1, sync }), opts.time)
    let sorted: number[] = paired ? paired.sort((a, b) => a - b) : []
    let costPerCall = perCallGuess
    let stopReason: StopReason = paired ? 'paired' : 'target-rme'
    let measureStart = 0
    for (let round = 0; !paired; round++) {
      if (round > 0) await yieldToTimers()
      throwIfStopped(target.signal, `${what} (after ${sorted.length} measured calls)`)
      const count = sorted.length
      const measured = round === 0 ? 0 : performance.now() - measureStart
      const metMinimums = count >= opts.iterations && measured >= opts.time
      if (metMinimums && medianRelativeMarginSorted(sorted) <= opts.targetRme) break
      if (count >= opts.maxIterations) {
        stopReason = 'max-iterations'
        break
      }
      // The first round also warms up: keep its expected cost out of the affordable calls.
      const warmupCost = round === 0 ? Math.max(warmup.iterations * costPerCall, warmup.time) : 0
      const remaining = opts.maxTime - elapsed() - warmupCost
      if (count > 0 && remaining <= costPerCall) {
        stopReason = 'max-time'
        break
      }
      // Calls still wanted: the minimums first, then doubling for precision; rounds grow ×4 at
      // most so the cost estimate stays fresh, and never overrun the remaining wall time.
      const wanted = metMinimums
        ? count
        : Math.max(opts.iterations - count, Math.ceil((opts.time - measured) / costPerCall))
      const affordable = Math.floor((remaining * 0.9) / costPerCall)
      // a sync fn never lets a timer run inside a round: rounds of at most ROUND_MS let the test's
      // timeout fire (and stop the benchmark) between them
      const slice = Math.floor(ROUND_MS / costPerCall)
      const size = Math.max(1, Math.min(wanted, Math.max(16, 4 * count), affordable, slice, opts.maxIterations - count))
      const { samples, measureStart: started } = await runRound(timed, fnOptions, size, round === 0 ? warmup : undefined, target.signal, what)
      if (round === 0) measureStart = started
      costPerCall = Math.max((performance.now() - started) / samples.length, 1e-5)
      sorted = mergeSorted(sorted, samples)
    }

    const resources = await monitor.stop()
    monitor = undefined
    const latency = summarizeLatency(sorted, options.seed)
    const result: BenchmarkResult = {
      kind: 'benchmark',
      name,
      samples: thinSorted(sorted, options.keepSamples ?? 10_000),
      latency,
      throughput: {
        callsPerSecond: 1000 / latency.mean,
        itemsPerSecond: (1000 * opts.batchSize) / latency.mean,
      },
      iterations: sorted.length,
      warmupIterations,
      batchSize: opts.batchSize,
      firstCallMs,
      outliers: tukeyOutliersSorted(sorted),
      memory: resources.memory,
      ...(resources.pageMemory ? { pageMemory: resources.pageMemory } : {}),
      cpu: resources.cpu,
      device: deviceName,
      env: envFingerprint(),
      wallTimeMs: elapsed(),
      stopReason,
      startedAt: startedAt.toISOString(),
      ...modelFields(options.model, usedModels, firstCallMs),
    }
    throwIfStopped(target.signal, what)
    if (options.record !== false) target.result(result)
    return result
  } finally {
    if (monitor) await monitor.stop()
    await options.teardown?.()
  }
}
