import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { ReportEntry } from '../../src/gate/results-json.js'
import { comparisonCells, renderConsoleTables } from '../../reporters/console-table.js'
import { writeReportFiles } from '../../reporters/report-files.js'
import { baselineSummary, buildResultsJson, mergeResultsJson, readResultsJson, type BaselineReport, type ResultsJson, type ResultsJsonEntry } from '../../src/gate/results-json.js'
import { escapeMarkdown, renderSummaryMarkdown } from '../../reporters/summary-md.js'
import { runCli } from '../../src/cli.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { compareToBaseline } from '../../src/gate/compare.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { MlBenchResult } from '../../src/results/index.js'
import type { MetricComparison, Verdict } from '../../src/gate/verdict.js'
import { latencySamples, syntheticBenchmark, TEST_ENV } from '../baseline/synthetic.js'
import { REPO } from './temp-project.js'

const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-summary-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const thresholds = resolveThresholds()

function entry(file: string, key: string, current: MlBenchResult, baseline?: MlBenchResult): ResultsJsonEntry {
  const parts = key.split(' › ')
  const e: ReportEntry = { file, project: '', suite: parts.slice(0, -2), test: parts.at(-2) as string, key, result: current }
  const base = baseline ? baselineEntryOf(baseline) : undefined
  const comparison = compareToBaseline(base, baselineEntryOf(current), { thresholds })
  return base ? { ...e, comparison, baseline: baselineSummary(base) } : { ...e, comparison }
}

const noBaselineChanges = (mode: BaselineReport['mode'] = 'none'): BaselineReport => ({
  dir: 'baselines',
  mode,
  written: [],
  unwritten: [],
  stale: [],
  errors: [],
  warnings: [],
})

const fast = syntheticBenchmark('fast', latencySamples(300, 2, 1))
const slow = syntheticBenchmark('fast', latencySamples(300, 2.6, 2))
const evil = syntheticBenchmark('<img src=x onerror=alert(1)> | *bold*', latencySamples(300, 1, 3))

/**
 * The verdict of a result compared with itself: never a failure — unchanged, or inconclusive
 * where the run-to-run noise of timings keeps an interval (p95's) from fitting within ± 10 %.
 */
function sameVerdict(e: ResultsJsonEntry): Verdict {
  const verdict = e.comparison?.verdict as Verdict
  expect(['unchanged', 'inconclusive']).toContain(verdict)
  return verdict
}

function doc(entries: ResultsJsonEntry[], baselines = noBaselineChanges()): ResultsJson {
  return buildResultsJson({ generatedAt: '2025-01-01T00:00:00.000Z', entries, env: TEST_ENV, commit: 'abc', thresholds, baselines })
}

describe('results.json', () => {
  test('verdict, counts and failures follow from the entries; entries sorted by file, test order kept', () => {
    const same = entry('benches/a.bench.ts', 's › t1 › same', fast, fast)
    const d = doc([entry('benches/b.bench.ts', 's › t › fast', slow, fast), entry('benches/a.bench.ts', 's › t2 › new', evil), same])
    expect(d).toMatchObject({ schemaVersion: 2, verdict: 'regressed', failed: true, counts: { regressed: 1, new: 1, [sameVerdict(same)]: 1 } })
    expect(Object.values(d.counts).reduce((a, b) => a + b, 0)).toBe(3)
    expect(d.failures).toEqual(['benches/b.bench.ts › s › t › fast: regressed'])
    expect(d.entries.map((e) => e.key)).toEqual(['s › t2 › new', 's › t1 › same', 's › t › fast'])
    expect(d.entries[2]?.baseline?.samples).toHaveLength(300)
    expect(d.env).toEqual(TEST_ENV)
  })

  test('in update mode a regression does not fail; an unusable baseline file does', () => {
    expect(doc([entry('x', 's › t › fast', slow, fast)], noBaselineChanges('all')).failed).toBe(false)
    const broken = { ...noBaselineChanges(), errors: [{ file: 'baselines/x.json', message: 'Baseline file baselines/x.json: it is not valid JSON' }] }
    expect(doc([], broken)).toMatchObject({ failed: true, failures: ['Baseline file baselines/x.json: it is not valid JSON'] })
  })

  test('merging documents equals one document of all their entries', () => {
    const a = entry('benches/a.bench.ts', 's › t › fast', slow, fast)
    const b = entry('benches/b.bench.ts', 's › t › fast', fast, fast)
    const merged = mergeResultsJson([doc([b]), doc([a])], '2025-01-01T00:00:00.000Z')
    expect(merged).toEqual(doc([a, b]))
    // a later document replaces an earlier entry with the same file and key
    expect(mergeResultsJson([doc([a]), doc([{ ...a, comparison: b.comparison }])], 'x').counts).toMatchObject({ regressed: 0, [sameVerdict(b)]: 1 })
  })

  test('reading a bad results.json says what is wrong', () => {
    const bad = path.join(work, 'bad.json')
    writeFileSync(bad, '{"entries": []}')
    expect(() => readResultsJson(bad)).toThrow(/is not a vitest-ml-bench results.json/)
    writeFileSync(bad, JSON.stringify({ ...doc([]), schemaVersion: 7 }))
    expect(() => readResultsJson(bad)).toThrow(/has schemaVersion 7; this vitest-ml-bench reads 1 and 2\./)
    expect(() => readResultsJson(path.join(work, 'missing.json'))).toThrow(/Cannot read .*missing\.json: ENOENT/)
  })
})

