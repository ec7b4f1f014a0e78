import type { ConfidenceInterval } from '../analyse/bootstrap.js'
import type { QuantileInterval } from '../analyse/quantile-bounds.js'
import type { McNemarResult } from '../analyse/significance.js'
import type { TextMetricName } from '../analyse/metrics/text.js'
import type { EnvFingerprint } from './env.js'

/** A metric value with its 95 % interval when one is known. */
export interface MetricWithInterval {
  value: number
  /** Its 95 % interval; a percentile's bound is null where the calls made cannot give it. */
  ci?: ConfidenceInterval | QuantileInterval
}

/** One model's metrics, side by side with the others. Absent fields were not measured. */
export interface ComparedModel {
  name: string
  /** Examples evaluated. */
  n?: number
  /** Classification accuracy, or a generator's exact match (a fraction either way). */
  accuracy?: MetricWithInterval
  macroF1?: MetricWithInterval
  /** Generation metrics, when the evaluation was a generation: BLEU and chrF 0–100, ROUGE-L, WER and CER fractions. */
  bleu?: MetricWithInterval
  chrf?: MetricWithInterval
  rougeL?: MetricWithInterval
  wer?: MetricWithInterval
  cer?: MetricWithInterval
  /** Regression metrics, when the evaluation was a regression. */
  r2?: MetricWithInterval
  rmse?: MetricWithInterval
  mae?: MetricWithInterval
  /** A generator's time to first token and time per output token, p50 over requests, ms (from a generation benchmark). */
  ttft?: MetricWithInterval
  tpot?: MetricWithInterval
  /** Latency percentiles of one call, ms (from a benchmark result; a generator's requests end to end). */
  p50?: MetricWithInterval
  p95?: MetricWithInterval
  p99?: number
  /** Items per second (from a benchmark result; a generator's output tokens per second). */
  throughput?: number
  /** Peak RSS, bytes (from a benchmark result). */
  rssPeak?: number
}

/** Model `b` against model `a` (the earlier one in the input). */
export interface ModelPairComparison {
  a: string
  b: string
  /** Paired accuracy (a generator's exact match) comparison on the same examples. */
  accuracy?: {
    /** accuracy(b) − accuracy(a), a fraction (0.031 = 3.1 points). */
    difference: number
    mcnemar: McNemarResult
  }
  /** Generators: each corpus metric of b against a's by sacreBLEU's paired bootstrap on the same examples. */
  text?: Partial<Record<TextMetricName, { difference: number; pValue: number; interval: ConfidenceInterval }>>
  /**
   * Latency comparison: 'paired-slices' when compareModels measured both models interleaved (see
   * `benchmarkPair`), 'mann-whitney-u' on two benchmark samples measured one after the other.
   */
  latency?: {
    /** b / a of the median latency: above 1 means b is slower. */
    ratio: number
    test: 'mann-whitney-u' | 'paired-slices'
    /** Two-sided; for 'paired-slices', Bonferroni-adjusted over the looks the measurement took. */
    pValue: number
    /** 'mann-whitney-u': common-language effect size P(b's call slower than a's). */
    effect?: number
    /** 'paired-slices': the ratio's interval at level 1 − pValue's alpha (a bound is null where it cannot be given). */
    interval?: { lower: number | null; upper: number | null; level: number }
    /** 'paired-slices': slice pairs measured and the real time they took, ms. */
    pairs?: number
    elapsedMs?: number
  }
}

/**
 * Which model to prefer and why: 'more-accurate', significantly more accurate than the runner-up
 * (`fasterAlternatives`: the models significantly faster than it); 'faster', no accuracy lead is
 * significant but it is significantly faster than the next fastest; 'no-difference', nothing is
 * significant, so keep the reference (first) model.
 */
export interface ModelPreference {
  model: string
  why: 'more-accurate' | 'faster' | 'no-difference'
  fasterAlternatives: string[]
}

/** The result of {@link compareModels}. */
export interface ModelComparisonResult {
  kind: 'model-comparison'
  name: string
  /** In the order given; the first is the reference every other model is described against. */
  models: ComparedModel[]
  /** Every pair (a before b in the input order). */
  pairs: ModelPairComparison[]
  /** Significance level of the tests behind `preference`. */
  alpha: number
  /** Which model to prefer and why, as data. */
  preference: ModelPreference
  /**
   * The same in words: every model against the reference, then the preference — 'Against base,
   * tuned is 8.9 points more accurate (p<0.001) and 3.1 % slower (not significant, p=0.41). Prefer
   * tuned: significantly more accurate and not significantly slower.'
   */
  recommendation: string
  env: EnvFingerprint
  /** ISO timestamp. */
  startedAt: string
}
