import type { ByteSize, Duration } from '../../core/units.js'
import type { ThresholdOptions } from './threshold.js'
import type { AveragedThresholdOptions } from './accuracy.js'
import type { ColdStartOptions } from './cold-start.js'
import type { BaselineCheckOptions } from './baseline.js'
import type { SustainThroughputOptions } from './load.js'
import type { BatchThroughputOptions } from './sweep.js'
import type { TokenLatencyOptions } from './generation.js'
import type { Fraction } from '../../core/units.js'

/**
 * The matchers vitest-ml-bench adds to `expect`. Limits take units: durations as ms or '40ms',
 * '800us', '1.5s'; memory as bytes or '512MB', '2GiB'.
 */
export interface MlBenchMatchers<R = unknown> {
  /** Median latency of a benchmark result is below `limit`. */
  toHaveP50LatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** 95th-percentile latency is below `limit`. */
  toHaveP95LatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** 99th-percentile latency is below `limit`. */
  toHaveP99LatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** Mean latency is below `limit`. */
  toHaveMeanLatencyBelow(limit: Duration, options?: ThresholdOptions): R
  /** Items per second (calls × batchSize) is above `perSecond`. */
  toHaveThroughputAbove(perSecond: number, options?: ThresholdOptions): R
  /** Peak resident memory during the run is below `limit` (Node; a browser page has no RSS). */
  toHavePeakMemoryBelow(limit: ByteSize): R
  /** Browser pages: the page's peak JS heap (`performance.memory`) during the run is below `limit`. */
  toHaveJsHeapPeakBelow(limit: ByteSize): R
  /** The head of a `benchmarkPair()` result is slower than its base beyond the tolerance; `expect(pair).not.toHaveRegressed()` asserts it is not. */
  toHaveRegressed(): R
  /** Accuracy of a classification `evaluate()` result is above `limit` (a fraction or '95%'). */
  toHaveAccuracyAbove(limit: Fraction, options?: ThresholdOptions): R
  /** F1 (average ['macro'] | 'micro' | 'weighted' | 'binary'; a CI for macro only) is above `limit`. */
  toHaveF1Above(limit: Fraction, options?: AveragedThresholdOptions): R
  /** Precision (averaged as `options.average`, ['macro']) is above `limit`. */
  toHavePrecisionAbove(limit: Fraction, options?: AveragedThresholdOptions): R
  /** Recall (averaged as `options.average`, ['macro']) is above `limit`. */
  toHaveRecallAbove(limit: Fraction, options?: AveragedThresholdOptions): R
  /** ROC AUC (binary, or one-vs-rest macro) is above `limit`; needs per-class scores. */
  toHaveRocAucAbove(limit: Fraction): R
  /** R² of a regression `evaluate()` result is above `limit`. */
  toHaveR2Above(limit: number, options?: ThresholdOptions): R
  /** RMSE (in the target's unit) is below `limit`. */
  toHaveRmseBelow(limit: number, options?: ThresholdOptions): R
  /** MAE (in the target's unit) is below `limit`. */
  toHaveMaeBelow(limit: number, options?: ThresholdOptions): R
  /** Exact match (strict) of a generation `evaluate()` result is above `limit` (a fraction or '95%'). */
  toHaveExactMatchAbove(limit: Fraction, options?: ThresholdOptions): R
  /** Corpus BLEU (sacreBLEU's defaults, 0–100) of a generation `evaluate()` result is above `limit`. */
  toHaveBleuAbove(limit: number, options?: ThresholdOptions): R
  /** Corpus chrF2 (sacreBLEU's defaults, 0–100) is above `limit`. */
  toHaveChrfAbove(limit: number, options?: ThresholdOptions): R
  /** Corpus word error rate (jiwer's, a fraction) is below `limit` (a fraction or '5%'). */
  toHaveWerBelow(limit: Fraction, options?: ThresholdOptions): R
  /** Cold start of a benchmarked loaded model (load + first inference, or `{ part: 'load' | 'firstInference' }`) is below `limit`. */
  toHaveColdStartBelow(limit: Duration, options?: ColdStartOptions): R
  /** Some level of a `loadTest()` result served more than `perSecond` requests/s, with p99 below `options.p99Below` (and a generator's TTFT / TPOT p99 below `ttftP99Below` / `tpotP99Below`) when given. */
  toSustainThroughput(perSecond: number, options?: SustainThroughputOptions): R
  /** Some level of a `loadTest()` result with `goodput` limits had a goodput (requests/s meeting every limit) above `perSecond`. */
  toHaveGoodputAbove(perSecond: number, options?: ThresholdOptions): R
  /** Items per second of a `batchSweep()` result at `options.batchSize` (default: its best size) is above `itemsPerSecond`. */
  toHaveBatchThroughputAbove(itemsPerSecond: number, options?: BatchThroughputOptions): R
  /** Time to first token of a `benchmarkGeneration()` result (`options.percentile` over requests, ['p50']) is below `limit`. */
  toHaveTimeToFirstTokenBelow(limit: Duration, options?: TokenLatencyOptions): R
  /** Time per output token (vLLM's TPOT; `options.percentile` over requests, ['p50']) is below `limit`. */
  toHaveTimePerOutputTokenBelow(limit: Duration, options?: TokenLatencyOptions): R
  /** Output tokens per second of a `benchmarkGeneration()` result (all output tokens over all call time) is above `perSecond`. */
  toHaveOutputTokensPerSecondAbove(perSecond: number, options?: ThresholdOptions): R
  /** Every level of a `loadTest()` result failed fewer than `limit` of its requests (a fraction or '1%'). */
  toHaveErrorRateBelow(limit: Fraction, options?: ThresholdOptions): R
  /**
   * The result is within its committed baseline: no metric regressed (beyond the tolerance and
   * significant). `{ metric, tolerance, alpha }` narrow the check and replace the configured thresholds.
   */
  toBeWithinBaseline(options?: BaselineCheckOptions): R
}

declare module 'vitest' {
  // No type parameters: Vitest 4 declares `Matchers<T = any>`, Vitest 5 `Matchers<R, T>`, and a
  // merging declaration may omit defaulted parameters but not rename them; so this one merges
  // with both. Our matchers are synchronous: they return void (as Vitest's own do).
  interface Matchers extends MlBenchMatchers<void> {}
}