describe('summary.md and the console table', () => {
  test('regressions first with their evidence, then one row per result; user strings escaped', () => {
    const md = renderSummaryMarkdown(
      doc(
        [entry('benches/a.bench.ts', `s › t › ${evil.name}`, evil), entry('benches/b.bench.ts', 's › t › fast', slow, fast)],
        { ...noBaselineChanges(), unwritten: [{ file: 'benches/a.bench.ts', key: `s › t › ${evil.name}` }] },
      ),
    )
    expect(md).toMatch(/^## ML bench: ❌ failed — regressed\n\n2 results: 🔴 1 regressed · 🆕 1 new\./)
    const regressions = md.indexOf('### Regressions')
    const table = md.indexOf('### Results')
    expect(regressions).toBeGreaterThan(0)
    expect(table).toBeGreaterThan(regressions)
    expect(md).toMatch(
      /- \*\*benches\/b\.bench\.ts › s › t › fast\*\*\n {2}- p50 latency regressed: 2\.\d+ ms → 2\.\d+ ms: \+\d+\.\d% \(98% CI \+\d+\.\d% … \+\d+\.\d%\) is beyond the tolerance 10% \(Mann–Whitney ratio, p = [\d.e-]+ &lt; 0\.01\)/,
    )
    expect(md).toContain('| verdict | result | metric | baseline | current | Δ [interval] |')
    expect(md).toMatch(/\| 🔴 regressed \| benches\/b\.bench\.ts › s › t › fast \| p50 \| 2\.\d+ ms \| 2\.\d+ ms \| \+\d+\.\d% \[\+\d+\.\d, \+\d+\.\d\] \|/)
    // the regressed row comes before the new one
    expect(md.indexOf('| 🔴 regressed')).toBeLessThan(md.indexOf('| 🆕 new'))
    expect(md).toContain('| 🆕 new | benches/a.bench.ts › s › t › &lt;img src=x onerror=alert(1)&gt; \\| \\*bold\\* | p50 |')
    expect(md).not.toContain('<img')
    expect(md).toContain('new, not recorded (CI): benches/a.bench.ts › s › t › &lt;img')
  })

  test('inconclusive: counted, listed with its intervals and the note that it never fails, ordered after regressions', () => {
    // 6 noisy calls a side: a large change, but an interval far too wide to decide
    const few = syntheticBenchmark('few', latencySamples(6, 2, 3, 0.6))
    const fewer = syntheticBenchmark('few', latencySamples(6, 2.5, 4, 0.6))
    const inconclusive = entry('benches/c.bench.ts', 's › t › few', fewer, few)
    expect(inconclusive.comparison?.verdict).toBe('inconclusive')
    const alone = renderSummaryMarkdown(doc([inconclusive]))
    expect(alone).toMatch(/^## ML bench: ✅ passed — inconclusive\n\n1 results: 🟡 1 inconclusive\./)
    expect(alone).toContain('### Inconclusive (never fails the run)\n\nThe interval of the change reaches across the tolerance')
    expect(alone).toContain('an inconclusive result never fails the run.')
    expect(alone).toMatch(/\n- benches\/c\.bench\.ts › s › t › few: p50 latency [-+][\d.]+% \[[-+][\d.]+, [-+][\d.]+\], p95 latency [-+][\d.]+% \[open, open\]/)
    expect(alone).toMatch(/\| 🟡 inconclusive \| benches\/c\.bench\.ts › s › t › few \| p50 \| [\d.]+ ms \| [\d.]+ ms \| [-+][\d.]+% \[[-+][\d.]+, [-+][\d.]+\] \|/)
    const md = renderSummaryMarkdown(doc([entry('benches/a.bench.ts', 's › t › new', evil), inconclusive, entry('benches/b.bench.ts', 's › t › fast', slow, fast)]))
    expect(md).toMatch(/^## ML bench: ❌ failed — regressed\n\n3 results: 🔴 1 regressed · 🟡 1 inconclusive · 🆕 1 new\./)
    expect(md.indexOf('### Regressions')).toBeLessThan(md.indexOf('### Inconclusive'))
    expect(md.indexOf('### Inconclusive')).toBeLessThan(md.indexOf('### Results'))
    expect(md.indexOf('| 🔴 regressed')).toBeLessThan(md.indexOf('| 🟡 inconclusive'))
    expect(md.indexOf('| 🟡 inconclusive')).toBeLessThan(md.indexOf('| 🆕 new'))
    expect(renderSummaryMarkdown(doc([entry('benches/b.bench.ts', 's › t › fast', slow, fast)]))).not.toContain('Inconclusive')
    // a load test with a dozen inconclusive levels: the first four, then how many more
    const p50 = inconclusive.comparison?.metrics.find((m) => m.metric === 'p50') as MetricComparison
    const levels = Array.from({ length: 6 }, (_, i): MetricComparison => ({ ...p50, metric: `concurrency ${2 ** i} p50` }))
    const load = renderSummaryMarkdown(doc([{ ...inconclusive, comparison: { verdict: 'inconclusive', metrics: levels } }]))
    const level = (c: number) => `concurrency ${c} p50 latency \\S+ \\[[^\\]]+\\]`
    expect(load).toMatch(new RegExp(`: ${[1, 2, 4, 8].map(level).join(', ')}, and 2 more\\n`))
    expect(renderConsoleTables([inconclusive])).toMatch(/t › few .* p50 [-+][\d.]+% \[[-+][\d.]+, [-+][\d.]+\] +inconclusive$/m)
  })

  test('escapeMarkdown neutralises table pipes, emphasis and HTML', () => {
    expect(escapeMarkdown('a|b *c* _d_ `e` <f> [g](h)\nnext')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` &lt;f&gt; \\[g\\](h) next')
  })

  test('the console table gains Δ and verdict columns once results are compared', () => {
    const compared = entry('benches/b.bench.ts', 's › t › fast', slow, fast)
    const text = renderConsoleTables([compared])
    expect(text.split('\n')[1]).toMatch(/^benchmark +p50 +p95 +p99 +throughput +peak RSS +Δ vs baseline +verdict$/)
    expect(text).toMatch(/t › fast .* p50 \+\d+\.\d% \[\+\d+\.\d, \+\d+\.\d\] +regressed$/m)
    const { comparison: _c, baseline: _b, ...plain } = compared
    expect(renderConsoleTables([plain]).split('\n')[1]).not.toContain('verdict')
    expect(comparisonCells(undefined)).toEqual(['–', 'no check'])
  })
})

describe('report files and the CLI', () => {
  test('writeReportFiles writes results.json and summary.md and appends to $GITHUB_STEP_SUMMARY', async () => {
    const stepSummary = path.join(work, 'step-summary.md')
    writeFileSync(stepSummary, '# earlier step\n')
    const d = doc([entry('benches/a.bench.ts', 's › t › fast', fast, fast)])
    const files = await writeReportFiles(d, path.join(work, 'report'), { GITHUB_STEP_SUMMARY: stepSummary })
    expect(readResultsJson(files.results)).toEqual(d)
    const md = readFileSync(files.summary, 'utf8')
    expect(md).toBe(renderSummaryMarkdown(d))
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${md}`)
    expect(files.htmlError).toBeUndefined()
    expect(readFileSync(files.html as string, 'utf8')).toMatch(/^<!doctype html>/i)
  })

  test('vitest-ml-bench report merges results.json files into one report', async () => {
    const a = path.join(work, 'a.json')
    const b = path.join(work, 'b.json')
    writeFileSync(a, JSON.stringify(doc([entry('benches/a.bench.ts', 's › t › fast', slow, fast)])))
    const same = entry('benches/b.bench.ts', 's › t › fast', fast, fast)
    writeFileSync(b, JSON.stringify(doc([same])))
    const logs: string[] = []
    const code = await runCli(['report', 'a.json', 'b.json', '--out', 'merged'], { log: (t) => logs.push(t), error: (t) => logs.push(t), cwd: work })
    // a failed gate fails the command, as it fails the test run (--render-only: tests in test/faults/)
    expect(code).toBe(1)
    expect(logs[0]).toBe('vitest-ml-bench: 2 results from 2 file(s), verdict regressed (gate failed)')
    expect(logs.at(-1)).toMatch(/^vitest-ml-bench report: gate failed:\n {2}benches\/a\.bench\.ts › s › t › fast: regressed/)
    const merged = readResultsJson(path.join(work, 'merged', 'results.json'))
    expect(merged.counts).toMatchObject({ regressed: 1, [sameVerdict(same)]: 1 })
    expect(readFileSync(path.join(work, 'merged', 'summary.md'), 'utf8')).toBe(renderSummaryMarkdown(merged))
  })

  test('CLI usage errors exit 2 with a message', async () => {
    const errors: string[] = []
    const io = { log: () => {}, error: (t: string) => errors.push(t), cwd: work }
    expect(await runCli([], io)).toBe(2)
    expect(await runCli(['render'], io)).toBe(2)
    expect(await runCli(['report'], io)).toBe(2)
    expect(await runCli(['report', 'missing.json'], io)).toBe(2)
    expect(errors[0]).toMatch(/^Usage: vitest-ml-bench report/)
    expect(errors[1]).toMatch(/^Unknown command "render"/)
    expect(errors[2]).toMatch(/^No results.json given/)
    expect(errors[3]).toMatch(/^vitest-ml-bench report: Cannot read .*missing\.json: ENOENT/)
  })

  test('the CLI runs as a script (the package bin)', () => {
    const input = path.join(work, 'a.json')
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli.ts'), 'report', input, '--out', path.join(work, 'bin-out')], {
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(1)
    expect(run.stdout).toContain('verdict regressed')
    expect(readFileSync(path.join(work, 'bin-out', 'summary.md'), 'utf8')).toContain('### Regressions')
  })
})
