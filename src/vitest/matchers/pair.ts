import type { BenchmarkPairResult } from '../../results/benchmark-pair.js'
import { pairMetric } from '../../gate/pair.js'
import { pairHeadline } from '../../../reporters/text/pair.js'
import { describeMetric } from '../../../reporters/text/verdict.js'
import { acceptKind, type MatcherOutcome } from './threshold.js'

const acceptPair = acceptKind<BenchmarkPairResult>('benchmark-pair', 'benchmarkPair')

/**
 * `toHaveRegressed()`: the head of a `benchmarkPair()` result is slower than its base beyond the
 * tolerance (verdict 'regressed'); used as `expect(pair).not.toHaveRegressed()`, whose failure
 * message carries the ratio, its interval and the evidence.
 */
function toHaveRegressed(received: unknown): MatcherOutcome {
  const result = acceptPair(received, 'toHaveRegressed')
  const pass = result.verdict === 'regressed'
  const what = `benchmarkPair "${result.name}": head ${pass ? 'regressed against' : 'did not regress against'} base`
  return {
    pass,
    message: () => `${what}: ${describeMetric(pairMetric(result))} (${pairHeadline(result)})`,
    actual: result.verdict,
    expected: 'regressed',
  }
}

export const pairMatchers = { toHaveRegressed }
