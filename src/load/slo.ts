import { parseDuration, parseFraction, type Duration, type Fraction } from '../core/units.js'
import type { GoodputLimits, LoadLevelResult, LoadMode, LoadSloLimits, LoadTestResult } from '../results/load-test.js'

/** A service-level objective as users write it: latency limits with units, e.g. `{ p99: '50ms' }`. */
export interface LoadSlo {
  p50?: Duration
  p95?: Duration
  p99?: Duration
  mean?: Duration
  /** Generation targets: the level's time-to-first-token p99 must be below this. */
  ttftP99?: Duration
  /** Generation targets: the level's time-per-output-token p99 must be below this. */
  tpotP99?: Duration
  /** Highest acceptable error rate, 0.01 or '1%' [0: any failed request breaks the SLO]. */
  errorRate?: Fraction
}

/** Per-request limits for goodput (DistServe's and vLLM's sense): a request counts only when it meets every one given. */
export interface GoodputSlo {
  /** Time to first token. */
  ttft?: Duration
  /** Time per output token. */
  tpot?: Duration
  /** End-to-end latency. */
  e2e?: Duration
}

const LATENCY_KEYS = ['p50', 'p95', 'p99', 'mean'] as const
const TOKEN_KEYS = ['ttftP99', 'tpotP99'] as const

/** Validates and converts an SLO to milliseconds and a fraction. */
export function parseSlo(slo: LoadSlo): LoadSloLimits {
  if (typeof slo !== 'object' || slo === null) throw new TypeError(`loadTest: slo must be an object such as { p99: '50ms' }, got ${JSON.stringify(slo)}.`)
  const known = new Set<string>([...LATENCY_KEYS, ...TOKEN_KEYS, 'errorRate'])
  for (const key of Object.keys(slo)) {
    if (!known.has(key)) throw new TypeError(`loadTest: unknown slo key "${key}". Use ${[...known].join(', ')}.`)
  }
  const limits: LoadSloLimits = { errorRate: slo.errorRate === undefined ? 0 : parseFraction(slo.errorRate, 'slo.errorRate') }
  if (!(limits.errorRate >= 0 && limits.errorRate <= 1)) throw new RangeError(`loadTest: slo.errorRate must be between 0 and 1, got ${limits.errorRate}.`)
  for (const key of [...LATENCY_KEYS, ...TOKEN_KEYS]) {
    const value = slo[key]
    if (value !== undefined) limits[key] = parseDuration(value, `slo.${key}`)
  }
  return limits
}

/** Validates and converts goodput limits to milliseconds. */
export function parseGoodput(goodput: GoodputSlo): GoodputLimits {
  if (typeof goodput !== 'object' || goodput === null) throw new TypeError(`loadTest: goodput must be an object such as { ttft: '50ms', tpot: '10ms' }, got ${JSON.stringify(goodput)}.`)
  const limits: GoodputLimits = {}
  for (const key of Object.keys(goodput)) {
    if (key !== 'ttft' && key !== 'tpot' && key !== 'e2e') throw new TypeError(`loadTest: unknown goodput key "${key}". Use ttft, tpot, e2e.`)
    limits[key] = parseDuration(goodput[key] as Duration, `goodput.${key}`)
  }
  if (Object.keys(limits).length === 0) throw new TypeError('loadTest: goodput needs at least one limit: ttft, tpot or e2e.')
  return limits
}

/** True when a level's latency (of completed requests) and error rate are all within the limits. */
export function meetsSlo(level: LoadLevelResult, limits: LoadSloLimits): boolean {
  if (level.latency === null || level.errorRate > limits.errorRate) return false
  const latency = level.latency
  const tokenP99 = { ttftP99: level.tokens?.ttft.p99, tpotP99: level.tokens?.tpot?.p99 }
  return (
    LATENCY_KEYS.every((key) => limits[key] === undefined || latency[key] <= (limits[key] as number)) &&
    // a limit on token times fails a level that has none (not a generation target)
    TOKEN_KEYS.every((key) => limits[key] === undefined || (tokenP99[key] !== undefined && (tokenP99[key] as number) <= (limits[key] as number)))
  )
}

/** The value that identifies a level: its concurrency (closed loop) or offered rate (open loop). */
export function levelValue(level: LoadLevelResult, mode: LoadMode): number {
  return (mode === 'closed' ? level.concurrency : level.rate) ?? Number.NaN
}

/** Among the levels meeting the SLO, the one with the highest throughput; null if none does. */
export function maxThroughputWithinSlo(
  levels: readonly LoadLevelResult[],
  limits: LoadSloLimits,
  mode: LoadMode,
): LoadTestResult['maxThroughputWithinSlo'] {
  let best: LoadTestResult['maxThroughputWithinSlo'] = null
  for (const level of levels) {
    if (meetsSlo(level, limits) && (best === null || level.throughput > best.throughput)) {
      best = { level: levelValue(level, mode), throughput: level.throughput }
    }
  }
  return best
}
