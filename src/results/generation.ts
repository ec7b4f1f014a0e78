import type { ConfidenceInterval } from '../analyse/bootstrap.js'
import type { LatencyStats } from '../analyse/latency.js'
import type { ModelInfo } from './benchmark.js'
import type { EnvFingerprint } from './env.js'

/**
 * One request of a generation benchmark: one prompt, one row of a batch. Times in ms from the
 * start of the call that carried it.
 */
export interface GenerationRequest {
  /** Index of the prompt in the list given to `benchmarkGeneration`. */
  prompt: number
  /** Prompt tokens, when the generator reports them. */
  inputTokens: number | null
  /** Tokens generated up to and including the row's first end-of-sequence token. */
  outputTokens: number
  /** Time to first token: from the call to the first decoding step's token. */
  ttftMs: number
  /** Time per output token (vLLM's TPOT): (e2e − TTFT) / (output tokens − 1); null for one-token outputs. */
  tpotMs: number | null
  /** From the call to the row's last token (its end-of-sequence token, or the last step). */
  e2eMs: number
  /** The row's text as the generator decoded it (cut at its end-of-sequence token), when it reports texts. */
  text?: string
}

/** Per-token timeline of one request: when each token arrived, ms from the call. */
export interface TokenTimeline {
  /** Index into `requests`. */
  request: number
  /** Arrival time of each output token; the first is the TTFT (prefill), the rest decode steps. */
  tokenMs: number[]
}

/** The result of `benchmarkGeneration`. Times in milliseconds. */
export interface GenerationResult {
  kind: 'generation'
  name: string
  /** Prompts per call. */
  batchSize: number
  /** Measured requests, in the order they ran (warm-up excluded). */
  requests: GenerationRequest[]
  /** Time to first token over requests. */
  ttft: LatencyStats
  /** Time per output token over requests with at least two output tokens; null when none had. */
  tpot: LatencyStats | null
  /**
   * Inter-token latency (AIPerf's ITL, vLLM's "ITL" too): every gap between consecutive tokens of
   * a request, pooled over requests; null when no request had two tokens.
   */
  itl: LatencyStats | null
  /** End-to-end latency of requests. */
  e2e: LatencyStats
  /** Output tokens per second: per request (outputTokens / e2e), and overall (vLLM's output token throughput: all output tokens over the measured calls' time). */
  tokensPerSecond: {
    perRequest: LatencyStats
    overall: number
    /** 95 % seeded-bootstrap interval of `overall`, resampling calls. */
    ci: ConfidenceInterval
  }
  outputTokens: { total: number; mean: number }
  /** Null when the generator does not report prompt tokens. */
  inputTokens: { total: number; mean: number } | null
  /** The request whose e2e latency is the median's: its token arrivals. */
  timeline: TokenTimeline
  /** Each measured call: its duration (ms) and the output tokens of its rows (the gate tests tokens/s on these). */
  perCall: { ms: number[]; outputTokens: number[] }
  /** Warm-up calls, not in `requests`. */
  warmupCalls: number
  device: string
  env: EnvFingerprint
  /** Wall-clock time of the whole benchmark, ms. */
  wallTimeMs: number
  /** ISO timestamp of the start. */
  startedAt: string
  model?: ModelInfo
}
