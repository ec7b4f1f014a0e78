/**
 * Finding 2 of issue 16, end to end: two `ML_BENCH_UPDATE=1 vitest run -t …` on one bench file at
 * once, each updating 40 benchmarks of its own test, must both land (before: in 7 of 16 tries one
 * side's updates were reverted; with the barrier below, the unlocked code lost one side's 40 entries
 * in 6 of 6 rounds); and a killed write's temp file must never reach `git add baselines/`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createTempProject, REPO, repoImport } from '../reporter/temp-project.js'

const PER_TEST = 40
const ROUNDS = 10

// Every result of a round carries the round in its recordedAt, so the file shows whose update landed.
// The two runs meet at a barrier (each test waits for the other's marker file) so that their
// reporters read, merge and write the baseline file at the same moment, as the race needs.
const bench = `import { existsSync, writeFileSync } from 'node:fs'
import { test } from 'vitest'
import { recordResult } from ${repoImport('src/core/sink.ts')}
import { latencySamples, syntheticBenchmark } from ${repoImport('test/baseline/synthetic.ts')}
const round = process.env.ROUND ?? '0'
for (const [side, other] of [['A', 'B'], ['B', 'A']]) {
  test('test ' + side, async () => {
    for (let i = 0; i < ${PER_TEST}; i++) {
      recordResult(syntheticBenchmark(side + i, latencySamples(2000, 1 + i / 10, i + 1), { startedAt: 'round ' + round }))
    }
    writeFileSync('ready-' + side + '-' + round, '')
    for (let waited = 0; !existsSync('ready-' + other + '-' + round) && waited < 30_000; waited += 5) await new Promise((r) => setTimeout(r, 5))
  }, 60_000)
}
`
const project = createTempProject({ 'benches/shared.bench.ts': bench })
afterAll(() => project.remove())
const BASELINE = 'baselines/benches/shared.bench.ts.json'

/** `vitest run -t <name>` in update mode, asynchronously, so two run at once. */
function updater(name: string, round: number): Promise<{ status: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'CI' && k !== 'GITHUB_STEP_SUMMARY'))
  const child = spawn(process.execPath, [path.join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '-t', name], {
    cwd: project.dir,
    env: { ...env, ML_BENCH_UPDATE: '1', ROUND: String(round), NO_COLOR: '1' },
  })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, output })))
}

describe('concurrent baseline updates (issue 16, finding 2)', () => {
  test(`${ROUNDS} rounds of two concurrent updaters: every update of both is in the file`, { timeout: 600_000 }, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const [a, b] = await Promise.all([updater('test A', round), updater('test B', round)])
      expect(a.status, a.output).toBe(0)
      expect(b.status, b.output).toBe(0)
      const file = JSON.parse(project.read(BASELINE)) as { entries: Record<string, { recordedAt: string }> }
      const keys = Object.keys(file.entries)
      expect(keys, `round ${round}`).toHaveLength(2 * PER_TEST)
      const stale = keys.filter((k) => file.entries[k]?.recordedAt !== `round ${round}`)
      expect(stale, `round ${round}: entries whose update was lost`).toEqual([])
    }
    // no lock directory or temp file is left behind
    expect(readdirSync(path.join(project.dir, 'baselines/benches'))).toEqual(['shared.bench.ts.json'])
  })

  test('a killed write’s temp file is removed by the next update and ignored by git meanwhile', () => {
    const dir = path.join(project.dir, 'baselines/benches')
    mkdirSync(dir, { recursive: true })
    // what a writer killed mid-write leaves: a full-size hidden temp file under a pid that no longer runs
    const temp = path.join(dir, '.shared.bench.ts.json.999999.0badf00d.tmp')
    writeFileSync(temp, project.read(BASELINE))
    const old = new Date(Date.now() - 5 * 60_000)
    utimesSync(temp, old, old)
    expect(project.read('baselines/.gitignore')).toMatch(/^\.\*\.tmp$/m)
    expect(project.read('baselines/.gitignore')).toMatch(/^\*\.lock$/m)
    const git = (args: string[]) => spawnSyncText('git', args, project.dir)
    git(['init', '-q'])
    git(['add', 'baselines/'])
    expect(git(['diff', '--cached', '--name-only']).trim().split('\n').sort()).toEqual(['baselines/.gitignore', `${BASELINE}`])
    project.write('ready-B-solo', '') // test A runs alone: nothing to wait for at the barrier
    const run = project.run(['-t', 'test A'], { ML_BENCH_UPDATE: '1', ROUND: 'solo' })
    expect(run.status, run.output).toBe(0)
    expect(run.output).toContain('the temp file of a baseline write that was killed mid-way')
    expect(readdirSync(dir)).toEqual(['shared.bench.ts.json'])
  })
})

function spawnSyncText(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
  return r.stdout
}
