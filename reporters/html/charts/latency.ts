/** Charts of one benchmark: latency distribution, percentiles and throughput, current vs baseline. */
import type { QuantileInterval } from '../../../src/analyse/quantile-bounds.js'
import type { ChartSpec } from '../svg-charts.js'
import { sharedHistogram } from '../histogram.js'
import { INK, PERCENTILE_DASHES, seriesLegend, seriesScale, timeAxisUnit, type Series } from './palette.js'

/** Percentiles drawn as rules and bars. */
export const PERCENTILES = ['p50', 'p95', 'p99'] as const
/** One of {@link PERCENTILES}. */
export type Percentile = (typeof PERCENTILES)[number]

/** A latency sample and its percentiles, ms. */
export interface LatencySeries {
  /** Ascending samples. */
  sorted: ArrayLike<number>
  percentiles: Record<Percentile, number>
}

/** The distribution chart's axis ends this far beyond the highest p99: the tail's shape shows, a few extreme calls do not. */
export const TAIL_ROOM = 1.5

/** What a distribution chart's samples are, for its axes and caption. */
export interface DistributionOf {
  /** The quantity binned, lower case: 'latency', 'time to first token'. */
  quantity: string
  /** What one sample is, plural: 'calls', 'requests'. */
  per: string
}

/**
 * Latency distribution of the current run over the baseline's: shares of calls on shared bins
 * (so samples of different sizes compare), with p50/p95/p99 rules for each. `of` names the
 * quantity when it is not a call's latency (a generation's time to first token per request).
 */
export function latencyDistributionChart(current: LatencySeries, baseline?: LatencySeries, of: DistributionOf = { quantity: 'latency', per: 'calls' }): ChartSpec {
  const series: Array<[Series, LatencySeries]> = baseline ? [['current', current], ['baseline', baseline]] : [['current', current]]
  const histogram = sharedHistogram(
    series.map(([, s]) => s.sorted),
    { upper: TAIL_ROOM * Math.max(...series.map(([, s]) => s.percentiles.p99)) },
  )
  const { unit, perMs } = timeAxisUnit(histogram.edges[histogram.edges.length - 1] as number)
  const curve: object[] = []
  const rules: object[] = []
  series.forEach(([name, s], i) => {
    const binned = histogram.series[i]
    if (!binned) return
    binned.shares.forEach((share, b) => curve.push({ series: name, x: (histogram.edges[b] as number) * perMs, share }))
    // step-after needs the right edge of the last bin to close the shape.
    curve.push({ series: name, x: (histogram.edges[binned.shares.length] as number) * perMs, share: binned.shares.at(-1) ?? 0 })
    for (const p of PERCENTILES) rules.push({ series: name, percentile: p, x: s.percentiles[p] * perMs })
  })
  const beyond = histogram.series.reduce((sum, s) => sum + s.beyond, 0)
  const color = { field: 'series', type: 'nominal', scale: seriesScale(series.map(([n]) => n)), title: null } as const
  return {
    kind: 'latency-distribution',
    caption: `${of.quantity.charAt(0).toUpperCase()}${of.quantity.slice(1)} distribution (share of ${of.per} per bin)${baseline ? ', current vs baseline' : ''}, with p50/p95/p99 rules${beyond > 0 ? `; ${beyond} slowest ${of.per} (beyond ${TAIL_ROOM}× the p99) are off the axis` : ''}.`,
    spec: {
      width: 360,
      height: 140,
      layer: [
        {
          data: { name: 'curve' },
          mark: { type: 'area', interpolate: 'step-after', strokeWidth: 1.2 },
          encoding: {
            x: { field: 'x', type: 'quantitative', scale: histogram.scale === 'log' ? { type: 'log', nice: false } : { zero: false, nice: false }, title: `${of.quantity} (${unit})${histogram.scale === 'log' ? ', log scale' : ''}` },
            y: { field: 'share', type: 'quantitative', stack: null, axis: { format: '.0%' }, title: `share of ${of.per}` },
            color,
            stroke: color,
            fillOpacity: { condition: { test: "datum.series === 'current'", value: 0.3 }, value: 0.1 },
          },
        },
        {
          data: { name: 'rules' },
          mark: { type: 'rule', strokeWidth: 1.2 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            color,
            strokeDash: { field: 'percentile', type: 'nominal', scale: { domain: [...PERCENTILES], range: PERCENTILES.map((p) => [...PERCENTILE_DASHES[p]]) }, title: null },
          },
        },
      ],
    },
    data: { curve, rules },
    legend: [...seriesLegend(series.map(([n]) => n)), ...PERCENTILES.map((p) => ({ label: p, color: INK, shape: 'line' as const, dash: PERCENTILE_DASHES[p] }))],
  }
}

