/**
 * The recording sink. Result producers (`benchmark`, `evaluate`, …) and the baseline matcher hand
 * what they record to it; whoever runs them decides where it goes. The setup file that vitest-ml-bench
 * adds to vitest installs a sink that files records on the running test, for the gate and the
 * reporter. With no sink installed (a plain script) recording does nothing.
 */

/** What a sink accepts as a result: any vitest-ml-bench result (each has a kind and a name). */
export interface RecordedResult {
  kind: string
  name: string
}

/** An explicit `toBeWithinBaseline` check of one result: which metrics, with which thresholds. */
export interface RecordedCheck {
  /** Metric ids or rule names it asserted; ['*'] for all of them. */
  metrics: string[]
  /** Per-metric thresholds it asked for (tolerance as a fraction, alpha as a level), by metric id or rule name. */
  overrides: Record<string, { tolerance?: number; alpha?: number }>
}

/**
 * The test a producer runs in, captured when the producer starts: its result is filed there and
 * nowhere else, and the producer stops once that test has ended (passed, failed or timed out).
 */
export interface RecordTarget {
  /** Aborted when the test ends, fails or times out; undefined outside a test. */
  readonly signal: AbortSignal | undefined
  /** Files `result` on the test; false (and nothing filed) when it has ended or there is no test. */
  result(result: RecordedResult): boolean
}

/** Where records go. Each method returns false when there is nowhere to file the record. */
export interface RecordSink {
  result(result: RecordedResult): boolean
  check(resultName: string, check: RecordedCheck): boolean
  /** The running test as a target; undefined outside a test. A sink without it gets each result through `result` when the producer ends. */
  target?(): RecordTarget | undefined
}

// On globalThis, not in a module variable: a setup file and a bench file can load this package
// through different paths (source and build, or two copies), and must still share one sink.
const SINK = Symbol.for('vitest-ml-bench.sink')
type SinkHolder = { [SINK]?: RecordSink }

/** Installs the sink every later record goes to (undefined: none, records are dropped). */
export function installSink(sink: RecordSink | undefined): void {
  ;(globalThis as SinkHolder)[SINK] = sink
}

/**
 * Records `result` for the reporter and the baselines: inside a vitest test run by the plugin (or
 * with `vitest-ml-bench/matchers` in `setupFiles`) it is filed on that test. Returns false when
 * nothing took it (outside a test, or no sink installed). The producers call this themselves
 * unless given `record: false`.
 */
export function recordResult(result: RecordedResult): boolean {
  return (globalThis as SinkHolder)[SINK]?.result(result) ?? false
}

const UNTARGETED: RecordTarget = { signal: undefined, result: (result) => recordResult(result) }

/**
 * The test running now, for a producer to capture when it starts (see {@link RecordTarget}): a
 * long benchmark whose test timed out must neither keep running into the next test nor have its
 * result filed there.
 */
export function recordTarget(): RecordTarget {
  return (globalThis as SinkHolder)[SINK]?.target?.() ?? UNTARGETED
}

/** Thrown by a producer whose test ended while it ran: its result is discarded, never recorded. */
export class StoppedError extends Error {
  constructor(what: string, reason: unknown) {
    const why = reason instanceof Error ? reason.message.split('\n')[0] : reason === undefined ? 'aborted' : String(reason)
    super(`${what} stopped: its test ended before it finished (${why}); the partial result is discarded and not recorded.`)
    this.name = 'StoppedError'
  }
}

/** Throws {@link StoppedError} when `signal` is aborted (the producer's test has ended). */
export function throwIfStopped(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new StoppedError(what, signal.reason)
}

/** Records an explicit baseline check of the result named `resultName` (see {@link RecordedCheck}). */
export function recordCheck(resultName: string, check: RecordedCheck): boolean {
  return (globalThis as SinkHolder)[SINK]?.check(resultName, check) ?? false
}
