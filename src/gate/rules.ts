/**
 * How each stored metric is judged: which tests of the change its data supports. Every rule hands
 * back the same thing — one-sided tests of the change indexed by δ (src/analyse/change.ts) — so the
 * verdict rule (src/gate/compare.ts) is one rule for every metric, here and in A/B mode.
 */
import {
  differenceOfMeansTests,
  mapRelative,
  momentsOf,
  normalDifferenceTests,
  pairedProportionTests,
  ratioOfMediansTests,
  ratioOfMeansTests,
  ratioOfQuantilesTests,
  twoProportionTests,
  type ChangeTests,
} from '../analyse/change.js'
import type { MetricUnit } from '../core/units.js'
import { pairedBootstrapTest, textMetricStatistics, type TextMetricName } from '../analyse/metrics/text.js'
import { Z_975 } from '../analyse/stats.js'
import { isOpenLoopGroup } from './entry.js'
import { unpackBits, unpackFloat32 } from './pack.js'
import type { BaselineEntry, MetricRuleName } from './schema.js'
import type { ToleranceKey } from './thresholds.js'

/** The two entries, the metric's id and its sample group. */
export interface RuleInput {
  baseline: BaselineEntry
  current: BaselineEntry
  metric: string
  group: string
}

/**
 * How the change's interval was computed: 'mann-whitney-ratio' (ratio of latencies by inverting
 * Mann–Whitney), 'quantile-ratio' (ratio of quantiles from exact order-statistic intervals),
 * 'mean-ratio' (ratio of means by t-tests, Welch's or paired), 'paired-proportion' (accuracy on the
 * same examples), 'two-proportion' (accuracy on different examples), 'mean-difference' (R²),
 * 'paired-bootstrap' (generation metrics rescored on resampled examples, as sacreBLEU's paired test).
 */
export type ChangeMethod = 'mann-whitney-ratio' | 'quantile-ratio' | 'mean-ratio' | 'paired-proportion' | 'two-proportion' | 'mean-difference' | 'paired-bootstrap'

/** The tests of one metric's change and how they were made. */
export interface ChangeEvidence {
  tests: ChangeTests
  method: ChangeMethod
}

/** How one kind of metric is judged. */
export interface MetricRule {
  unit: MetricUnit
  /** 'performance' metrics depend on the machine; 'quality' metrics only on the model and data. */
  family: 'performance' | 'quality'
  better: 'lower' | 'higher'
  /** 'relative': (current − baseline) / baseline; 'absolute': current − baseline (accuracy points). */
  change: 'relative' | 'absolute'
  tolerance: ToleranceKey
  /** The tolerance in this metric's own scale: 100 for BLEU and chrF (0–100), whose 1 point is accuracy's 0.01 [1]. */
  toleranceScale?: number
  /**
   * How much this metric moves between runs, in units of `thresholds.runNoise`: 1 for the median
   * and the mean, 5 for the p95 tail (calibration at 3: p95 alone still raised 6 of 7 false alarms
   * between runs; tails move several times as much between processes); 0 for metrics that do not
   * depend on the machine.
   */
  runNoise: number
  /**
   * Tests of the change; undefined when the entries lack the data for them, or (peak RSS: one
   * value per run) when the metric has no noise model to test with.
   */
  evidence(input: RuleInput): ChangeEvidence | undefined
}

function samplesOf(input: RuleInput): [number[], number[]] | undefined {
  const base = input.baseline.samples[input.group]
  const cur = input.current.samples[input.group]
  return base && cur && base.length > 0 && cur.length > 0 ? [base, cur] : undefined
}

/** Calls behind a stored latency sample (it may be a thinned copy of them). */
function callsOf(entry: BaselineEntry, metric: string, stored: number): number {
  return Math.max(stored, entry.metrics[metric]?.n ?? stored)
}

/**
 * p50: the ratio of the two latency distributions by inverting Mann–Whitney — distribution-free,
 * uses every sample, and robust to the outliers every benchmark has.
 */
function medianRatio(input: RuleInput): ChangeEvidence | undefined {
  const pair = samplesOf(input)
  return pair && { tests: ratioOfMediansTests(pair[1], pair[0]), method: 'mann-whitney-ratio' }
}

