import { baselineEntryOf } from '../../src/gate/entry.js'
import { compareToBaseline } from '../../src/gate/compare.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { BenchmarkResult } from '../../src/index.js'
import type { VerdictRow } from '../../reporters/calibration-json.js'

/**
 * Compares every baseline run with every current run through the gate's own code path
 * (`baselineEntryOf` + `compareToBaseline`, default thresholds). For A/A, `current` is the same
 * list and each unordered pair is compared once.
 */
export function verdictRate(workload: string, slowdown: number, baseline: readonly BenchmarkResult[], current: readonly BenchmarkResult[]): VerdictRow {
  const thresholds = resolveThresholds()
  const same = baseline === current
  const entries = baseline.map((r) => baselineEntryOf(r))
  const currentEntries = same ? entries : current.map((r) => baselineEntryOf(r))
  let pairs = 0
  let regressed = 0
  let improved = 0
  let unchanged = 0
  let inconclusive = 0
  const byMetric: Record<string, number> = {}
  entries.forEach((base, i) => {
    currentEntries.forEach((cur, j) => {
      if (same && j <= i) return
      pairs++
      const comparison = compareToBaseline(base, cur, { thresholds })
      if (comparison.verdict === 'regressed') regressed++
      if (comparison.verdict === 'improved') improved++
      if (comparison.verdict === 'unchanged') unchanged++
      if (comparison.verdict === 'inconclusive') inconclusive++
      for (const m of comparison.metrics) {
        if (m.verdict === 'regressed') byMetric[m.metric] = (byMetric[m.metric] ?? 0) + 1
      }
    })
  })
  return { workload, slowdown, pairs, regressed: regressed / pairs, improved: improved / pairs, unchanged: unchanged / pairs, inconclusive: inconclusive / pairs, byMetric }
}
