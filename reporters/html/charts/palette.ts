/** Colours and display units shared by the charts. */
import type { Verdict } from '../../../src/gate/verdict.js'
import type { LegendItem } from '../svg-charts.js'

/** Series colours: the current run stands out, the baseline recedes. */
export const SERIES_COLORS = { current: '#2563eb', baseline: '#9ca3af' } as const

/** Which series a chart holds. */
export type Series = keyof typeof SERIES_COLORS

/** Colour of percentile rules and whiskers. */
export const INK = '#374151'

/** Dash patterns telling p50, p95 and p99 rules apart. */
export const PERCENTILE_DASHES = { p50: [1, 0], p95: [5, 3], p99: [2, 2] } as const

/** Legend squares for the series present. */
export function seriesLegend(series: readonly Series[]): LegendItem[] {
  return series.map((s) => ({ label: s, color: SERIES_COLORS[s], shape: 'square' }))
}

/** Colour scale for the series present, in a fixed order. */
export function seriesScale(series: readonly Series[]): { domain: Series[]; range: string[] } {
  return { domain: [...series], range: series.map((s) => SERIES_COLORS[s]) }
}

/** A time unit for an axis and the factor that converts milliseconds into it. */
export interface TimeAxisUnit {
  unit: 'µs' | 'ms' | 's'
  perMs: number
}

/** The unit that keeps axis labels between 1 and 1000 for values up to `maxMs`. */
export function timeAxisUnit(maxMs: number): TimeAxisUnit {
  if (maxMs < 1) return { unit: 'µs', perMs: 1000 }
  if (maxMs >= 1000) return { unit: 's', perMs: 1e-3 }
  return { unit: 'ms', perMs: 1 }
}

/** Verdict colours, as templates/report.css gives its badges (SVG cannot use the page's CSS variables). */
export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  regressed: '#b91c1c',
  incomparable: '#b45309',
  inconclusive: '#a16207',
  improved: '#15803d',
  new: '#1d4ed8',
  unchanged: '#4b5563',
}
