/**
 * Text generation measured as serving benchmarks measure it (vLLM's benchmark_serving, AIPerf,
 * MLPerf Inference), but in-process: time to first token, time per output token, inter-token
 * latency, end-to-end latency and output tokens per second, from a timestamp taken at every
 * decoding step.
 */
import { bootstrapStatistic } from '../analyse/bootstrap.js'
import { summarizeLatency, type LatencyStats } from '../analyse/latency.js'
import { mean, sortAscending } from '../analyse/stats.js'
import { exclusively } from '../core/pairing.js'
import { recordTarget, throwIfStopped } from '../core/sink.js'
import { parseDuration, type Duration } from '../core/units.js'
import { isTextGenerationPipeline, pipelineGenerator, type TextGenerationPipelineLike } from '../models/generation-stream.js'
import type { ModelInfo } from '../results/benchmark.js'
import type { GenerationRequest, GenerationResult } from '../results/generation.js'
import { envFingerprint } from './fingerprint.js'

/** Called once per decoding step, right after its tokens are chosen: one new token id per row of the batch. */
export type TokenStep = (ids: readonly number[]) => void

/** What a generate function may report besides its token steps. */
export interface GeneratedBatch {
  /** Each row's text (the measurement cuts nothing from it: return it already cut at its end-of-sequence token). */
  texts?: readonly string[]
  /** Each row's prompt tokens. */
  inputTokens?: readonly number[]
}

/**
 * Any generate-like function: generates for one batch of prompts and calls `onStep` once per
 * decoding step (a hand-written onnxruntime decode loop calls it after each argmax).
 */
export type GenerateFn = (prompts: readonly string[], onStep: TokenStep) => Promise<GeneratedBatch | void>

/** Options of {@link benchmarkGeneration}. */
export interface GenerationBenchmarkOptions {
  /** Prompts per call [1]. */
  batchSize?: number
  /** Requests to measure, taking the prompts in order and starting over when they run out [one per prompt]. */
  requests?: number
  /** Warm-up calls before measuring, on the first prompts [2]. */
  warmup?: number
  /** Stop measuring once this much time has passed (after at least one call) [no limit]. */
  maxTime?: Duration
  /** Token ids that end a row: its first one ends the request [a pipeline's `eos_token_id`; none for a function]. */
  eosTokenId?: number | readonly number[]
  /** Pipelines: most new tokens per row [64]. */
  maxNewTokens?: number
  /** Model metadata for the result [a pipeline from loadPipeline: its `info`]. */
  model?: ModelInfo
  /** Seed of the bootstrap intervals [fixed]. */
  seed?: number
  /** Record the result on the current vitest test [true]. */
  record?: boolean
}

/** One row's requests from one call: token arrival times (ms from the call) cut at its first end token. */
export function cutRow(ids: readonly number[], stampsMs: readonly number[], eos: ReadonlySet<number>): number[] {
  const end = ids.findIndex((id) => eos.has(id))
  return stampsMs.slice(0, end < 0 ? ids.length : end + 1)
}

const stats = (values: number[], seed?: number): LatencyStats => summarizeLatency(sortAscending(values), seed)

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  const v = value ?? fallback
  if (!Number.isInteger(v) || v < 1) throw new TypeError(`benchmarkGeneration: ${what} must be a positive integer, got ${value}.`)
  return v
}

/**
 * Measures text generation over `prompts`: per request the time to first token (TTFT), the time
 * per output token (TPOT, as vLLM defines it), every inter-token gap (ITL), end-to-end latency and
 * token counts; aggregated with percentiles and their intervals, plus output tokens per second.
 *
 * `generator` is a transformers.js text-generation pipeline (from `loadPipeline` or `pipeline`:
 * greedy, `maxNewTokens` new tokens, rows cut at the model's end-of-sequence token) or a
 * {@link GenerateFn}. In a batch every row shares the call's step times, and each row ends at its
 * own first end-of-sequence token, though the call runs until every row has ended. Runs alone in
 * an A/B run (the other side waits).
 */
