/**
 * results.json schema 1 (prose `reason` per comparison, a `recommendation` sentence per model
 * comparison) still reads, renders and reports: `results-v1.json` is the fixture as schema 1 wrote it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { renderHtmlReport } from '../../reporters/html/index.js'
import { renderSummaryMarkdown } from '../../reporters/summary-md.js'
import { recommendationText } from '../../src/compare-models/text.js'
import { whyText } from '../../reporters/text/verdict.js'
import { runCli } from '../../src/cli.js'
import { readResultsJson, RESULTS_SCHEMA_VERSION } from '../../src/gate/results-json.js'
import type { MetricComparison } from '../../src/gate/verdict.js'

const FILE = path.join(import.meta.dirname, '../fixtures/results/results-v1.json')
const raw = JSON.parse(readFileSync(FILE, 'utf8')) as {
  schemaVersion: number
  entries: Array<{ result: { kind: string; name: string; recommendation?: string }; comparison?: { metrics: Array<{ metric: string; reason: string }> } }>
}
const doc = readResultsJson(FILE)
const work = mkdtempSync(path.join(os.tmpdir(), 'ml-bench-v1-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function metricOf(name: string, id: string): MetricComparison {
  const m = doc.entries.find((e) => e.result.name === name)?.comparison?.metrics.find((x) => x.metric === id)
  if (!m) throw new Error(`no ${id} of ${name} in the fixture`)
  return m
}

describe('results.json schema 1', () => {
  test('reads in the current layout: the prose and test statistics are dropped, why follows from verdict and numbers', () => {
    expect(raw.schemaVersion).toBe(1)
    expect(doc.schemaVersion).toBe(RESULTS_SCHEMA_VERSION)
    const metrics = doc.entries.flatMap((e) => e.comparison?.metrics ?? [])
    expect(metrics.length).toBeGreaterThan(50)
    for (const m of metrics) for (const gone of ['reason', 'test', 'statistic', 'statisticName', 'pValue', 'testDetail']) expect(m).not.toHaveProperty(gone)
    expect(metricOf('digits-mlp batch 1', 'p50')).toMatchObject({ verdict: 'regressed', why: 'beyond-tolerance', method: 'mann-whitney-u' })
    expect(metricOf('digits-mlp batch 1', 'p50').interval).toBeUndefined()
    expect(metricOf('digits-mlp batch sweep', 'batch 1 rssPeak')).toMatchObject({ verdict: 'regressed', why: 'no-noise-model' })
    expect(metricOf('<img src=x onerror=alert(1)> matmul-64x2', 'p50')).toMatchObject({ verdict: 'new', why: 'no-baseline' })
    // schema 1's 'unchanged' kept its verdict, whether the change was within the tolerance or not significant beyond it
    const unchanged = metrics.filter((m) => m.verdict === 'unchanged')
    expect(unchanged.length).toBeGreaterThan(0)
    for (const m of unchanged) expect(m.why).toBe('within-tolerance')
    expect(metricOf('digits-mlp batch sweep', 'batch 1 p95')).toMatchObject({ verdict: 'unchanged', method: 'quantile-exceedance' })
    expect(metrics.some((m) => m.verdict === 'inconclusive')).toBe(false)
  })

  test('the words are schema 1’s own, less the statistics and test detail it kept only in its prose', () => {
    // '+38.1% is beyond the tolerance 10%': the change against the tolerance, worded as schema 1 worded it
    const claim = (text: string) => /^[^(]*? is (?:within|beyond) the tolerance [\d.]+(?:%| pp)?/.exec(text)?.[0]
    let tested = 0
    doc.entries.forEach((e, i) => {
      e.comparison?.metrics.forEach((m, j) => {
        const old = raw.entries[i]?.comparison?.metrics[j]?.reason as string
        const now = whyText(m)
        if (m.verdict === 'new') return expect(now, m.metric).toBe(old)
        expect(claim(now), `${m.metric}: ${old} | ${now}`).toBe(claim(old))
        expect(claim(now)).toBeDefined()
        if (m.method === undefined) return
        // the test that decided, by the name schema 1 gave it, and whether it was significant
        tested++
        const test = /(?:\(significant by |but not significant \()([^)]+)\)$/.exec(now)?.[1] as string
        expect(old, m.metric).toContain(`(${test}: `)
        if (m.verdict === 'unchanged') expect([old, now].every((t) => t.includes(' but not significant ('))).toBe(true)
        else expect(old.includes(' and significant (') && now.includes('(significant by ')).toBe(true)
      })
    })
    expect(tested).toBeGreaterThan(20)
  })

  test('a model comparison’s preference is recomputed from its models and pairs, and reads as before', () => {
    const e = doc.entries.find((x) => x.result.kind === 'model-comparison')
    const old = raw.entries.find((x) => x.result.kind === 'model-comparison')?.result.recommendation
    if (e?.result.kind !== 'model-comparison') throw new Error('the fixture has no model comparison')
    expect(e.result.recommendation).toBe(old)
    expect(e.result.preference).toEqual({ model: 'digits-mlp', why: 'more-accurate', fasterAlternatives: ['digits-logreg'] })
    expect(recommendationText(e.result)).toBe(old)
  })

  test('the HTML report and summary.md render it', async () => {
    const html = await renderHtmlReport(doc)
    expect(html).toMatch(/p50 latency regressed: [\d.]+ µs → [\d.]+ µs: \+38\.1% is beyond the tolerance 10% \(significant by Mann–Whitney U\)/)
    // no intervals in schema 1: nothing to draw at a glance
    expect(html).not.toContain('Verdicts at a glance')
    expect(html).toContain('Prefer digits-mlp for accuracy; digits-logreg is significantly faster if latency matters more.')
    expect(renderSummaryMarkdown(doc)).toMatch(/### Regressions\n\n- \*\*benches\/load\/digits-load\.bench\.ts › /)
  })

  test('vitest-ml-bench report turns it into a current report', async () => {
    const logs: string[] = []
    const out = path.join(work, 'out')
    // --render-only: the fixture's verdict is regressed, which would (rightly) exit 1
    const code = await runCli(['report', FILE, '--out', out, '--render-only'], { log: (t) => logs.push(t), error: (t) => logs.push(t), cwd: work })
    expect(code, logs.join('\n')).toBe(0)
    expect(logs[0]).toBe('vitest-ml-bench: 8 results from 1 file(s), verdict regressed (gate failed)')
    const written = readResultsJson(path.join(out, 'results.json'))
    expect(written.schemaVersion).toBe(RESULTS_SCHEMA_VERSION)
    expect(written.entries.map((e) => e.comparison?.verdict)).toEqual(doc.entries.map((e) => e.comparison?.verdict))
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/i)
  })
})
