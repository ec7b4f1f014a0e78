/**
 * The forest plot of the baseline gate: every gated change with its interval against ± its
 * tolerance, so which way each verdict went, and how clearly, reads at a glance.
 */
import { formatPercent } from '../../../src/core/units.js'
import type { Verdict } from '../../../src/gate/verdict.js'
import type { ChartSpec } from '../svg-charts.js'
import { INK, VERDICT_COLORS } from './palette.js'

/** One gated metric's change and its interval. */
export interface ForestRow {
  /** The result and the metric; unique within a chart. */
  label: string
  verdict: Verdict
  /** On the scale of `MetricComparison.change`: a relative fraction or an absolute difference. */
  change: number
  /** null: open, the data cannot bound that side. */
  lower: number | null
  upper: number | null
  /** Two-sided level of the interval, e.g. 0.98. */
  level: number
  tolerance: number
}

/** 'relative': ratios on a log axis labelled in %; 'absolute': differences in points (× 100) on a linear one. */
export type ForestScale = 'relative' | 'absolute'

/** Verdicts a change with an interval can have, in the order the legend lists them. */
const JUDGED: readonly Verdict[] = ['regressed', 'inconclusive', 'improved', 'unchanged']
const BAND_COLOR = '#e5e7eb'
/** Room for a row label: vega measures text in Node by estimate (0.8 em a character), 50 characters. */
const LABEL_LIMIT = 400
/** The relative axis ends at ×5 and ÷5 (+400 %, −80 %); intervals beyond it end in an arrow. */
const RELATIVE_LIMIT = Math.log(5)
/** The absolute axis ends at ± 100 points. */
const ABSOLUTE_LIMIT = 100
/** Candidate ticks of the relative axis, in %: round numbers on either side of 0. */
const RELATIVE_TICKS = [-80, -75, -50, -20, -10, -5, 5, 10, 25, 50, 100, 200, 400]

interface Axis {
  /** A change → the axis' data value. */
  toX(change: number): number
  /** A data value → a position in which the axis is linear (log of a ratio, points as they are). */
  position(x: number): number
  fromPosition(p: number): number
  limit: number
}

const AXES: Record<ForestScale, Axis> = {
  relative: { toX: (d) => 1 + d, position: Math.log, fromPosition: Math.exp, limit: RELATIVE_LIMIT },
  absolute: { toX: (d) => 100 * d, position: (x) => x, fromPosition: (p) => p, limit: ABSOLUTE_LIMIT },
}

/**
 * Ticks of the relative axis: 0, then outward on each side the round percentages at least a
 * seventh of the axis apart, so the labels never collide.
 */
function relativeTicks(half: number): number[] {
  const gap = (2 * half) / 7
  const ticks = [1]
  for (const side of [RELATIVE_TICKS.filter((p) => p > 0), RELATIVE_TICKS.filter((p) => p < 0).reverse()]) {
    let last = 0
    for (const p of side) {
      const at = Math.log1p(p / 100)
      if (Math.abs(at) <= half && Math.abs(at - last) >= gap) {
        ticks.push(1 + p / 100)
        last = at
      }
    }
  }
  return ticks.sort((a, b) => a - b)
}

/**
 * A forest plot: one row per change (a dot) with its interval (a bar, coloured by verdict) over
 * the band of ± its tolerance. The axis is symmetric about no change and spans every interval up
 * to a limit; a bar that is open or runs past the limit ends in an arrow at the edge.
 */
