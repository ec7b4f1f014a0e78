/**
 * Classification metrics with scikit-learn's definitions, so numbers reported by a benchmark can be
 * compared with a Python evaluation of the same predictions. All functions are pure.
 *
 * zero_division convention: whenever a ratio's denominator is 0 (precision of a class never
 * predicted, recall of a class never present, F1 when tp + fp + fn = 0) the value is 0, as
 * sklearn's default `zero_division="warn"` yields 0.0.
 */
import { percentileInterval, scaledResamples } from '../bootstrap.js'
import type { BootstrapOptions, ConfidenceInterval } from '../bootstrap.js'
import { DEFAULT_SEED, fillRandomIndices } from '../random.js'
import { uStatistic } from '../significance.js'

/** A class label. */
export type Label = string | number

/** Counts of (actual, predicted) pairs: `matrix[i][j]` = actual `labels[i]` predicted as `labels[j]`. */
export interface ConfusionMatrix<L extends Label> {
  labels: L[]
  matrix: number[][]
}

/** Precision, recall and F1 of one averaging scheme. */
export interface AveragedScores {
  precision: number
  recall: number
  f1: number
}

/** Scores of one class, one-vs-rest. */
export interface ClassScores<L extends Label> extends AveragedScores {
  label: L
  /** Number of examples whose actual label is this class. */
  support: number
}

/** Everything `classificationReport` computes. */
export interface ClassificationReport<L extends Label> {
  /** Number of examples. */
  n: number
  /** Fraction of all examples predicted exactly (labels outside `labels` included). */
  accuracy: number
  perClass: ClassScores<L>[]
  /** Unweighted mean over `labels` (a class with no support and no predictions counts as 0). */
  macro: AveragedScores
  /** From summed tp/fp/fn over `labels`; equals accuracy when `labels` covers every label. */
  micro: AveragedScores
  /** Mean over `labels` weighted by support. */
  weighted: AveragedScores
  /** Scores of `positiveLabel`, only when it was given (sklearn `average="binary"`). */
  binary?: AveragedScores
  confusion: ConfusionMatrix<L>
}

/** Options of `classificationReport`. */
export interface ClassificationReportOptions<L extends Label> {
  /** Classes to report, in this order [sorted union of seen labels]. */
  labels?: readonly L[]
  /** Positive class for binary scores. */
  positiveLabel?: L
}

/** Options of `logLoss`. */
export interface LogLossOptions {
  /** Probabilities are clipped to [eps, 1 − eps] [1e-15]. */
  eps?: number
}

/** Result of `rocAucOneVsRest`. */
export interface OneVsRestAuc<L extends Label> {
  /** AUC of each class against all others; NaN for a class without positives or negatives. */
  perClass: { label: L; auc: number }[]
  /** Mean of the finite per-class AUCs; NaN when there are none. */
  macro: number
}

// ---------------------------------------------------------------------------------------------
// Encoding helpers: everything below works on integer class indices, never on label values.

/** Numbers before strings, numbers numerically, strings by code unit (like NumPy's np.unique). */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return a < b ? -1 : a > b ? 1 : 0
}

function checkPaired(actual: readonly unknown[], other: readonly unknown[], what: string, allowEmpty = false): void {
  if (actual.length !== other.length) {
    throw new Error(`actual has ${actual.length} values but ${what} has ${other.length}; they must be the same length`)
  }
  if (!allowEmpty && actual.length === 0) throw new Error('actual is empty: metrics need at least one example')
}

function labelIndex<L extends Label>(labels: readonly L[], name = 'labels'): Map<L, number> {
  const index = new Map<L, number>()
  labels.forEach((label, i) => {
    if (index.has(label)) throw new Error(`${name} contains ${JSON.stringify(label)} twice`)
    index.set(label, i)
  })
  return index
}

interface Encoded<L extends Label> {
  /** The reported classes, in order: codes 0 … labels.length − 1. */
  labels: L[]
  /** Total number of codes: labels not in `labels` get codes after them (sklearn keeps them for the sums). */
  classes: number
  actual: Int32Array
  predicted: Int32Array
}

