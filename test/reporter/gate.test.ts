/**
 * End to end: vitest spawned on a temp project with the plugin. Results are synthetic but
 * deterministic (seeded samples, scripted predictions), so each run's verdict is known.
 */
import { afterAll, describe, expect, test } from 'vitest'
import type { ResultsJson } from '../../src/gate/results-json.js'
import { createTempProject, repoImport } from './temp-project.js'

const bench = (withEvaluation = true) => `import { describe, expect, test } from 'vitest'
import { recordResult } from ${repoImport('src/core/sink.ts')}
import { latencySamples, syntheticBenchmark, syntheticClassification } from ${repoImport('test/baseline/synthetic.ts')}
const env = process.env
const slow = Number(env.SLOWDOWN ?? '1')
const seed = Number(env.SEED ?? '1')
describe('sentiment', () => {
  test('one sentence', () => {
    recordResult(syntheticBenchmark('distilbert q8', latencySamples(400, 2 * slow, seed)))
  })
  ${withEvaluation ? `test('dev set', async () => {
    const wrong = Number(env.WRONG ?? '60')
    recordResult(await syntheticClassification('sst2 dev', Array.from({ length: 400 }, (_, i) => i >= wrong)))
  })` : ''}
  test('explicit check', () => {
    const result = syntheticBenchmark('checked', latencySamples(400, 2 * slow, seed + 7))
    recordResult(result)
    expect(result).toBeWithinBaseline({ metric: 'p95', tolerance: '50%' })
  })
})
if (env.WITH_NEW) test('added later', () => recordResult(syntheticBenchmark('new one', latencySamples(100, 1, 3))))
`

const BASELINE = 'baselines/benches/sentiment.bench.ts.json'
const project = createTempProject({ 'benches/sentiment.bench.ts': bench() })
afterAll(() => project.remove())
const results = () => JSON.parse(project.read('report/results.json')) as ResultsJson

