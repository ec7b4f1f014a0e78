/**
 * Sharded runs (`--shard=i/n --reporter=blob`) write no report and no baselines; merging their
 * blobs (`--merge-reports`) gives the same results.json, summary and exit code as one unsharded run.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import type { ResultsJson } from '../../src/gate/results-json.js'
import { createTempProject, repoImport } from './temp-project.js'

const benchFile = (name: string, median: number) => `import { describe, test } from 'vitest'
import { recordResult } from ${repoImport('src/core/sink.ts')}
import { latencySamples, syntheticBenchmark } from ${repoImport('test/baseline/synthetic.ts')}
const slow = Number(process.env.SLOWDOWN ?? '1')
describe('${name}', () => {
  test('batch 1', () => recordResult(syntheticBenchmark('${name} b1', latencySamples(300, ${median} * slow, ${median * 10}))))
  test('batch 8', () => recordResult(syntheticBenchmark('${name} b8', latencySamples(300, ${median * 4}, ${median * 20}))))
})
`

const project = createTempProject({
  'benches/a.bench.ts': benchFile('a', 1),
  'benches/b.bench.ts': benchFile('b', 2),
  'benches/c/c.bench.ts': benchFile('c', 3),
  'benches/d.bench.ts': benchFile('d', 4),
})
afterAll(() => project.remove())

/** results.json without what differs between two runs of the same results. */
function comparable(doc: ResultsJson): unknown {
  const { generatedAt: _generated, ...rest } = doc
  return rest
}

test('shard 1/2 + shard 2/2 merged equal one unsharded run', { timeout: 300_000 }, () => {
  const setup = project.run()
  expect(setup.status, setup.output).toBe(0)
  const baselines = ['a.bench.ts', 'b.bench.ts', 'c/c.bench.ts', 'd.bench.ts'].map((f) => project.read(`baselines/benches/${f}.json`))

  // one run, with a regression in every file's "batch 1"
  const env = { CI: 'true', SLOWDOWN: '1.5' }
  const whole = project.run([], env)
  expect(whole.status).toBe(1)
  const unsharded = JSON.parse(project.read('report/results.json')) as ResultsJson
  const unshardedSummary = project.read('report/summary.md')
  expect(unsharded.counts.regressed).toBe(4)
  // every file's untouched "batch 8" never fails: unchanged, or inconclusive where the run-to-run
  // noise of timings keeps its p95 interval from fitting within ± 10 %
  expect(unsharded.counts.unchanged + unsharded.counts.inconclusive).toBe(4)
  rmSync(path.join(project.dir, 'report'), { recursive: true })

  for (const shard of ['1/2', '2/2']) {
    const run = project.run([`--shard=${shard}`, '--reporter=blob'], env)
    // the gate in the worker still fails the regressed tests of the shard
    expect(run.status, run.output).toBe(1)
    expect(project.exists('report'), 'a shard run writes no report').toBe(false)
  }
  const merged = project.run(['--merge-reports'], env)
  expect(merged.status, merged.output).toBe(1)
  expect(merged.output).toContain('ML bench  gate failed:')
  const fromShards = JSON.parse(project.read('report/results.json')) as ResultsJson
  expect(comparable(fromShards)).toEqual(comparable(unsharded))
  expect(project.read('report/summary.md')).toBe(unshardedSummary)
  // no run touched the baselines
  expect(['a.bench.ts', 'b.bench.ts', 'c/c.bench.ts', 'd.bench.ts'].map((f) => project.read(`baselines/benches/${f}.json`))).toEqual(baselines)
})