/**
 * p95: the ratio of the two 95th percentiles, each with its exact order-statistic interval (a slower
 * tail can leave the median, and so a rank test, unmoved). Stored samples are thinned copies;
 * the intervals are those of the calls actually made, moved outward to the stored ranks.
 */
function tailRatio(input: RuleInput): ChangeEvidence | undefined {
  const pair = samplesOf(input)
  if (!pair) return undefined
  const [base, cur] = pair
  const tests = ratioOfQuantilesTests(cur, callsOf(input.current, input.metric, cur.length), base, callsOf(input.baseline, input.metric, base.length), 0.95)
  return { tests, method: 'quantile-ratio' }
}

/**
 * Throughput is items over the mean time per call, so its change is the ratio of the two mean
 * latencies, inverted: t-tests of "mean_base − (1 + δ)·mean_current > 0" (Welch's). A couple of
 * stalls widen that interval instead of moving a verdict.
 */
function throughputRatio(input: RuleInput): ChangeEvidence | undefined {
  // an open-loop level's throughput is its arrival rate, set by the test, not a function of latency
  if (isOpenLoopGroup(input.group)) return undefined
  const pair = samplesOf(input)
  if (!pair || pair[0].length < 2 || pair[1].length < 2) return undefined
  return { tests: ratioOfMeansTests(momentsOf(pair[0], pair[1], false)), method: 'mean-ratio' }
}

function sameExamples(input: RuleInput): boolean {
  const b = input.baseline.perExample
  const c = input.current.perExample
  return b !== undefined && c !== undefined && b.examples === c.examples && b.n === c.n
}

/**
 * Accuracy in points: paired on the same examples (the examples that changed side decide; none
 * changed means no change at all), else two independent proportions.
 */
function accuracyChange(input: RuleInput): ChangeEvidence | undefined {
  const b = input.baseline.perExample
  const c = input.current.perExample
  if (sameExamples(input) && b?.correct && c?.correct) {
    const before = unpackBits(b.correct, b.n)
    const after = unpackBits(c.correct, c.n)
    let gained = 0
    let lost = 0
    for (let i = 0; i < b.n; i++) {
      if (after[i] && !before[i]) gained++
      else if (before[i] && !after[i]) lost++
    }
    return { tests: pairedProportionTests(gained, lost, b.n), method: 'paired-proportion' }
  }
  const base = input.baseline.metrics[input.metric]
  const cur = input.current.metrics[input.metric]
  if (!base?.n || !cur?.n) return undefined
  return { tests: twoProportionTests(Math.round(cur.value * cur.n), cur.n, Math.round(base.value * base.n), base.n), method: 'two-proportion' }
}

/** Per-example absolute errors of both runs, and whether they line up example by example. */
function errorsOf(input: RuleInput): { cur: number[]; base: number[]; paired: boolean } | undefined {
  const b = input.baseline.perExample?.absErrors
  const c = input.current.perExample?.absErrors
  if (!b || !c) return undefined
  const base = unpackFloat32(b)
  const cur = unpackFloat32(c)
  if (base.length < 2 || cur.length < 2) return undefined
  return { cur, base, paired: sameExamples(input) && base.length === cur.length }
}

const squares = (xs: readonly number[]) => xs.map((x) => x * x)

/** MAE: the ratio of mean absolute errors (paired t-tests on the same examples, else Welch's). */
function maeRatio(input: RuleInput): ChangeEvidence | undefined {
  const e = errorsOf(input)
  return e && { tests: ratioOfMeansTests(momentsOf(e.cur, e.base, e.paired)), method: 'mean-ratio' }
}

/** RMSE: the square root of the ratio of mean squared errors. */
function rmseRatio(input: RuleInput): ChangeEvidence | undefined {
  const e = errorsOf(input)
  if (!e) return undefined
  const mse = ratioOfMeansTests(momentsOf(squares(e.cur), squares(e.base), e.paired))
  const tests = mapRelative(
    mse,
    (delta) => (1 + delta) ** 2 - 1,
    (inner) => Math.sqrt(1 + inner) - 1,
  )
  return { tests, method: 'mean-ratio' }
}

