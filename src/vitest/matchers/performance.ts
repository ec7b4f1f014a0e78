import type { LatencyStats } from '../../analyse/latency.js'
import type { BenchmarkResult } from '../../results/benchmark.js'
import { formatBytes, formatDuration, formatRate, parseBytes, parseDuration } from '../../core/units.js'
import { acceptBenchmarkResult, describeBenchmark } from './benchmark-result.js'
import { quantileLowerBound, quantileUpperBound, samplesForBound } from '../../analyse/quantile-bounds.js'
import { measureItemsPerSecond, parseRateLimit, thresholdMatcher, type Measured, type ThresholdSpec } from './threshold.js'

type LatencyKey = 'p50' | 'p95' | 'p99' | 'mean'

const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const

/** The latency percentile `key` of a result with its interval and, from the samples, a bound at any level. */
function measureLatency(r: BenchmarkResult, key: LatencyKey): Measured {
  const measured: Measured = { value: (r.latency as LatencyStats)[key], ci: r.latency.ci[key], n: r.iterations }
  if (key !== 'mean' && r.samples.length > 0) {
    const q = QUANTILES[key]
    // stored samples are every call (ascending), so the bound is exact
    measured.bound = (confidence, side) => ({
      value: side === 'upper' ? quantileUpperBound(r.samples, q, confidence) : quantileLowerBound(r.samples, q, confidence),
      needed: samplesForBound(q, confidence, side),
    })
  }
  return measured
}

/**
 * A latency limit finer than the clock that timed the calls cannot be judged: browsers coarsen
 * `performance.now()` (Chromium: 100 µs without cross-origin isolation, 5 µs with it).
 */
function finerThanTimer(r: BenchmarkResult, limit: number): string | undefined {
  const resolution = r.env.runtime?.timerResolutionMs
  if (resolution === undefined || limit >= resolution) return undefined
  return (
    `the limit ${formatDuration(limit)} is finer than the timer that measured ${describeBenchmark(r)}: ${r.env.runtime?.name} stepped ` +
    `performance.now() by ${formatDuration(resolution)}${r.env.runtime?.crossOriginIsolated ? '' : ' (the page is not cross-origin isolated)'}. ` +
    'Use a limit of at least one timer step, or time batches of calls (batchSize).'
  )
}

function latencySpec(key: LatencyKey, matcher: string): ThresholdSpec<BenchmarkResult> {
  return {
    matcher,
    metric: `${key === 'mean' ? 'mean' : key} latency`,
    direction: 'below',
    accept: acceptBenchmarkResult,
    describe: describeBenchmark,
    measure: (r) => measureLatency(r, key),
    parseLimit: (limit) => parseDuration(limit as string),
    format: formatDuration,
    refuse: finerThanTimer,
  }
}

/**
 * A memory matcher: `lacks` says why a result has no such memory (and the matcher refuses it),
 * `bytes` reads the figure.
 */
function memorySpec(
  matcher: string,
  metric: string,
  lacks: (result: BenchmarkResult) => string | undefined,
  bytes: (result: BenchmarkResult) => number | undefined,
): ThresholdSpec<BenchmarkResult> {
  return {
    matcher,
    metric,
    direction: 'below',
    accept: (received, name) => {
      const result = acceptBenchmarkResult(received, name)
      const why = lacks(result)
      if (why) throw new TypeError(`${name}: ${describeBenchmark(result)} ${why}`)
      return result
    },
    describe: describeBenchmark,
    measure: (r) => ({ value: bytes(r) ?? Number.NaN }),
    parseLimit: (limit) => parseBytes(limit as string),
    format: formatBytes,
  }
}

/** Latency, throughput and memory matchers, keyed by matcher name. */
export const performanceMatchers = {
  toHaveP50LatencyBelow: thresholdMatcher(latencySpec('p50', 'toHaveP50LatencyBelow')),
  toHaveP95LatencyBelow: thresholdMatcher(latencySpec('p95', 'toHaveP95LatencyBelow')),
  toHaveP99LatencyBelow: thresholdMatcher(latencySpec('p99', 'toHaveP99LatencyBelow')),
  toHaveMeanLatencyBelow: thresholdMatcher(latencySpec('mean', 'toHaveMeanLatencyBelow')),
  toHaveThroughputAbove: thresholdMatcher<BenchmarkResult>({
    matcher: 'toHaveThroughputAbove',
    metric: 'throughput',
    direction: 'above',
    accept: acceptBenchmarkResult,
    describe: describeBenchmark,
    measure: (r) => measureItemsPerSecond(r.throughput.itemsPerSecond, r.batchSize, r.latency.ci.mean, r.iterations),
    parseLimit: parseRateLimit('toHaveThroughputAbove', 'items'),
    format: formatRate,
  }),
  toHavePeakMemoryBelow: thresholdMatcher(
    memorySpec('toHavePeakMemoryBelow', 'peak RSS', (result) => {
      if (result.pageMemory) {
        return "ran in a browser page, which cannot see its process's RSS. Assert the page's JS heap with toHaveJsHeapPeakBelow."
      }
      return result.memory ? undefined : 'was run with memory: false; nothing to compare.'
    }, (r) => r.memory?.rssPeak),
  ),
  toHaveJsHeapPeakBelow: thresholdMatcher(
    memorySpec('toHaveJsHeapPeakBelow', 'JS heap peak', (result) => {
      if (result.pageMemory) return undefined
      const why = result.memory ? 'ran in Node, whose memory is asserted with toHavePeakMemoryBelow (RSS)' : 'was run with memory: false, or where the browser reports no heap'
      return `has no page JS heap: it ${why}.`
    }, (r) => r.pageMemory?.jsHeapUsedPeak),
  ),
}
