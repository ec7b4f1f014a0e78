/** Load-test curves: latency percentiles and throughput against concurrency or offered rate. */
import type { ChartSpec } from '../svg-charts.js'
import { levelAxis } from './axis.js'
import { PERCENTILES, type Percentile } from './latency.js'
import { timeAxisUnit } from './palette.js'

/** Latency percentiles at one load level, ms. */
export interface LoadLatencyPoint {
  level: number
  p50: number
  p95: number
  p99: number
}

const PERCENTILE_COLORS = ['#93c5fd', '#3b82f6', '#1e3a8a']
const SLO_COLOR = '#dc2626'
const SLO_DASH = [6, 3]
const SERVED_COLOR = '#2563eb'
const OFFERED_COLOR = '#9ca3af'
const OFFERED_DASH = [4, 3]
const BASELINE_COLOR = '#9ca3af'
const BASELINE_DASH = [2, 2]
const BASELINE_MARK = { type: 'line', color: BASELINE_COLOR, strokeDash: BASELINE_DASH, point: { filled: false, size: 16 } } as const

/** A baseline's value at one level (the gate stores p50, p95 and throughput per level; p99 is not gated). */
export interface LoadBaselinePoint {
  level: number
  value: number
}

/**
 * Above this ratio between the highest and the lowest value drawn (an SLO far above the median,
 * a tail far above it), a linear axis flattens the lower curves: the y axis turns logarithmic.
 */
export const LOG_AXIS_RATIO = 20

/** A latency y axis: linear, or log where the values span more than {@link LOG_AXIS_RATIO}. */
function latencyScale(values: readonly number[]): { scale: { type: 'log' } | { type: 'linear' }; log: boolean } {
  const positive = values.filter((v) => v > 0)
  const log = positive.length > 1 && Math.max(...positive) / Math.min(...positive) > LOG_AXIS_RATIO
  return { scale: { type: log ? 'log' : 'linear' }, log }
}

/**
 * p50/p95/p99 latency per level, with a horizontal rule for each percentile limit of the SLO and,
 * dashed grey, the baseline's p50 and p95 per level.
 */
