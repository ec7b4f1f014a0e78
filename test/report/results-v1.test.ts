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
  test('reads in the current layout: the prose is dropped, why follows from verdict and numbers', () => {
    expect(raw.schemaVersion).toBe(1)
    expect(doc.schemaVersion).toBe(RESULTS_SCHEMA_VERSION)
    const metrics = doc.entries.flatMap((e) => e.comparison?.metrics ?? [])
    expect(metrics.length).toBeGreaterThan(50)
    for (const m of metrics) expect(m).not.toHaveProperty('reason')
    expect(metricOf('digits-mlp batch 1', 'p50')).toMatchObject({ verdict: 'regressed', why: 'significant', test: 'mann-whitney-u' })
    expect(metricOf('digits-mlp batch sweep', 'batch 1 rssPeak')).toMatchObject({ verdict: 'regressed', why: 'peak-untested' })
    expect(metricOf('<img src=x onerror=alert(1)> matmul-64x2', 'p50')).toMatchObject({ verdict: 'new', why: 'no-baseline' })
    const unchanged = metrics.filter((m) => m.verdict === 'unchanged')
    expect(unchanged.length).toBeGreaterThan(0)
    for (const m of unchanged) expect(m.why).toBe(m.test === undefined ? 'within-tolerance' : 'not-significant')
  })

  test('the words are schema 1’s own, less the test detail it kept only in its prose', () => {
    doc.entries.forEach((e, i) => {
      e.comparison?.metrics.forEach((m, j) => {
        const old = raw.entries[i]?.comparison?.metrics[j]?.reason as string
        // p = 0 read 'p = < 1e-300' before it was fixed to 'p < 1e-300'
        if (m.pValue === 0) return
        const now = whyText(m)
        if (m.test === undefined) expect(now, m.metric).toBe(old)
        else expect(old.startsWith(`${now.slice(0, -1)}; `) && old.endsWith(')'), `${m.metric}: ${old} | ${now}`).toBe(true)
      })
    })
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
    expect(html).toMatch(/p50 latency regressed: [\d.]+ µs → [\d.]+ µs: \+38\.1% is beyond the tolerance 10% and significant \(Mann–Whitney U: z &#x3D; 32\.27, p &#x3D; 8\.6e-229 &lt; 0\.01\)/)
    expect(html).toContain('Prefer digits-mlp for accuracy; digits-logreg is significantly faster if latency matters more.')
    expect(renderSummaryMarkdown(doc)).toMatch(/### Regressions\n\n- \*\*benches\/load\/digits-load\.bench\.ts › /)
  })

  test('vitest-ml-bench report turns it into a current report', async () => {
    const logs: string[] = []
    const out = path.join(work, 'out')
    const code = await runCli(['report', FILE, '--out', out], { log: (t) => logs.push(t), error: (t) => logs.push(t), cwd: work })
    expect(code, logs.join('\n')).toBe(0)
    expect(logs[0]).toBe('vitest-ml-bench: 8 results from 1 file(s), verdict regressed (gate failed)')
    const written = readResultsJson(path.join(out, 'results.json'))
    expect(written.schemaVersion).toBe(RESULTS_SCHEMA_VERSION)
    expect(written.entries.map((e) => e.comparison?.verdict)).toEqual(doc.entries.map((e) => e.comparison?.verdict))
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/i)
  })
})
