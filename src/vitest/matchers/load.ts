import { levelValue } from '../../load/slo.js'
import type { LoadLevelResult, LoadTestResult } from '../../results/load-test.js'
import { formatDuration, formatPercent, formatRate, parseDuration, parseFraction, type Duration } from '../../core/units.js'
import { acceptKind, parseRateLimit, thresholdMatcher, type MatcherOutcome, type ThresholdOptions } from './threshold.js'

/** Options of `toSustainThroughput`. */
export interface SustainThroughputOptions extends ThresholdOptions {
  /** Only levels whose p99 latency is below this count ['any latency']. */
  p99Below?: Duration
  /** Generators: only levels whose time-to-first-token p99 is below this count. */
  ttftP99Below?: Duration
  /** Generators: only levels whose time-per-output-token p99 is below this count. */
  tpotP99Below?: Duration
}

const acceptLoadTest = acceptKind<LoadTestResult>('load-test', 'loadTest')

function levelLabel(result: LoadTestResult, level: LoadLevelResult): string {
  const value = levelValue(level, result.mode)
  return result.mode === 'closed' ? `concurrency ${value}` : `rate ${value}/s`
}

function describeLoadTest(result: LoadTestResult): string {
  return `load test "${result.name}"`
}

/** `toSustainThroughput(perSecond, { p99Below })`: some level served more than `perSecond` with p99 below the limit. */
function toSustainThroughput(received: unknown, perSecond: unknown, options?: SustainThroughputOptions): MatcherOutcome {
  const matcher = 'toSustainThroughput'
  const result = acceptLoadTest(received, matcher)
  const limitOf = (value: Duration | undefined) => (value === undefined ? undefined : parseDuration(value))
  // each limit with what it reads at a level (undefined: the level has no such figure, so it does not qualify)
  const limits = [
    { name: 'p99', limit: limitOf(options?.p99Below), at: (l: LoadLevelResult) => l.latency?.p99 },
    { name: 'TTFT p99', limit: limitOf(options?.ttftP99Below), at: (l: LoadLevelResult) => l.tokens?.ttft.p99 },
    { name: 'TPOT p99', limit: limitOf(options?.tpotP99Below), at: (l: LoadLevelResult) => l.tokens?.tpot?.p99 },
  ].filter((c): c is typeof c & { limit: number } => c.limit !== undefined)
  const eligible = result.levels.filter((l) => l.latency !== null && limits.every((c) => (c.at(l) ?? Number.POSITIVE_INFINITY) < c.limit))
  const best = eligible.reduce<LoadLevelResult | undefined>((a, b) => (a && a.throughput >= b.throughput ? a : b), undefined)
  const within = limits.length === 0 ? '' : ` with ${limits.map((c) => `${c.name} below ${formatDuration(c.limit)}`).join(' and ')}`
  return thresholdMatcher<LoadTestResult>({
    matcher,
    metric: best ? `best throughput${within} (${levelLabel(result, best)})` : `throughput${within} (no level qualified)`,
    direction: 'above',
    accept: acceptLoadTest,
    describe: describeLoadTest,
    measure: () => ({ value: best?.throughput ?? 0, ...(best ? { n: best.completed } : {}) }),
    parseLimit: parseRateLimit(matcher, 'requests'),
    format: formatRate,
  })(result, perSecond, options)
}

/** `toHaveGoodputAbove(perSecond)`: some level's goodput (requests/s meeting every `goodput` limit) is above `perSecond`. */
function toHaveGoodputAbove(received: unknown, perSecond: unknown, options?: ThresholdOptions): MatcherOutcome {
  const matcher = 'toHaveGoodputAbove'
  const result = acceptLoadTest(received, matcher)
  if (!result.goodput) throw new TypeError(`${matcher}: ${describeLoadTest(result)} was run without goodput limits; pass loadTest(…, { goodput: { ttft: '50ms', tpot: '10ms' } }).`)
  const best = result.levels.reduce<LoadLevelResult | undefined>((a, b) => (a && (a.goodput ?? 0) >= (b.goodput ?? 0) ? a : b), undefined)
  return thresholdMatcher<LoadTestResult>({
    matcher,
    metric: best ? `best goodput (${levelLabel(result, best)})` : 'goodput',
    direction: 'above',
    accept: acceptLoadTest,
    describe: describeLoadTest,
    measure: () => ({ value: best?.goodput ?? 0, ...(best ? { n: best.completed } : {}) }),
    parseLimit: parseRateLimit(matcher, 'requests'),
    format: formatRate,
  })(result, perSecond, options)
}

/** `toHaveErrorRateBelow(x)`: every level's error rate is below `x` (a fraction or '1%'). */
function toHaveErrorRateBelow(received: unknown, limit: unknown, options?: ThresholdOptions): MatcherOutcome {
  const matcher = 'toHaveErrorRateBelow'
  const result = acceptLoadTest(received, matcher)
  const worst = result.levels.reduce<LoadLevelResult | undefined>((a, b) => (a && a.errorRate >= b.errorRate ? a : b), undefined)
  const top = worst?.errorMessages[0]
  const because = top ? `; most frequent: "${top.message}" ×${top.count}` : ''
  return thresholdMatcher<LoadTestResult>({
    matcher,
    metric: worst ? `error rate at its worst level (${levelLabel(result, worst)}, ${worst.errors} of ${worst.requests} failed${because})` : 'error rate',
    direction: 'below',
    accept: acceptLoadTest,
    describe: describeLoadTest,
    measure: () => ({ value: worst?.errorRate ?? Number.NaN, ...(worst ? { n: worst.requests } : {}) }),
    parseLimit: (value) => {
      const fraction = parseFraction(value as string)
      if (fraction < 0 || fraction > 1) throw new TypeError(`${matcher}: the limit is a fraction between 0 and 1 (or '1%'), got ${JSON.stringify(value)}.`)
      return fraction
    },
    format: formatPercent,
  })(result, limit, options)
}

/** Load-test matchers, keyed by matcher name. */
export const loadMatchers = {
  toSustainThroughput,
  toHaveGoodputAbove,
  toHaveErrorRateBelow,
}
