import { DEFAULT_SEED } from '../analyse/random.js'
import { envFingerprint } from '../measure/fingerprint.js'
import { recordTarget, throwIfStopped } from '../core/sink.js'
import { exclusively } from '../core/pairing.js'
import { parseDuration, type Duration } from '../core/units.js'
import { runClosedLoop } from './closed-loop.js'
import { runOpenLoop } from './open-loop.js'
import { LevelRecorder } from './outcomes.js'
import type { PhaseBounds, PhaseContext } from './send.js'
import { maxThroughputWithinSlo, meetsSlo, parseGoodput, parseSlo, type GoodputSlo, type LoadSlo } from './slo.js'
import { openDispatcher, type LoadTarget } from './target.js'
import type { LoadLevelResult, LoadMode, LoadTestResult } from '../results/load-test.js'

/** Options of {@link loadTest}. Give exactly one of `concurrency` and `rate`. */
export interface LoadTestOptions<I = number> {
  /** Name of the result [derived from the target]. */
  name?: string
  /** Closed loop: numbers of virtual users, one level each. */
  concurrency?: number | readonly number[]
  /** Open loop: Poisson arrival rates in requests per second, one level each. */
  rate?: number | readonly number[]
  /** Measured time per level ['2s' when `requests` is not given]. */
  duration?: Duration
  /** Requests per level; with `duration` too, whichever is reached first ends the level. */
  requests?: number
  /** Load applied before each level's measurement, at the same level, and discarded [{ duration: '250ms' }]. */
  warmup?: { duration?: Duration; requests?: number } | false
  /** Service-level objective for `maxThroughputWithinSlo`, e.g. `{ p99: '50ms' }` or, for a generator, `{ ttftP99: '50ms' }`. */
  slo?: LoadSlo
  /** Per-request limits for each level's goodput (requests/s meeting all of them), e.g. `{ ttft: '50ms', tpot: '10ms' }`. */
  goodput?: GoodputSlo
  /** A request not settled after this long fails as timed out ['30s']. */
  timeout?: Duration
  /**
   * Request inputs: an array (cycled) or a function of the request index. Worker-pool inputs are
   * structured-cloned. [the request index]
   */
  input?: readonly I[] | ((index: number) => I)
  /** Open loop: arrivals while this many requests are outstanding are dropped and counted as errors [10,000]. */
  maxInFlight?: number
  /** Seed of the arrival schedule and the bootstrap intervals [fixed]. */
  seed?: number
  /** Record the result on the current vitest test [true]. */
  record?: boolean
}

interface Plan {
  mode: LoadMode
  levels: number[]
  measure: PhaseBounds
  warmup: PhaseBounds | null
  timeoutMs: number
  maxInFlight: number
}

function levelList(name: string, value: number | readonly number[], integer: boolean): number[] {
  const list = typeof value === 'number' ? [value] : [...value]
  if (list.length === 0) throw new TypeError(`loadTest: ${name} needs at least one level.`)
  for (const v of list) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0) || (integer && !Number.isInteger(v))) {
      throw new TypeError(`loadTest: every ${name} level must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(v)}.`)
    }
  }
  return list
}

function bounds(option: string, duration: Duration | undefined, requests: number | undefined): PhaseBounds {
  const out: PhaseBounds = {}
  if (duration !== undefined) out.durationMs = parseDuration(duration, option === 'requests' ? 'duration' : 'warmup.duration')
  if (requests !== undefined) {
    if (!Number.isInteger(requests) || requests < 1) throw new TypeError(`loadTest: ${option} must be a positive integer, got ${requests}.`)
    out.requests = requests
  }
  return out
}

function plan<I>(options: LoadTestOptions<I>): Plan {
  if ((options.concurrency === undefined) === (options.rate === undefined)) {
    throw new TypeError('loadTest: give exactly one of `concurrency` (closed loop, e.g. [1, 2, 4]) or `rate` (open loop, requests/s, e.g. [50, 100]).')
  }
  const mode: LoadMode = options.concurrency !== undefined ? 'closed' : 'open'
  const levels =
    options.concurrency !== undefined ? levelList('concurrency', options.concurrency, true) : levelList('rate', options.rate ?? [], false)
  const measure = bounds('requests', options.duration ?? (options.requests === undefined ? '2s' : undefined), options.requests)
  const warmupOption = options.warmup === undefined ? { duration: '250ms' as const } : options.warmup
  const warmup = warmupOption === false ? null : bounds('warmup.requests', warmupOption.duration, warmupOption.requests)
  const maxInFlight = options.maxInFlight ?? 10_000
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new TypeError(`loadTest: maxInFlight must be a positive integer, got ${maxInFlight}.`)
  return {
    mode,
    levels,
    measure,
    // a zero-length warm-up is no warm-up
    warmup: warmup && (warmup.durationMs || warmup.requests) ? warmup : null,
    timeoutMs: parseDuration(options.timeout ?? '30s', 'timeout'),
    maxInFlight,
  }
}

