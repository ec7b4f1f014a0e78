/**
 * The words of a `compareModels()` result: every model against the reference, then which to prefer
 * and why. Beside the producer, not in reporters/, because the result documents its
 * `recommendation` sentence; the console table and the report word it with the same functions.
 */
import { formatPValue } from '../core/units.js'
import type { ModelComparisonResult, ModelPairComparison } from '../results/model-comparison.js'

/** A p-value as the model comparison shows it: 'p<0.001', else two significant digits ('p=0.035', 'p=1'). */
export function comparisonPValue(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${formatPValue(p)}`
}

/** What the sentences are made from: a result without its sentence. */
type ComparisonFacts = Pick<ModelComparisonResult, 'models' | 'pairs' | 'alpha' | 'preference'>

function significance(p: number, alpha: number): string {
  return p < alpha ? comparisonPValue(p) : `not significant, ${comparisonPValue(p)}`
}

function percent(fraction: number): string {
  const pct = Math.abs(fraction) * 100
  return `${pct.toFixed(pct < 10 ? 1 : 0)} %`
}

/** 'Against <a>, <b> is 9.0 points more accurate (p<0.001) and 4.0 % slower (not significant, p=0.41)'. */
export function describePair(pair: ModelPairComparison, alpha: number): string {
  const clauses: string[] = []
  if (pair.accuracy) {
    const points = pair.accuracy.difference * 100
    const how = points === 0 ? 'equally accurate' : `${Math.abs(points).toFixed(1)} points ${points > 0 ? 'more' : 'less'} accurate`
    clauses.push(`${how} (${significance(pair.accuracy.mcnemar.pValue, alpha)})`)
  }
  if (pair.latency) {
    const change = pair.latency.ratio - 1
    const how = change === 0 ? 'equally fast' : `${percent(change)} ${change > 0 ? 'slower' : 'faster'}`
    clauses.push(`${how} (${significance(pair.latency.pValue, alpha)})`)
  }
  if (clauses.length === 0) return `${pair.b} and ${pair.a} share no metric that can be compared`
  return `Against ${pair.a}, ${pair.b} is ${clauses.join(' and ')}`
}

/** 'Prefer tuned: significantly more accurate.', 'No significant difference: keep base.' */
export function preferenceText(result: ComparisonFacts): string {
  const { model, why, fasterAlternatives: faster } = result.preference
  if (why === 'more-accurate') {
    if (faster.length > 0) return `Prefer ${model} for accuracy; ${faster.join(', ')} ${faster.length > 1 ? 'are' : 'is'} significantly faster if latency matters more.`
    return `Prefer ${model}: significantly more accurate${result.models.some((m) => m.p50) ? ' and not significantly slower' : ''}.`
  }
  if (why === 'faster') {
    const accuracies = result.models.filter((m) => m.accuracy).length
    return `${accuracies > 1 ? 'Accuracy differences are not significant; prefer' : 'Prefer'} ${model}: significantly faster.`
  }
  return `No significant difference: keep ${model}.`
}

/** The recommendation: one sentence per model against the reference (the first), then which model to prefer and why. */
export function recommendationText(result: ComparisonFacts): string {
  const reference = result.models[0]?.name
  const sentences = result.pairs.filter((p) => p.a === reference).map((p) => `${describePair(p, result.alpha)}.`)
  return [...sentences, preferenceText(result)].join(' ')
}