/** A percentile of the current run with its 95 % interval when known, and the baseline's. */
export interface PercentileBar {
  percentile: Percentile
  current: number
  /** A bound is null (open) where the calls made cannot give it, e.g. p99's upper bound below 367 calls. */
  ci?: QuantileInterval
  baseline?: number
}

/**
 * Grouped bars of p50/p95/p99, current (with 95 % CI whiskers) vs baseline. An open bound's whisker
 * runs to the edge of the chart (an open lower bound to 0), ending in an arrowhead.
 */
export function percentileChart(bars: readonly PercentileBar[]): ChartSpec {
  const hasBaseline = bars.some((b) => b.baseline !== undefined)
  const max = Math.max(...bars.flatMap((b) => [b.current, b.ci?.upper ?? 0, b.baseline ?? 0]))
  const { unit, perMs } = timeAxisUnit(max)
  const values: object[] = []
  const closed: object[] = []
  const open: object[] = []
  const openLower: object[] = []
  for (const b of bars) {
    values.push({ percentile: b.percentile, series: 'current', value: b.current * perMs })
    if (b.baseline !== undefined) values.push({ percentile: b.percentile, series: 'baseline', value: b.baseline * perMs })
    if (!b.ci) continue
    const whisker = { percentile: b.percentile, series: 'current', lower: (b.ci.lower ?? 0) * perMs }
    if (b.ci.upper === null) open.push(whisker)
    else closed.push({ ...whisker, upper: b.ci.upper * perMs })
    if (b.ci.lower === null) openLower.push({ percentile: b.percentile, series: 'current' })
  }
  const series: Series[] = hasBaseline ? ['current', 'baseline'] : ['current']
  const y = { field: 'percentile', type: 'nominal', sort: [...PERCENTILES], title: null } as const
  const yOffset = { field: 'series', type: 'nominal', sort: series } as const
  const whisker = { type: 'rule', color: INK, strokeWidth: 1.5 } as const
  const arrow = (shape: 'triangle-left' | 'triangle-right', x: 0 | 'width') =>
    ({ mark: { type: 'point', shape, filled: true, size: 30, color: INK, opacity: 1 }, encoding: { y, yOffset, x: { value: x } } }) as const
  const anyOpen = open.length + openLower.length > 0
  return {
    kind: 'percentiles',
    caption:
      `p50, p95 and p99 latency${hasBaseline ? ', current vs baseline' : ''}; whiskers are 95 % confidence intervals` +
      `${anyOpen ? ', and one ending in an arrow at the edge has an open bound: too few calls to bound that percentile on that side' : ''}.`,
    spec: {
      width: 220,
      height: { step: hasBaseline ? 11 : 16 },
      layer: [
        {
          data: { name: 'values' },
          mark: { type: 'bar' },
          encoding: {
            y,
            yOffset,
            x: { field: 'value', type: 'quantitative', title: `latency (${unit})` },
            color: { field: 'series', type: 'nominal', scale: seriesScale(series), title: null },
          },
        },
        // Layers only for the whiskers present (an empty one warns of an infinite extent): a few shapes of spec, each a shared view.
        ...(closed.length > 0 ? [{ data: { name: 'whiskers' }, mark: whisker, encoding: { y, yOffset, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } } } as const] : []),
        ...(open.length > 0
          ? [
              { data: { name: 'open' }, mark: whisker, encoding: { y, yOffset, x: { field: 'lower', type: 'quantitative' }, x2: { value: 'width' } } } as const,
              { data: { name: 'open' }, ...arrow('triangle-right', 'width') } as const,
            ]
          : []),
        ...(openLower.length > 0 ? [{ data: { name: 'openLower' }, ...arrow('triangle-left', 0) } as const] : []),
      ],
    },
    data: { values, ...(closed.length > 0 ? { whiskers: closed } : {}), ...(open.length > 0 ? { open } : {}), ...(openLower.length > 0 ? { openLower } : {}) },
    legend: [...seriesLegend(series), ...(closed.length + open.length > 0 ? [{ label: '95 % CI', color: INK, shape: 'line' as const }] : [])],
  }
}

/** Items per second of the current run vs the baseline. */
export function throughputChart(current: number, baseline?: number): ChartSpec {
  const values: object[] = [{ series: 'current', value: current }]
  if (baseline !== undefined) values.push({ series: 'baseline', value: baseline })
  const series: Series[] = baseline === undefined ? ['current'] : ['current', 'baseline']
  return {
    kind: 'throughput',
    caption: `Throughput in items per second${baseline === undefined ? '' : ', current vs baseline'}.`,
    spec: {
      width: 220,
      height: { step: 16 },
      data: { name: 'values' },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'series', type: 'nominal', sort: series, title: null },
        x: { field: 'value', type: 'quantitative', title: 'items/s', axis: { format: '~s' } },
        color: { field: 'series', type: 'nominal', scale: seriesScale(series), legend: null },
      },
    },
    data: { values },
    // The bars are labelled on the axis.
    legend: [],
  }
}
