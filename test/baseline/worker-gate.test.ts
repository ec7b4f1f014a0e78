/**
 * The per-test gate as a worker runs it: a regression fails the test with an error whose stack
 * points at the test's own line (the plugin turns on includeTaskLocation), not at this package.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RunnerTestCase } from 'vitest'
import { afterAll, describe, expect, test } from 'vitest'
import { entryKey } from '../../src/core/result-key.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { META_KEY } from '../../src/gate/recorded.js'
import { baselinePathFor, emptyBaselineFile, writeBaselineFile } from '../../src/gate/store.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import type { GateContext } from '../../src/vitest/context.js'
import { gateTest } from '../../src/vitest/worker-gate.js'
import { latencySamples, syntheticBenchmark } from './synthetic.js'

const root = mkdtempSync(path.join(tmpdir(), 'ml-bench-worker-gate-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const benchFile = 'benches/x.bench.ts'
const baseline = syntheticBenchmark('spin', latencySamples(2000, 1, 1))
const slower = syntheticBenchmark('spin', latencySamples(2000, 2, 2))
const context: GateContext = { root, baselineDir: path.join(root, 'baselines'), thresholds: resolveThresholds({ runNoise: 0 }), mode: 'new' }
const file = emptyBaselineFile(benchFile)
file.entries[entryKey(['suite'], 'busy', 'spin')] = baselineEntryOf(baseline)
writeBaselineFile(baselinePathFor(context.baselineDir, benchFile), file)

/** A test as vitest hands it to afterEach, with `result` recorded on it. */
function testCase(location: { line: number; column: number } | undefined): RunnerTestCase {
  return {
    name: 'busy',
    file: { filepath: path.join(root, benchFile) },
    meta: { [META_KEY]: { suite: ['suite'], results: [slower], checks: {} } },
    ...(location ? { location } : {}),
  } as unknown as RunnerTestCase
}

describe('gateTest', () => {
  test('a regression throws BaselineRegression whose only stack frame is the test’s line', () => {
    let error: Error | undefined
    try {
      gateTest(context, testCase({ line: 12, column: 3 }))
    } catch (e) {
      error = e as Error
    }
    expect(error?.name).toBe('BaselineRegression')
    expect(error?.message).toMatch(/^benchmark "spin" \(benches\/x\.bench\.ts › suite › busy › spin\) fails the baseline gate:\n {2}p50 latency regressed/)
    expect(error?.stack?.split('\n').slice(-1)).toEqual([`    at ${path.join(root, benchFile)}:12:3`])
    expect(error?.stack).not.toMatch(/src\/vitest\/worker-gate/)
  })

  test('without a location (includeTaskLocation off) the error keeps its own stack', () => {
    expect(() => gateTest(context, testCase(undefined))).toThrow(/p50 latency regressed/)
  })

  test('update mode re-records instead of failing', () => {
    expect(() => gateTest({ ...context, mode: 'all' }, testCase({ line: 1, column: 1 }))).not.toThrow()
  })
})
