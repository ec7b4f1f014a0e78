import type { LatencyStats } from '../../analyse/latency.js'
import { quantileLowerBound, quantileUpperBound, samplesForBound } from '../../analyse/quantile-bounds.js'
import { sortAscending } from '../../analyse/stats.js'
import { formatDuration, formatRate, parseDuration } from '../../core/units.js'
import type { GenerationRequest, GenerationResult } from '../../results/generation.js'
import { acceptKind, parseRateLimit, thresholdMatcher, type Measured, type ThresholdOptions, type ThresholdSpec } from './threshold.js'

/** Options of the TTFT and TPOT matchers. */
export interface TokenLatencyOptions extends ThresholdOptions {
  /** Which percentile over requests to check ['p50']. */
  percentile?: 'p50' | 'p95' | 'p99'
}

const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const

const acceptGeneration = acceptKind<GenerationResult>('generation', 'benchmarkGeneration')
const describeGeneration = (r: GenerationResult) => `generation benchmark "${r.name}"`

/** A percentile of per-request times with its interval, and exact one-sided bounds from the requests. */
function measurePercentile(stats: LatencyStats, values: number[], percentile: TokenLatencyOptions['percentile'] = 'p50'): Measured {
  if (!Object.hasOwn(QUANTILES, percentile)) throw new TypeError(`percentile must be 'p50', 'p95' or 'p99', got ${JSON.stringify(percentile)}.`)
  const q = QUANTILES[percentile]
  const sorted = sortAscending(values)
  return {
    value: stats[percentile],
    ci: stats.ci[percentile],
    n: sorted.length,
    bound: (confidence, side) => ({
      value: side === 'upper' ? quantileUpperBound(sorted, q, confidence) : quantileLowerBound(sorted, q, confidence),
      needed: samplesForBound(q, confidence, side),
    }),
  }
}

function tokenLatencySpec(matcher: string, metric: string, pick: (r: GenerationResult) => [LatencyStats, number[]]): ThresholdSpec<GenerationResult, TokenLatencyOptions> {
  return {
    matcher,
    metric,
    direction: 'below',
    accept: acceptGeneration,
    describe: describeGeneration,
    measure: (r, options) => measurePercentile(...pick(r), options.percentile),
    parseLimit: (limit) => parseDuration(limit as string),
    format: formatDuration,
  }
}

const tpotOf = (r: GenerationResult): [LatencyStats, number[]] => {
  if (!r.tpot) throw new TypeError(`toHaveTimePerOutputTokenBelow: ${describeGeneration(r)} has no request with two or more output tokens; nothing to compare.`)
  return [r.tpot, r.requests.flatMap((q: GenerationRequest) => (q.tpotMs === null ? [] : [q.tpotMs]))]
}

/** Matchers of `benchmarkGeneration()` results, keyed by matcher name. */
export const generationMatchers = {
  toHaveTimeToFirstTokenBelow: thresholdMatcher(tokenLatencySpec('toHaveTimeToFirstTokenBelow', 'time to first token', (r) => [r.ttft, r.requests.map((q) => q.ttftMs)])),
  toHaveTimePerOutputTokenBelow: thresholdMatcher(tokenLatencySpec('toHaveTimePerOutputTokenBelow', 'time per output token', tpotOf)),
  toHaveOutputTokensPerSecondAbove: thresholdMatcher<GenerationResult>({
    matcher: 'toHaveOutputTokensPerSecondAbove',
    metric: 'output tokens/s',
    direction: 'above',
    accept: acceptGeneration,
    describe: describeGeneration,
    measure: (r) => ({ value: r.tokensPerSecond.overall, ci: r.tokensPerSecond.ci, n: r.perCall.ms.length }),
    parseLimit: parseRateLimit('toHaveOutputTokensPerSecondAbove', 'tokens'),
    format: formatRate,
  }),
}
