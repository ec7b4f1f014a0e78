import type { MlBenchResult } from '../src/results/index.js'
import { formatBytes, formatDuration, formatRate } from '../src/core/units.js'
import { decidingMetric } from '../src/gate/compare.js'
import { evaluationHeadline, loadHeadline } from './text/headline.js'
import { formatChangeWithInterval } from './text/verdict.js'
import { visibleText } from './text/terminal.js'
import { pairHeadline } from './text/pair.js'
import type { ResultComparison } from '../src/gate/verdict.js'
import type { ReportEntry } from '../src/gate/results-json.js'

/** Columns of the console table. */
export const TABLE_COLUMNS = ['benchmark', 'p50', 'p95', 'p99', 'throughput', 'peak RSS'] as const

type Row = Record<(typeof TABLE_COLUMNS)[number], string>

/** One table row per result; kinds without a latency show '–' where a column does not apply. */
export function tableRow(key: string, result: MlBenchResult): Row {
  if (result.kind === 'evaluation') {
    // Latency columns hold the per-batch model time; the name says the batch size and key metric.
    const batch = result.timing.batchLatency
    return {
      benchmark: `${key} [${evaluationHeadline(result)}; batch ${result.timing.batchSize}]`,
      p50: batch ? formatDuration(batch.p50) : '–',
      p95: batch ? formatDuration(batch.p95) : '–',
      p99: batch ? formatDuration(batch.p99) : '–',
      throughput: formatRate(result.timing.itemsPerSecond),
      'peak RSS': '–',
    }
  }
  if (result.kind === 'load-test') {
    // Latency columns hold the headline level (best within the SLO, else the peak).
    const headline = loadHeadline(result)
    const latency = headline?.level.latency
    return {
      benchmark: `${key} [${result.mode} loop, ${result.target.kind}; ${headline?.label ?? 'no levels'}]`,
      p50: latency ? formatDuration(latency.p50) : '–',
      p95: latency ? formatDuration(latency.p95) : '–',
      p99: latency ? formatDuration(latency.p99) : '–',
      throughput: headline ? formatRate(headline.level.throughput) : '–',
      'peak RSS': '–',
    }
  }
  if (result.kind === 'batch-sweep') {
    const best = result.sizes.find((s) => s.batchSize === result.bestItemsPerSecond.batchSize)
    return {
      benchmark: `${key} [best of batch ${result.sizes.map((s) => s.batchSize).join('/')}: batch ${result.bestItemsPerSecond.batchSize}]`,
      p50: best ? formatDuration(best.latency.p50) : '–',
      p95: best ? formatDuration(best.latency.p95) : '–',
      p99: best ? formatDuration(best.latency.p99) : '–',
      throughput: formatRate(result.bestItemsPerSecond.itemsPerSecond),
      'peak RSS': best?.memory ? formatBytes(best.memory.rssPeak) : '–',
    }
  }
  if (result.kind === 'generation') {
    // latency columns hold the end-to-end request latency; TTFT and TPOT go in the name
    return {
      benchmark: `${key} [TTFT p50 ${formatDuration(result.ttft.p50)}, TPOT p50 ${result.tpot ? formatDuration(result.tpot.p50) : '–'}, ${result.outputTokens.mean.toFixed(1)} tokens/request]`,
      p50: formatDuration(result.e2e.p50),
      p95: formatDuration(result.e2e.p95),
      p99: formatDuration(result.e2e.p99),
      throughput: formatRate(result.tokensPerSecond.overall).replace(/\/s$/, ' tok/s'),
      'peak RSS': '–',
    }
  }
  if (result.kind === 'model-comparison') {
    return { benchmark: `${key} [${result.recommendation}]`, p50: '–', p95: '–', p99: '–', throughput: '–', 'peak RSS': '–' }
  }
  if (result.kind === 'benchmark-pair') {
    // latency columns hold the head's; the name says how it compares with the base
    const { head } = result
    return {
      benchmark: `${key} [${pairHeadline(result)}]`,
      p50: formatDuration(head.p50),
      p95: formatDuration(head.p95),
      p99: formatDuration(head.p99),
      throughput: formatRate((1000 * result.batchSize) / head.mean),
      'peak RSS': '–',
    }
  }
  return {
    benchmark: key,
    p50: formatDuration(result.latency.p50),
    p95: formatDuration(result.latency.p95),
    p99: formatDuration(result.latency.p99),
    throughput: formatRate(result.throughput.itemsPerSecond),
    'peak RSS': result.memory ? formatBytes(result.memory.rssPeak) : '–',
  }
}

function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ')
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')
}

/** Columns the baseline comparison adds: the change (with its interval) of the metric that decided the verdict, and the verdict. */
export const COMPARISON_COLUMNS = ['Δ vs baseline', 'verdict'] as const

/** Δ and verdict cells of a result: 'p50 +3.1% [−1.2, +7.4]', 'inconclusive' ('no check' when its baseline file could not be read). */
export function comparisonCells(comparison: ResultComparison | undefined): [string, string] {
  if (!comparison) return ['–', 'no check']
  const m = decidingMetric(comparison)
  const delta = m?.change !== undefined ? `${m.metric} ${formatChangeWithInterval(m)}` : '–'
  return [delta, comparison.verdict]
}

/**
 * The console output: one table per bench file (pure; the reporter prints it). Results compared
 * with a baseline get the Δ and verdict columns (a shard run, which does not compare, has none).
 */
export function renderConsoleTables(entries: ReadonlyArray<ReportEntry & { comparison?: ResultComparison }>): string {
  const byFile = new Map<string, Array<ReportEntry & { comparison?: ResultComparison }>>()
  for (const entry of entries) {
    const list = byFile.get(entry.file) ?? []
    list.push(entry)
    byFile.set(entry.file, list)
  }
  const blocks: string[] = []
  for (const [file, list] of byFile) {
    const compared = list.some((e) => 'comparison' in e)
    const header = compared ? [...TABLE_COLUMNS, ...COMPARISON_COLUMNS] : [...TABLE_COLUMNS]
    const rows = list.map((e) => {
      const row = tableRow(e.key.split(' › ').slice(-2).join(' › '), e.result)
      // names come from users: control, ANSI and bidi characters are shown, never obeyed
      const cells = TABLE_COLUMNS.map((c) => visibleText(row[c]))
      return compared ? [...cells, ...comparisonCells(e.comparison)] : cells
    })
    blocks.push(` ML bench  ${visibleText(file)}\n${renderTable(header, rows)}`)
  }
  return blocks.join('\n\n')
}
