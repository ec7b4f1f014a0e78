/**
 * Finding 4 of issue 16 — the `report` CLI is a gate and trusts no input — and the terminal bullet
 * of finding 5: every output escapes user strings for its medium.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { renderConsoleTables } from '../../reporters/console-table.js'
import { renderSummaryMarkdown } from '../../reporters/summary-md.js'
import { visibleLines, visibleText } from '../../reporters/text/terminal.js'
import { failureMessage } from '../../reporters/text/verdict.js'
import { runCli } from '../../src/cli.js'
import { compareToBaseline } from '../../src/gate/compare.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { baselineSummary, buildResultsJson, type ResultsJson, type ResultsJsonEntry } from '../../src/gate/results-json.js'
import { resultsJsonProblems } from '../../src/gate/results-schema.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { MlBenchResult } from '../../src/results/index.js'
import { latencySamples, syntheticBenchmark, TEST_ENV } from '../baseline/synthetic.js'

const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-cli-faults-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const thresholds = { ...resolveThresholds(), runNoise: 0 }

function entry(key: string, current: MlBenchResult, baseline: MlBenchResult): ResultsJsonEntry {
  const base = baselineEntryOf(baseline)
  const comparison = compareToBaseline(base, baselineEntryOf(current), { thresholds })
  const parts = key.split(' › ')
  return { file: 'benches/x.bench.ts', project: '', suite: parts.slice(0, -2), test: parts.at(-2) as string, key, result: current, comparison, baseline: baselineSummary(base) }
}

function document(entries: ResultsJsonEntry[]): ResultsJson {
  const baselines = { dir: 'baselines', mode: 'none' as const, written: [], unwritten: [], stale: [], errors: [], warnings: [] }
  return buildResultsJson({ generatedAt: '2025-01-01T00:00:00.000Z', entries, env: TEST_ENV, commit: null, thresholds, baselines })
}

const base = syntheticBenchmark('model', latencySamples(2000, 2, 1))
const slower = syntheticBenchmark('model', latencySamples(2000, 2.6, 2))
const same = syntheticBenchmark('model', latencySamples(2000, 2, 3))
const io = () => {
  const lines: string[] = []
  return { lines, io: { log: (t: string) => lines.push(t), error: (t: string) => lines.push(t), cwd: work } }
}
function save(name: string, doc: unknown): string {
  writeFileSync(path.join(work, name), JSON.stringify(doc))
  return name
}

describe('vitest-ml-bench report is a gate (issue 16, finding 4)', () => {
  const regressed = document([entry('s › t › model', slower, base)])

  test('a regressed results.json exits 1 (before: "verdict regressed (gate failed)" and exit 0)', async () => {
    expect(regressed).toMatchObject({ verdict: 'regressed', failed: true })
    const { lines, io: cli } = io()
    expect(await runCli(['report', save('regressed.json', regressed), '--out', 'out-regressed'], cli)).toBe(1)
    expect(lines.join('\n')).toContain('vitest-ml-bench report: gate failed:\n  benches/x.bench.ts › s › t › model: regressed')
    // the report is still written: the step fails, the summary says why
    expect(readFileSync(path.join(work, 'out-regressed/summary.md'), 'utf8')).toContain('## ML bench: ❌ failed — regressed')
  })

  test('--render-only renders the same report and exits 0; a passing document exits 0 without it', async () => {
    const { io: cli } = io()
    expect(await runCli(['report', 'regressed.json', '--out', 'out-render', '--render-only'], cli)).toBe(0)
    expect(existsSync(path.join(work, 'out-render/summary.md'))).toBe(true)
    const passing = document([entry('s › t › model', same, base)])
    expect(passing.failed).toBe(false)
    expect(await runCli(['report', save('passing.json', passing), '--out', 'out-passing'], cli)).toBe(0)
  })

  test('a forged results.json (numbers replaced by markup) is refused, naming the field; nothing is written', async () => {
    const payload = '</script><script>alert("nf")</script><img src=x onerror=alert("nf")>'
    const forged = JSON.parse(JSON.stringify(regressed)) as { entries: Array<{ result: { latency: Record<string, unknown> }; comparison: { metrics: Array<Record<string, unknown>> } }> }
    const first = forged.entries[0] as (typeof forged.entries)[number]
    first.result.latency.p50 = payload
    for (const m of first.comparison.metrics) m.current = payload
    const { lines, io: cli } = io()
    expect(await runCli(['report', save('forged.json', forged), '--out', 'out-forged'], cli)).toBe(2)
    const message = lines.join('\n')
    expect(message).toContain('forged.json does not match the results.json schema:')
    expect(message).toContain('entries[0].result.latency.p50: expected number, got "</script><script>alert(\\"nf\\")</script><img src=x onerro…')
    expect(message).toMatch(/entries\[0\]\.comparison\.metrics\[0\]\.current: expected number/)
    expect(existsSync(path.join(work, 'out-forged'))).toBe(false)
  })

  test('a valid document passes the schema; a wrong verdict or a missing field is named', () => {
    expect(resultsJsonProblems(JSON.parse(JSON.stringify(regressed)))).toEqual([])
    const bad = JSON.parse(JSON.stringify(regressed)) as Record<string, unknown>
    bad.verdict = 'catastrophic'
    delete (bad.baselines as Record<string, unknown>).written
    expect(resultsJsonProblems(bad)).toEqual([
      'verdict: expected ("unchanged" | "new" | "improved" | "inconclusive" | "incomparable" | "regressed"), got "catastrophic"',
      'baselines.written: missing',
    ])
  })
})

describe('user strings are neutralised for each medium', () => {
  const evilName = '<img src=x onerror=alert(1)> \u202eexe.png \u001b[31mred\u001b[0m'
  const evil = syntheticBenchmark(evilName, latencySamples(300, 2, 4))
  const doc = document([entry(`s › t › ${evilName}`, evil, syntheticBenchmark(evilName, latencySamples(300, 2, 5)))])

  test('summary.md never carries raw inline HTML, even from a value that bypassed the schema', () => {
    expect(renderSummaryMarkdown(doc)).not.toContain('<img')
    const bypassed = JSON.parse(JSON.stringify(doc)) as ResultsJson
    const metric = bypassed.entries[0]?.comparison?.metrics[0] as unknown as Record<string, unknown>
    metric.current = '<img src=x onerror=alert("nf")>'
    metric.baseline = '<script>alert(1)</script>'
    const md = renderSummaryMarkdown(bypassed)
    expect(md).not.toMatch(/<img|<script/)
    expect(md).toContain('&lt;img src=x onerror=alert("nf")&gt;')
  })

  test('the console table and failure messages show ANSI, control and bidi characters instead of obeying them (issue 16, finding 5)', () => {
    const table = renderConsoleTables(doc.entries)
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u001b\u202e]/)
    expect(table).toContain('\\u202eexe.png \\x1b[31mred\\x1b[0m')
    const message = failureMessage(evil, `benches/x.bench.ts › s › t › ${evilName}`, { verdict: 'regressed', metrics: [{ metric: 'p50', verdict: 'regressed', why: 'beyond-tolerance', current: 3, baseline: 2, change: 0.5, unit: 'ms' }] }, false)
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u001b\u202e]/)
    expect(visibleText('tab\there, é and 🙂 stay')).toBe('tab\\x09here, é and 🙂 stay')
    // the reporter's notes keep their lines; each line's name is made visible
    expect(visibleLines(`stale: ${evilName}\nwritten: x`)).toBe(`stale: ${visibleText(evilName)}\nwritten: x`)
  })
})