export function loadLatencyChart(
  points: readonly LoadLatencyPoint[],
  levelTitle: string,
  slo: Partial<Record<Percentile, number>> = {},
  baseline: Partial<Record<'p50' | 'p95', readonly LoadBaselinePoint[]>> = {},
): ChartSpec {
  const limits = PERCENTILES.filter((p) => slo[p] !== undefined).map((p) => ({ percentile: p, limit: slo[p] as number }))
  const baselineLines = (['p50', 'p95'] as const).flatMap((q) => (baseline[q] ?? []).map((b) => ({ level: b.level, percentile: q, latency: b.value })))
  const drawn = [...points.flatMap((p) => [p.p50, p.p95, p.p99]), ...limits.map((l) => l.limit), ...baselineLines.map((b) => b.latency)]
  const { unit, perMs } = timeAxisUnit(Math.max(...drawn))
  const lines = points.flatMap((p) => PERCENTILES.map((q) => ({ level: p.level, percentile: q, latency: p[q] * perMs })))
  const sloRules = limits.map((l) => ({ label: `SLO ${l.percentile}`, latency: l.limit * perMs }))
  const { scale, log } = latencyScale(drawn)
  const x = { field: 'level', type: 'quantitative', ...levelAxis(points.map((p) => p.level)), title: levelTitle } as const
  const y = { field: 'latency', type: 'quantitative', scale, title: `latency (${unit}${log ? ', log scale' : ''})` } as const
  const color = { field: 'percentile', type: 'nominal', scale: { domain: [...PERCENTILES], range: PERCENTILE_COLORS }, title: null } as const
  return {
    kind: 'load-latency',
    caption:
      `Latency percentiles against ${levelTitle}${limits.length > 0 ? '; red rules are the SLO limits' : ''}` +
      `${baselineLines.length > 0 ? '; dashed grey: the baseline' : ''}${log ? '; log scale: the values span more than ' + LOG_AXIS_RATIO + '×' : ''}.`,
    spec: {
      width: 300,
      height: 160,
      layer: [
        ...(baselineLines.length > 0
          ? [
              {
                data: { name: 'baseline' },
                mark: BASELINE_MARK,
                encoding: { x, y, detail: { field: 'percentile', type: 'nominal' } },
              } as const,
            ]
          : []),
        { data: { name: 'lines' }, mark: { type: 'line', point: true }, encoding: { x, y, color } } as const,
        {
          data: { name: 'slo' },
          layer: [
            { mark: { type: 'rule', color: SLO_COLOR, strokeDash: SLO_DASH }, encoding: { y: { field: 'latency', type: 'quantitative' } } },
            {
              mark: { type: 'text', color: SLO_COLOR, align: 'right', dy: -5, fontSize: 10, x: 'width' },
              encoding: { y: { field: 'latency', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
            },
          ],
        },
      ],
    },
    data: { lines, slo: sloRules, ...(baselineLines.length > 0 ? { baseline: baselineLines.map((b) => ({ ...b, latency: b.latency * perMs })) } : {}) },
    legend: [
      ...PERCENTILES.map((p, i) => ({ label: p, color: PERCENTILE_COLORS[i] as string, shape: 'line' as const })),
      ...(baselineLines.length > 0 ? [{ label: 'baseline p50, p95', color: BASELINE_COLOR, shape: 'line' as const, dash: BASELINE_DASH }] : []),
      ...(limits.length > 0 ? [{ label: 'SLO limit', color: SLO_COLOR, shape: 'line' as const, dash: SLO_DASH }] : []),
    ],
  }
}

/** Completed requests per second at one level. */
export interface LoadThroughputPoint {
  level: number
  throughput: number
}

/**
 * Throughput per level. For an open loop (`offered`), a dashed line shows the offered rate: where
 * the curve falls below it the target is saturated and requests queue. Dashed grey: the baseline.
 */
export function loadThroughputChart(
  points: readonly LoadThroughputPoint[],
  levelTitle: string,
  offered: boolean,
  baseline: readonly LoadBaselinePoint[] = [],
): ChartSpec {
  const x = { field: 'level', type: 'quantitative', ...levelAxis(points.map((p) => p.level)), title: levelTitle } as const
  const y = { field: 'throughput', type: 'quantitative', title: 'throughput (req/s)' } as const
  const served = { data: { name: 'served' }, mark: { type: 'line', point: true, color: SERVED_COLOR }, encoding: { x, y } } as const
  const offeredLine = { data: { name: 'offered' }, mark: { type: 'line', color: OFFERED_COLOR, strokeDash: OFFERED_DASH }, encoding: { x, y } } as const
  const baselineLine = { data: { name: 'baseline' }, mark: BASELINE_MARK, encoding: { x, y } } as const
  const layers = [...(baseline.length > 0 ? [baselineLine] : []), served, ...(offered ? [offeredLine] : [])]
  return {
    kind: 'load-throughput',
    caption: `Throughput against ${levelTitle}${offered ? '; the dashed line is the offered rate' : ''}${baseline.length > 0 ? '; dashed grey: the baseline' : ''}.`,
    spec: { width: 300, height: 160, layer: layers },
    data: {
      served: points.map((p) => ({ level: p.level, throughput: p.throughput })),
      ...(offered ? { offered: points.map((p) => ({ level: p.level, throughput: p.level })) } : {}),
      ...(baseline.length > 0 ? { baseline: baseline.map((b) => ({ level: b.level, throughput: b.value })) } : {}),
    },
    legend: [
      { label: 'completed', color: SERVED_COLOR, shape: 'line' },
      ...(offered ? [{ label: 'offered', color: OFFERED_COLOR, shape: 'line' as const, dash: OFFERED_DASH }] : []),
      ...(baseline.length > 0 ? [{ label: 'baseline', color: BASELINE_COLOR, shape: 'line' as const, dash: BASELINE_DASH }] : []),
    ],
  }
}
