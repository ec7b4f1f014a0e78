import type { LatencyStats } from '../analyse/latency.js'
import type { EnvFingerprint } from './env.js'

/** How load is applied: a fixed number of virtual users back-to-back, or Poisson arrivals at a rate. */
export type LoadMode = 'closed' | 'open'

/** Which kind of target produced a load-test result. */
export interface LoadTargetInfo {
  /**
   * 'in-process': an async function on the test's own thread (onnxruntime-node's `session.run`
   * blocks that thread, so concurrent requests only queue). 'worker-pool': worker threads, each
   * owning a model session (real parallelism). 'http': a server on loopback. 'generation': a
   * text-generation pipeline or generate function on this thread, one prompt per request, with
   * token timings.
   */
  kind: 'in-process' | 'worker-pool' | 'http' | 'generation'
  /** Worker threads in the pool ('worker-pool' only). */
  workers?: number
  /** The URL requested ('http' only). */
  url?: string
}

/** Failed requests sharing one message. */
export interface ErrorCount {
  message: string
  count: number
}

/** Percentiles of the open-loop generator's lateness, ms. */
export interface SendLag {
  p50: number
  p99: number
  max: number
}

/** What was measured at one load level. */
export interface LoadLevelResult {
  /** Virtual users (closed loop). */
  concurrency?: number
  /** Offered arrival rate, requests per second (open loop). */
  rate?: number
  /** Requests issued in the measured window (warm-up excluded). */
  requests: number
  /** Requests that succeeded. */
  completed: number
  /** Requests that failed or timed out. */
  errors: number
  /** errors / requests (0 when nothing was issued). */
  errorRate: number
  /** Failures grouped by message, most frequent first; the first 20 distinct messages are kept. */
  errorMessages: ErrorCount[]
  /** Failures whose message was not among the kept ones. */
  otherErrors: number
  /** From the start of the measured window until the last measured request settled, ms. */
  durationMs: number
  /** Completed requests per second over `durationMs`. */
  throughput: number
  /**
   * Latency of the completed requests, ms. Open loop: measured from each request's scheduled
   * arrival time, so time spent queueing behind a busy target is included. Null when no request
   * completed.
   */
  latency: LatencyStats | null
  /** Latencies of completed requests, ms, ascending; an evenly spaced subset of at most 1,000. */
  samples: number[]
  /**
   * Open loop: how late the load generator sent requests after their scheduled arrival, ms. The
   * latency includes it. A lag near the latency means the generator's thread (a target blocking
   * it, or a machine slow to wake it) rather than the target made the requests wait.
   */
  sendLag?: SendLag
  /** Whether this level met the SLO (present when an SLO was given). */
  withinSlo?: boolean
  /**
   * Generation targets: time to first token (from when the request was due, like `latency`), time
   * per output token (vLLM's TPOT) and output tokens/s over the level; samples ascending, ≤ 1,000.
   */
  tokens?: {
    ttft: LatencyStats
    tpot: LatencyStats | null
    outputTokensPerSecond: number
    ttftSamples: number[]
    tpotSamples: number[]
  }
  /** Requests per second that met every `goodput` limit (present when `goodput` was given). */
  goodput?: number
}

/** Per-request limits a request must meet to count toward goodput, ms. */
export interface GoodputLimits {
  ttft?: number
  tpot?: number
  e2e?: number
}

/** Service-level objective, limits in ms (as stored on a result). */
export interface LoadSloLimits {
  p50?: number
  p95?: number
  p99?: number
  mean?: number
  /** Limits on a generation level's TTFT and TPOT p99. */
  ttftP99?: number
  tpotP99?: number
  /** Highest acceptable error rate, a fraction [0: any failed request breaks the SLO]. */
  errorRate: number
}

/** The result of {@link loadTest}. */
export interface LoadTestResult {
  kind: 'load-test'
  name: string
  mode: LoadMode
  target: LoadTargetInfo
  /** One entry per concurrency (closed) or rate (open) level, in the order run. */
  levels: LoadLevelResult[]
  slo?: LoadSloLimits
  /**
   * Among the levels meeting the SLO, the one with the highest throughput: `level` is its
   * concurrency (closed loop) or offered rate (open loop). Null when no level met it or no SLO
   * was given.
   */
  maxThroughputWithinSlo: { level: number; throughput: number } | null
  /** The per-request limits of `goodput` (present when given). */
  goodput?: GoodputLimits
  env: EnvFingerprint
  /** ISO timestamp of the start. */
  startedAt: string
}