function inputFor<I>(input: LoadTestOptions<I>['input']): (index: number) => I {
  if (input === undefined) return (index) => index as I
  if (typeof input === 'function') return input
  const list = input as readonly I[]
  if (list.length === 0) throw new TypeError('loadTest: input is an empty array; give at least one request input.')
  return (index) => list[index % list.length] as I
}

/**
 * Applies load to a target at several levels and measures throughput, latency and errors at each.
 *
 * Closed loop (`concurrency`): N virtual users send requests back-to-back. Open loop (`rate`):
 * requests arrive as a seeded Poisson process and latency counts from each scheduled arrival, so
 * queueing is visible. Each level gets a warm-up at the same load, then its measured window,
 * bounded by `duration` and/or `requests`; requests in flight at the end are awaited. Failed
 * requests are counted by message and never abort the run. With an `slo`, the result names the
 * level with the highest throughput that met it. Inside a vitest test the result is recorded.
 */
export async function loadTest<I = number>(target: LoadTarget<I>, options: LoadTestOptions<I>): Promise<LoadTestResult> {
  // load cannot be sliced: in an A/B run the other tree's side waits until this one is done
  return exclusively('loadTest', () => measureLoad(target, options))
}

async function measureLoad<I>(target: LoadTarget<I>, options: LoadTestOptions<I>): Promise<LoadTestResult> {
  const steps = plan(options)
  const slo = options.slo === undefined ? undefined : parseSlo(options.slo)
  const goodput = options.goodput === undefined ? undefined : parseGoodput(options.goodput)
  const input = inputFor(options.input)
  const startedAt = new Date().toISOString()
  // the test it runs in: the load stops when that test ends, and the result is filed there only
  const recording = recordTarget()
  const stop = recording.signal
  const what = 'loadTest'
  const dispatcher = await openDispatcher(target, steps.mode === 'closed' ? Math.max(...steps.levels) : null, stop)
  const context: PhaseContext<I> = { dispatcher, input, timeoutMs: steps.timeoutMs, stop }
  const run = (level: number, phase: PhaseBounds, recorder: LevelRecorder, seed: number) =>
    steps.mode === 'closed'
      ? runClosedLoop(context, level, phase, recorder)
      : runOpenLoop(context, level, phase, recorder, { maxInFlight: steps.maxInFlight, seed })

  const levels: LoadLevelResult[] = []
  try {
    for (const [i, level] of steps.levels.entries()) {
      // distinct arrival schedules per level and phase, all reproducible from the one seed
      const seed = (options.seed ?? DEFAULT_SEED) + 2 * i
      if (steps.warmup) await run(level, steps.warmup, new LevelRecorder(), seed + 1)
      throwIfStopped(stop, `${what} (level ${level})`)
      const recorder = new LevelRecorder(goodput)
      const durationMs = await run(level, steps.measure, recorder, seed)
      throwIfStopped(stop, `${what} (level ${level})`)
      const summary = recorder.summarize(steps.mode === 'closed' ? { concurrency: level } : { rate: level }, durationMs, options.seed)
      if (slo) summary.withinSlo = meetsSlo(summary, slo)
      levels.push(summary)
    }
  } finally {
    await dispatcher.close()
  }

  const result: LoadTestResult = {
    kind: 'load-test',
    name: options.name ?? dispatcher.defaultName,
    mode: steps.mode,
    target: dispatcher.info,
    levels,
    ...(slo ? { slo } : {}),
    maxThroughputWithinSlo: slo ? maxThroughputWithinSlo(levels, slo, steps.mode) : null,
    ...(goodput ? { goodput } : {}),
    env: envFingerprint(),
    startedAt,
  }
  if (options.record !== false) recording.result(result)
  return result
}
