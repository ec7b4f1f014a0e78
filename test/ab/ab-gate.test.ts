/** The A/B gate's judgement (pure): head results against base results and the coordinator's paired measurements. */
import { describe, expect, test } from 'vitest'
import { analysePairs, LOOKS, type SlicePair } from '../../src/analyse/paired.js'
import { abResultsJson, type PairedMeasurement } from '../../src/gate/ab.js'
import { buildResultsJson, mergeResultsJson, type BaselineReport, type ResultsJson, type ResultsJsonEntry } from '../../src/gate/results-json.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import { renderSummaryMarkdown } from '../../reporters/summary-md.js'
import { abSummaryText, comparedWithText } from '../../reporters/text/ab.js'
import { reportView } from '../../reporters/html/view-model.js'
import type { MlBenchResult } from '../../src/results/index.js'
import { correctness, latencySamples, syntheticBenchmark, syntheticClassification, TEST_ENV } from '../baseline/synthetic.js'

const thresholds = resolveThresholds()
/** A pure-JS result's fingerprint (TEST_ENV lists onnxruntime-node). */
const JS_ENV = { ...TEST_ENV, packages: {} }
const jsBench = (name: string, samples: number[]) => syntheticBenchmark(name, samples, { env: JS_ENV })
const NONE: BaselineReport = { dir: '', mode: 'none', written: [], unwritten: [], stale: [], errors: [], warnings: [] }
const FILE = 'benches/m.bench.ts'

function side(results: MlBenchResult[]): ResultsJson {
  const entries: ResultsJsonEntry[] = results.map((result) => ({ file: FILE, project: 'bench', suite: [], test: result.name, key: `${result.name} › ${result.name}`, result }))
  return buildResultsJson({ generatedAt: '2026-11-29T00:00:00.000Z', entries, env: TEST_ENV, commit: 'head', thresholds, baselines: NONE })
}

/** Slice pairs whose head calls take `ratio` × the base's, with a little noise. */
function pairs(ratio: number, n = 40): SlicePair[] {
  return Array.from({ length: n }, (_, i) => ({ base: latencySamples(50, 1, 2 * i + 1, 0.05), head: latencySamples(50, ratio, 2 * i + 2, 0.05) }))
}

function measured(name: string, ratio: number): PairedMeasurement {
  const p = pairs(ratio)
  return { file: FILE, key: `${name} › ${name}`, tolerance: 0.05, outcome: { pairs: p, analysis: analysePairs(p, 0.05, 0.01 / LOOKS), elapsedMs: 2000, stoppedBecause: 'decided', looks: 1 } }
}

const run = { base: { ref: 'origin/main', commit: 'b'.repeat(40) }, head: { commit: 'head' }, unpaired: [], problems: [], seconds: 12 }