export async function benchmarkGeneration(
  name: string,
  generator: GenerateFn | TextGenerationPipelineLike,
  prompts: readonly string[],
  options: GenerationBenchmarkOptions = {},
): Promise<GenerationResult> {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('benchmarkGeneration: the first argument must be a non-empty name.')
  if (!Array.isArray(prompts) || prompts.length === 0 || prompts.some((p) => typeof p !== 'string')) {
    throw new TypeError(`benchmarkGeneration "${name}": prompts must be a non-empty array of strings.`)
  }
  const { generate, eos, info } = resolveGenerator(generator, options, `benchmarkGeneration "${name}": the second argument`)
  const batchSize = positiveInteger(options.batchSize, 1, 'batchSize')
  const wanted = positiveInteger(options.requests, prompts.length, 'requests')
  const warmup = options.warmup ?? 2
  if (!Number.isInteger(warmup) || warmup < 0) throw new TypeError(`benchmarkGeneration "${name}": warmup must be a whole number ≥ 0, got ${warmup}.`)
  const maxTime = options.maxTime === undefined ? Number.POSITIVE_INFINITY : parseDuration(options.maxTime, 'maxTime')
  const model = options.model ?? info
  return exclusively(`benchmarkGeneration ${name}`, () =>
    measure(name, generate, prompts, { batchSize, wanted, warmup, maxTime, eos, model, seed: options.seed, record: options.record !== false }),
  )
}

/** A generator as the measurements call it: a function, the ids that end a row, and a pipeline's model metadata. */
export interface ResolvedGenerator {
  generate: GenerateFn
  eos: ReadonlySet<number>
  info: ModelInfo | undefined
}

/** A pipeline (greedy, `maxNewTokens`, its own end token) or a generate function, checked; `what` names the argument in errors. */
export function resolveGenerator(
  generator: GenerateFn | TextGenerationPipelineLike,
  options: Pick<GenerationBenchmarkOptions, 'maxNewTokens' | 'eosTokenId'>,
  what: string,
): ResolvedGenerator {
  const fromPipeline = isTextGenerationPipeline(generator) ? pipelineGenerator(generator, { maxNewTokens: options.maxNewTokens ?? 64 }) : undefined
  if (!fromPipeline && typeof generator !== 'function') {
    throw new TypeError(`${what} must be a text-generation pipeline or a function (prompts, onStep) => Promise.`)
  }
  const eosIds = options.eosTokenId ?? fromPipeline?.eosTokenIds ?? []
  return {
    generate: fromPipeline?.generate ?? (generator as GenerateFn),
    eos: new Set(typeof eosIds === 'number' ? [eosIds] : eosIds),
    info: fromPipeline?.info,
  }
}

interface Plan {
  batchSize: number
  wanted: number
  warmup: number
  maxTime: number
  eos: ReadonlySet<number>
  model: ModelInfo | undefined
  seed: number | undefined
  record: boolean
}

/** One call: the rows' token ids and step times (ms from the call), and what the generator reported. */
export async function timedGenerate(generate: GenerateFn, batch: readonly string[], what: string): Promise<{ ids: number[][]; stamps: number[]; out: GeneratedBatch | void }> {
  const ids: number[][] = batch.map(() => [])
  const stamps: number[] = []
  const start = performance.now()
  const out = await generate(batch, (step) => {
    stamps.push(performance.now() - start)
    if (step.length !== batch.length) throw new TypeError(`${what}: a step reported ${step.length} token ids for a batch of ${batch.length}; report one per row.`)
    step.forEach((id, r) => (ids[r] as number[]).push(id))
  })
  if (stamps.length === 0) throw new Error(`${what}: the generator returned without reporting a token; call onStep(ids) after every decoding step.`)
  return { ids, stamps, out }
}

