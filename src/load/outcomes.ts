import { summarizeLatency, thinSorted } from '../analyse/latency.js'
import { quantileSorted } from '../analyse/stats.js'
import type { ErrorCount, LoadLevelResult } from '../results/load-test.js'

/** Distinct error messages kept per level; further failures are only counted. */
export const MAX_ERROR_MESSAGES = 20
/** Latency samples kept per level on the result. */
export const KEPT_LEVEL_SAMPLES = 1000

/** The message a failed request is counted under: an Error's message (or name), else its string form, at most 200 characters. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error)
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

/** Collects the outcome of every request of one load level; failures are counted, never thrown. */
export class LevelRecorder {
  readonly #latencies: number[] = []
  readonly #sendLags: number[] = []
  readonly #messages = new Map<string, number>()
  #errors = 0
  #otherErrors = 0

  /** A request succeeded after `latencyMs`. */
  success(latencyMs: number): void {
    this.#latencies.push(latencyMs)
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
    }
  }

  #sendLag(): Pick<LoadLevelResult, 'sendLag'> {
    if (this.#sendLags.length === 0) return {}
    const lags = Float64Array.from(this.#sendLags).sort()
    return { sendLag: { p50: quantileSorted(lags, 0.5), p99: quantileSorted(lags, 0.99), max: lags[lags.length - 1] as number } }
  }
}
