import { summarizeLatency, thinSorted } from '../analyse/latency.js'
import { quantileSorted } from '../analyse/stats.js'
import type { ErrorCount, GoodputLimits, LoadLevelResult } from '../results/load-test.js'
import type { TokenTiming } from './dispatcher.js'

/** Distinct error messages kept per level; further failures are only counted. */
export const MAX_ERROR_MESSAGES = 20
/** Latency samples kept per level on the result. */
export const KEPT_LEVEL_SAMPLES = 1000

/** The message a failed request is counted under: an Error's message (or name), else its string form, at most 200 characters. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error)
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

/** A generation request's token times, ms from the same origin as its latency. */
export interface RequestTokens {
  ttftMs: number
  /** (last − first token) / (tokens − 1); null for one token. */
  tpotMs: number | null
  outputTokens: number
}

/**
 * A generation request's token times from `origin` (when the user was ready, or the scheduled
 * arrival): time spent queueing before the call counts toward the TTFT, as it does toward latency.
 */
export function tokensFrom(timing: TokenTiming, origin: number): RequestTokens {
  const queued = timing.startedAt - origin
  return {
    ttftMs: queued + timing.firstTokenMs,
    tpotMs: timing.outputTokens > 1 ? (timing.lastTokenMs - timing.firstTokenMs) / (timing.outputTokens - 1) : null,
    outputTokens: timing.outputTokens,
  }
}

/** Whether a request met every per-request limit of the goodput definition. */
function good(latencyMs: number, tokens: RequestTokens | undefined, limits: GoodputLimits): boolean {
  if (limits.e2e !== undefined && latencyMs > limits.e2e) return false
  if (limits.ttft !== undefined && !(tokens && tokens.ttftMs <= limits.ttft)) return false
  if (limits.tpot !== undefined && !(tokens && (tokens.tpotMs === null || tokens.tpotMs <= limits.tpot))) return false
  return true
}

/** Collects the outcome of every request of one load level; failures are counted, never thrown. */
export class LevelRecorder {
  readonly #latencies: number[] = []
  readonly #tokens: RequestTokens[] = []
  #good = 0
  readonly #goodput: GoodputLimits | undefined

  /** `goodput`: per-request limits a request must meet to count toward the level's goodput. */
  constructor(goodput?: GoodputLimits) {
    this.#goodput = goodput
  }
  readonly #sendLags: number[] = []
  readonly #messages = new Map<string, number>()
  #errors = 0
  #otherErrors = 0

  /** A request succeeded after `latencyMs` (a generation request with its token times). */
  success(latencyMs: number, tokens?: RequestTokens): void {
    this.#latencies.push(latencyMs)
    if (tokens) this.#tokens.push(tokens)
    if (this.#goodput && good(latencyMs, tokens, this.#goodput)) this.#good++
  }

  /** An open-loop request was sent `lagMs` after its scheduled arrival. */
  sent(lagMs: number): void {
    this.#sendLags.push(lagMs)
  }

  /** A request failed with `error`. */
  failure(error: unknown): void {
    this.#errors++
    const message = errorMessage(error)
    const count = this.#messages.get(message)
    if (count !== undefined) this.#messages.set(message, count + 1)
    else if (this.#messages.size < MAX_ERROR_MESSAGES) this.#messages.set(message, 1)
    else this.#otherErrors++
  }

  /** The level's summary; `durationMs` is the measured window. */
  summarize(level: { concurrency: number } | { rate: number }, durationMs: number, seed?: number): LoadLevelResult {
    const sorted = Float64Array.from(this.#latencies).sort()
    const completed = sorted.length
    const requests = completed + this.#errors
    const errorMessages: ErrorCount[] = [...this.#messages]
      .map(([message, count]) => ({ message, count }))
      .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message))
    return {
      ...level,
      requests,
      completed,
      errors: this.#errors,
      errorRate: requests === 0 ? 0 : this.#errors / requests,
      errorMessages,
      otherErrors: this.#otherErrors,
      durationMs,
      throughput: durationMs > 0 ? (1000 * completed) / durationMs : 0,
      latency: completed === 0 ? null : summarizeLatency(sorted, seed),
      samples: thinSorted(sorted, KEPT_LEVEL_SAMPLES),
      ...this.#sendLag(),
      ...this.#tokenSummary(durationMs, seed),
      ...(this.#goodput ? { goodput: durationMs > 0 ? (1000 * this.#good) / durationMs : 0 } : {}),
    }
  }

  #tokenSummary(durationMs: number, seed: number | undefined): Pick<LoadLevelResult, 'tokens'> {
    if (this.#tokens.length === 0) return {}
    const ttft = Float64Array.from(this.#tokens, (t) => t.ttftMs).sort()
    const tpot = Float64Array.from(this.#tokens.flatMap((t) => (t.tpotMs === null ? [] : [t.tpotMs]))).sort()
    const outputTokens = this.#tokens.reduce((sum, t) => sum + t.outputTokens, 0)
    return {
      tokens: {
        ttft: summarizeLatency(ttft, seed),
        tpot: tpot.length > 0 ? summarizeLatency(tpot, seed) : null,
        outputTokensPerSecond: durationMs > 0 ? (1000 * outputTokens) / durationMs : 0,
        ttftSamples: thinSorted(ttft, KEPT_LEVEL_SAMPLES),
        tpotSamples: thinSorted(tpot, KEPT_LEVEL_SAMPLES),
      },
    }
  }

  #sendLag(): Pick<LoadLevelResult, 'sendLag'> {
    if (this.#sendLags.length === 0) return {}
    const lags = Float64Array.from(this.#sendLags).sort()
    return { sendLag: { p50: quantileSorted(lags, 0.5), p99: quantileSorted(lags, 0.99), max: lags[lags.length - 1] as number } }
  }
}
