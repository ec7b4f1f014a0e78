import type { BenchOptions, Fn, FnOptions } from 'tinybench'
import type { BenchmarkOptions } from '../../measure/benchmark.js'

/** vitest-ml-bench options of one benchmark, passed as `bench(name, { mlBench: {…} }, fn)`. */
export type MlBenchFnOptions = Omit<BenchmarkOptions, 'setup' | 'teardown' | 'record'>

/** Per-benchmark options of Vitest 5's `bench(name, options, fn)`: tinybench's, plus ours. */
export interface VitestBenchFnOptions extends FnOptions {
  /** vitest-ml-bench options of this benchmark (used by the vitest-ml-bench provider). */
  mlBench?: MlBenchFnOptions
}

/** A benchmark registered with Vitest 5's `bench` fixture, as a provider receives it. */
export interface VitestBenchRegistration {
  name: string
  fn: Fn
  fnOpts?: VitestBenchFnOptions
}

// tinybench options that have no meaning for a runner that times one call at a time on its own clock
const UNSUPPORTED_RUN_OPTIONS = ['concurrency', 'now', 'timestampProvider'] as const
const UNSUPPORTED_FN_OPTIONS = ['beforeEach', 'afterEach'] as const

/** One function running `hooks` in order, or undefined when there are none. */
function chain(name: string, hooks: readonly unknown[]): (() => Promise<void>) | undefined {
  const present = hooks.filter((hook) => hook !== undefined)
  if (present.length === 0) return undefined
  for (const hook of present) {
    if (typeof hook !== 'function') throw new TypeError(`benchmark "${name}": a hook must be a function, got ${typeof hook}.`)
  }
  const fns = present as Array<() => unknown>
  return async () => {
    for (const fn of fns) await fn()
  }
}

/**
 * The `benchmark()` options for a Vitest 5 bench registration and the run options of
 * `.run(options)` / `bench.compare(…, options)`. tinybench's `time`, `iterations` and warm-up
 * map onto ours (same meaning: minimums); `setup`/`beforeAll` run once before and
 * `afterAll`/`teardown` once after, outside the timed region, without a task argument. Our own
 * options come from `fnOpts.mlBench` and win over the run options. Per-call hooks, concurrency and
 * custom clocks are refused with an error rather than silently ignored.
 */
export function benchmarkOptionsFor(registration: VitestBenchRegistration, run: BenchOptions = {}): BenchmarkOptions {
  const { name } = registration
  const fnOpts = registration.fnOpts ?? {}
  for (const key of UNSUPPORTED_RUN_OPTIONS) {
    if (run[key] !== undefined) {
      throw new TypeError(`benchmark "${name}": the vitest-ml-bench provider does not support the run option "${key}" (it times one call at a time on its own clock). Remove it, or use Vitest's built-in provider.`)
    }
  }
  for (const key of UNSUPPORTED_FN_OPTIONS) {
    if (fnOpts[key] !== undefined) {
      throw new TypeError(`benchmark "${name}": the vitest-ml-bench provider does not support per-call hooks ("${key}"). Move that work into beforeAll/afterAll (run once, untimed) or into the benchmarked function.`)
    }
  }
  const fromRun: BenchmarkOptions = {}
  if (run.time !== undefined) fromRun.time = run.time
  if (run.iterations !== undefined) fromRun.iterations = run.iterations
  if (run.warmup === false) fromRun.warmup = false
  else if (run.warmupIterations !== undefined || run.warmupTime !== undefined) {
    fromRun.warmup = { iterations: run.warmupIterations, time: run.warmupTime }
  }
  const setup = chain(name, [run.setup, fnOpts.beforeAll])
  const teardown = chain(name, [fnOpts.afterAll, run.teardown])
  return {
    ...fromRun,
    ...fnOpts.mlBench,
    ...(setup ? { setup } : {}),
    ...(teardown ? { teardown } : {}),
  }
}

declare module 'vitest' {
  // Types `bench(name, { mlBench: {…} }, fn)` on Vitest 5; on Vitest 4, which has no bench
  // fixture, this declares an interface nothing uses.
  interface BenchFnOptions {
    mlBench?: MlBenchFnOptions
  }
}