async function measure(name: string, generate: GenerateFn, prompts: readonly string[], plan: Plan): Promise<GenerationResult> {
  const what = `benchmarkGeneration "${name}"`
  const target = recordTarget()
  const startedAt = new Date().toISOString()
  const wallStart = performance.now()
  const batchOf = (first: number, size: number) => Array.from({ length: size }, (_, i) => (first + i) % prompts.length)

  for (let w = 0; w < plan.warmup; w++) {
    throwIfStopped(target.signal, `${what} (warm-up)`)
    await timedGenerate(generate, batchOf(w * plan.batchSize, plan.batchSize).map((i) => prompts[i] as string), what)
  }

  const requests: GenerationRequest[] = []
  const arrivals: number[][] = []
  const perCall: GenerationResult['perCall'] = { ms: [], outputTokens: [] }
  const measureStart = performance.now()
  while (requests.length < plan.wanted && (perCall.ms.length === 0 || performance.now() - measureStart < plan.maxTime)) {
    throwIfStopped(target.signal, `${what} (after ${requests.length} requests)`)
    const indices = batchOf(requests.length, Math.min(plan.batchSize, plan.wanted - requests.length))
    const callStart = performance.now()
    const { ids, stamps, out } = await timedGenerate(generate, indices.map((i) => prompts[i] as string), what)
    perCall.ms.push(performance.now() - callStart)
    let tokens = 0
    indices.forEach((prompt, r) => {
      const rowTokens = cutRow(ids[r] as number[], stamps, plan.eos)
      const ttftMs = rowTokens[0] as number
      const e2eMs = rowTokens.at(-1) as number
      const text = out?.texts?.[r]
      requests.push({
        prompt,
        inputTokens: out?.inputTokens?.[r] ?? null,
        outputTokens: rowTokens.length,
        ttftMs,
        tpotMs: rowTokens.length > 1 ? (e2eMs - ttftMs) / (rowTokens.length - 1) : null,
        e2eMs,
        ...(text !== undefined ? { text } : {}),
      })
      arrivals.push(rowTokens)
      tokens += rowTokens.length
    })
    perCall.outputTokens.push(tokens)
  }

  const gaps = arrivals.flatMap((t) => t.slice(1).map((x, i) => x - (t[i] as number)))
  const tpots = requests.flatMap((r) => (r.tpotMs === null ? [] : [r.tpotMs]))
  const e2e = requests.map((r) => r.e2eMs)
  const outputTotal = requests.reduce((s, r) => s + r.outputTokens, 0)
  const inputs = requests.map((r) => r.inputTokens)
  const typical = medianIndex(e2e)
  const result: GenerationResult = {
    kind: 'generation',
    name,
    batchSize: plan.batchSize,
    requests,
    ttft: stats(requests.map((r) => r.ttftMs), plan.seed),
    tpot: tpots.length > 0 ? stats(tpots, plan.seed) : null,
    itl: gaps.length > 0 ? stats(gaps, plan.seed) : null,
    e2e: stats(e2e, plan.seed),
    tokensPerSecond: {
      perRequest: stats(requests.map((r) => (1000 * r.outputTokens) / r.e2eMs), plan.seed),
      overall: overallTokensPerSecond(perCall, perCall.ms.map((_, i) => i)),
      ci: bootstrapStatistic(perCall.ms.length, (calls) => overallTokensPerSecond(perCall, calls), { seed: plan.seed }),
    },
    outputTokens: { total: outputTotal, mean: outputTotal / requests.length },
    inputTokens: inputs.every((n): n is number => n !== null) ? { total: inputs.reduce((s, n) => s + n, 0), mean: mean(inputs) } : null,
    timeline: { request: typical, tokenMs: arrivals[typical] as number[] },
    perCall,
    warmupCalls: plan.warmup,
    // where a loaded pipeline runs (its execution provider); a generate function's own device is not known
    device: typeof plan.model?.executionProvider === 'string' ? plan.model.executionProvider : 'cpu',
    env: envFingerprint(),
    wallTimeMs: performance.now() - wallStart,
    startedAt,
    ...(plan.model ? { model: plan.model } : {}),
  }
  throwIfStopped(target.signal, what)
  if (plan.record) target.result(result)
  return result
}

/** All output tokens over all time of the given calls (vLLM's output token throughput), per second. */
function overallTokensPerSecond(perCall: GenerationResult['perCall'], calls: ArrayLike<number>): number {
  let tokens = 0
  let ms = 0
  for (let i = 0; i < calls.length; i++) {
    tokens += perCall.outputTokens[calls[i] as number] as number
    ms += perCall.ms[calls[i] as number] as number
  }
  return (1000 * tokens) / ms
}

/** Index of the value at the (lower) median. */
function medianIndex(values: readonly number[]): number {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
  return (order[Math.floor((order.length - 1) / 2)] as readonly [number, number])[1]
}
