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

/** p50/p95/p99 latency per level, with a horizontal rule for each percentile limit of the SLO. */
export function loadLatencyChart(
  points: readonly LoadLatencyPoint[],
  levelTitle: string,
  slo: Partial<Record<Percentile, number>> = {},
): ChartSpec {
  const limits = PERCENTILES.filter((p) => slo[p] !== undefined).map((p) => ({ percentile: p, limit: slo[p] as number }))
  const { unit, perMs } = timeAxisUnit(Math.max(...points.map((p) => p.p99), ...limits.map((l) => l.limit)))
  const lines = points.flatMap((p) => PERCENTILES.map((q) => ({ level: p.level, percentile: q, latency: p[q] * perMs })))
  const sloRules = limits.map((l) => ({ label: `SLO ${l.percentile}`, latency: l.limit * perMs }))
  return {
    kind: 'load-latency',
    caption: `Latency percentiles against ${levelTitle}${limits.length > 0 ? '; red rules are the SLO limits' : ''}.`,
    spec: {
      width: 300,
      height: 160,
      layer: [
        {
          data: { name: 'lines' },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'level', type: 'quantitative', ...levelAxis(points.map((p) => p.level)), title: levelTitle },
            y: { field: 'latency', type: 'quantitative', title: `latency (${unit})` },
            color: { field: 'percentile', type: 'nominal', scale: { domain: [...PERCENTILES], range: PERCENTILE_COLORS }, title: null },
          },
        },
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
    data: { lines, slo: sloRules },
    legend: [
      ...PERCENTILES.map((p, i) => ({ label: p, color: PERCENTILE_COLORS[i] as string, shape: 'line' as const })),
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
 * the curve falls below it the target is saturated and requests queue.
 */
export function loadThroughputChart(points: readonly LoadThroughputPoint[], levelTitle: string, offered: boolean): ChartSpec {
  const x = { field: 'level', type: 'quantitative', ...levelAxis(points.map((p) => p.level)), title: levelTitle } as const
  const y = { field: 'throughput', type: 'quantitative', title: 'throughput (req/s)' } as const
  const served = { data: { name: 'served' }, mark: { type: 'line', point: true, color: SERVED_COLOR }, encoding: { x, y } } as const
  return {
    kind: 'load-throughput',
    caption: `Throughput against ${levelTitle}${offered ? '; the dashed line is the offered rate' : ''}.`,
    spec: {
      width: 300,
      height: 160,
      layer: offered
        ? [served, { data: { name: 'offered' }, mark: { type: 'line', color: OFFERED_COLOR, strokeDash: OFFERED_DASH }, encoding: { x, y } }]
        : [served],
    },
    data: {
      served: points.map((p) => ({ level: p.level, throughput: p.throughput })),
      ...(offered ? { offered: points.map((p) => ({ level: p.level, throughput: p.level })) } : {}),
    },
    legend: [
      { label: 'completed', color: SERVED_COLOR, shape: 'line' },
      ...(offered ? [{ label: 'offered', color: OFFERED_COLOR, shape: 'line' as const, dash: OFFERED_DASH }] : []),
    ],
  }
}
