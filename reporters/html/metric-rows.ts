import { formatChange, formatMetricValue, type MetricUnit } from '../../src/core/units.js'
import type { ResultComparison } from '../../src/gate/verdict.js'
import type { QuantileInterval } from '../../src/analyse/quantile-bounds.js'
import { formatInterval } from '../text/interval.js'
import { formatChangeInterval, formatMetricChange, metricLabel, toleranceText, whyText } from '../text/verdict.js'
import type { MetricRow } from './card.js'

/** A metric the result itself reports, keyed by its baseline metric id ('p50', 'accuracy', 'batch 8 p95'). */
export interface KnownMetric {
  id: string
  label: string
  value: number
  unit: MetricUnit
  /** 95 % interval; a percentile's bound is open (null) where the calls made cannot give it. */
  ci?: QuantileInterval
  /** Baseline value for a metric the gate does not compare (p99 from the baseline's sample). */
  baseline?: number
}

function interval(ci: QuantileInterval | undefined, unit: MetricUnit): string {
  return ci ? formatInterval(ci, (v) => formatMetricValue(v, unit)) : ''
}

/**
 * The key-numbers table: the result's own metrics, each joined with its comparison against the
 * baseline when the gate made one, then any compared metric not among them nor in `shownElsewhere`.
 */
export function metricRows(known: readonly KnownMetric[], comparison: ResultComparison | undefined, shownElsewhere: ReadonlySet<string> = new Set()): MetricRow[] {
  const compared = new Map((comparison?.metrics ?? []).filter((m) => !shownElsewhere.has(m.metric)).map((m) => [m.metric, m]))
  const rows = known.map((k): MetricRow => {
    const m = compared.get(k.id)
    compared.delete(k.id)
    const base = m?.baseline ?? k.baseline
    const change = m
      ? formatMetricChange(m)
      : base === undefined
        ? ''
        : formatChange(k.unit === 'fraction' ? k.value - base : (k.value - base) / Math.abs(base), k.unit, k.unit !== 'fraction')
    return {
      label: k.label,
      current: formatMetricValue(k.value, k.unit),
      ci: interval(k.ci, k.unit),
      baseline: base === undefined ? '–' : formatMetricValue(base, k.unit),
      change,
      changeCi: m ? formatChangeInterval(m) : '',
      verdict: m?.verdict ?? 'none',
      tolerance: m ? toleranceText(m) : '',
      reason: m ? whyText(m) : base === undefined ? '' : 'not gated',
    }
  })
  for (const m of compared.values()) {
    rows.push({
      label: metricLabel(m.metric),
      current: formatMetricValue(m.current, m.unit),
      ci: '',
      baseline: m.baseline === undefined ? '–' : formatMetricValue(m.baseline, m.unit),
      change: m.baseline === undefined ? '' : formatMetricChange(m),
      changeCi: formatChangeInterval(m),
      verdict: m.verdict,
      tolerance: toleranceText(m),
      reason: whyText(m),
    })
  }
  return rows
}
