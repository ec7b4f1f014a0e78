// @noble/hashes, not node:crypto: entries are also built in browser pages (the gate's paired
// matchers run there), and SHA-256 of the same UTF-8 text is the same hex either way
import { sha256 as sha256Bytes } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { thinSorted } from '../analyse/latency.js'
import type { LatencyStats } from '../analyse/latency.js'
import type { MlBenchResult } from '../results/index.js'
import { packBits, packFloat32 } from './pack.js'
import type { BaselineEntry, MetricRuleName, PerExample, StoredMetric } from './schema.js'

/** Latency samples kept per group: enough for a rank test, bounded so files stay small (≈ 20 KB). */
export const BASELINE_SAMPLE_LIMIT = 2000

/** 6 significant digits: below any timer's resolution, and keeps a stored sample ≈ 9 bytes. */
const round = (v: number) => Number(v.toPrecision(6))

function storedSamples(samples: readonly number[]): number[] {
  // Sorted copy: thinning takes evenly spaced order statistics, which keeps every percentile.
  return thinSorted([...samples].sort((a, b) => a - b), BASELINE_SAMPLE_LIMIT).map(round)
}

/** Sample groups of open-loop load levels are named 'rate <n>/s'. */
const OPEN_LOOP_PREFIX = 'rate '

/** Whether a sample group is an open-loop level, whose throughput is its arrival rate. */
export function isOpenLoopGroup(group: string): boolean {
  return group.startsWith(OPEN_LOOP_PREFIX)
}

function sha256(value: unknown): string {
  return bytesToHex(sha256Bytes(utf8ToBytes(JSON.stringify(value))))
}

class EntryBuilder {
  readonly metrics: Record<string, StoredMetric> = {}
  readonly samples: Record<string, number[]> = {}

  metric(group: string, rule: MetricRuleName, value: number | null | undefined, n?: number): void {
    if (value === null || value === undefined || !Number.isFinite(value)) return
    const metric: StoredMetric = { rule, value, group }
    if (n !== undefined) metric.n = n
    this.metrics[group ? `${group} ${rule}` : rule] = metric
  }

  /** p50 and p95 of one latency sample (of `n` values: it may be a thinned copy), with the sample kept for their tests. */
  quantiles(group: string, stats: LatencyStats, samples: readonly number[], n = samples.length): void {
    if (samples.length > 0) this.samples[group] = storedSamples(samples)
    this.metric(group, 'p50', stats.p50, n)
    this.metric(group, 'p95', stats.p95, n)
  }

  /** p50, p95 and throughput of one latency sample, and its peak memory when measured. */
  latency(group: string, stats: LatencyStats, samples: readonly number[], n: number, itemsPerSecond: number, rssPeak?: number): void {
    this.quantiles(group, stats, samples, n)
    this.metric(group, 'throughput', itemsPerSecond, n)
    this.metric(group, 'rssPeak', rssPeak)
  }
}

function perExampleOf(result: MlBenchResult): PerExample | undefined {
  if (result.kind !== 'evaluation') return undefined
  if (result.task === 'classification') {
    const { actual, correct } = result.predictions
    return { n: correct.length, examples: sha256(actual), correct: packBits(correct) }
  }
  if (result.task === 'generation') {
    const { references, outputs, scores } = result.predictions
    return { n: outputs.length, examples: sha256(references), correct: packBits(scores.exactMatch.map((m) => m === 1)), outputs, references }
  }
  const { targets, predicted } = result.predictions
  return { n: targets.length, examples: sha256(targets), absErrors: packFloat32(targets.map((t, i) => Math.abs((predicted[i] as number) - t))) }
}

/**
 * Reduces a recorded result to what a baseline keeps: the compared metrics with their n, bounded
 * latency samples, packed per-example outcomes, environment and model. Pure; the current result
 * goes through the same reduction before comparing, so a result compared with its own baseline is
 * exactly unchanged. Model comparisons are derived from other results and keep no metrics.
 */
export function baselineEntryOf(result: MlBenchResult, commit: string | null = null): BaselineEntry {
  const b = new EntryBuilder()
  let device: string | undefined
  let model: BaselineEntry['model']
  switch (result.kind) {
    case 'benchmark':
      device = result.device
      model = result.model
      b.latency('', result.latency, result.samples, result.iterations, result.throughput.itemsPerSecond, result.memory?.rssPeak)
      break
    case 'evaluation':
      model = result.model
      if (result.task === 'classification') {
        b.metric('', 'accuracy', result.accuracy, result.n)
      } else if (result.task === 'generation') {
        for (const rule of ['exactMatch', 'bleu', 'chrf', 'rougeL', 'wer', 'cer'] as const) b.metric('', rule, result[rule], result.n)
      } else {
        b.metric('', 'rmse', result.rmse, result.n)
        b.metric('', 'mae', result.mae, result.n)
        b.metric('', 'r2', result.r2, result.n)
      }
      break
    case 'load-test':
      for (const level of result.levels) {
        if (!level.latency) continue
        const group = level.concurrency !== undefined ? `concurrency ${level.concurrency}` : `${OPEN_LOOP_PREFIX}${level.rate}/s`
        b.latency(group, level.latency, level.samples, level.completed, level.throughput)
        if (level.tokens) {
          b.quantiles(`${group} ttft`, level.tokens.ttft, level.tokens.ttftSamples, level.completed)
          if (level.tokens.tpot) b.quantiles(`${group} tpot`, level.tokens.tpot, level.tokens.tpotSamples)
        }
      }
      break
    case 'batch-sweep':
      device = result.device
      for (const size of result.sizes) {
        b.latency(`batch ${size.batchSize}`, size.latency, size.samples, size.iterations, size.itemsPerSecond, size.memory?.rssPeak)
      }
      break
    case 'generation': {
      device = result.device
      model = result.model
      const tpots = result.requests.flatMap((r) => (r.tpotMs === null ? [] : [r.tpotMs]))
      b.quantiles('ttft', result.ttft, result.requests.map((r) => r.ttftMs))
      if (result.tpot) b.quantiles('tpot', result.tpot, tpots)
      // tokens/s is tested as the ratio of mean per-call times per output token
      const { ms, outputTokens } = result.perCall
      b.samples.tokens = storedSamples(ms.map((t, i) => t / (outputTokens[i] as number)))
      b.metric('tokens', 'throughput', result.tokensPerSecond.overall, ms.length)
      break
    }
    default:
      break
  }
  const entry: BaselineEntry = {
    kind: result.kind,
    name: result.name,
    recordedAt: result.startedAt,
    commit,
    env: result.env,
    metrics: b.metrics,
    samples: b.samples,
  }
  if (device !== undefined) entry.device = device
  if (model !== undefined) entry.model = model
  const perExample = perExampleOf(result)
  if (perExample) entry.perExample = perExample
  return entry
}
