/**
 * What `toBeWithinBaseline` accepts, shared by Node (`baseline.ts`, which compares at once) and
 * browser pages (`baseline.browser.ts`, which records the check for the Node side to compare).
 */
import type { MetricRuleName } from '../../gate/schema.js'
import type { ExplicitCheck } from '../../gate/recorded.js'
import type { MetricOverride } from '../../gate/compare.js'
import { parseAlpha, parseTolerance } from '../../gate/thresholds.js'
import type { MlBenchResult } from '../../results/index.js'
import type { Fraction } from '../../core/units.js'

/** A gated timing metric of a load-test level or a batch size. */
type LevelMetric = 'p50' | 'p95' | 'throughput' | 'rssPeak'

/** A generation's gated token metric ('ttft p50', 'tpot p95', 'tokens throughput'). */
type TokenMetric = `${'ttft' | 'tpot'} ${'p50' | 'p95'}` | 'tokens throughput'

/**
 * A metric `toBeWithinBaseline` can check: a rule name, for that metric wherever the result has it
 * ('p50', 'p95', 'throughput', 'rssPeak', 'accuracy', 'rmse', 'mae', 'r2', 'exactMatch', 'bleu',
 * 'chrf', 'rougeL', 'wer', 'cer'), or the id of one level's, size's or token metric
 * ('concurrency 4 p50', 'rate 200/s p95', 'batch 8 throughput', 'ttft p50', 'concurrency 4 ttft p95').
 */
export type BaselineMetric =
  | MetricRuleName
  | TokenMetric
  | `concurrency ${number} ${LevelMetric | `${'ttft' | 'tpot'} ${'p50' | 'p95'}`}`
  | `rate ${number}/s ${LevelMetric | `${'ttft' | 'tpot'} ${'p50' | 'p95'}`}`
  | `batch ${number} ${LevelMetric}`

/** Options of `toBeWithinBaseline`. */
export interface BaselineCheckOptions {
  /** Metrics to check (see {@link BaselineMetric}) [all]. A name the result does not have fails, listing its metrics. */
  metric?: BaselineMetric | BaselineMetric[]
  /**
   * Tolerance for those metrics instead of the configured one: relative for latency, throughput,
   * memory, RMSE and MAE ('5%'); absolute for accuracy and R² (0.005 = half a point).
   */
  tolerance?: Fraction
  /** Significance level for those metrics [the configured one, 0.01]. */
  alpha?: number
}

export const MATCHER = 'toBeWithinBaseline'

export function acceptResult(received: unknown): MlBenchResult {
  if (received instanceof Promise) {
    throw new TypeError(`${MATCHER}: received a Promise. Await the result first: expect(await benchmark(...)).${MATCHER}()`)
  }
  const r = received as Partial<MlBenchResult> | null
  if (typeof r !== 'object' || r === null || typeof r.kind !== 'string' || typeof r.name !== 'string' || typeof r.env !== 'object') {
    throw new TypeError(`${MATCHER}: expected a result of benchmark(), evaluate(), loadTest() or batchSweep(), got ${r === null ? 'null' : typeof r}.`)
  }
  return r as MlBenchResult
}

/** The check `options` ask for: which metrics (all: ['*']), with which per-call thresholds. */
export function requestedCheck(options: BaselineCheckOptions): ExplicitCheck {
  const requested: string[] = options.metric === undefined ? ['*'] : Array.isArray(options.metric) ? options.metric : [options.metric]
  const override: MetricOverride = {}
  if (options.tolerance !== undefined) override.tolerance = parseTolerance(options.tolerance, `${MATCHER} tolerance`)
  if (options.alpha !== undefined) override.alpha = parseAlpha(options.alpha, `${MATCHER} alpha`)
  const overrides: Record<string, MetricOverride> = {}
  if (Object.keys(override).length > 0) for (const m of requested) overrides[m] = override
  return { metrics: requested, overrides }
}
