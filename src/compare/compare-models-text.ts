import type { ComparedModel, ModelPairComparison } from './compare-models-types.js'

/** 'p<0.001', else two significant digits: 'p=0.035', 'p=0.41', 'p=1'. */
export function formatPValue(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${Number(p.toPrecision(2))}`
}

function significance(p: number, alpha: number): string {
  return p < alpha ? formatPValue(p) : `not significant, ${formatPValue(p)}`
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

function lookup(pairs: readonly ModelPairComparison[], x: string, y: string): ModelPairComparison | undefined {
  return pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x))
}

/** True when `x` is significantly slower than `y` (p50 ratio above 1 and p < alpha). */
function significantlySlower(pairs: readonly ModelPairComparison[], x: string, y: string, alpha: number): boolean {
  const pair = lookup(pairs, x, y)
  if (!pair?.latency || pair.latency.pValue >= alpha) return false
  return pair.b === x ? pair.latency.ratio > 1 : pair.latency.ratio < 1
}

/**
 * Which model to prefer: accuracy first (the most accurate, if significantly better than the
 * runner-up), then speed (the fastest, if significantly faster than the runner-up); otherwise the
 * reference (first) model, since nothing justifies a change.
 */
export function preference(models: readonly ComparedModel[], pairs: readonly ModelPairComparison[], alpha: number): string {
  const byAccuracy = models.filter((m) => m.accuracy).sort((x, y) => (y.accuracy?.value ?? 0) - (x.accuracy?.value ?? 0))
  const [best, runnerUp] = byAccuracy
  const accuracyPair = best && runnerUp ? lookup(pairs, best.name, runnerUp.name) : undefined
  if (best && runnerUp && accuracyPair?.accuracy && accuracyPair.accuracy.mcnemar.pValue < alpha && best.accuracy?.value !== runnerUp.accuracy?.value) {
    const faster = models.filter((m) => m.name !== best.name && significantlySlower(pairs, best.name, m.name, alpha)).map((m) => m.name)
    return faster.length > 0
      ? `Prefer ${best.name} for accuracy; ${faster.join(', ')} ${faster.length > 1 ? 'are' : 'is'} significantly faster if latency matters more.`
      : `Prefer ${best.name}: significantly more accurate${models.some((m) => m.p50) ? ' and not significantly slower' : ''}.`
  }
  const byLatency = models.filter((m) => m.p50).sort((x, y) => (x.p50?.value ?? 0) - (y.p50?.value ?? 0))
  const [fastest, next] = byLatency
  if (fastest && next && significantlySlower(pairs, next.name, fastest.name, alpha)) {
    return `${byAccuracy.length > 1 ? 'Accuracy differences are not significant; prefer' : 'Prefer'} ${fastest.name}: significantly faster.`
  }
  return `No significant difference: keep ${models[0]?.name ?? 'the reference'}.`
}
