import { formatMetric } from '../../core/units.js'
import { preview } from '../../evaluate/outputs.js'
import type { ClassificationEvaluation, EvaluationResult, GenerationEvaluation, RegressionEvaluation } from '../../results/evaluation.js'
import { parseFraction } from '../../core/units.js'
import { thresholdMatcher, type ThresholdOptions, type ThresholdSpec } from './threshold.js'

/** How per-class scores are averaged (sklearn's `average`). `binary` needs a positive label. */
export type ScoreAverage = 'macro' | 'micro' | 'weighted' | 'binary'

/** Options of the F1, precision and recall matchers. CIs exist for macro F1 only. */
export interface AveragedThresholdOptions extends ThresholdOptions {
  /** ['macro'] */
  average?: ScoreAverage
}

const REGRESSION_MATCHERS = 'toHaveR2Above, toHaveRmseBelow or toHaveMaeBelow'
const CLASSIFICATION_MATCHERS = 'toHaveAccuracyAbove, toHaveF1Above, toHavePrecisionAbove, toHaveRecallAbove or toHaveRocAucAbove'
const GENERATION_MATCHERS = 'toHaveExactMatchAbove, toHaveBleuAbove, toHaveChrfAbove or toHaveWerBelow'
const MATCHERS_OF = { classification: CLASSIFICATION_MATCHERS, regression: REGRESSION_MATCHERS, generation: GENERATION_MATCHERS } as const

function isEvaluation(value: unknown): value is EvaluationResult {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'evaluation'
}

function describeEvaluation(result: EvaluationResult): string {
  return `evaluation "${result.name}"`
}

function acceptTask<T extends EvaluationResult['task']>(task: T) {
  return (received: unknown, matcher: string): Extract<EvaluationResult, { task: T }> => {
    if (received instanceof Promise) {
      throw new TypeError(`${matcher}: received a Promise. Await the evaluation first: expect(await evaluate(...)).${matcher}(...)`)
    }
    if (!isEvaluation(received)) {
      const kind = typeof received === 'object' && received !== null ? (received as { kind?: unknown; name?: unknown }) : undefined
      const got = kind?.kind !== undefined ? `a ${String(kind.kind)} result "${String(kind.name)}"` : preview(received)
      throw new TypeError(`${matcher}: expected the result of evaluate() on a ${task} task, got ${got}.`)
    }
    if (received.task !== task) {
      const use = MATCHERS_OF[received.task]
      throw new TypeError(`${matcher}: ${describeEvaluation(received)} is a ${received.task} evaluation; ${matcher} needs a ${task} one. Use ${use}.`)
    }
    return received as Extract<EvaluationResult, { task: T }>
  }
}

function fractionLimit(matcher: string) {
  return (limit: unknown): number => {
    const value = parseFraction(limit as string)
    if (value < 0 || value > 1) throw new TypeError(`${matcher}: the limit is a fraction between 0 and 1 (or '95%'), got ${JSON.stringify(limit)}.`)
    return value
  }
}

function numberLimit(matcher: string, what: string, min = Number.NEGATIVE_INFINITY) {
  return (limit: unknown): number => {
    if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < min) {
      throw new TypeError(`${matcher}: the limit is ${what}, got ${JSON.stringify(limit)}.`)
    }
    return limit
  }
}

const acceptClassification = acceptTask('classification')
const acceptRegression = acceptTask('regression')
const acceptGeneration = acceptTask('generation')

const AVERAGES: readonly ScoreAverage[] = ['macro', 'micro', 'weighted', 'binary']

function averagedSpec(matcher: string, score: 'precision' | 'recall' | 'f1', average: ScoreAverage): ThresholdSpec<ClassificationEvaluation, AveragedThresholdOptions> {
  return {
    matcher,
    metric: `${average} ${score === 'f1' ? 'F1' : score}`,
    direction: 'above',
    accept: (received, name) => {
      const result = acceptClassification(received, name)
      if (average === 'binary' && !result.binary) {
        throw new TypeError(
          `${name}: ${describeEvaluation(result)} has no binary scores: it has ${result.labels.length} labels and no positiveLabel; pass positiveLabel to evaluate() or use average 'macro', 'micro' or 'weighted'.`,
        )
      }
      return result
    },
    describe: describeEvaluation,
    measure: (r) => {
      const scores = (average === 'binary' ? r.binary : r[average]) ?? { precision: Number.NaN, recall: Number.NaN, f1: Number.NaN }
      // bootstrap intervals are computed for macro F1 only
      return score === 'f1' && average === 'macro' ? { value: scores.f1, ci: r.ci.macroF1, n: r.n } : { value: scores[score], n: r.n }
    },
    parseLimit: fractionLimit(matcher),
    format: formatMetric,
  }
}

