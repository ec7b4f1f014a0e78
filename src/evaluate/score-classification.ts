import type { BootstrapOptions } from '../analyse/bootstrap.js'
import {
  classificationConfidenceIntervals,
  classificationReport,
  compareLabels,
  logLoss,
  rocAuc,
  rocAucOneVsRest,
  topKAccuracy,
  type Label,
} from '../analyse/metrics/classification.js'
import { preview, type ParsedOutput } from './outputs.js'
import type { ClassificationEvaluation, EvaluationBase } from '../results/evaluation.js'

/** The classification-specific part of an evaluation result. */
export type ClassificationScores = Omit<ClassificationEvaluation, keyof EvaluationBase>

/** Options of {@link scoreClassification}. */
export interface ClassificationScoreOptions extends Pick<BootstrapOptions, 'seed' | 'resamples'> {
  /** Classes in score-column order [0 … k−1 for score arrays, else the sorted labels seen]. */
  labels?: readonly Label[]
  /** Class of the binary scores and binary ROC AUC [the second of two labels]. */
  positiveLabel?: Label
}

const TOP_K = [1, 3, 5]

function listLabels(labels: readonly Label[]): string {
  return `[${labels.map((l) => JSON.stringify(l)).join(', ')}]`
}

/** Labels in score order: given, or 0 … k−1 for score vectors, or the sorted union of labels seen. */
export function resolveLabels(given: readonly Label[] | undefined, actual: readonly Label[], outputs: readonly ParsedOutput[]): Label[] {
  const widths = new Set<number>()
  for (const o of outputs) if (o.kind === 'vector') widths.add(o.values.length)
  if (widths.size > 1) throw new TypeError(`evaluate: the model's score arrays have different lengths (${[...widths].join(', ')}); each needs one score per label.`)
  const [width] = widths
  if (given) {
    if (width !== undefined && width !== given.length) {
      throw new TypeError(`evaluate: the model outputs ${width} scores per example but labels has ${given.length} entries ${listLabels(given)}; labels must name every score column, in order.`)
    }
    return [...given]
  }
  if (width !== undefined) {
    const labels = Array.from({ length: width }, (_, i) => i)
    const stray = actual.find((a) => typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= width)
    if (stray !== undefined) {
      throw new TypeError(`evaluate: the model outputs ${width} scores per example, read as labels 0…${width - 1}, but the dataset has the label ${JSON.stringify(stray)}; pass labels (in score-column order).`)
    }
    return labels
  }
  const seen = new Set<Label>(actual)
  for (const o of outputs) {
    if (o.kind === 'label' || o.kind === 'top') seen.add(o.label)
    else if (o.kind === 'ranked') for (const e of o.entries) seen.add(e.label)
  }
  return [...seen].sort(compareLabels)
}

function argmax(values: ArrayLike<number>): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i
  return best
}

/** Scores that already form a distribution are kept; anything else (logits) goes through softmax. */
function probabilities(values: ArrayLike<number>): number[] {
  let sum = 0
  let inRange = true
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    sum += v
    if (v < 0 || v > 1) inRange = false
  }
  if (inRange && Math.abs(sum - 1) <= 1e-3) return Array.from(values)
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number)
  const exp = Array.from(values, (v) => Math.exp(v - max))
  const total = exp.reduce((s, v) => s + v, 0)
  return exp.map((v) => v / total)
}

interface Interpreted {
  predicted: Label
  /** Per-class probabilities in labels order, when the output carries them. */
  row?: number[]
}

/** Reads one parsed output against the final label set. */
function interpret(
  output: ParsedOutput,
  labels: readonly Label[],
  index: Map<Label, number>,
  positive: Label | undefined,
  numbersAreProbabilities: boolean,
  i: number,
): Interpreted {
  const binary = labels.length === 2 && positive !== undefined
  const binaryRow = (label: Label, p: number): number[] | undefined => {
    const column = index.get(label)
    if (!binary || column === undefined || p < 0 || p > 1) return undefined
    const row = [1 - p, 1 - p]
    row[column] = p
    return row
  }
  switch (output.kind) {
    case 'label':
      return { predicted: output.label }
    case 'top': {
      const row = binaryRow(output.label, output.score)
      return row ? { predicted: output.label, row } : { predicted: output.label }
    }
    case 'ranked': {
      let best = output.entries[0]!
      const scores = new Map<Label, number>()
      for (const e of output.entries) {
        if (e.score > best.score) best = e
        scores.set(e.label, e.score)
      }
      const covered = labels.every((l) => scores.has(l))
      return covered ? { predicted: best.label, row: labels.map((l) => scores.get(l) as number) } : { predicted: best.label }
    }
    case 'vector': {
      const row = probabilities(output.values)
      return { predicted: labels[argmax(row)] as Label, row }
    }
    case 'number': {
      const v = output.value
      if (numbersAreProbabilities && positive !== undefined && v >= 0 && v <= 1) {
        const negative = labels[0] === positive ? (labels[1] as Label) : (labels[0] as Label)
        const predicted = v >= 0.5 ? positive : negative
        // 0 or 1 that is itself a label reads as a probability only when both readings agree
        if (!index.has(v) || predicted === v) return { predicted, row: binaryRow(positive, v) as number[] }
      }
      if (index.has(v)) return { predicted: v }
      throw new TypeError(
        `evaluate: example ${i}: the model output ${v}, which is neither one of the labels ${listLabels(labels)} nor a probability of the positive class of a two-label task.`,
      )
    }
  }
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null)

