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
  verdicts: [{ workload: 'busy-wait 2 ms', slowdown: 0.1, pairs: 36, regressed: 1, improved: 0, byMetric: { p50: 36, p95: 30 } }],
  seconds: 22,
}

describe('calibration in the report', () => {
  test('tables: Δ against the bare loop of the same workload, rates as percentages', () => {
    const [overhead, accuracy, verdicts] = calibrationTables(calibration)
    // 1.002 − 1.000 ms = 2 µs; 1.01 − 1.00 ms = 10 µs
    expect(overhead?.rows[1]).toEqual(['busy-wait 1 ms', 'benchmark()', '1.00 ms', '2.00 µs', '1.01 ms', '10.0 µs', '30.0 ms'])
    expect(accuracy?.rows[0]?.[4]).toBe('0.2 %')
    expect(verdicts?.rows[0]).toEqual(['busy-wait 2 ms', '+10 %', '36', '100.0 %', '0.0 %', 'p50:36 p95:30'])
  })

  test('a Calibration section with the three tables, user strings escaped', async () => {
    const html = await renderHtmlReport(fixture, { calibration })
    expect(html).toContain('<section class="section calibration" id="calibration">')
    expect(html).toContain('Regression verdict (default thresholds: 10 % AND p &lt; 0.01)')
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