function encode<L extends Label>(actual: readonly L[], predicted: readonly L[], labels?: readonly L[]): Encoded<L> {
  let reported: L[]
  let index: Map<L, number>
  if (labels) {
    reported = [...labels]
    index = labelIndex(reported)
  } else {
    const seen = new Set<L>(actual)
    for (const p of predicted) seen.add(p)
    reported = [...seen].sort(compareLabels)
    index = labelIndex(reported)
  }
  let classes = reported.length
  const code = (label: L): number => {
    let c = index.get(label)
    if (c === undefined) {
      c = classes++
      index.set(label, c)
    }
    return c
  }
  const n = actual.length
  const a = new Int32Array(n)
  const p = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    a[i] = code(actual[i] as L)
    p[i] = code(predicted[i] as L)
  }
  return { labels: reported, classes, actual: a, predicted: p }
}

/** Per-class true-positive, predicted and actual counts over all codes. */
function countClasses(encoded: Encoded<Label>): { tp: Float64Array; predicted: Float64Array; actual: Float64Array } {
  const tp = new Float64Array(encoded.classes)
  const predicted = new Float64Array(encoded.classes)
  const actual = new Float64Array(encoded.classes)
  for (let i = 0; i < encoded.actual.length; i++) {
    const t = encoded.actual[i] as number
    const p = encoded.predicted[i] as number
    actual[t] = (actual[t] as number) + 1
    predicted[p] = (predicted[p] as number) + 1
    if (t === p) tp[t] = (tp[t] as number) + 1
  }
  return { tp, predicted, actual }
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den)

/** F1 from counts, 2tp / (2tp + fp + fn): the form sklearn ≥ 1.3 uses, so zero_division applies once. */
function scoresFromCounts(tp: number, predicted: number, actual: number): AveragedScores {
  return { precision: ratio(tp, predicted), recall: ratio(tp, actual), f1: ratio(2 * tp, predicted + actual) }
}

// ---------------------------------------------------------------------------------------------

/**
 * Confusion matrix, rows = actual, columns = predicted. `labels` defaults to the sorted union of
 * seen labels; when given, it fixes the order and (like sklearn) pairs involving a label outside
 * it are left out. Empty input is allowed (all-zero matrix).
 */
export function confusionMatrix<L extends Label>(
  actual: readonly L[],
  predicted: readonly L[],
  labels?: readonly L[],
): ConfusionMatrix<L> {
  checkPaired(actual, predicted, 'predicted', true)
  const encoded = encode(actual, predicted, labels)
  const k = encoded.labels.length
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < encoded.actual.length; i++) {
    const t = encoded.actual[i] as number
    const p = encoded.predicted[i] as number
    const row = matrix[t]
    if (row !== undefined && p < k) row[p] = (row[p] as number) + 1
  }
  return { labels: encoded.labels, matrix }
}

/** Fraction of examples whose prediction equals the actual label. Throws on empty or unpaired input. */
export function accuracy<L extends Label>(actual: readonly L[], predicted: readonly L[]): number {
  checkPaired(actual, predicted, 'predicted')
  let correct = 0
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) correct++
  return correct / actual.length
}

/**
 * Accuracy plus per-class, macro, micro and weighted precision/recall/F1, as sklearn's
 * `classification_report` / `precision_recall_fscore_support`. Zero denominators give 0
 * (sklearn's default zero_division). Labels seen in the data but absent from `labels` still count
 * as false positives/negatives of the reported classes, as in sklearn.
 */
