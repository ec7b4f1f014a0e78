import type { ChartSpec } from '../svg-charts.js'

/** Above this many classes the heatmap is unreadable (and its SVG huge): the report says so instead. */
export const MAX_HEATMAP_CLASSES = 40

/**
 * Confusion matrix heatmap: rows actual, columns predicted, each cell printed with its count and
 * coloured by its share of the row (recall per class), so rare classes are as visible as common ones.
 * `matrix[i][j]` = examples of `labels[i]` predicted as `labels[j]`.
 */
export function confusionMatrixChart(labels: readonly string[], matrix: readonly (readonly number[])[]): ChartSpec {
  if (labels.length > MAX_HEATMAP_CLASSES) {
    throw new Error(`confusionMatrixChart: ${labels.length} classes is more than the ${MAX_HEATMAP_CLASSES} a heatmap can show`)
  }
  const cells: object[] = []
  labels.forEach((actual, i) => {
    const row = matrix[i] ?? []
    const total = row.reduce((a, b) => a + b, 0)
    labels.forEach((predicted, j) => {
      const count = row[j] ?? 0
      // Row-major order: with `sort: null` the axes keep the labels' order ('2' before '10').
      cells.push({ actual, predicted, count, share: total === 0 ? 0 : count / total })
    })
  })
  const step = labels.length > 20 ? 18 : 26
  return {
    kind: 'confusion-matrix',
    caption: 'Confusion matrix: rows are actual classes, columns predicted; cells show counts, shaded by share of the row.',
    spec: {
      // The one chart whose legend vega draws: a colour gradient.
      config: { legend: { disable: false, labelFontSize: 10, titleFontSize: 10 } },
      width: { step },
      height: { step },
      data: { name: 'cells' },
      encoding: {
        x: { field: 'predicted', type: 'ordinal', sort: null, title: 'predicted', axis: { orient: 'top', labelAngle: 0 } },
        y: { field: 'actual', type: 'ordinal', sort: null, title: 'actual' },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: '#f3f4f6', strokeWidth: 1 },
          encoding: {
            color: {
              // Empty cells stay white, so the few confusions stand out from the zeros.
              condition: { test: 'datum.count === 0', value: '#ffffff' },
              field: 'share',
              type: 'quantitative',
              scale: { domain: [0, 1], scheme: 'blues' },
              legend: { title: 'share of row', format: '.0%', orient: 'right', gradientLength: 120 },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: step > 20 ? 10 : 8 },
          encoding: {
            text: { field: 'count', type: 'quantitative' },
            color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#111827' },
          },
        },
      ],
    },
    data: { cells },
    legend: [],
  }
}
