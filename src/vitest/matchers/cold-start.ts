import type { BenchmarkResult } from '../../results/benchmark.js'
import type { ColdStart } from '../../results/benchmark.js'
import { formatDuration, parseDuration } from '../../core/units.js'
import { acceptBenchmarkResult, describeBenchmark } from './benchmark-result.js'
import { thresholdMatcher, type MatcherOutcome, type ThresholdOptions, type ThresholdSpec } from './threshold.js'

/** Which part of the cold start `toHaveColdStartBelow` asserts on. */
export type ColdStartPart = 'total' | 'load' | 'firstInference'

/** Options of `toHaveColdStartBelow`. */
export interface ColdStartOptions extends ThresholdOptions {
  /** 'total' (load + first inference: the time to the first answer), 'load', or 'firstInference' ['total']. */
  part?: ColdStartPart
}

type WithColdStart = BenchmarkResult & { coldStart: ColdStart }

const METRIC: Record<ColdStartPart, string> = {
  total: 'cold start (load + first inference)',
  load: 'model load time',
  firstInference: 'first inference latency',
}

function acceptColdStart(received: unknown, matcher: string): WithColdStart {
  const result = acceptBenchmarkResult(received, matcher)
  if (!result.coldStart) {
    throw new TypeError(
      `${matcher}: ${describeBenchmark(result)} has no cold-start measurement. It is recorded when the benchmarked ` +
        'function calls a model loaded with loadOnnx() or loadPipeline() (exactly one model in its first call).',
    )
  }
  return result as WithColdStart
}

function coldStartValue(result: WithColdStart, part: ColdStartPart): number {
  const { loadMs, firstInferenceMs } = result.coldStart
  if (part === 'load') return loadMs
  if (firstInferenceMs === null) {
    throw new TypeError(
      `toHaveColdStartBelow: ${describeBenchmark(result)} did not see the model's first inference (the model had run before the benchmark). ` +
        "Benchmark the model right after loading it, or assert on { part: 'load' }.",
    )
  }
  return part === 'total' ? loadMs + firstInferenceMs : firstInferenceMs
}

function spec(part: ColdStartPart): ThresholdSpec<WithColdStart, ColdStartOptions> {
  return {
    matcher: 'toHaveColdStartBelow',
    metric: METRIC[part],
    direction: 'below',
    accept: acceptColdStart,
    describe: describeBenchmark,
    measure: (r) => ({ value: coldStartValue(r, part) }),
    parseLimit: (limit) => parseDuration(limit as string),
    format: formatDuration,
  }
}

const byPart = {
  total: thresholdMatcher(spec('total')),
  load: thresholdMatcher(spec('load')),
  firstInference: thresholdMatcher(spec('firstInference')),
}

/** The cold-start matcher: `expect(result).toHaveColdStartBelow('2s', { part })`. */
export const coldStartMatchers = {
  toHaveColdStartBelow(received: unknown, limit: unknown, options?: ColdStartOptions): MatcherOutcome {
    const part = options?.part ?? 'total'
    if (!Object.hasOwn(byPart, part)) {
      throw new TypeError(`toHaveColdStartBelow: part must be 'total', 'load' or 'firstInference', got ${JSON.stringify(part)}.`)
    }
    return byPart[part](received, limit, options)
  },
}
