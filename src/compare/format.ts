import { formatMetric } from '../evaluate/headline.js'
import { formatBytes, formatDuration, formatPercentChange, formatRate } from '../units.js'
import type { MetricComparison } from './types.js'

/** A metric value in its unit: '1.58 ms', '24,134/s', '164 MiB', '0.8062'. */
export function formatMetricValue(value: number, unit: MetricComparison['unit']): string {
  switch (unit) {
    case 'ms':
      return formatDuration(value)
    case 'items/s':
      return formatRate(value)
    case 'bytes':
      return formatBytes(value)
    default:
      return formatMetric(value)
  }
}

/** A change: relative as '+31.2%', accuracy as '−3.0 pp', other absolute changes as '+0.012'. */
export function formatChange(metric: Pick<MetricComparison, 'change' | 'unit' | 'metric'>, relative: boolean): string {
  const change = metric.change
  if (change === undefined || !Number.isFinite(change)) return '–'
  if (relative) return formatPercentChange(change)
  const sign = change >= 0 ? '+' : '−'
  if (metric.unit === 'fraction') return `${sign}${Math.abs(change * 100).toFixed(1)} pp`
  return `${sign}${formatMetric(Math.abs(change))}`
}

/** A tolerance as said in messages: '10%' or '1 pp' (accuracy) or '0.01'. */
export function formatTolerance(tolerance: number, relative: boolean, unit: MetricComparison['unit']): string {
  if (relative) return `${Number((tolerance * 100).toPrecision(3))}%`
  return unit === 'fraction' ? `${Number((tolerance * 100).toPrecision(3))} pp` : String(tolerance)
}
