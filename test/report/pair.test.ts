import { describe, expect, test } from 'vitest'
import { renderConsoleTables } from '../../reporters/console-table.js'
import { renderHtmlReport } from '../../reporters/html/index.js'
import { reportView } from '../../reporters/html/view-model.js'
import { renderSummaryMarkdown } from '../../reporters/summary-md.js'
import { compareResult, pairComparison, pairMetric } from '../../src/gate/pair.js'
import { controlFalseDiscoveries } from '../../src/gate/compare.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import { pairHeadline } from '../../reporters/text/pair.js'
import { describeMetric } from '../../reporters/text/verdict.js'
import { pairResult } from './pair-synthetic.js'
import { entry, resultsJson } from './synthetic.js'

const regressed = pairResult('regressed', 1.092, [1.052, 1.137])
const inconclusive = pairResult('inconclusive', 1.04, [0.99, 1.09])
// the gate's comparison of a pair is the pair's own (src/gate/pair.ts)
const doc = resultsJson([
  entry('benches/pair.bench.ts', 'threads', regressed, { comparison: pairComparison(regressed) }),
  entry('benches/pair.bench.ts', 'quantised', inconclusive, { comparison: pairComparison(inconclusive) }),
])

describe('a benchmarkPair() result in the reports: head against base', () => {
  test('its comparison is the pair\'s own, worded like the gate\'s', () => {
    const m = pairMetric(regressed)
    expect(m).toMatchObject({ metric: 'p50', verdict: 'regressed', why: 'beyond-tolerance', baseline: 0.1, method: 'paired-slices', alpha: 0.0025 })
    expect(m.change).toBeCloseTo(0.092, 12)
    expect(m.interval?.lower).toBeCloseTo(0.052, 12)
    expect(describeMetric(m)).toMatch(/^p50 latency regressed: 100 µs → 109 µs: \+9\.2% .* is beyond the tolerance 5%/)
    expect(pairHeadline(inconclusive)).toBe('head/base 1.040× [0.990, 1.090], 64 slice pairs, 2.63 s, budget spent; about 7.40 s more would decide it')
    // at the tolerance's edge an extrapolated '32728 s' would mislead: past 100× the time spent it says so instead
    const onTheEdge = { ...inconclusive, moreTimeMs: 101 * inconclusive.elapsedMs }
    expect(pairHeadline(onTheEdge)).toMatch(/budget spent; its change sits at the edge of the tolerance: more time would hardly decide it$/)
  })

  test('the gate takes the pair\'s own verdict, whatever the stored baseline, and keeps it out of the run\'s false-discovery control', () => {
    const options = { thresholds: resolveThresholds() }
    expect(compareResult(regressed, undefined, options)).toEqual(pairComparison(regressed))
    expect(compareResult(regressed, undefined, options).verdict).toBe('regressed')
    // exempt, as the gate runs it: the verdict stays the pair's own
    const controlled = controlFalseDiscoveries([pairComparison(regressed)], () => true)
    expect(controlled[0]?.verdict).toBe('regressed')
  })

  test('console table, summary.md and the report show its verdict', async () => {
    const table = renderConsoleTables(doc.entries)
    expect(table).toMatch(/threads › q8 vs fp32 \(regressed\) \[head\/base 1\.092× \[1\.052, 1\.137\].*regressed$/m)
    expect(table).toMatch(/inconclusive$/m)
    const summary = renderSummaryMarkdown(doc)
    expect(summary).toMatch(/### Regressions[\s\S]*q8 vs fp32 \(regressed\)/)
    expect(summary).toMatch(/\| 🔴 regressed \| benches\/pair\.bench\.ts › suite › threads › q8 vs fp32 \(regressed\) \| p50 \| 100 µs \| 109 µs \| \+9\.2%/)
    const view = reportView(doc)
    const section = view.sections.find((s) => s.id === 'section-benchmark-pair')
    expect(section?.cards.map((c) => c.verdict)).toEqual(['regressed', 'inconclusive'])
    expect(section?.cards[0]?.tables[0]?.rows.map((r) => r[0]?.text)).toEqual(['base', 'head'])
    expect(view.glance.charts).toHaveLength(1)
    const html = await renderHtmlReport(doc)
    expect(html).toContain('Paired benchmarks')
    expect(html).toContain('q8 vs fp32 (inconclusive)')
  })
})