/** One threshold matcher per average, picked by `options.average` (the metric name in messages differs). */
function averagedMatcher(matcher: string, score: 'precision' | 'recall' | 'f1') {
  const byAverage = new Map(AVERAGES.map((average) => [average, thresholdMatcher(averagedSpec(matcher, score, average))]))
  return (received: unknown, limit: unknown, options?: AveragedThresholdOptions) => {
    const average = options?.average ?? 'macro'
    const run = byAverage.get(average)
    if (!run) throw new TypeError(`${matcher}: average must be one of ${AVERAGES.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(average)}.`)
    return run(received, limit, options)
  }
}

function regressionSpec(matcher: string, key: 'r2' | 'rmse' | 'mae', metric: string): ThresholdSpec<RegressionEvaluation> {
  const below = key !== 'r2'
  return {
    matcher,
    metric,
    direction: below ? 'below' : 'above',
    accept: acceptRegression,
    describe: describeEvaluation,
    measure: (r) => ({ value: r[key], ci: r.ci[key], n: r.n }),
    parseLimit: below ? numberLimit(matcher, `a ${metric} ≥ 0 in the target's unit`, 0) : numberLimit(matcher, 'an R² as a number (at most 1)'),
    format: formatMetric,
  }
}

/** A generation metric: exact match and WER as fractions, BLEU and chrF on sacreBLEU's 0–100 scale. */
function generationSpec(matcher: string, key: 'exactMatch' | 'bleu' | 'chrf' | 'wer', metric: string): ThresholdSpec<GenerationEvaluation> {
  const hundred = key === 'bleu' || key === 'chrf'
  return {
    matcher,
    metric,
    direction: key === 'wer' ? 'below' : 'above',
    accept: acceptGeneration,
    describe: describeEvaluation,
    measure: (r) => ({ value: r[key], ci: r.ci[key], n: r.n }),
    parseLimit: hundred ? numberLimit(matcher, `a ${metric} score between 0 and 100, as sacreBLEU prints it`, 0) : fractionLimit(matcher),
    format: hundred ? (v) => v.toFixed(2) : formatMetric,
  }
}

/** Accuracy-metric matchers on `evaluate()` results, keyed by matcher name. */
export const accuracyMatchers = {
  toHaveAccuracyAbove: thresholdMatcher<ClassificationEvaluation>({
    matcher: 'toHaveAccuracyAbove',
    metric: 'accuracy',
    direction: 'above',
    accept: acceptClassification,
    describe: describeEvaluation,
    measure: (r) => ({ value: r.accuracy, ci: r.ci.accuracy, n: r.n }),
    parseLimit: fractionLimit('toHaveAccuracyAbove'),
    format: formatMetric,
  }),
  toHaveF1Above: averagedMatcher('toHaveF1Above', 'f1'),
  toHavePrecisionAbove: averagedMatcher('toHavePrecisionAbove', 'precision'),
  toHaveRecallAbove: averagedMatcher('toHaveRecallAbove', 'recall'),
  toHaveRocAucAbove: thresholdMatcher<ClassificationEvaluation>({
    matcher: 'toHaveRocAucAbove',
    metric: 'ROC AUC',
    direction: 'above',
    accept: (received, matcher) => {
      const result = acceptClassification(received, matcher)
      if (result.rocAuc === null) {
        throw new TypeError(
          `${matcher}: ${describeEvaluation(result)} has no ROC AUC: the model's outputs carried no score for every label (return probabilities, logits or { label, score } for every label), or a class had no examples.`,
        )
      }
      return result
    },
    describe: describeEvaluation,
    measure: (r) => ({ value: r.rocAuc ?? Number.NaN, n: r.n }),
    parseLimit: fractionLimit('toHaveRocAucAbove'),
    format: formatMetric,
  }),
  toHaveR2Above: thresholdMatcher(regressionSpec('toHaveR2Above', 'r2', 'R²')),
  toHaveRmseBelow: thresholdMatcher(regressionSpec('toHaveRmseBelow', 'rmse', 'RMSE')),
  toHaveMaeBelow: thresholdMatcher(regressionSpec('toHaveMaeBelow', 'mae', 'MAE')),
  toHaveExactMatchAbove: thresholdMatcher(generationSpec('toHaveExactMatchAbove', 'exactMatch', 'exact match')),
  toHaveBleuAbove: thresholdMatcher(generationSpec('toHaveBleuAbove', 'bleu', 'BLEU')),
  toHaveChrfAbove: thresholdMatcher(generationSpec('toHaveChrfAbove', 'chrf', 'chrF')),
  toHaveWerBelow: thresholdMatcher(generationSpec('toHaveWerBelow', 'wer', 'WER')),
}
