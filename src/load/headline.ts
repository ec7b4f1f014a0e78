import { formatDuration } from '../units.js'
import { levelValue } from './slo.js'
import type { LoadLevelResult, LoadTestResult } from './types.js'

/** The level a one-line summary shows, and a label saying which level it is and why. */
export interface LoadHeadline {
  level: LoadLevelResult
  label: string
}

function levelName(result: LoadTestResult, level: LoadLevelResult): string {
  const value = levelValue(level, result.mode)
  return result.mode === 'closed' ? `concurrency ${value}` : `${value}/s offered`
}

function sloText(result: LoadTestResult): string {
  const slo = result.slo
  if (!slo) return ''
  const parts = (['p50', 'p95', 'p99', 'mean'] as const).flatMap((k) => (slo[k] === undefined ? [] : [`${k} ≤ ${formatDuration(slo[k])}`]))
  return parts.join(', ')
}

/**
 * The level to headline a load test with: the best one within the SLO when there is one, else
 * the one with the highest throughput. Undefined when the test has no levels.
 */
export function loadHeadline(result: LoadTestResult): LoadHeadline | undefined {
  const within = result.maxThroughputWithinSlo
  const target = result.target.kind === 'worker-pool' ? `, ${result.target.workers} workers` : ''
  if (within) {
    const level = result.levels.find((l) => levelValue(l, result.mode) === within.level)
    if (level) return { level, label: `best within SLO (${sloText(result)}): ${levelName(result, level)}${target}` }
  }
  let peak: LoadLevelResult | undefined
  for (const level of result.levels) if (!peak || level.throughput > peak.throughput) peak = level
  if (!peak) return undefined
  const noneWithin = result.slo ? `no level within SLO (${sloText(result)}); ` : ''
  return { level: peak, label: `${noneWithin}peak at ${levelName(result, peak)}${target}` }
}
