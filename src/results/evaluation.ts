import type { ConfidenceInterval } from '../analyse/bootstrap.js'
import type { LatencyStats } from '../analyse/latency.js'
import type { AveragedScores, ClassScores, Label } from '../analyse/metrics/classification.js'
import type { EnvFingerprint } from './env.js'
import type { ModelInfo } from './benchmark.js'

/** What an evaluation is scored as. */
export type EvaluationTask = 'classification' | 'regression' | 'generation'

/** How long the model calls of an evaluation took (model time only, not reading or scoring). */
export interface EvaluationTiming {
  /** Number of model calls. */
  batches: number
  /** Examples per call (the last batch may be smaller). */
  batchSize: number
  /** Sum of the model calls' durations, ms. */
  totalMs: number
  /** n / totalMs, in examples per second. */
  itemsPerSecond: number
  /** Summary of the per-batch durations (ms), null when no batch was timed. */
  batchLatency: LatencyStats | null
}

/** Fields every evaluation result has. */
export interface EvaluationBase {
  kind: 'evaluation'
  name: string
  task: EvaluationTask
  /** Number of examples scored. */
  n: number
  env: EnvFingerprint
  /** ISO timestamp of the start. */
  startedAt: string
  model?: ModelInfo
  timing: EvaluationTiming
}

/** Per-example outcome of a classification, kept for paired tests (McNemar) between runs and models. */
export interface ClassificationPredictions {
  actual: Label[]
  predicted: Label[]
  /** `actual[i] === predicted[i]`. */
  correct: boolean[]
  /** Per-class probabilities in `labels` order, when the model produced scores. */
  scores?: number[][]
}

/** Result of evaluating a classifier. Metrics follow scikit-learn's definitions; undefined ones are null. */
export interface ClassificationEvaluation extends EvaluationBase {
  task: 'classification'
  /** Classes in the order of `perClass`, the confusion matrix and `scores` columns. */
  labels: Label[]
  /** The class `binary` scores and the binary ROC AUC refer to, when given. */
  positiveLabel?: Label
  accuracy: number
  /** 95 % seeded-bootstrap intervals. */
  ci: { accuracy: ConfidenceInterval; macroF1: ConfidenceInterval }
  perClass: ClassScores<Label>[]
  macro: AveragedScores
  micro: AveragedScores
  weighted: AveragedScores
  /** Scores of `positiveLabel` (sklearn `average="binary"`), only when it was given. */
  binary?: AveragedScores
  /** `confusionMatrix[i][j]` = examples of `labels[i]` predicted as `labels[j]`. */
  confusionMatrix: number[][]
  /** Binary AUC for two labels, else one-vs-rest macro AUC; null without scores or when undefined. */
  rocAuc: number | null
  /** Mean negative log-likelihood; null without scores. */
  logLoss: number | null
  /** Top-k accuracy keyed by k ('1', '3', '5', for k < number of labels); null without scores. */
  topK: Record<string, number> | null
  predictions: ClassificationPredictions
}

/** Per-example outcome of a regression. */
export interface RegressionPredictions {
  targets: number[]
  predicted: number[]
}

/** Result of evaluating a regressor (sklearn definitions; `mape` as a fraction, not ×100). */
export interface RegressionEvaluation extends EvaluationBase {
  task: 'regression'
  mae: number
  mse: number
  rmse: number
  r2: number
  mape: number
  /** 95 % seeded-bootstrap intervals. */
  ci: { mae: ConfidenceInterval; rmse: ConfidenceInterval; r2: ConfidenceInterval }
  predictions: RegressionPredictions
}

/** Per-example outputs of a generation evaluation and their scores, kept for paired tests and the report. */
export interface GenerationPredictions {
  /** Each example's prompt, when the inputs were strings. */
  prompts?: string[]
  /** Each example's reference texts. */
  references: string[][]
  /** Each example's output, trimmed of surrounding whitespace. */
  outputs: string[]
  /** Per-example scores: exact match 0/1, sentence BLEU and chrF (0–100), ROUGE-L F (0–1), WER and CER (fractions). */
  scores: { exactMatch: number[]; bleu: number[]; chrf: number[]; rougeL: number[]; wer: number[]; cer: number[] }
}

/**
 * Result of evaluating a text generator. Each metric as its reference tool computes it: exact
 * match strict and SQuAD-normalised (fractions), corpus BLEU and chrF on sacreBLEU's 0–100 scale
 * (13a, exp smoothing; chrF2), ROUGE-L F as rouge-score's mean over examples (0–1), corpus WER and
 * CER as jiwer's (fractions).
 */
export interface GenerationEvaluation extends EvaluationBase {
  task: 'generation'
  exactMatch: number
  exactMatchSquad: number
  bleu: number
  chrf: number
  rougeL: number
  wer: number
  cer: number
  /** 95 % seeded-bootstrap intervals, each corpus metric recomputed from resampled examples' statistics. */
  ci: { exactMatch: ConfidenceInterval; bleu: ConfidenceInterval; chrf: ConfidenceInterval; rougeL: ConfidenceInterval; wer: ConfidenceInterval; cer: ConfidenceInterval }
  predictions: GenerationPredictions
}

/** The result of {@link evaluate}: plain JSON data (no NaN). */
export type EvaluationResult = ClassificationEvaluation | RegressionEvaluation | GenerationEvaluation
