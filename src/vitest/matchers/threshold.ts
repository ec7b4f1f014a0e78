import { formatInterval } from '../../../reporters/text/interval.js'
import { formatPercent } from '../../core/units.js'

/** A measured value as a matcher sees it. */
export interface Measured {
  value: number
  /** Its stored two-sided interval; a bound is null where the data cannot give it. */
  ci?: { lower: number | null; upper: number | null; level: number }
  /** Sample size behind the value (calls, examples). */
  n?: number
  /**
   * A one-sided confidence bound at any level, computed from the samples (latency percentiles);
   * null when n is too small, with the calls it would take. Preferred over `ci` for `{ confidence }`.
   */
  bound?(confidence: number, side: 'upper' | 'lower'): { value: number | null; needed: number }
}

/** Options every threshold matcher accepts. */
export interface ThresholdOptions {
  /**
   * Assert on a confidence bound instead of the point value: the upper bound for "below" matchers,
   * the lower bound for "above" ones. Latency percentiles take any level (an exact one-sided
   * order-statistic bound; too few calls for it fail, saying how many it needs); other metrics
   * only their stored level, 0.95 (the bound of the two-sided interval: conservative).
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
  /** Why `limit` cannot be judged on this result (e.g. finer than its clock), or undefined. */
  refuse?(result: R, limit: number): string | undefined
}

/** The object vitest expects a matcher to return. */
export interface MatcherOutcome {
  pass: boolean
  message: () => string
  actual?: unknown
  expected?: unknown
}

/**
 * A matcher's `accept` for results of one kind: narrows `received` to it, or says what was
 * expected (an unawaited promise, another kind of result, anything else).
 */
export function acceptKind<R extends { kind: string }>(kind: R['kind'], producer: string): (received: unknown, matcher: string) => R {
  return (received, matcher) => {
    if (received instanceof Promise) {
      throw new TypeError(`${matcher}: received a Promise. Await it first: expect(await ${producer}(...)).${matcher}(...)`)
    }
    const got = typeof received === 'object' && received !== null ? (received as { kind?: unknown }).kind : undefined
    if (got === kind) return received as R
    throw new TypeError(`${matcher}: expected the result of ${producer}(), got ${got !== undefined ? `a ${String(got)} result` : JSON.stringify(received) ?? typeof received}.`)
  }
}

/** A rate limit (items or requests per second): a number ≥ 0, or a TypeError naming the matcher. */
export function parseRateLimit(matcher: string, unit: 'items' | 'requests' | 'tokens'): (limit: unknown) => number {
  return (limit) => {
    if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 0) {
      throw new TypeError(`${matcher}: the limit is ${unit} per second as a number ≥ 0, got ${JSON.stringify(limit)}.`)
    }
    return limit
  }
}

/**
 * Items per second measured from calls of `batchSize` items: the value, and the interval mapped
 * from the mean latency's (items/s = batchSize·1000/mean, so the bounds swap).
 */
export function measureItemsPerSecond(itemsPerSecond: number, batchSize: number, meanCi: { lower: number; upper: number; level: number }, n: number): Measured {
  const perMs = 1000 * batchSize
  return { value: itemsPerSecond, ci: { lower: perMs / meanCi.upper, upper: perMs / meanCi.lower, level: meanCi.level }, n }
}

function formatCi(ci: NonNullable<Measured['ci']>, format: (v: number) => string): string {
  return `${formatPercent(ci.level)} CI ${formatInterval(ci, format)}`
}

/** Builds the `(received, limit, options?)` function of a threshold matcher from its spec. */
export function thresholdMatcher<R, O extends ThresholdOptions = ThresholdOptions>(spec: ThresholdSpec<R, O>) {
  return (received: unknown, limit: unknown, options?: O): MatcherOutcome => {
    const result = spec.accept(received, spec.matcher)
    const bound = spec.parseLimit(limit)
    const refusal = spec.refuse?.(result, bound)
    if (refusal) throw new TypeError(`${spec.matcher}: ${refusal}`)
    const opts = (options ?? {}) as O
    const measured = spec.measure(result, opts)
    const below = spec.direction === 'below'
    const side = below ? 'upper' : 'lower'
    const confidence = opts.confidence
    let tested: number | null = measured.value
    let needed: number | undefined
    if (confidence !== undefined) {
      if (!(confidence > 0 && confidence < 1)) throw new TypeError(`${spec.matcher}: confidence must be between 0 and 1, got ${confidence}.`)
      if (measured.bound) {
        const b = measured.bound(confidence, side)
        tested = b.value
        needed = b.needed
      } else {
        if (!measured.ci) throw new TypeError(`${spec.matcher}: ${spec.describe(result)} has no confidence interval for ${spec.metric}.`)
        if (Math.abs(measured.ci.level - confidence) > 1e-9) {
          throw new TypeError(
            `${spec.matcher}: only the ${measured.ci.level * 100}% interval is stored; pass { confidence: ${measured.ci.level} } or omit it.`,
          )
        }
        tested = below ? measured.ci.upper : measured.ci.lower
      }
    }
    const detail = [
      measured.ci ? formatCi(measured.ci, spec.format) : undefined,
      measured.n !== undefined ? `n=${measured.n}` : undefined,
    ]
      .filter(Boolean)
      .join(', ')
    const what = `${spec.describe(result)}: ${spec.metric} ${spec.format(measured.value)}${detail ? ` (${detail})` : ''}`
    if (tested === null) {
      // too few samples for a bound at this level: the assertion cannot pass, and says what would
      const pct = `${Number(((confidence as number) * 100).toPrecision(4))} %`
      const calls = needed === undefined ? 'more data' : `≥ ${needed} calls`
      const made = measured.n === undefined ? '' : `; this run made ${measured.n}`
      return {
        pass: false,
        message: () => `${what}: a ${pct} ${side} bound on ${spec.metric} needs ${calls}${made}. Raise the benchmark's iterations, or assert on the point value.`,
        actual: null,
        expected: bound,
      }
    }
    if (!Number.isFinite(tested)) {
      throw new TypeError(`${spec.matcher}: ${spec.describe(result)} has no finite ${spec.metric} (got ${tested}).`)
    }
    const pass = below ? tested < bound : tested > bound
    const on = confidence !== undefined ? ` (tested: ${Number((confidence * 100).toPrecision(4))} % ${side} bound ${spec.format(tested)})` : ''
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
