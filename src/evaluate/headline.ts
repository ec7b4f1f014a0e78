import type { EvaluationResult } from './types.js'

/**
 * A metric value with 4 significant digits and no trailing zeros: 0.98148 → '0.9815', 53.1234 →
 * '53.12', 0.99 → '0.99'. Used by the accuracy matchers and the console table.
 */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (value === 0) return '0'
  const abs = Math.abs(value)
  // toPrecision switches to exponent notation from 1e4; keep whole numbers readable instead.
  return abs >= 1e4 ? Math.round(value).toLocaleString('en-US') : String(Number(value.toPrecision(4)))
}

/** The key metrics of an evaluation in a few words: 'accuracy 0.9815, macro F1 0.9813' or 'R² 0.4773, RMSE 53.12'. */
export function evaluationHeadline(result: EvaluationResult): string {
  if (result.task === 'classification') {
    return `accuracy ${formatMetric(result.accuracy)}, macro F1 ${formatMetric(result.macro.f1)}`
  }
  return `R² ${formatMetric(result.r2)}, RMSE ${formatMetric(result.rmse)}`
}