export function classificationReport<L extends Label>(
  actual: readonly L[],
  predicted: readonly L[],
  options: ClassificationReportOptions<L> = {},
): ClassificationReport<L> {
  checkPaired(actual, predicted, 'predicted')
  const encoded = encode(actual, predicted, options.labels)
  const counts = countClasses(encoded)
  const k = encoded.labels.length
  const perClass: ClassScores<L>[] = []
  let tpSum = 0
  let predictedSum = 0
  let actualSum = 0
  const macro = { precision: 0, recall: 0, f1: 0 }
  const weighted = { precision: 0, recall: 0, f1: 0 }
  for (let c = 0; c < k; c++) {
    const tp = counts.tp[c] as number
    const pred = counts.predicted[c] as number
    const support = counts.actual[c] as number
    const scores = scoresFromCounts(tp, pred, support)
    perClass.push({ label: encoded.labels[c] as L, ...scores, support })
    tpSum += tp
    predictedSum += pred
    actualSum += support
    for (const key of ['precision', 'recall', 'f1'] as const) {
      macro[key] += scores[key]
      weighted[key] += scores[key] * support
    }
  }
  for (const key of ['precision', 'recall', 'f1'] as const) {
    macro[key] = ratio(macro[key], k)
    weighted[key] = ratio(weighted[key], actualSum)
  }
  let correct = 0
  for (let i = 0; i < encoded.actual.length; i++) if (encoded.actual[i] === encoded.predicted[i]) correct++

  const report: ClassificationReport<L> = {
    n: actual.length,
    accuracy: correct / actual.length,
    perClass,
    macro,
    micro: scoresFromCounts(tpSum, predictedSum, actualSum),
    weighted,
    confusion: confusionMatrix(actual, predicted, encoded.labels),
  }
  if (options.positiveLabel !== undefined) {
    // Counted from the raw data so a positive class that never occurs still gets (0, 0, 0).
    const positive = options.positiveLabel
    let tp = 0
    let pred = 0
    let support = 0
    for (let i = 0; i < actual.length; i++) {
      const isActual = actual[i] === positive
      const isPredicted = predicted[i] === positive
      if (isActual) support++
      if (isPredicted) pred++
      if (isActual && isPredicted) tp++
    }
    report.binary = scoresFromCounts(tp, pred, support)
  }
  return report
}

function checkTruth(value: unknown, i: number): boolean {
  if (value === 1 || value === true) return true
  if (value === 0 || value === false) return false
  throw new Error(`binaryTruth[${i}] is ${JSON.stringify(value)}; expected 0, 1, true or false`)
}

function checkScore(value: number, i: number, name: string): number {
  if (!Number.isFinite(value)) throw new Error(`${name}[${i}] is ${value}; scores must be finite numbers`)
  return value
}

/**
 * Area under the ROC curve via the Mann–Whitney rank statistic: the fraction of (positive,
 * negative) pairs ranked correctly, a tie counting ½. Equal to the trapezoidal ROC area (sklearn
 * `roc_auc_score`). Returns NaN when only one class is present, where AUC is undefined.
 */
export function rocAuc(binaryTruth: readonly (0 | 1 | boolean)[], scores: readonly number[]): number {
  checkPaired(binaryTruth, scores, 'scores')
  const positives: number[] = []
  const negatives: number[] = []
  for (let i = 0; i < scores.length; i++) {
    const score = checkScore(scores[i] as number, i, 'scores')
    if (checkTruth(binaryTruth[i], i)) positives.push(score)
    else negatives.push(score)
  }
  if (positives.length === 0 || negatives.length === 0) return Number.NaN
  return uStatistic(positives, negatives).u / (positives.length * negatives.length)
}

/** Class index of every actual label; throws for a label outside `labels` (it has no score column). */
function encodeAgainst<L extends Label>(actual: readonly L[], labels: readonly L[]): Int32Array {
  const index = labelIndex(labels)
  const codes = new Int32Array(actual.length)
  for (let i = 0; i < actual.length; i++) {
    const c = index.get(actual[i] as L)
    if (c === undefined) throw new Error(`actual[${i}] = ${JSON.stringify(actual[i])} is not in labels`)
    codes[i] = c
  }
  return codes
}

