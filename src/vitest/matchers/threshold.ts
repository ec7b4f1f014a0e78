import type { ConfidenceInterval } from '../../analyse/bootstrap.js'

/** A measured value as a matcher sees it. */
export interface Measured {
  value: number
  ci?: ConfidenceInterval
  /** Sample size behind the value (calls, examples). */
  n?: number
}

/** Options every threshold matcher accepts. */
export interface ThresholdOptions {
  /**
   * Assert on the confidence-interval bound instead of the point value: the upper bound for
   * "below" matchers, the lower bound for "above" ones. Only the stored level (0.95) is available.
   */
  confidence?: number
}

/** Describes one threshold matcher; one implementation serves every metric. */
export interface ThresholdSpec<R, O extends ThresholdOptions = ThresholdOptions> {
  /** Matcher name, for error messages. */
  matcher: string
  /** Metric as said in messages, e.g. 'p95 latency'. */
  metric: string
  direction: 'below' | 'above'
  /** Narrows the received value or throws a TypeError saying what was expected. */
  accept(received: unknown, matcher: string): R
  /** What the result is called in messages, e.g. 'benchmark "bert cpu"'. */
  describe(result: R): string
  measure(result: R, options: O): Measured
  parseLimit(limit: unknown): number
  format(value: number): string
}

/** The object vitest expects a matcher to return. */
export interface MatcherOutcome {
  pass: boolean
  message: () => string
  actual?: unknown
  expected?: unknown
}

function formatInterval(ci: ConfidenceInterval, format: (v: number) => string): string {
  return `${Math.round(ci.level * 100)}% CI ${format(ci.lower)} – ${format(ci.upper)}`
}

/** Builds the `(received, limit, options?)` function of a threshold matcher from its spec. */
export function thresholdMatcher<R, O extends ThresholdOptions = ThresholdOptions>(spec: ThresholdSpec<R, O>) {
  return (received: unknown, limit: unknown, options?: O): MatcherOutcome => {
    const result = spec.accept(received, spec.matcher)
    const bound = spec.parseLimit(limit)
    const opts = (options ?? {}) as O
    const measured = spec.measure(result, opts)
    const useBound = opts.confidence !== undefined
    if (useBound) {
      if (!measured.ci) throw new TypeError(`${spec.matcher}: ${spec.describe(result)} has no confidence interval for ${spec.metric}.`)
      if (Math.abs(measured.ci.level - (opts.confidence as number)) > 1e-9) {
        throw new TypeError(
          `${spec.matcher}: only the ${measured.ci.level * 100}% interval is stored; pass { confidence: ${measured.ci.level} } or omit it.`,
        )
      }
    }
    const below = spec.direction === 'below'
    const tested = useBound && measured.ci ? (below ? measured.ci.upper : measured.ci.lower) : measured.value
    if (!Number.isFinite(tested)) {
      throw new TypeError(`${spec.matcher}: ${spec.describe(result)} has no finite ${spec.metric} (got ${tested}).`)
    }
    const pass = below ? tested < bound : tested > bound
    const detail = [
      measured.ci ? formatInterval(measured.ci, spec.format) : undefined,
      measured.n !== undefined ? `n=${measured.n}` : undefined,
    ]
      .filter(Boolean)
      .join(', ')
    const what = `${spec.describe(result)}: ${spec.metric} ${spec.format(measured.value)}${detail ? ` (${detail})` : ''}`
    const on = useBound ? ` (tested: ${below ? 'upper' : 'lower'} CI bound ${spec.format(tested)})` : ''
    return {
      pass,
      message: () =>
        pass
          ? `${what}${on} is ${spec.direction} ${spec.format(bound)}, expected it not to be`
          : `${what}${on} is not ${spec.direction} the limit ${spec.format(bound)}`,
      actual: tested,
      expected: bound,
    }
  }
}