/**
 * Scores a classifier's parsed outputs against the actual labels: sklearn-style report, bootstrap
 * CIs of accuracy and macro F1, and ROC AUC / log loss / top-k when every output carried scores.
 */
export function scoreClassification(actual: readonly Label[], outputs: readonly ParsedOutput[], options: ClassificationScoreOptions = {}): ClassificationScores {
  if (actual.length !== outputs.length) throw new Error(`scoreClassification: ${actual.length} labels but ${outputs.length} outputs.`)
  if (actual.length === 0) throw new Error('scoreClassification: no examples to score.')
  const labels = resolveLabels(options.labels, actual, outputs)
  const index = new Map(labels.map((l, i) => [l, i] as const))
  const positive = options.positiveLabel ?? (labels.length === 2 ? labels[1] : undefined)
  if (positive !== undefined && !index.has(positive)) {
    throw new TypeError(`evaluate: positiveLabel ${JSON.stringify(positive)} is not one of the labels ${listLabels(labels)}.`)
  }
  // One number per example is a probability model's output as soon as one of them is a fraction
  // that is not a label; otherwise the numbers are labels (0/1 classifiers give no scores).
  const numbersAreProbabilities =
    labels.length === 2 && positive !== undefined && outputs.some((o) => o.kind === 'number' && o.value >= 0 && o.value <= 1 && !index.has(o.value))
  const predicted: Label[] = []
  const rows: number[][] = []
  outputs.forEach((output, i) => {
    const { predicted: p, row } = interpret(output, labels, index, positive, numbersAreProbabilities, i)
    if (!index.has(p)) {
      throw new TypeError(
        `evaluate: example ${i}: the model predicted ${preview(p)}, which is not one of the labels ${listLabels(labels)}. Map the dataset's labels to the model's with labelMap, or pass the labels the model predicts.`,
      )
    }
    predicted.push(p)
    if (row) rows.push(row)
  })
  if (!options.labels) checkOverlap(actual, predicted)
  const scores = rows.length === actual.length ? rows : undefined
  const bootstrap = { seed: options.seed, resamples: options.resamples }
  const report = classificationReport(actual, predicted, positive === undefined ? { labels } : { labels, positiveLabel: positive })
  const positiveColumn = positive === undefined ? -1 : (index.get(positive) as number)
  const result: ClassificationScores = {
    labels,
    accuracy: report.accuracy,
    ci: classificationConfidenceIntervals(actual, predicted, labels, bootstrap),
    perClass: report.perClass,
    macro: report.macro,
    micro: report.micro,
    weighted: report.weighted,
    confusionMatrix: report.confusion.matrix,
    rocAuc: scores
      ? orNull(
          labels.length === 2 && positiveColumn >= 0
            ? rocAuc(actual.map((a) => (a === positive ? 1 : 0)), scores.map((r) => r[positiveColumn] as number))
            : rocAucOneVsRest(actual, scores, labels).macro,
        )
      : null,
    logLoss: scores ? orNull(logLoss(actual, scores, labels)) : null,
    topK: scores ? Object.fromEntries(TOP_K.filter((k) => k < labels.length).map((k) => [String(k), topKAccuracy(actual, scores, labels, k)])) : null,
    predictions: { actual: [...actual], predicted, correct: actual.map((a, i) => a === predicted[i]), ...(scores && { scores }) },
  }
  if (positive !== undefined) result.positiveLabel = positive
  if (report.binary) result.binary = report.binary
  return result
}

/** Numeric dataset labels against string predictions (or the reverse) with nothing in common is a naming mismatch, not a bad model. */
function checkOverlap(actual: readonly Label[], predicted: readonly Label[]): void {
  const actualSet = new Set(actual)
  if (predicted.some((p) => actualSet.has(p))) return
  const actualTypes = new Set(actual.map((a) => typeof a))
  const predictedTypes = new Set(predicted.map((p) => typeof p))
  if ([...predictedTypes].some((t) => actualTypes.has(t))) return
  throw new TypeError(
    `evaluate: the model predicts ${listLabels([...new Set(predicted)].slice(0, 5))} but the dataset's labels are ${listLabels([...actualSet].slice(0, 5))}; map the dataset's labels to the model's with labelMap (e.g. { '0': 'NEGATIVE', '1': 'POSITIVE' }).`,
  )
}