/**
 * R² moves by (MSE_base − MSE_current) / var(y) on the same targets; var(y) follows from the
 * baseline's own RMSE and R².
 */
function r2Difference(input: RuleInput): ChangeEvidence | undefined {
  const e = errorsOf(input)
  const rmse = input.baseline.metrics[input.metric.replace(/r2$/, 'rmse')]?.value
  const r2 = input.baseline.metrics[input.metric]?.value
  if (!e || rmse === undefined || r2 === undefined || !(r2 < 1)) return undefined
  const variance = (rmse * rmse) / (1 - r2)
  return { tests: differenceOfMeansTests(momentsOf(squares(e.base), squares(e.cur), e.paired), variance), method: 'mean-difference' }
}

/**
 * A generation metric on the same examples: both runs' outputs rescored against the references on
 * the same resampled examples (sacreBLEU's paired bootstrap; corpus BLEU and chrF from summed
 * statistics), the change taken as normal with the resamples' standard error so that small alphas
 * after multiplicity control stay reachable.
 */
function textMetricChange(metric: TextMetricName): (input: RuleInput) => ChangeEvidence | undefined {
  return (input) => {
    const b = input.baseline.perExample
    const c = input.current.perExample
    if (!sameExamples(input) || !b?.outputs || !c?.outputs || !c.references) return undefined
    const paired = pairedBootstrapTest(textMetricStatistics(metric, b.outputs, c.references), textMetricStatistics(metric, c.outputs, c.references))
    const se = (paired.interval.upper - paired.interval.lower) / (2 * Z_975)
    return { tests: normalDifferenceTests(paired.difference, se), method: 'paired-bootstrap' }
  }
}

/** The rule of every stored metric kind. */
export const METRIC_RULES: Readonly<Record<MetricRuleName, MetricRule>> = {
  p50: { unit: 'ms', family: 'performance', better: 'lower', change: 'relative', tolerance: 'latency', runNoise: 1, evidence: medianRatio },
  p95: { unit: 'ms', family: 'performance', better: 'lower', change: 'relative', tolerance: 'latency', runNoise: 5, evidence: tailRatio },
  throughput: { unit: 'items/s', family: 'performance', better: 'higher', change: 'relative', tolerance: 'throughput', runNoise: 1, evidence: throughputRatio },
  // One peak per run: no noise model to test with (see compare.ts: within the tolerance is
  // unchanged, beyond it inconclusive, never a failure).
  rssPeak: { unit: 'bytes', family: 'performance', better: 'lower', change: 'relative', tolerance: 'memory', runNoise: 0, evidence: () => undefined },
  accuracy: { unit: 'fraction', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'accuracy', runNoise: 0, evidence: accuracyChange },
  rmse: { unit: 'number', family: 'quality', better: 'lower', change: 'relative', tolerance: 'error', runNoise: 0, evidence: rmseRatio },
  mae: { unit: 'number', family: 'quality', better: 'lower', change: 'relative', tolerance: 'error', runNoise: 0, evidence: maeRatio },
  r2: { unit: 'number', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'r2', runNoise: 0, evidence: r2Difference },
  // generation quality: a point of accuracy's tolerance is a point of each
  exactMatch: { unit: 'fraction', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'accuracy', runNoise: 0, evidence: accuracyChange },
  bleu: { unit: 'number', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'accuracy', toleranceScale: 100, runNoise: 0, evidence: textMetricChange('bleu') },
  chrf: { unit: 'number', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'accuracy', toleranceScale: 100, runNoise: 0, evidence: textMetricChange('chrf') },
  rougeL: { unit: 'fraction', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'accuracy', runNoise: 0, evidence: textMetricChange('rougeL') },
  wer: { unit: 'fraction', family: 'quality', better: 'lower', change: 'absolute', tolerance: 'accuracy', runNoise: 0, evidence: textMetricChange('wer') },
  cer: { unit: 'fraction', family: 'quality', better: 'lower', change: 'absolute', tolerance: 'accuracy', runNoise: 0, evidence: textMetricChange('cer') },
}