describe('the A/B gate', () => {
  test('judges a paired benchmark’s p50 on the interleaved slices: +30 % regressed, +1 % unchanged; everything else by the baseline rule', async () => {
    const base = side([
      jsBench('slow', latencySamples(2000, 1, 1)),
      jsBench('same', latencySamples(2000, 1, 2)),
      await syntheticClassification('clf', correctness(400, 60)),
      jsBench('gone', latencySamples(200, 1, 3)),
    ])
    const head = side([
      jsBench('slow', latencySamples(2000, 1.3, 4)),
      jsBench('same', latencySamples(2000, 1.01, 5)),
      await syntheticClassification('clf', correctness(400, 60)),
      jsBench('fresh', latencySamples(200, 1, 6)),
    ])
    const doc = abResultsJson({ generatedAt: 'now', head, base, paired: [measured('slow', 1.3), measured('same', 1.01)], thresholds, run })
    const p50 = (name: string) => doc.entries.find((e) => e.result.name === name)?.comparison?.metrics.find((m) => m.metric === 'p50')
    expect(p50('slow')).toMatchObject({ verdict: 'regressed', method: 'paired-slices', tolerance: 0.05, paired: { stoppedBecause: 'decided', elapsedMs: 2000 } })
    expect(p50('slow')?.change).toBeCloseTo(0.3, 1)
    expect(p50('same')).toMatchObject({ verdict: 'unchanged', method: 'paired-slices' })
    // the looks' Bonferroni split is undone into the p-values the run's false-discovery control sees
    expect(p50('slow')?.multiplicity?.method).toBe('bh')
    expect(doc.entries.find((e) => e.result.name === 'clf')?.comparison?.verdict).toBe('unchanged')
    expect(doc.entries.find((e) => e.result.name === 'fresh')?.comparison?.verdict).toBe('new')
    expect(doc.ab?.removed).toEqual([{ file: FILE, key: 'gone › gone' }])
    expect(doc.failed).toBe(true)
    expect(doc.failures).toEqual([`${FILE} › slow › slow: regressed`])
    // the machine-speed sentinel has no say: both sides ran on the same machine at the same time
    expect(doc.entries.every((e) => e.comparison?.verdict !== 'incomparable')).toBe(true)

    const text = abSummaryText(doc)
    expect(text).toMatch(/A\/B vs base bbbbbbbbbbbb \(merge base with origin\/main\)/)
    expect(text).toMatch(/slow › slow: p50 regressed \(40 slice pairs, 2\.00 s, decided\)/)
    expect(text).toMatch(/removed \(only the base has it\): benches\/m\.bench\.ts › gone › gone/)
    const md = renderSummaryMarkdown(doc)
    expect(md).toMatch(/Compared with the base bbbbbbbbbbbb \(merge base with origin\/main\)/)
    expect(md).toMatch(/### A\/B run/)
    expect(md).toMatch(/signed-rank test over interleaved ABBA slices/)
  })

  test('a side that could not run fails the gate with its problem; unpaired results are listed with why', () => {
    const head = side([jsBench('m', latencySamples(500, 1, 1))])
    const doc = abResultsJson({
      generatedAt: 'now',
      head,
      base: undefined,
      paired: [],
      thresholds,
      run: { ...run, problems: ['the base side produced no results (vitest exited with a crash)'], unpaired: [{ file: FILE, key: 'm › m', side: 'head', why: 'partner-gone' }] },
    })
    expect(doc.entries[0]?.comparison?.verdict).toBe('new')
    expect(doc.failed).toBe(true)
    expect(doc.failures).toContain('the base side produced no results (vitest exited with a crash)')
    expect(abSummaryText(doc)).toMatch(/measured alone on the head side \(the other side had ended\): benches\/m\.bench\.ts › m › m/)
  })

  test('shards of an A/B run merge into one verdict that keeps what each shard could not pair or run', () => {
    const one = abResultsJson({ generatedAt: 'now', head: side([jsBench('m', latencySamples(500, 1, 1))]), base: side([jsBench('m', latencySamples(500, 1, 2))]), paired: [], thresholds, run })
    const two = abResultsJson({
      generatedAt: 'now',
      head: side([jsBench('n', latencySamples(500, 1, 3))]),
      base: undefined,
      paired: [],
      thresholds,
      run: { ...run, seconds: 30, problems: ['the base side produced no results'], unpaired: [{ file: FILE, key: 'n › n', side: 'head', why: 'partner-gone' }] },
    })
    const merged = mergeResultsJson([one, two], 'later')
    expect(merged.entries).toHaveLength(2)
    expect(merged.ab).toMatchObject({ base: run.base, seconds: 30, problems: ['the base side produced no results'], unpaired: [{ key: 'n › n' }] })
    expect(merged.failed).toBe(true)
    expect(merged.failures).toContain('the base side produced no results')
    expect(mergeResultsJson([one], 'later').failed).toBe(one.failed)
  })

  test('a result that ran on onnxruntime-node allows for the two processes’ own speeds (the run-to-run noise) unless both sides shared their CPUs: a tight +8 % is not enough to fail', () => {
    const ort = { ...TEST_ENV, packages: { 'onnxruntime-node': '1.30.0' } }
    const base = side([syntheticBenchmark('m', latencySamples(2000, 1, 1), { env: ort })])
    const head = side([syntheticBenchmark('m', latencySamples(2000, 1.08, 2), { env: ort })])
    const paired = [{ ...measured('m', 1.08), key: 'm › m' }]
    const p50 = (runNoise: number) =>
      abResultsJson({ generatedAt: 'now', head, base, paired, thresholds: { ...thresholds, runNoise }, run }).entries[0]?.comparison?.metrics.find((x) => x.metric === 'p50')
    expect(p50(0)).toMatchObject({ verdict: 'regressed' })
    expect(p50(0)?.paired?.processNoise).toBeUndefined()
    const widened = p50(0.05)
    expect(widened).toMatchObject({ verdict: 'inconclusive', paired: { processNoise: 0.05, moreTimeMs: null } })
    expect((widened?.interval?.upper as number) - (widened?.interval?.lower as number)).toBeGreaterThan(0.2)
    // both sides pinned to the same CPU: the slices alone, as for pure JS
    const pinned = abResultsJson({ generatedAt: 'now', head, base, paired, thresholds: { ...thresholds, runNoise: 0.05 }, run: { ...run, cpus: '1' } })
    expect(pinned.entries[0]?.comparison?.metrics.find((x) => x.metric === 'p50')).toMatchObject({ verdict: 'regressed' })
    expect(comparedWithText(pinned)).toMatch(/measured interleaved in one A\/B run, both sides on CPU 1$/)
    // the report's header says what it compared with, as the console does
    expect(reportView(pinned).comparedWith).toBe(comparedWithText(pinned))
    // pure JS is compared on the slices alone
    const js = abResultsJson({ generatedAt: 'now', head: side([jsBench('m', latencySamples(2000, 1.08, 2))]), base: side([jsBench('m', latencySamples(2000, 1, 1))]), paired, thresholds: { ...thresholds, runNoise: 0.05 }, run })
    expect(js.entries[0]?.comparison?.metrics.find((x) => x.metric === 'p50')?.verdict).toBe('regressed')
  })

  test('a timing measured one side after the other (not interleaved) never gates: 2× slower reads inconclusive; its accuracy still gates', async () => {
    const base = side([jsBench('apart', latencySamples(2000, 1, 7)), await syntheticClassification('clf', correctness(400, 60))])
    const head = side([jsBench('apart', latencySamples(2000, 2, 8)), await syntheticClassification('clf', correctness(400, 200))])
    const doc = abResultsJson({ generatedAt: 'now', head, base, paired: [], thresholds, run })
    const apart = doc.entries.find((e) => e.result.name === 'apart')?.comparison
    expect(apart?.metrics.find((m) => m.metric === 'p50')).toMatchObject({ verdict: 'inconclusive', why: 'measured-apart' })
    expect(apart?.verdict).toBe('inconclusive')
    // accuracy fell from 0.85 to 0.50 on the same examples: that still fails
    expect(doc.entries.find((e) => e.result.name === 'clf')?.comparison?.verdict).toBe('regressed')
    expect(doc.failures).toEqual([`${FILE} › clf › clf: regressed`])
  })

  test('an inconclusive pair says how much more time would decide it', () => {
    const p: SlicePair[] = Array.from({ length: 24 }, (_, i) => ({ base: latencySamples(9, 1, i + 1, 0.3), head: latencySamples(9, 1.06, i + 50, 0.3) }))
    const analysis = analysePairs(p, 0.05, 0.01 / LOOKS)
    expect(analysis.verdict).toBe('inconclusive')
    const base = side([jsBench('m', latencySamples(500, 1, 1))])
    const head = side([jsBench('m', latencySamples(500, 1.06, 2))])
    const doc = abResultsJson({ generatedAt: 'now', head, base, paired: [{ file: FILE, key: 'm › m', tolerance: 0.05, outcome: { pairs: p, analysis, elapsedMs: 1000, stoppedBecause: 'budget', looks: 4 } }], thresholds, run })
    const m = doc.entries[0]?.comparison?.metrics.find((x) => x.metric === 'p50')
    expect(m?.verdict).toBe('inconclusive')
    expect(m?.paired?.moreTimeMs).toBeGreaterThan(0)
    expect(abSummaryText(doc)).toMatch(/p50 inconclusive \(24 slice pairs, 1\.00 s, budget spent; about .+ more would decide it\)/)
  })
})
