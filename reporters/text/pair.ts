/** A `benchmarkPair()` result in a line (its comparison is the gate's: src/gate/pair.ts). */
import { pairMetric } from '../../src/gate/pair.js'
import { pairedText } from './ab.js'
import type { BenchmarkPairResult } from '../../src/results/benchmark-pair.js'

/** 'head/base 1.043× [1.021, 1.066], 48 slice pairs, 2.10 s, decided' (and about how much more time would decide an inconclusive one). */
export function pairHeadline(result: BenchmarkPairResult): string {
  const bound = (v: number | null) => (v === null ? 'open' : v.toFixed(3))
  return `head/base ${result.ratio.toFixed(3)}× [${bound(result.interval.lower)}, ${bound(result.interval.upper)}], ${pairedText(pairMetric(result))}`
}
