import type { ModelInfo } from '../../../src/results/benchmark.js'
import type { Fact } from '../card.js'

/** Model metadata recorded by the loaders (or the user) as facts; fields without a value are left out. */
export function modelFacts(model: ModelInfo | undefined): Fact[] {
  return Object.entries(model ?? {}).flatMap(([label, value]) => (value === null ? [] : [{ label, value: String(value) }]))
}
