import type { Label } from '../analyse/metrics/classification.js'
import { summarizeLatency } from '../analyse/latency.js'
import { sortAscending } from '../analyse/stats.js'
import { readDatasetBatches } from '../datasets/read-dataset.js'
import { fileNameOf } from '../datasets/record-formats.js'
import type { DatasetOptions, DatasetSource, Example } from '../datasets/types.js'
import { envFingerprint } from '../measure/fingerprint.js'
import type { ModelInfo } from '../results/benchmark.js'
import { recordTarget, throwIfStopped } from '../core/sink.js'
import { exclusively } from '../core/pairing.js'
import { parseClassificationOutput, parseGenerationOutput, parseRegressionOutput, preview, type ParsedOutput } from './outputs.js'
import { createProgress, progressWanted } from './progress.js'
import { resolveLabels, scoreClassification } from './score-classification.js'
import { scoreRegression } from './score-regression.js'
import { scoreGeneration } from './score-generation.js'
import { isTextGenerationPipeline, pipelineGenerator } from '../models/generation-stream.js'
import type { EvaluationBase, EvaluationResult, EvaluationTask, EvaluationTiming } from '../results/evaluation.js'

/**
 * A model as {@link evaluate} calls it: one call per batch of inputs, one output per input, in
 * order. A transformers.js pipeline is such a function (`clf(texts)`; wrap it to pass options,
 * e.g. `(texts) => clf(texts, { top_k: null })`); an ONNX session needs a small wrapper that
 * builds the input tensor and splits the output (see `splitRows`).
 */
export type BatchPredict<I = unknown> = (inputs: I[]) => Promise<ArrayLike<unknown>> | ArrayLike<unknown>

/** A {@link BatchPredict} function, or an object with a `predict` method of that shape. */
export type EvaluableModel<I = unknown> = BatchPredict<I> | { predict: BatchPredict<I> }

/** Options of {@link evaluate}; the dataset options (fields, labelMap, filter, limit…) apply to reading. */
export interface EvaluateOptions extends DatasetOptions {
  /** Name of the result ['evaluation', or the dataset file's name]. */
  name?: string
  /** Score as classification or regression [from the first example: label → classification, target → regression]. */
  task?: EvaluationTask
  /** Classification: every class, in score-column order; other labels in the data are an error. */
  labels?: readonly Label[]
  /** Classification: the class of `binary` scores and the binary ROC AUC [the second of two labels]. */
  positiveLabel?: Label
  /** Inputs per model call [32]. */
  batchSize?: number
  /** Model metadata for the result [the `info` a model loader attached to the model]. */
  model?: ModelInfo
  /** Record the result on the current vitest test [true]. */
  record?: boolean
  /** Progress bar on stderr [only on a TTY outside CI]. */
  progress?: boolean
  /** Seed of the bootstrap intervals [fixed]. */
  seed?: number
  /** Bootstrap resamples [1000 up to 4,000 examples, fewer above: scaledResamples(n)]. */
  resamples?: number
  /** Generation with a text-generation pipeline: most new tokens per example (greedy) [64]. */
  maxNewTokens?: number
}

function toPredict<I>(model: EvaluableModel<I>, options: EvaluateOptions): BatchPredict<I> {
  // a text-generation pipeline: greedy, each row cut at its own end token (a batched pipeline call
  // returns text generated past it)
  if (isTextGenerationPipeline(model)) {
    const { generate } = pipelineGenerator(model, { maxNewTokens: options.maxNewTokens ?? 64 })
    return async (inputs) => (await generate(inputs as string[], () => undefined)).texts
  }
  if (typeof model === 'function') return model
  if (typeof model === 'object' && model !== null && typeof model.predict === 'function') return (inputs) => model.predict(inputs)
  throw new TypeError(`evaluate: model must be a function (inputs[]) => outputs[] or an object with a predict method, got ${preview(model)}.`)
}

/** The `info` metadata the model loaders attach to what they return, when the model has it. */
function attachedInfo(model: unknown): ModelInfo | undefined {
  const info = (model as { info?: unknown } | null)?.info
  if (typeof info !== 'object' || info === null) return undefined
  const flat = Object.values(info).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  return flat ? (info as ModelInfo) : undefined
}

function knownTotal(dataset: DatasetSource, options: EvaluateOptions): number | undefined {
  if (!Array.isArray(dataset) || options.filter) return undefined
  return Math.min(dataset.length, options.limit ?? Number.POSITIVE_INFINITY)
}

function timingOf(durations: readonly number[], batchSize: number, n: number): EvaluationTiming {
  const totalMs = durations.reduce((s, d) => s + d, 0)
  // the last batch is usually short: summarise the full-size ones when there are any
  const full = durations.length > 1 && n % batchSize !== 0 ? durations.slice(0, -1) : durations
  return {
    batches: durations.length,
    batchSize,
    totalMs,
    itemsPerSecond: (n * 1000) / totalMs,
    batchLatency: full.length > 0 ? summarizeLatency(sortAscending(full)) : null,
  }
}

