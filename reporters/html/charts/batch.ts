import type { ChartSpec } from '../svg-charts.js'
import { levelAxis } from './axis.js'

/** Items per second at one batch size. */
export interface BatchPoint {
  batchSize: number
  itemsPerSecond: number
}

const CURVE_COLOR = '#2563eb'
const BEST_COLOR = '#16a34a'

/** Items per second against batch size; the best size is marked. */
export function batchThroughputChart(points: readonly BatchPoint[], best: number): ChartSpec {
  const x = { field: 'batchSize', type: 'quantitative', ...levelAxis(points.map((p) => p.batchSize)), title: 'batch size' } as const
  const y = { field: 'itemsPerSecond', type: 'quantitative', title: 'items/s', axis: { format: '~s' } } as const
  return {
    kind: 'batch-throughput',
    caption: 'Items per second against batch size; the ringed point is the best size.',
    spec: {
      width: 300,
      height: 160,
      layer: [
        { data: { name: 'sizes' }, mark: { type: 'line', point: true, color: CURVE_COLOR }, encoding: { x, y } },
        { data: { name: 'best' }, mark: { type: 'point', size: 160, color: BEST_COLOR, strokeWidth: 2 }, encoding: { x, y } },
      ],
    },
    data: {
      sizes: points.map((p) => ({ ...p })),
      best: points.filter((p) => p.batchSize === best).map((p) => ({ ...p })),
    },
    legend: [
      { label: 'items/s', color: CURVE_COLOR, shape: 'line' },
      { label: 'best batch size', color: BEST_COLOR, shape: 'square' },
    ],
  }
}
