import type { BatchSizeResult, BatchSweepResult } from '../../results/batch-sweep.js'
import { formatRate } from '../../core/units.js'
import { acceptKind, measureItemsPerSecond, parseRateLimit, thresholdMatcher, type MatcherOutcome, type ThresholdOptions } from './threshold.js'

/** Options of `toHaveBatchThroughputAbove`. */
export interface BatchThroughputOptions extends ThresholdOptions {
  /** The batch size to check, one of the sweep's `sizes` [the size with the most items/s]. */
  batchSize?: number
}

const MATCHER = 'toHaveBatchThroughputAbove'

const acceptSweep = acceptKind<BatchSweepResult>('batch-sweep', 'batchSweep')

/** The size `batchSize` names, or the best one; an unknown size lists the swept ones. */
function sizeOf(result: BatchSweepResult, batchSize: number | undefined): BatchSizeResult {
  const wanted = batchSize ?? result.bestItemsPerSecond.batchSize
  const size = result.sizes.find((s) => s.batchSize === wanted)
  if (!size) throw new TypeError(`${MATCHER}: batch sweep "${result.name}" has no batch size ${wanted}; it swept ${result.sizes.map((s) => s.batchSize).join(', ')}.`)
  return size
}

/**
 * `toHaveBatchThroughputAbove(itemsPerSecond, { batchSize })`: items per second at one size of a
 * `batchSweep()` result (default: its best size) is above the limit; the interval comes from the
 * mean latency's, as for a benchmark's throughput.
 */
function toHaveBatchThroughputAbove(received: unknown, limit: unknown, options?: BatchThroughputOptions): MatcherOutcome {
  const result = acceptSweep(received, MATCHER)
  const size = sizeOf(result, options?.batchSize)
  return thresholdMatcher<BatchSweepResult, BatchThroughputOptions>({
    matcher: MATCHER,
    metric: `items/s at batch ${size.batchSize}${options?.batchSize === undefined ? ' (its best size)' : ''}`,
    direction: 'above',
    accept: acceptSweep,
    describe: (r) => `batch sweep "${r.name}"`,
    measure: () => measureItemsPerSecond(size.itemsPerSecond, size.batchSize, size.latency.ci.mean, size.iterations),
    parseLimit: parseRateLimit(MATCHER, 'items'),
    format: formatRate,
  })(result, limit, options)
}

/** Batch-sweep matchers, keyed by matcher name. */
export const sweepMatchers = { toHaveBatchThroughputAbove }