/**
 * Runs `model` over every example of `dataset` in batches and scores its outputs: accuracy,
 * per-class and averaged precision/recall/F1, confusion matrix, ROC AUC, log loss and top-k
 * (classification), or MAE/MSE/RMSE/R²/MAPE (regression), with bootstrap CIs and per-example
 * predictions. Per-batch model time is measured (reading and scoring are not). Inside a vitest
 * test the result is recorded for the reporter and baselines.
 *
 * Classifier outputs may be labels, `{ label, score }`, arrays of `{ label, score }` (argmax;
 * their scores become per-class probabilities when they cover every label), score arrays in
 * `labels` order (probabilities, or logits that get a softmax), or one number: a label, or the
 * positive class's probability in a two-label task. Regressor outputs are numbers.
 */
export async function evaluate<I = unknown>(model: EvaluableModel<I>, dataset: DatasetSource, options: EvaluateOptions = {}): Promise<EvaluationResult> {
  // in an A/B run the other tree's side measures nothing while this one evaluates
  return exclusively('evaluate', () => evaluateNow(model, dataset, options))
}

async function evaluateNow<I>(model: EvaluableModel<I>, dataset: DatasetSource, options: EvaluateOptions): Promise<EvaluationResult> {
  const startedAt = new Date().toISOString()
  const predict = toPredict(model, options)
  const batchSize = options.batchSize ?? 32
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TypeError(`evaluate: batchSize must be a positive integer, got ${batchSize}.`)
  const name = options.name ?? (typeof dataset === 'string' ? fileNameOf(dataset) : 'evaluation')
  const target = recordTarget()
  const progress = createProgress(`evaluate "${name}"`, knownTotal(dataset, options), options.progress ?? progressWanted())

  let task = options.task
  const labels: Label[] = []
  const targets: number[] = []
  const references: string[][] = []
  const prompts: unknown[] = []
  const texts: string[] = []
  const parsed: ParsedOutput[] = []
  const predicted: number[] = []
  const durations: number[] = []
  const run = async (batch: Example[]): Promise<void> => {
    const b = durations.length
    const inputs = batch.map((e) => e.input) as I[]
    const t0 = performance.now()
    const outputs = await predict(inputs)
    durations.push(performance.now() - t0)
    if (outputs === null || typeof outputs !== 'object' || typeof outputs.length !== 'number') {
      throw new TypeError(`evaluate "${name}": batch ${b}: the model returned ${preview(outputs)}; it must return an array with one output per input.`)
    }
    if (outputs.length !== batch.length) {
      throw new TypeError(
        `evaluate "${name}": batch ${b}: the model returned ${outputs.length} outputs for ${batch.length} inputs; it must return one output per input` +
          (outputs.length % batch.length === 0 ? ` (for a [batch, classes] tensor, split it with splitRows(data, ${outputs.length / batch.length}))` : '') +
          '.',
      )
    }
    const first = parsed.length + predicted.length + texts.length
    for (let i = 0; i < batch.length; i++) {
      const example = batch[i] as Example
      const where = `evaluate "${name}": example ${first + i}`
      if ('label' in example) {
        labels.push(example.label)
        parsed.push(parseClassificationOutput(outputs[i], where))
      } else if ('references' in example) {
        references.push(example.references)
        prompts.push(example.input)
        texts.push(parseGenerationOutput(outputs[i], where))
      } else {
        targets.push(example.target)
        predicted.push(parseRegressionOutput(outputs[i], where))
      }
    }
    // a label the score columns cannot name fails in its own batch, not after the whole dataset ran
    if (!options.labels && labels.length > first) resolveLabels(undefined, labels.slice(first), parsed.slice(first))
    progress.update(first + batch.length)
  }
  try {
    for await (const batch of readDatasetBatches(dataset, options, batchSize)) {
      // stops between batches when its test has ended (leaving the loop closes the dataset file)
      throwIfStopped(target.signal, `evaluate "${name}" (after ${parsed.length + predicted.length + texts.length} examples)`)
      const example = batch[0] as Example
      task ??= 'label' in example ? 'classification' : 'references' in example ? 'generation' : 'regression'
      await run(batch)
    }
  } finally {
    progress.finish()
  }
  const n = parsed.length + predicted.length + texts.length
  const info = options.model ?? attachedInfo(model)
  if (task === undefined || n === 0) {
    throw new Error(`evaluate "${name}": the dataset gave no examples${options.filter || options.limit !== undefined ? ' (check filter and limit)' : ''}.`)
  }
  const base: Omit<EvaluationBase, 'task'> = {
    kind: 'evaluation',
    name,
    n,
    env: envFingerprint(),
    startedAt,
    ...(info && { model: info }),
    timing: timingOf(durations, batchSize, n),
  }
  const bootstrap = { seed: options.seed, resamples: options.resamples }
  const result: EvaluationResult =
    task === 'classification'
      ? { ...base, task, ...scoreClassification(labels, parsed, { ...bootstrap, labels: options.labels, positiveLabel: options.positiveLabel }) }
      : task === 'generation'
        ? { ...base, task, ...scoreGeneration(prompts, texts, references, bootstrap) }
        : { ...base, task, ...scoreRegression(targets, predicted, bootstrap) }
  throwIfStopped(target.signal, `evaluate "${name}"`)
  if (options.record !== false) target.result(result)
  return result
}
