import { mannWhitneyU, mcnemar } from '../analyse/significance.js'
import { quantileSorted } from '../analyse/stats.js'
import type { LatencyStats } from '../analyse/latency.js'
import { pairedBootstrapTest, textMetricStatistics, type TextMetricName } from '../analyse/metrics/text.js'
import type { EvaluationResult } from '../results/evaluation.js'
import { envFingerprint } from '../measure/fingerprint.js'
import type { BenchmarkResult } from '../results/benchmark.js'
import type { GenerationResult } from '../results/generation.js'
import { recordResult } from '../core/sink.js'
import type { Duration } from '../core/units.js'
import { LOOKS } from '../analyse/paired.js'
import { benchmarkPair, type BenchmarkPairOptions } from '../measure/benchmark-pair.js'
import type { PairSide } from '../results/benchmark-pair.js'
import { preferredModel } from './preference.js'
import { recommendationText } from './text.js'
import type { ComparedModel, ModelComparisonResult, ModelPairComparison } from '../results/model-comparison.js'

/** What one model contributes: an evaluation, a benchmark or a generation benchmark, or an evaluation with either (measured before). */
export type ModelResults =
  | EvaluationResult
  | BenchmarkResult
  | GenerationResult
  | { evaluation?: EvaluationResult; benchmark?: BenchmarkResult; generation?: GenerationResult; run?: never }

/**
 * A model whose latency compareModels measures itself, interleaved with every other model's
 * (`benchmarkPair`'s scheduler), with its evaluation when there is one.
 */
export interface ModelToMeasure {
  evaluation?: EvaluationResult
  /** One call of the model, timed back to back: `() => session.run(feeds)`. */
  run: () => unknown
}

/** Options of {@link compareModels}. */
export interface CompareModelsOptions {
  /** Name of the result ['<a> vs <b> vs …']. */
  name?: string
  /** Significance level of the tests behind the preferred model [0.05]. */
  alpha?: number
  /** Record the result on the current vitest test [true]. */
  record?: boolean
  /** Models with `run`: how long each pair may be measured [10 s]; it stops earlier once a difference is shown. */
  budget?: Duration
  /** Models with `run`: slice length, warm-up, calls dropped per slice, device and seed, as in `benchmarkPair`. */
  pairing?: Pick<BenchmarkPairOptions, 'slice' | 'warmup' | 'discardPerSlice' | 'device' | 'seed' | 'batchSize'>
}

interface Sources {
  name: string
  evaluation?: EvaluationResult
  benchmark?: BenchmarkResult
  generation?: GenerationResult
  run?: () => unknown
}

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined
}

function sources(name: string, value: ModelResults | ModelToMeasure): Sources {
  const kind = kindOf(value)
  if (typeof value === 'object' && value !== null && 'run' in value && value.run !== undefined) {
    if (typeof value.run !== 'function') throw new TypeError(`compareModels: "${name}".run must be the function to time, e.g. () => session.run(feeds).`)
    if ('benchmark' in value) throw new TypeError(`compareModels: "${name}" has both run and benchmark: give run to measure latency interleaved, or a benchmark() result measured before, not both.`)
    if (value.evaluation !== undefined && kindOf(value.evaluation) !== 'evaluation') throw new TypeError(`compareModels: "${name}".evaluation must be the result of evaluate().`)
    return { name, ...(value.evaluation ? { evaluation: value.evaluation } : {}), run: value.run }
  }
  if (kind === 'evaluation') return { name, evaluation: value as EvaluationResult }
  if (kind === 'benchmark') return { name, benchmark: value as BenchmarkResult }
  if (kind === 'generation') return { name, generation: value as GenerationResult }
  if (typeof value === 'object' && value !== null && kind === undefined) {
    const { evaluation, benchmark, generation } = value as { evaluation?: unknown; benchmark?: unknown; generation?: unknown }
    if (evaluation !== undefined && kindOf(evaluation) !== 'evaluation') throw new TypeError(`compareModels: "${name}".evaluation must be the result of evaluate().`)
    if (benchmark !== undefined && kindOf(benchmark) !== 'benchmark') throw new TypeError(`compareModels: "${name}".benchmark must be the result of benchmark().`)
    if (generation !== undefined && kindOf(generation) !== 'generation') throw new TypeError(`compareModels: "${name}".generation must be the result of benchmarkGeneration().`)
    if (benchmark !== undefined && generation !== undefined) throw new TypeError(`compareModels: "${name}" has both benchmark and generation: give one latency source.`)
    if (evaluation !== undefined || benchmark !== undefined || generation !== undefined) {
      return { name, ...(value as { evaluation?: EvaluationResult; benchmark?: BenchmarkResult; generation?: GenerationResult }) }
    }
  }
  throw new TypeError(
    `compareModels: "${name}" must be the result of evaluate(), benchmark() or benchmarkGeneration(), { evaluation, benchmark | generation }, or { evaluation, run } to measure latency; got ${value instanceof Promise ? 'a Promise (await it first)' : JSON.stringify(kind ?? typeof value)}.`,
  )
}