export function forestChart(rows: readonly ForestRow[], scale: ForestScale): ChartSpec {
  const axis = AXES[scale]
  const relative = scale === 'relative'
  const at = (change: number) => axis.position(axis.toX(change))
  const extent = rows.flatMap((r) => [r.change, r.lower, r.upper].flatMap((v) => (v === null ? [] : [Math.abs(at(v))])))
  const widest = Math.max(...rows.map((r) => Math.abs(at(r.tolerance))))
  // The tolerance band never fills the plot; a little room beyond the outermost mark.
  const half = 1.08 * Math.min(axis.limit, Math.max(2 * widest, ...extent.filter(Number.isFinite)))
  const [lo, hi] = [axis.fromPosition(-half), axis.fromPosition(half)]
  const clamp = (x: number) => Math.min(hi, Math.max(lo, x))
  const x = (change: number) => clamp(axis.toX(change))

  const bands = rows.map((r) => ({ label: r.label, from: x(-r.tolerance), to: x(r.tolerance) }))
  const bars = rows.map((r) => ({ label: r.label, verdict: r.verdict, from: r.lower === null ? lo : x(r.lower), to: r.upper === null ? hi : x(r.upper) }))
  const points = rows.map((r) => ({ label: r.label, verdict: r.verdict, x: x(r.change) }))
  const arrows = rows.flatMap((r) => [
    ...(r.lower === null || axis.toX(r.lower) < lo ? [{ label: r.label, verdict: r.verdict, x: lo, side: 'left' }] : []),
    ...(r.upper === null || axis.toX(r.upper) > hi ? [{ label: r.label, verdict: r.verdict, x: hi, side: 'right' }] : []),
  ])

  const y = { field: 'label', type: 'nominal', sort: rows.map((r) => r.label), title: null, axis: { labelLimit: LABEL_LIMIT, labelFontSize: 10 } } as const
  const xScale = { domain: [lo, hi], nice: false, ...(relative ? { type: 'log' as const } : { type: 'linear' as const, zero: false }) }
  const xAxis = relative
    ? { values: relativeTicks(half), labelExpr: "datum.value === 1 ? '0' : format(datum.value - 1, '+.0%')", title: 'change (log scale)' }
    : { labelExpr: "datum.value === 0 ? '0' : format(datum.value, '+~g')", title: 'change in points' }
  const color = { field: 'verdict', type: 'nominal', scale: { domain: [...JUDGED], range: JUDGED.map((v) => VERDICT_COLORS[v]) }, legend: null } as const
  const present = JUDGED.filter((v) => rows.some((r) => r.verdict === v))
  const levels = new Set(rows.map((r) => r.level))
  return {
    kind: relative ? 'forest' : 'forest-absolute',
    caption:
      `Each gated change (dot) with its ${levels.size === 1 ? `${formatPercent([...levels][0] as number)} ` : ''}interval (bar) against ± its tolerance (grey band)` +
      `${relative ? '; log scale, so a halving and a doubling lie equally far from 0' : ', in points: accuracy in percentage points, R² × 100'}` +
      `${arrows.length > 0 ? '; a bar ending in an arrow runs past the axis or has an open bound' : ''}.`,
    spec: {
      width: 420,
      height: { step: 14 },
      layer: [
        {
          data: { name: 'bands' },
          mark: { type: 'rect', color: BAND_COLOR },
          encoding: { y, x: { field: 'from', type: 'quantitative', scale: xScale, axis: xAxis }, x2: { field: 'to' } },
        },
        { data: { name: 'zero' }, mark: { type: 'rule', color: INK, strokeDash: [3, 2] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
        { data: { name: 'bars' }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, color } },
        { data: { name: 'points' }, mark: { type: 'point', filled: true, size: 36, opacity: 1 }, encoding: { y, x: { field: 'x', type: 'quantitative' }, color } },
        {
          data: { name: 'arrows' },
          mark: { type: 'point', filled: true, size: 40, opacity: 1 },
          encoding: {
            y,
            x: { field: 'x', type: 'quantitative' },
            color,
            shape: { field: 'side', type: 'nominal', scale: { domain: ['left', 'right'], range: ['triangle-left', 'triangle-right'] }, legend: null },
          },
        },
      ],
    },
    data: { bands, zero: [{ x: axis.toX(0) }], bars, points, arrows },
    legend: [
      ...present.map((v) => ({ label: v, color: VERDICT_COLORS[v], shape: 'line' as const })),
      { label: '± tolerance', color: BAND_COLOR, shape: 'square' },
    ],
  }
}