describe('the baseline gate, end to end', { concurrent: false }, () => {
  let recorded = ''
  let regressedOutput = ''

  test('first run outside CI records every result and passes', () => {
    const run = project.run()
    expect(run.status, run.output).toBe(0)
    expect(run.output).toContain(`baseline written: ${BASELINE}`)
    recorded = project.read(BASELINE)
    const file = JSON.parse(recorded) as { schemaVersion: number; entries: Record<string, unknown> }
    expect(file.schemaVersion).toBe(1)
    expect(Object.keys(file.entries).sort()).toEqual([
      'sentiment › dev set › sst2 dev',
      'sentiment › explicit check › checked',
      'sentiment › one sentence › distilbert q8',
    ])
    expect(results()).toMatchObject({ schemaVersion: 2, verdict: 'new', failed: false, counts: { new: 3 } })
    expect(run.output).toContain('ML bench  report: report/index.html, report/summary.md, report/results.json')
  })

  test('an A/A rerun in CI (another draw of the same workload) fails nothing and writes nothing; what cannot be decided says so', () => {
    const run = project.run([], { CI: 'true', SEED: '2' })
    expect(run.status, run.output).toBe(0)
    expect(project.read(BASELINE)).toBe(recorded)
    const doc = results()
    expect(doc).toMatchObject({ failed: false, counts: { regressed: 0, improved: 0 } })
    // accuracy (identical predictions) is unchanged; a p95 from one pair of runs cannot be pinned
    // within ± 10 % against the default run-to-run noise, so those results are inconclusive
    expect(doc.entries.find((e) => e.result.name === 'sst2 dev')?.comparison?.verdict).toBe('unchanged')
    const p50 = doc.entries.find((e) => e.result.name === 'distilbert q8')?.comparison?.metrics.find((m) => m.metric === 'p50')
    expect(p50).toMatchObject({ verdict: 'unchanged', why: 'within-tolerance' })
    expect(doc.counts.unchanged + doc.counts.inconclusive).toBe(3)
    expect(run.output).toMatch(/Δ vs baseline +verdict/)
  })

  test('30 % slower and 5 points less accurate: the tests fail, the run exits 1, messages name metric, values, change, interval and evidence', () => {
    const run = project.run([], { CI: 'true', SEED: '3', SLOWDOWN: '1.3', WRONG: '80' })
    regressedOutput = run.output
    expect(run.status).toBe(1)
    // next to the test (vitest's failure output) …
    expect(run.output).toMatch(/FAIL +benches\/sentiment\.bench\.ts(:\d+){0,2} > sentiment > one sentence/)
    expect(run.output).toMatch(
      /benchmark "distilbert q8" \(benches\/sentiment\.bench\.ts › sentiment › one sentence › distilbert q8\) fails the baseline gate:\n +p50 latency regressed: 2\.\d\d ms → 2\.\d\d ms: \+\d\d\.\d% \(98% CI \+\d\d\.\d% … \+\d\d\.\d%\) is beyond the tolerance 10% \(Mann–Whitney ratio, p = [\d.e-]+ < 0\.01 after Bonferroni over 7 metrics\)/,
    )
    // 20 examples newly wrong, none newly right: beyond 1 point even after the worker's Bonferroni over 7
    expect(run.output).toMatch(/accuracy regressed: 0\.85 → 0\.8: −5\.0 pp \(98% CI −7\.\d pp … −2\.\d pp\) is beyond the tolerance 1 pp \(paired proportions, p = [\d.e-]+ < 0\.01 after Bonferroni over 7 metrics\)/)
    // … and in the summary
    expect(run.output).toContain('ML bench  gate failed:')
    const doc = results()
    expect(doc).toMatchObject({ verdict: 'regressed', failed: true, counts: { regressed: 3 } })
    expect(project.read('report/summary.md')).toMatch(/## ML bench: ❌ failed — regressed[\s\S]*### Regressions\n\n- \*\*benches\/sentiment\.bench\.ts › sentiment › one sentence › distilbert q8\*\*/)
    expect(project.read(BASELINE)).toBe(recorded)
  })

  test('an explicit toBeWithinBaseline check sets the tolerance of its metric for the gate and the report', () => {
    const doc = results()
    const checked = doc.entries.find((e) => e.result.name === 'checked')
    const p95 = checked?.comparison?.metrics.find((m) => m.metric === 'p95')
    expect(p95).toMatchObject({ tolerance: 0.5 })
    expect(p95?.verdict).not.toBe('regressed')
    expect(checked?.comparison?.metrics.find((m) => m.metric === 'p50')?.verdict).toBe('regressed')
    // the gate reported the other metrics of "checked", not the explicitly checked p95 again
    const message = /benchmark "checked" [^\n]*\n((?: {2}[^\n]*\n)+)/.exec(regressedOutput)?.[1] ?? ''
    expect(message).toMatch(/p50 latency regressed/)
    expect(message).not.toMatch(/p95/)
  })

  test('a new benchmark in CI is reported as new and not written', () => {
    project.write('benches/sentiment.bench.ts', bench())
    const run = project.run([], { CI: 'true', WITH_NEW: '1' })
    expect(run.status, run.output).toBe(0)
    expect(run.output).toMatch(/new, not recorded \(update mode 'none'\): benches\/sentiment\.bench\.ts › added later › new one/)
    expect(results().baselines.unwritten).toEqual([{ file: 'benches/sentiment.bench.ts', key: 'added later › new one' }])
    expect(project.read(BASELINE)).toBe(recorded)
  })

  test('-u rewrites the baselines even in CI, and does not fail on the regression', () => {
    const run = project.run(['-u'], { CI: 'true', SLOWDOWN: '1.3', WRONG: '72' })
    expect(run.status, run.output).toBe(0)
    const rewritten = project.read(BASELINE)
    expect(rewritten).not.toBe(recorded)
    const entry = (JSON.parse(rewritten) as { entries: Record<string, { metrics: Record<string, { value: number }> }> }).entries[
      'sentiment › dev set › sst2 dev'
    ]
    expect(entry?.metrics.accuracy?.value).toBe(0.82)
    expect(results()).toMatchObject({ failed: false, baselines: { mode: 'all', written: [BASELINE] } })
    recorded = rewritten
  })

  test('a benchmark that no longer exists is listed as stale, and removed only by -u', () => {
    project.write('benches/sentiment.bench.ts', bench(false))
    const listed = project.run([], { CI: 'true', SLOWDOWN: '1.3' })
    expect(listed.status, listed.output).toBe(0)
    expect(listed.output).toContain('stale baseline entry (remove it with -u): benches/sentiment.bench.ts › sentiment › dev set › sst2 dev')
    expect(project.read(BASELINE)).toBe(recorded)
    const removed = project.run([], { ML_BENCH_UPDATE: '1', SLOWDOWN: '1.3' })
    expect(removed.status, removed.output).toBe(0)
    expect(Object.keys((JSON.parse(project.read(BASELINE)) as { entries: object }).entries)).not.toContain('sentiment › dev set › sst2 dev')
    expect(results().baselines.stale).toEqual([{ file: 'benches/sentiment.bench.ts', key: 'sentiment › dev set › sst2 dev', removed: true }])
  })

  test('a corrupt baseline file: clear error with its path, non-zero exit, file left byte-identical', () => {
    const corrupt = '{"generator": "vitest-ml-bench", "schemaVersion": 1, "entries": {'
    project.write(BASELINE, corrupt)
    const run = project.run(['-u'])
    expect(run.status).toBe(1)
    expect(run.output).toContain(`Baseline file ${project.dir}/${BASELINE}: it is not valid JSON`)
    expect(run.output).toContain('leaves it untouched')
    expect(project.read(BASELINE)).toBe(corrupt)
    expect(results().baselines.errors).toHaveLength(1)
  })
})