function metricsOf(model: Sources): ComparedModel {
  const out: ComparedModel = { name: model.name }
  const e = model.evaluation
  if (e) {
    out.n = e.n
    if (e.task === 'classification') {
      out.accuracy = { value: e.accuracy, ci: e.ci.accuracy }
      out.macroF1 = { value: e.macro.f1, ci: e.ci.macroF1 }
    } else if (e.task === 'generation') {
      out.accuracy = { value: e.exactMatch, ci: e.ci.exactMatch }
      for (const key of TEXT_METRICS) out[key] = { value: e[key], ci: e.ci[key] }
    } else {
      out.r2 = { value: e.r2, ci: e.ci.r2 }
      out.rmse = { value: e.rmse, ci: e.ci.rmse }
      out.mae = { value: e.mae, ci: e.ci.mae }
    }
  }
  const latency = (stats: LatencyStats, throughput: number) => {
    out.p50 = { value: stats.p50, ci: stats.ci.p50 }
    out.p95 = { value: stats.p95, ci: stats.ci.p95 }
    out.p99 = stats.p99
    out.throughput = throughput
  }
  const b = model.benchmark
  if (b) {
    latency(b.latency, b.throughput.itemsPerSecond)
    if (b.memory) out.rssPeak = b.memory.rssPeak
  }
  const g = model.generation
  if (g) {
    // a generator's latency is its requests' end-to-end time; its throughput output tokens/s
    latency(g.e2e, g.tokensPerSecond.overall)
    out.ttft = { value: g.ttft.p50, ci: g.ttft.ci.p50 }
    if (g.tpot) out.tpot = { value: g.tpot.p50, ci: g.tpot.ci.p50 }
  }
  return out
}

/** Latency samples (ascending) of a model measured before: a benchmark's calls or a generator's requests (e2e). */
function latencySamples(model: Sources): number[] | undefined {
  if (model.benchmark) return model.benchmark.samples
  return model.generation && [...model.generation.requests.map((r) => r.e2eMs)].sort((x, y) => x - y)
}

const TEXT_METRICS: readonly TextMetricName[] = ['bleu', 'chrf', 'rougeL', 'wer', 'cer']

/** Each example's correctness (a generator's exact match) and what identifies the example, or undefined for a regression. */
function pairedOutcomes(e: EvaluationResult): { correct: boolean[]; keys: unknown[] } | undefined {
  if (e.task === 'classification') return { correct: e.predictions.correct, keys: e.predictions.actual }
  if (e.task === 'generation') return { correct: e.predictions.scores.exactMatch.map((m) => m === 1), keys: e.predictions.references.map((r) => r.join('\u0000')) }
  return undefined
}

/** McNemar on the two models' per-example correctness; they must have scored the same examples. */
function pairAccuracy(a: Sources, b: Sources): ModelPairComparison['accuracy'] {
  const ea = a.evaluation
  const eb = b.evaluation
  const pa = ea && pairedOutcomes(ea)
  const pb = eb && pairedOutcomes(eb)
  if (!ea || !eb || !pa || !pb || ea.task !== eb.task) return undefined
  if (pa.correct.length !== pb.correct.length || pa.keys.some((key, i) => key !== pb.keys[i])) {
    throw new Error(
      `compareModels: "${a.name}" and "${b.name}" were not evaluated on the same examples (${pa.correct.length} vs ${pb.correct.length} examples, or ${ea.task === 'generation' ? 'references' : 'labels'} in a different order); evaluate both on the same dataset, in the same order, for a paired comparison.`,
    )
  }
  const accuracy = (e: EvaluationResult) => (e.task === 'classification' ? e.accuracy : e.task === 'generation' ? e.exactMatch : Number.NaN)
  return { difference: accuracy(eb) - accuracy(ea), mcnemar: mcnemar(pa.correct, pb.correct) }
}

/** Generators on the same examples (checked by pairAccuracy): every corpus metric by paired bootstrap. */
function pairText(a: Sources, b: Sources): ModelPairComparison['text'] {
  const ea = a.evaluation
  const eb = b.evaluation
  if (ea?.task !== 'generation' || eb?.task !== 'generation') return undefined
  const references = ea.predictions.references
  return Object.fromEntries(
    TEXT_METRICS.map((key) => {
      const test = pairedBootstrapTest(textMetricStatistics(key, ea.predictions.outputs, references), textMetricStatistics(key, eb.predictions.outputs, references))
      return [key, { difference: test.difference, pValue: test.pValue, interval: test.interval }]
    }),
  )
}

/** Mann–Whitney U on the two benchmarks' call latencies; ratio of medians b / a. */
function pairLatency(a: Sources, b: Sources): ModelPairComparison['latency'] {
  const sa = latencySamples(a)
  const sb = latencySamples(b)
  if (!sa || !sb || sa.length === 0 || sb.length === 0) return undefined
  const test = mannWhitneyU(sb, sa)
  return { ratio: quantileSorted(sb, 0.5) / quantileSorted(sa, 0.5), test: 'mann-whitney-u', pValue: test.pValue, effect: test.effect }
}

type PairLatency = NonNullable<ModelPairComparison['latency']>

