import type { ChartSpec } from '../svg-charts.js'

/** Above this many classes the heatmap is unreadable (and its SVG huge): the report says so instead. */
export const MAX_HEATMAP_CLASSES = 40

/** Width of an axis label in px at vega's default 10 px font: a wide character's worth each, so a label never underestimates. */
const CHAR_PX = 7

/** The widest label's width in px, estimated. */
function labelWidth(labels: readonly string[]): number {
  return Math.max(...labels.map((l) => l.length)) * CHAR_PX
}

/** Largest cell a label may grow a column to; wider labels are angled instead. */
const MAX_STEP = 80

/** Up to this many classes the cells grow to fit their labels (a wide 2×2 is fine, a wide 40×40 is not). */
const GROW_UP_TO = 6

/** Cell size: 26 px (18 px above 20 classes); for a few classes grown to fit the widest label, up to MAX_STEP. */
function cellSize(labels: readonly string[]): number {
  const base = labels.length > 20 ? 18 : 26
  return labels.length <= GROW_UP_TO ? Math.max(base, Math.min(MAX_STEP, labelWidth(labels) + 8)) : base
}

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
  const step = cellSize(labels)
  // A column narrower than its label would print the labels over each other ('NEGAPOSITIVE'): the
  // cells grow up to MAX_STEP to fit them, and labels still wider are set at an angle.
  const angled = labelWidth(labels) > step - 4
  const matrixHeight = step * labels.length
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
        x: {
          field: 'predicted',
          type: 'ordinal',
          sort: null,
          title: 'predicted',
          axis: angled ? { orient: 'top', labelAngle: -45, labelAlign: 'left', labelBaseline: 'middle', labelLimit: 120 } : { orient: 'top', labelAngle: 0 },
        },
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
              // never taller than the matrix it explains
              legend: { title: 'share of row', format: '.0%', orient: 'right', gradientLength: Math.max(40, Math.min(120, matrixHeight - 30)) },
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
