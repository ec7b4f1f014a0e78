import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { CalibrationJson } from '../../reporters/calibration-json.js'
import { calibrationTables } from '../../reporters/calibration-tables.js'
import { readCalibration, renderHtmlReport, writeHtmlReport } from '../../reporters/html/index.js'
import { readResultsJson } from '../../src/gate/results-json.js'
import { envFingerprint } from '../../src/measure/fingerprint.js'

const fixture = readResultsJson(path.join(import.meta.dirname, '../fixtures/results/results.json'))
const work = mkdtempSync(path.join(os.tmpdir(), 'ml-bench-calibration-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const calibration: CalibrationJson = {
  schemaVersion: 1,
  generatedAt: '2026-11-23T17:00:00.000Z',
  mode: 'quick',
  env: envFingerprint(),
  overhead: [
    { workload: 'busy-wait 1 ms', method: 'bare performance.now() loop', sampleMeanMs: 1.0, wallPerCallMs: 1.0, fixedMs: 0 },
    { workload: 'busy-wait 1 ms', method: 'benchmark()', sampleMeanMs: 1.002, wallPerCallMs: 1.01, fixedMs: 30 },
  ],
  accuracy: [{ workload: '<b>busy</b> 2 ms', knownMs: 2, runs: 6, p50Ms: 2.004, p95Ms: 2.02, p50Bias: 0.002, p95Bias: 0.01, p50Cv: 0.001 }],
  verdicts: [
    { workload: 'busy-wait 2 ms', slowdown: 0.1, pairs: 36, regressed: 1, improved: 0, byMetric: { p50: 36, p95: 30 } },
    { workload: 'busy-wait 2 ms', slowdown: 0, pairs: 15, regressed: 0, improved: 0, unchanged: 0.2, inconclusive: 0.8, byMetric: {} },
  ],
  betweenRuns: [
    {
      workload: 'js compute',
      noise: 'on',
      slowdown: 0,
      pairs: 66,
      verdicts: { regressed: 0, improved: 0, unchanged: 0.25, inconclusive: 0.7, incomparable: 0.05, new: 0 },
      previousRuleRegressed: 0.4,
      p50RunSpread: 0.03,
    },
  ],
  seconds: 22,
}

describe('calibration in the report', () => {
  test('tables: Δ against the bare loop of the same workload, rates as percentages', () => {
    const [overhead, accuracy, verdicts] = calibrationTables(calibration)
    // 1.002 − 1.000 ms = 2 µs; 1.01 − 1.00 ms = 10 µs
    expect(overhead?.rows[1]).toEqual(['busy-wait 1 ms', 'benchmark()', '1.00 ms', '2.00 µs', '1.01 ms', '10.0 µs', '30.0 ms'])
    expect(accuracy?.rows[0]?.[4]).toBe('0.2 %')
    // a document written before unchanged / inconclusive were counted shows '–' for them
    expect(verdicts?.rows[0]).toEqual(['busy-wait 2 ms', '+10 %', '36', '100.0 %', '0.0 %', '–', '–', 'p50:36 p95:30'])
    expect(verdicts?.rows[1]).toEqual(['busy-wait 2 ms', 'A/A', '15', '0.0 %', '0.0 %', '20.0 %', '80.0 %', '–'])
  })

  test('the between-run table: verdict shares of the current rule next to the previous rule’s false alarms', () => {
    const between = calibrationTables(calibration)[3]
    expect(between?.title).toMatch(/^Stored baselines between runs/)
    // an older document without the p50's own verdicts shows '–' there
    expect(between?.rows[0]).toEqual(['js compute', 'on', 'A/A', '66', '0.0 %', '25.0 %', '70.0 %', '5.0 %', '0.0 %', '–', '40.0 %', '–', '3.0 %'])
    const p50Verdicts = { regressed: 0, improved: 0, unchanged: 0.9, inconclusive: 0.1, incomparable: 0, new: 0 }
    const row = { ...(calibration.betweenRuns?.[0] as NonNullable<typeof calibration.betweenRuns>[number]), p50Verdicts }
    expect(calibrationTables({ ...calibration, betweenRuns: [row] })[3]?.rows[0]?.[9]).toBe('0.0 % / 90.0 % / 10.0 %')
    expect(calibrationTables({ ...calibration, betweenRuns: undefined })).toHaveLength(3)
  })

  test('a Calibration section with its tables, user strings escaped', async () => {
    const html = await renderHtmlReport(fixture, { calibration })
    expect(html).toContain('<section class="section calibration" id="calibration">')
    expect(html).toContain('Verdict within one process (default: tolerance 10 %, alpha 0.01)')
    expect(html).toContain('Stored baselines between runs')
    expect(html).toContain('&lt;b&gt;busy&lt;/b&gt; 2 ms')
    expect(html).not.toContain('<b>busy</b>')
    expect(await renderHtmlReport(fixture)).not.toContain('id="calibration"')
  })

  test('writeHtmlReport picks up calibration.json beside results; a malformed one is a note, not a failure', async () => {
    const dir = path.join(work, 'report')
    await writeHtmlReport(fixture, dir)
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).not.toContain('id="calibration"')
    writeFileSync(path.join(dir, 'calibration.json'), JSON.stringify(calibration))
    await writeHtmlReport(fixture, dir)
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('Bias against known cost')
    writeFileSync(path.join(dir, 'calibration.json'), '{"schemaVersion": 1, "overhead": ')
    expect(readCalibration(dir)).toBeInstanceOf(Error)
    await writeHtmlReport(fixture, dir)
    // handlebars escapes the backticks of the message like any user-visible text
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toMatch(/calibration\.json is not valid JSON .*run &#x60;npm run calibrate&#x60; again/)
  })
})