/** Both models' latency measured interleaved: the paired ratio, its interval, and the two-sided p-value of "equally fast". */
async function measurePair(a: Sources, b: Sources, alpha: number, options: CompareModelsOptions): Promise<{ latency: PairLatency; a: PairSide; b: PairSide }> {
  // tolerance 0: the question is whether either is faster at all; each side of the two-sided test gets alpha / 2
  const r = await benchmarkPair(`${a.name} vs ${b.name}`, { base: a.run as () => unknown, head: b.run as () => unknown }, {
    ...options.pairing,
    tolerance: 0,
    alpha: alpha / 2,
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    record: false,
  })
  const pValue = Math.min(1, 2 * LOOKS * Math.min(r.pWorse, r.pBetter))
  return { latency: { ratio: r.ratio, test: 'paired-slices', pValue, interval: r.interval, pairs: r.pairs, elapsedMs: r.elapsedMs }, a: r.base, b: r.head }
}

function withSide(model: ComparedModel, side: PairSide, batchSize: number): ComparedModel {
  if (model.p50) return model
  return { ...model, p50: { value: side.p50 }, p95: { value: side.p95 }, p99: side.p99, throughput: (1000 * batchSize) / side.mean }
}

/** The result from the models and their pairwise comparisons. */
function comparisonResult(all: readonly Sources[], compared: ComparedModel[], pairs: ModelPairComparison[], alpha: number, options: CompareModelsOptions): ModelComparisonResult {
  const facts = { models: compared, pairs, alpha, preference: preferredModel(compared, pairs, alpha) }
  const result: ModelComparisonResult = {
    kind: 'model-comparison',
    name: options.name ?? all.map((m) => m.name).join(' vs '),
    ...facts,
    recommendation: recommendationText(facts),
    env: envFingerprint(),
    startedAt: new Date().toISOString(),
  }
  if (options.record !== false) recordResult(result)
  return result
}

async function measureAndCompare(all: readonly Sources[], alpha: number, options: CompareModelsOptions): Promise<ModelComparisonResult> {
  const compared = all.map(metricsOf)
  const pairs: ModelPairComparison[] = []
  const batchSize = options.pairing?.batchSize ?? 1
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as Sources
      const b = all[j] as Sources
      const accuracy = pairAccuracy(a, b)
      const measured = await measurePair(a, b, alpha, options)
      // each model's own latency figures come from the first pair it was measured in
      compared[i] = withSide(compared[i] as ComparedModel, measured.a, batchSize)
      compared[j] = withSide(compared[j] as ComparedModel, measured.b, batchSize)
      const text = pairText(a, b)
      pairs.push({ a: a.name, b: b.name, ...(accuracy ? { accuracy } : {}), ...(text ? { text } : {}), latency: measured.latency })
    }
  }
  return comparisonResult(all, compared, pairs, alpha, options)
}

/**
 * Puts several models side by side (`{ 'pre-trained': …, 'fine-tuned': … }`, first = reference)
 * with significance: McNemar on paired per-example predictions for accuracy; for latency, either
 * both models measured here, interleaved (each model given as `{ evaluation?, run }`: returns a
 * Promise), or Mann–Whitney U on `benchmark()` samples measured before, one after the other — which
 * a machine that was busier during one of them can fool. Each model is otherwise an `evaluate()`
 * result, a `benchmark()` result, or `{ evaluation, benchmark }`. `preference` says which model to
 * prefer and why; `recommendation` says it in words, with every model against the reference.
 * Inside a vitest test the result is recorded.
 */
export function compareModels(models: Record<string, ModelResults>, options?: CompareModelsOptions): ModelComparisonResult
export function compareModels(models: Record<string, ModelResults | ModelToMeasure>, options?: CompareModelsOptions): Promise<ModelComparisonResult>
export function compareModels(models: Record<string, ModelResults | ModelToMeasure>, options: CompareModelsOptions = {}): ModelComparisonResult | Promise<ModelComparisonResult> {
  const entries = Object.entries(models ?? {})
  if (entries.length < 2) throw new TypeError(`compareModels: give at least two models, e.g. { base: result, 'fine-tuned': result }; got ${entries.length}.`)
  const alpha = options.alpha ?? 0.05
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`compareModels: alpha must be between 0 and 1, got ${alpha}.`)
  const all = entries.map(([name, value]) => sources(name, value))
  const toMeasure = all.filter((m) => m.run).length
  if (toMeasure > 0) {
    if (toMeasure < all.length) {
      throw new TypeError(`compareModels: ${toMeasure} of ${all.length} models have a run function; give every model one (to measure their latency interleaved) or none.`)
    }
    return measureAndCompare(all, alpha, options)
  }
  const pairs: ModelPairComparison[] = []
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as Sources
      const b = all[j] as Sources
      const accuracy = pairAccuracy(a, b)
      const text = pairText(a, b)
      const latency = pairLatency(a, b)
      pairs.push({ a: a.name, b: b.name, ...(accuracy ? { accuracy } : {}), ...(text ? { text } : {}), ...(latency ? { latency } : {}) })
    }
  }
  return comparisonResult(all, all.map(metricsOf), pairs, alpha, options)
}
