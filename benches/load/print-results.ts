/** Prints load curves and batch tables of the load benches, so a CI log shows the whole curve. */
import { formatDuration, formatRate, levelValue, type BatchSweepResult, type LoadTestResult } from '../../src/index.js'

/** One line per level: load, throughput, p50/p99 and errors. */
export function printLoadCurve(result: LoadTestResult): void {
  const unit = result.mode === 'closed' ? 'users' : 'req/s offered'
  const lines = result.levels.map((level) => {
    const latency = level.latency
    return `  ${String(levelValue(level, result.mode)).padStart(5)} ${unit}: ${formatRate(level.throughput).padStart(9)}  p50 ${latency ? formatDuration(latency.p50) : '–'}  p99 ${latency ? formatDuration(latency.p99) : '–'}  errors ${level.errors}/${level.requests}${level.sendLag ? `  send lag p99 ${formatDuration(level.sendLag.p99)}` : ''}`
  })
  const slo = result.maxThroughputWithinSlo ? `; best within SLO: ${result.maxThroughputWithinSlo.level} (${formatRate(result.maxThroughputWithinSlo.throughput)})` : ''
  console.log(`[ml-bench] ${result.name} (${result.mode} loop, ${result.target.kind}${result.target.workers ? ` × ${result.target.workers}` : ''}${slo})\n${lines.join('\n')}`)
}

/** One line per batch size: latency per call, per item, and items/s. */
export function printBatchTable(result: BatchSweepResult): void {
  const lines = result.sizes.map(
    (s) => `  batch ${String(s.batchSize).padStart(3)}: p50 ${formatDuration(s.latency.p50)} per call, ${formatDuration(s.msPerItem)} per item, ${formatRate(s.itemsPerSecond)} items`,
  )
  console.log(`[ml-bench] ${result.name}\n${lines.join('\n')}`)
}
