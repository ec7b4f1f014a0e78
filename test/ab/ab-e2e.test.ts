/**
 * The A/B command end to end: a real two-commit git repository whose bench file makes one
 * function 30 % slower in the second commit and leaves another untouched, `vitest-ml-bench ab
 * --base HEAD~1` run on it with the noise injector busy on one core. Then the faults: a base ref
 * that does not exist, a base tree that cannot install, a side that crashes.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ResultsJson } from '../../src/gate/results-json.js'
import { startNoise } from '../../scripts/noise.js'
import { createTempProject, REPO, repoImport, type TempProject } from '../reporter/temp-project.js'

const bench = (changedIterations: number, extra = '') => `import { test } from 'vitest'
import { benchmark } from ${repoImport('src/index.ts')}
function work(n: number): number {
  let x = 1
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0
  return x
}
test('changed', async () => { await benchmark('changed', () => work(${changedIterations})) })
test('untouched', async () => { await benchmark('untouched', () => work(100_000)) })
${extra}`

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', ...args], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout.trim()
}

function ab(dir: string, args: readonly string[]): { status: number | null; output: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'CI' && k !== 'GITHUB_STEP_SUMMARY'))
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli.ts'), 'ab', ...args], {
    cwd: dir,
    env: { ...env, FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 240_000,
  })
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` }
}

/** Nothing of the run is left behind: one worktree (the repository itself), no cache folder of a base. */
function expectCleanedUp(dir: string): void {
  expect(git(dir, 'worktree', 'list').split('\n')).toHaveLength(1)
  const cache = path.join(REPO, 'node_modules/.cache/vitest-ml-bench/ab')
  const leftovers = existsSync(cache) ? readdirSync(cache) : []
  expect(leftovers.filter((d) => d.startsWith(git(dir, 'rev-parse', 'HEAD~1').slice(0, 12)))).toEqual([])
  // no vitest of either side still running in this project
  const ps = spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' })
  expect(ps.stdout.trim()).toBe('')
}

describe('vitest-ml-bench ab', () => {
  let project: TempProject
  beforeAll(() => {
    project = createTempProject({ 'benches/ab.bench.ts': bench(100_000), '.gitignore': 'node_modules\nreport\nml-bench-report\nbaselines\n' })
    git(project.dir, 'init', '-q')
    git(project.dir, 'add', '-A')
    git(project.dir, 'commit', '-qm', 'one')
    project.write('benches/ab.bench.ts', bench(130_000))
    git(project.dir, 'commit', '-qam', 'two: changed() does 30 % more work')
  })
  afterAll(() => project?.remove())

  test('finds the 30 % slower function regressed and the untouched one unchanged, with noise on, and exits 1', async () => {
    const noise = startNoise({ durationMs: 200_000, cores: 1, seed: 3 })
    let run: ReturnType<typeof ab>
    try {
      run = ab(project.dir, ['--base', 'HEAD~1', '--tolerance', '10%'])
    } finally {
      await noise.stop()
    }
    expect(run.status, run.output).toBe(1)
    const results = JSON.parse(readFileSync(path.join(project.dir, 'ml-bench-report/results.json'), 'utf8')) as ResultsJson
    // both sides on one CPU where Linux's taskset is there (this repository's CI), and the run says which
    if (process.platform === 'linux') expect(run.output).toMatch(new RegExp(`both sides run on CPU ${results.ab?.cpus}`))
    const p50 = (name: string) => results.entries.find((e) => e.result.name === name)?.comparison?.metrics.find((m) => m.metric === 'p50')
    expect(p50('changed')).toMatchObject({ verdict: 'regressed', method: 'paired-slices' })
    expect(p50('changed')?.change).toBeGreaterThan(0.15)
    expect(p50('untouched')).toMatchObject({ verdict: 'unchanged', method: 'paired-slices' })
    expect(results.ab).toMatchObject({ base: { ref: 'HEAD~1', commit: git(project.dir, 'rev-parse', 'HEAD~1') }, removed: [], problems: [] })
    expect(run.output).toMatch(/changed › changed: p50 regressed \(\d+ slice pairs/)
    expect(readFileSync(path.join(project.dir, 'ml-bench-report/summary.md'), 'utf8')).toMatch(/merge base with HEAD\\?~1/)
    expectCleanedUp(project.dir)
  })

  test('a base ref that does not exist: a message that says how to fetch it, exit 2, nothing left behind', () => {
    const run = ab(project.dir, ['--base', 'origin/no-such-branch'])
    expect(run.status).toBe(2)
    expect(run.output).toMatch(/the base "origin\/no-such-branch" is not a commit in this clone\. Fetch it first/)
    expectCleanedUp(project.dir)
  })

  test('a result only the head has is new; a side that crashes mid-run is named, the other side’s results kept, nothing left running', () => {
    // the base commit's bench file kills its own vitest (main process and worker) halfway
    const crash = `test('crash', () => {
  if (process.env.ML_BENCH_AB_SIDE === 'base') {
    process.kill(process.ppid, 'SIGKILL')
    process.kill(process.pid, 'SIGKILL')
  }
})`
    project.write('benches/ab.bench.ts', bench(100_000, crash))
    git(project.dir, 'commit', '-qam', 'three: a test that crashes the base side')
    project.write('benches/ab.bench.ts', bench(100_000, `${crash}\ntest('only in head', async () => { await benchmark('fresh', () => work(1000)) })`))
    const run = ab(project.dir, ['--base', 'HEAD', '--budget', '2s'])
    expect(run.status, run.output).toBe(1)
    const results = JSON.parse(readFileSync(path.join(project.dir, 'ml-bench-report/results.json'), 'utf8')) as ResultsJson
    // both sides on one CPU where Linux's taskset is there (this repository's CI), and the run says which
    if (process.platform === 'linux') expect(run.output).toMatch(new RegExp(`both sides run on CPU ${results.ab?.cpus}`))
    expect(results.entries.map((e) => e.result.name).sort()).toEqual(['changed', 'fresh', 'untouched'])
    expect(results.entries.find((e) => e.result.name === 'fresh')?.comparison?.verdict).toBe('new')
    expect(results.ab?.problems.join('\n')).toMatch(/the base side produced no results/)
    expect(run.output).toMatch(/problem: the base side produced no results/)
    expectCleanedUp(project.dir)
    git(project.dir, 'checkout', '-q', '--', 'benches/ab.bench.ts')
  })
})
