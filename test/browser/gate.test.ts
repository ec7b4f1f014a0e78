/**
 * The gate of a test that ran in a page, as the Node process runs it (the page sends the test's
 * records over a browser command), and the matchers' rules for what a page measured.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { entryKey } from '../../src/core/result-key.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { META_KEY } from '../../src/gate/recorded.js'
import { baselinePathFor, emptyBaselineFile, writeBaselineFile } from '../../src/gate/store.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { BenchmarkResult } from '../../src/results/benchmark.js'
import { gateInNode } from '../../src/vitest/browser/commands.js'
import type { GateContext } from '../../src/vitest/context.js'
import { mlBenchMatchers } from '../../src/vitest/matchers/index.js'
import { latencySamples, syntheticBenchmark, TEST_ENV } from '../baseline/synthetic.js'

const root = mkdtempSync(path.join(tmpdir(), 'ml-bench-page-gate-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const chromium = { ...TEST_ENV, node: 'browser', runtime: { name: 'chromium', version: '147.0.7727.55', crossOriginIsolated: true, timerResolutionMs: 0.005, wasmThreads: 1 } }
const inPage = (name: string, samples: number[]): BenchmarkResult =>
  syntheticBenchmark(name, samples, { env: chromium, memory: null, cpu: { userMs: Number.NaN, systemMs: Number.NaN, utilization: Number.NaN }, pageMemory: { jsHeapUsedPeak: 40e6, jsHeapUsedDelta: 1e6, source: 'performance.memory' } })

const benchFile = 'benches/x.bench.ts'
const context: GateContext = { root, baselineDir: path.join(root, 'baselines'), thresholds: resolveThresholds({ runNoise: 0 }), mode: 'new' }
const file = emptyBaselineFile(benchFile)
// the page's baseline, and a Node baseline of the same benchmark twice as fast, which must not be used
file.entries[entryKey(['suite'], 'busy', 'spin', 'chromium')] = baselineEntryOf(inPage('spin', latencySamples(2000, 1, 1)))
file.entries[entryKey(['suite'], 'busy', 'spin')] = baselineEntryOf(syntheticBenchmark('spin', latencySamples(2000, 0.5, 3)))
writeBaselineFile(baselinePathFor(context.baselineDir, benchFile), file)

const payload = (result: BenchmarkResult, checks: Record<string, unknown> = {}) => ({
  file: path.join(root, benchFile),
  name: 'busy',
  location: { line: 7, column: 3 },
  meta: { [META_KEY]: { suite: ['suite'], results: [result], checks, runtime: 'chromium' } },
})

describe('the gate of a page test, in Node', () => {
  test("the page's own baseline decides: the same numbers pass, twice as slow fails, pointing at the test's line", () => {
    expect(gateInNode(context, payload(inPage('spin', latencySamples(2000, 1, 2))))).toBeNull()
    const outcome = gateInNode(context, payload(inPage('spin', latencySamples(2000, 2, 2))))
    expect(outcome).toMatchObject({ name: 'BaselineRegression' })
    expect(outcome?.message).toMatch(/benches\/x\.bench\.ts › suite › busy › spin \(chromium\).*\n {2}p50 latency regressed/)
    expect(outcome?.stack.split('\n').at(-1)).toBe(`    at ${path.join(root, benchFile)}:7:3`)
  })

  test('the checks toBeWithinBaseline recorded in the page apply here, and a metric the result lacks is named', () => {
    const slower = inPage('spin', latencySamples(2000, 1.15, 2))
    const strict = { ...context, thresholds: resolveThresholds({ runNoise: 0, latency: '2%' }) }
    expect(gateInNode(strict, payload(slower))?.message).toMatch(/p50 latency regressed/)
    // a 50 % tolerance for p50 recorded by the page's matcher: the 15 % slower p50 passes with it
    const loose = { spin: { metrics: ['p50'], overrides: { p50: { tolerance: 0.5 } } } }
    expect(gateInNode(strict, payload(slower, loose))?.message ?? '').not.toMatch(/p50 latency regressed/)
    const outcome = gateInNode(context, payload(slower, { spin: { metrics: ['accuracy2'], overrides: {} } }))
    expect(outcome?.message).toMatch(/toBeWithinBaseline: benchmark "spin" has no metric "accuracy2"/)
  })
})

describe('matchers on what a page measured', () => {
  const run = inPage('spin', latencySamples(500, 1, 4))
  const call = (name: keyof typeof mlBenchMatchers, ...args: unknown[]) => (mlBenchMatchers[name] as (...a: unknown[]) => { pass: boolean; message: () => string })(run, ...args)

  test("the JS heap is asserted as what it is; RSS cannot be", () => {
    expect(call('toHaveJsHeapPeakBelow', '50MB').pass).toBe(true)
    expect(call('toHaveJsHeapPeakBelow', '30MB').pass).toBe(false)
    expect(() => call('toHavePeakMemoryBelow', '1GB')).toThrow(/ran in a browser page, which cannot see its process's RSS\. Assert the page's JS heap with toHaveJsHeapPeakBelow/)
    expect(() => (mlBenchMatchers.toHaveJsHeapPeakBelow as (...a: unknown[]) => unknown)(syntheticBenchmark('n', latencySamples(50, 1, 1)), '1GB')).toThrow(/ran in Node, whose memory is asserted with toHavePeakMemoryBelow/)
  })

  test("a latency limit finer than the page's timer is refused, with the reason", () => {
    expect(() => call('toHaveP50LatencyBelow', '2us')).toThrow(/the limit 2(\.00)? µs is finer than the timer .* stepped performance\.now\(\) by 5(\.00)? µs/)
    expect(call('toHaveP50LatencyBelow', '10ms').pass).toBe(true)
  })
})