function checkProbabilities(probabilities: readonly (readonly number[])[], width: number): void {
  probabilities.forEach((row, i) => {
    if (row.length !== width) {
      throw new Error(`probabilities[${i}] has ${row.length} columns but there are ${width} labels`)
    }
    for (let j = 0; j < width; j++) {
      const v = row[j] as number
      if (!Number.isFinite(v)) throw new Error(`probabilities[${i}][${j}] is ${v}; scores must be finite numbers`)
    }
  })
}

/**
 * One-vs-rest ROC AUC per class from a score matrix whose columns follow `labels`. The macro
 * average skips classes lacking positives or negatives (sklearn would refuse the whole input).
 */
export function rocAucOneVsRest<L extends Label>(
  actual: readonly L[],
  probabilities: readonly (readonly number[])[],
  labels: readonly L[],
): OneVsRestAuc<L> {
  checkPaired(actual, probabilities, 'probabilities')
  checkProbabilities(probabilities, labels.length)
  const codes = encodeAgainst(actual, labels)
  const perClass = labels.map((label, c) => {
    const positives: number[] = []
    const negatives: number[] = []
    probabilities.forEach((row, i) => (codes[i] === c ? positives : negatives).push(row[c] as number))
    const auc =
      positives.length === 0 || negatives.length === 0
        ? Number.NaN
        : uStatistic(positives, negatives).u / (positives.length * negatives.length)
    return { label, auc }
  })
  const finite = perClass.filter((p) => Number.isFinite(p.auc))
  const macro = finite.length === 0 ? Number.NaN : finite.reduce((s, p) => s + p.auc, 0) / finite.length
  return { perClass, macro }
}

/**
 * Mean negative natural log-likelihood of the actual labels (sklearn `log_loss`). As sklearn
 * (≤ 1.4) does, each probability is first clipped to [eps, 1 − eps] so a confident mistake costs
 * −ln(eps) instead of ∞, then each row is divided by its sum.
 */
export function logLoss<L extends Label>(
  actual: readonly L[],
  probabilities: readonly (readonly number[])[],
  labels: readonly L[],
  options: LogLossOptions = {},
): number {
  const eps = options.eps ?? 1e-15
  checkPaired(actual, probabilities, 'probabilities')
  checkProbabilities(probabilities, labels.length)
  const codes = encodeAgainst(actual, labels)
  const clip = (v: number) => Math.min(1 - eps, Math.max(eps, v))
  let total = 0
  probabilities.forEach((row, i) => {
    let sum = 0
    for (const v of row) sum += clip(v)
    total -= Math.log(clip(row[codes[i] as number] as number) / sum)
  })
  return total / actual.length
}

/**
 * Fraction of examples whose actual label is among the k highest-scored. Ties are resolved in the
 * model's favour: a hit iff fewer than k labels score strictly higher than the actual label.
 * (sklearn's `top_k_accuracy_score` instead breaks ties by label index, so it can differ on ties.)
 */
