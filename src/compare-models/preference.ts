import type { ComparedModel, ModelPairComparison, ModelPreference } from '../results/model-comparison.js'

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
export function preferredModel(models: readonly ComparedModel[], pairs: readonly ModelPairComparison[], alpha: number): ModelPreference {
  const byAccuracy = models.filter((m) => m.accuracy).sort((x, y) => (y.accuracy?.value ?? 0) - (x.accuracy?.value ?? 0))
  const [best, runnerUp] = byAccuracy
  const accuracyPair = best && runnerUp ? lookup(pairs, best.name, runnerUp.name) : undefined
  if (best && runnerUp && accuracyPair?.accuracy && accuracyPair.accuracy.mcnemar.pValue < alpha && best.accuracy?.value !== runnerUp.accuracy?.value) {
    const faster = models.filter((m) => m.name !== best.name && significantlySlower(pairs, best.name, m.name, alpha)).map((m) => m.name)
    return { model: best.name, why: 'more-accurate', fasterAlternatives: faster }
  }
  const byLatency = models.filter((m) => m.p50).sort((x, y) => (x.p50?.value ?? 0) - (y.p50?.value ?? 0))
  const [fastest, next] = byLatency
  if (fastest && next && significantlySlower(pairs, next.name, fastest.name, alpha)) return { model: fastest.name, why: 'faster', fasterAlternatives: [] }
  // compareModels takes two models or more: the reference exists
  return { model: (models[0] as ComparedModel).name, why: 'no-difference', fasterAlternatives: [] }
}
