/** One-line summaries of a result, for the console table and the report's cards. */
import { formatDuration, formatMetric } from '../../src/core/units.js'
import { levelValue } from '../../src/load/slo.js'
import type { EvaluationResult } from '../../src/results/evaluation.js'
import type { LoadLevelResult, LoadSloLimits, LoadTestResult } from '../../src/results/load-test.js'

/** The key metrics of an evaluation in a few words: 'accuracy 0.9815, macro F1 0.9813', 'R² 0.4773, RMSE 53.12' or 'exact match 0.9920, BLEU 98.71, chrF 99.40'. */
export function evaluationHeadline(result: EvaluationResult): string {
  if (result.task === 'classification') {
    return `accuracy ${formatMetric(result.accuracy)}, macro F1 ${formatMetric(result.macro.f1)}`
  }
  if (result.task === 'generation') {
    return `exact match ${formatMetric(result.exactMatch)}, BLEU ${result.bleu.toFixed(2)}, chrF ${result.chrf.toFixed(2)}`
  }
  return `R² ${formatMetric(result.r2)}, RMSE ${formatMetric(result.rmse)}`
}

/** An SLO's latency limits: ['p99 ≤ 50.0 ms', …]. */
export function sloLimits(slo: LoadSloLimits): string[] {
  const names = { p50: 'p50', p95: 'p95', p99: 'p99', mean: 'mean', ttftP99: 'TTFT p99', tpotP99: 'TPOT p99' } as const
  return (Object.keys(names) as Array<keyof typeof names>).flatMap((k) => (slo[k] === undefined ? [] : [`${names[k]} ≤ ${formatDuration(slo[k])}`]))
}

/** The level a one-line summary shows, and a label saying which level it is and why. */
export interface LoadHeadline {
  level: LoadLevelResult
  label: string
}

function levelName(result: LoadTestResult, level: LoadLevelResult): string {
  const value = levelValue(level, result.mode)
  return result.mode === 'closed' ? `concurrency ${value}` : `${value}/s offered`
}

/**
 * The level to headline a load test with: the best one within the SLO when there is one, else
 * the one with the highest throughput. Undefined when the test has no levels.
 */
export function loadHeadline(result: LoadTestResult): LoadHeadline | undefined {
  const within = result.maxThroughputWithinSlo
  const target = result.target.kind === 'worker-pool' ? `, ${result.target.workers} workers` : ''
  const slo = result.slo ? sloLimits(result.slo).join(', ') : ''
  if (within) {
    const level = result.levels.find((l) => levelValue(l, result.mode) === within.level)
    if (level) return { level, label: `best within SLO (${slo}): ${levelName(result, level)}${target}` }
  }
  let peak: LoadLevelResult | undefined
  for (const level of result.levels) if (!peak || level.throughput > peak.throughput) peak = level
  if (!peak) return undefined
  const noneWithin = result.slo ? `no level within SLO (${slo}); ` : ''
  return { level: peak, label: `${noneWithin}peak at ${levelName(result, peak)}${target}` }
}