export function topKAccuracy<L extends Label>(
  actual: readonly L[],
  probabilities: readonly (readonly number[])[],
  labels: readonly L[],
  k: number,
): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k is ${k}; it must be a positive integer`)
  checkPaired(actual, probabilities, 'probabilities')
  checkProbabilities(probabilities, labels.length)
  const codes = encodeAgainst(actual, labels)
  let hits = 0
  probabilities.forEach((row, i) => {
    const own = row[codes[i] as number] as number
    let higher = 0
    for (const v of row) if (v > own) higher++
    if (higher < k) hits++
  })
  return hits / actual.length
}

/** Bootstrap intervals of accuracy and macro F1, from the same resamples. */
export interface ClassificationConfidenceIntervals {
  accuracy: ConfidenceInterval
  macroF1: ConfidenceInterval
}

/**
 * Seeded percentile-bootstrap CIs of accuracy and macro F1 from one set of resamples. The class
 * set is fixed from the full data (or `labels`), so a class missing from a resample counts as
 * F1 = 0 there, exactly as the point estimate treats an empty class. Labels are integer-encoded
 * once so resampling stays O(n); the resamples are exactly those `bootstrapStatistic` draws for
 * the same seed, so both statistics share them at the cost of one.
 *
 * Resamples default to `scaledResamples(n)`: 1000 up to 4,000 examples, fewer above.
 */
export function classificationConfidenceIntervals<L extends Label>(
  actual: readonly L[],
  predicted: readonly L[],
  labels?: readonly L[],
  options: BootstrapOptions = {},
): ClassificationConfidenceIntervals {
  checkPaired(actual, predicted, 'predicted')
  const encoded = encode(actual, predicted, labels)
  const k = encoded.labels.length
  const n = actual.length
  const yt = encoded.actual
  const yp = encoded.predicted
  const classes = encoded.classes
  const level = options.level ?? 0.95
  const resamples = options.resamples ?? scaledResamples(n)
  const tp = new Int32Array(classes)
  const sums = new Int32Array(classes) // predicted count + actual count per class
  const accuracyReplicates = new Float64Array(resamples)
  const f1Replicates = new Float64Array(resamples)
  // Few classes: one histogram increment per draw over (actual, predicted) cells, folded in
  // O(classes²) per resample — about 3× faster than three scattered increments per draw.
  const fold = classes * classes <= n
  const cell = new Int32Array(fold ? n : 0)
  if (fold) for (let i = 0; i < n; i++) cell[i] = (yt[i] as number) * classes + (yp[i] as number)
  const histogram = new Int32Array(fold ? classes * classes : 0)
  const indices = new Uint32Array(n)
  let state = (options.seed ?? DEFAULT_SEED) >>> 0
  for (let r = 0; r < resamples; r++) {
    tp.fill(0)
    sums.fill(0)
    histogram.fill(0)
    state = fillRandomIndices(indices, n, state)
    if (fold) {
      for (let i = 0; i < n; i++) {
        const h = cell[indices[i] as number] as number
        histogram[h] = (histogram[h] as number) + 1
      }
      for (let a = 0; a < classes; a++) {
        for (let p = 0; p < classes; p++) {
          const count = histogram[a * classes + p] as number
          sums[a] = (sums[a] as number) + count
          sums[p] = (sums[p] as number) + count
          if (a === p) tp[a] = count
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const j = indices[i] as number
        const a = yt[j] as number
        const p = yp[j] as number
        sums[a] = (sums[a] as number) + 1
        sums[p] = (sums[p] as number) + 1
        if (a === p) tp[a] = (tp[a] as number) + 1
      }
    }
    let correct = 0
    for (let c = 0; c < classes; c++) correct += tp[c] as number
    let f1 = 0
    for (let c = 0; c < k; c++) {
      const den = sums[c] as number
      if (den > 0) f1 += (2 * (tp[c] as number)) / den
    }
    accuracyReplicates[r] = correct / n
    f1Replicates[r] = k === 0 ? 0 : f1 / k
  }
  return { accuracy: percentileInterval(accuracyReplicates, level), macroF1: percentileInterval(f1Replicates, level) }
}

/** Seeded percentile-bootstrap CI of accuracy (1000 resamples by default). */
export function accuracyConfidenceInterval<L extends Label>(
  actual: readonly L[],
  predicted: readonly L[],
  options: BootstrapOptions = {},
): ConfidenceInterval {
  return classificationConfidenceIntervals(actual, predicted, undefined, { resamples: 1000, ...options }).accuracy
}

/**
 * Seeded percentile-bootstrap CI of macro F1 (1000 resamples by default); see
 * {@link classificationConfidenceIntervals}.
 */
export function macroF1ConfidenceInterval<L extends Label>(
  actual: readonly L[],
  predicted: readonly L[],
  labels?: readonly L[],
  options: BootstrapOptions = {},
): ConfidenceInterval {
  return classificationConfidenceIntervals(actual, predicted, labels, { resamples: 1000, ...options }).macroF1
}
