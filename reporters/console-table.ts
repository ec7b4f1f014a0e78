import type { MlBenchResult } from '../src/results.js'
import { formatBytes, formatDuration, formatRate } from '../src/units.js'
import type { ReportEntry } from './collect.js'

/** Columns of the console table. */
export const TABLE_COLUMNS = ['benchmark', 'p50', 'p95', 'p99', 'throughput', 'peak RSS'] as const

type Row = Record<(typeof TABLE_COLUMNS)[number], string>

/** One table row per result; kinds without a latency show '–' where a column does not apply. */
export function tableRow(key: string, result: MlBenchResult): Row {
  return {
    benchmark: key,
    p50: formatDuration(result.latency.p50),
    p95: formatDuration(result.latency.p95),
    p99: formatDuration(result.latency.p99),
    throughput: formatRate(result.throughput.itemsPerSecond),
    'peak RSS': result.memory ? formatBytes(result.memory.rssPeak) : '–',
  }
}

function renderTable(rows: readonly Row[]): string {
  const widths = TABLE_COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)))
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ')
  return [line(TABLE_COLUMNS), line(widths.map((w) => '─'.repeat(w))), ...rows.map((r) => line(TABLE_COLUMNS.map((c) => r[c])))].join('\n')
}

/** The console output: one table per bench file (pure; the reporter prints it). */
export function renderConsoleTables(entries: readonly ReportEntry[]): string {
  const byFile = new Map<string, ReportEntry[]>()
  for (const entry of entries) {
    const list = byFile.get(entry.file) ?? []
    list.push(entry)
    byFile.set(entry.file, list)
  }
  const blocks: string[] = []
  for (const [file, list] of byFile) {
    const rows = list.map((e) => tableRow(e.key.split(' › ').slice(-2).join(' › '), e.result))
    blocks.push(` ML bench  ${file}\n${renderTable(rows)}`)
  }
  return blocks.join('\n\n')
}
