import type { ChartSpec } from '../svg-charts.js'
import { paretoOptimal } from '../../../src/compare-models/pareto.js'
import { timeAxisUnit } from './palette.js'

/** One model's quality and latency. */
export interface ModelPoint {
  model: string
  /** ms */
  latency: number
  quality: number
}

const FRONT_COLOR = '#16a34a'
const FRONT_DASH = [4, 3]
const DOMINATED_COLOR = '#6b7280'

/**
 * Quality × latency scatter of the compared models, each labelled, with the Pareto front (the
 * models no other model beats on both) joined by a line and drawn filled.
 */
export function paretoChart(points: readonly ModelPoint[], qualityTitle: string, latencyTitle: string): ChartSpec {
  const optimal = paretoOptimal(points.map((p) => ({ cost: p.latency, quality: p.quality })))
  const { unit, perMs } = timeAxisUnit(Math.max(...points.map((p) => p.latency)))
  const models = points.map((p, i) => ({ model: p.model, latency: p.latency * perMs, quality: p.quality, front: optimal[i] ? 'Pareto-optimal' : 'dominated' }))
  const front = models.filter((m) => m.front === 'Pareto-optimal').sort((a, b) => a.latency - b.latency).map((m) => ({ ...m }))
  const x = { field: 'latency', type: 'quantitative', scale: { zero: true }, title: `${latencyTitle} (${unit})` } as const
  const y = { field: 'quality', type: 'quantitative', scale: { zero: false, padding: 16 }, title: qualityTitle } as const
  return {
    kind: 'pareto',
    caption: `${qualityTitle} against ${latencyTitle} per model; up and to the left is better, filled points are Pareto-optimal.`,
    spec: {
      width: 320,
      height: 180,
      layer: [
        { data: { name: 'front' }, mark: { type: 'line', color: FRONT_COLOR, strokeDash: FRONT_DASH }, encoding: { x, y, order: { field: 'latency', type: 'quantitative' } } },
        {
          data: { name: 'models' },
          layer: [
            {
              mark: { type: 'point', size: 70, strokeWidth: 2 },
              encoding: {
                x,
                y,
                color: { field: 'front', type: 'nominal', scale: { domain: ['Pareto-optimal', 'dominated'], range: [FRONT_COLOR, DOMINATED_COLOR] }, title: null },
                fill: { field: 'front', type: 'nominal', scale: { domain: ['Pareto-optimal', 'dominated'], range: [FRONT_COLOR, 'transparent'] }, legend: null },
              },
            },
            { mark: { type: 'text', dy: -10, fontSize: 10 }, encoding: { x, y, text: { field: 'model', type: 'nominal' } } },
          ],
        },
      ],
    },
    data: { models: models.map((m) => ({ ...m })), front },
    legend: [
      { label: 'Pareto-optimal', color: FRONT_COLOR, shape: 'square' },
      { label: 'dominated', color: DOMINATED_COLOR, shape: 'square' },
      { label: 'Pareto front', color: FRONT_COLOR, shape: 'line', dash: FRONT_DASH },
    ],
  }
}
