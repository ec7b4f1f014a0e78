import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test, type TestContext } from 'vitest'
import { startVitest } from 'vitest/node'
import type { ResultsJson } from '../../src/gate/results-json.js'
import { mlBench } from '../../src/plugin.js'
import type { BenchmarkResult } from '../../src/results/benchmark.js'

// Runs the bench files in ./fixtures with Vitest's `bench` fixture (Vitest 5 only) through a
// nested Vitest with the mlBench plugin, and reads the report's results.json.
const fixtures = path.resolve(import.meta.dirname, 'fixtures')
const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-vitest5-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Skips (saying why) unless this Vitest has the bench fixture: feature detection, not version. */
function requireBenchFixture(context: TestContext): void {
  if (Reflect.has(context, 'bench')) return
  const reason = "Vitest's `bench` test fixture needs Vitest 5; this runs in the Vitest 5 CI run (ci/vitest5/run.sh)"
  console.warn(`skipped: ${reason}`)
  context.skip(reason)
}

async function runBenchFile(file: string, benchmark: Record<string, unknown> = {}) {
  const out = path.join(work, path.basename(file, '.bench.js'))
  const exitCode = process.exitCode
  const vitest = await startVitest(
    'test',
    [],
    { root: fixtures, config: false, watch: false, reporters: [{}] },
    {
      plugins: [mlBench({ baselineDir: path.join(out, 'baselines'), reportDir: path.join(out, 'report'), console: false })],
      test: { include: [], passWithNoTests: true, benchmark: { enabled: true, include: [file], ...benchmark } as Record<string, unknown> },
    },
  )
  const tests = vitest.state.getTestModules().flatMap((m) => [...m.children.allTests()].map((t) => ({ name: t.name, state: t.result().state, errors: t.result().errors })))
  await vitest.close()
  // a failing nested run sets this worker's exit code; the assertions below report the failure
  process.exitCode = exitCode
  const results = JSON.parse(readFileSync(path.join(out, 'report', 'results.json'), 'utf8')) as ResultsJson
  return { entries: results.entries, tests }
}

describe("Vitest 5's bench fixture with vitest-ml-bench", () => {
  test('built-in provider: our matchers accept its results, which reach results.json', async (context) => {
    requireBenchFixture(context)
    const { entries, tests } = await runBenchFile('builtin.bench.js')
    expect(tests, JSON.stringify(tests, null, 2)).toEqual([
      expect.objectContaining({ name: 'JSON.parse on the built-in provider', state: 'passed' }),
      expect.objectContaining({ name: 'bench.compare with Vitest matchers and ours', state: 'passed' }),
    ])
    expect(entries.map((e) => e.key)).toEqual([
      'JSON.parse on the built-in provider › JSON.parse',
      'bench.compare with Vitest matchers and ours › sum 1e3',
      'bench.compare with Vitest matchers and ours › sum 1e5',
    ])
    const parse = entries[0]?.result as BenchmarkResult
    expect(parse.kind).toBe('benchmark')
    expect(parse.samples.length).toBeGreaterThan(0)
    expect(parse.latency.p95).toBeGreaterThan(0)
    expect(parse.memory).toBeNull()
    expect(entries.map((e) => e.comparison?.verdict)).toEqual(['new', 'new', 'new'])
  })

  test('vitest-ml-bench provider: benchmark() measures, the full result reaches results.json', async (context) => {
    requireBenchFixture(context)
    const provider = path.resolve(import.meta.dirname, '../../src/vitest/bench-provider/provider.ts')
    const { entries, tests } = await runBenchFile('provider.bench.js', { provider })
    expect(tests, JSON.stringify(tests, null, 2)).toEqual([expect.objectContaining({ state: 'passed' })])
    expect(entries.map((e) => e.key)).toEqual(['sum through the vitest-ml-bench provider › sum 2e4'])
    const sum = entries[0]?.result as BenchmarkResult
    expect(sum.batchSize).toBe(8)
    expect(sum.memory?.rssPeak).toBeGreaterThan(0)
    expect(sum.latency.ci.meanMethod).toBe('bootstrap')
  })
})
