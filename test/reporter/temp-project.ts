/**
 * A throw-away vitest project in the OS temp dir that uses this repository's plugin from source,
 * for end-to-end runs of the gate: spawn vitest on it, read what it wrote.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const REPO = path.resolve(import.meta.dirname, '../..')

/** Import specifier of a repository file from the temp project (absolute, so nothing is copied). */
export const repoImport = (rel: string) => JSON.stringify(path.join(REPO, rel))

/** The outcome of one vitest run. */
export interface RunOutcome {
  status: number | null
  output: string
}

/** A temp project; `run` spawns `vitest run` in it. */
export interface TempProject {
  dir: string
  write(rel: string, text: string): void
  read(rel: string): string
  exists(rel: string): boolean
  run(args?: readonly string[], env?: Record<string, string>): RunOutcome
  remove(): void
}

/** The default config: the plugin with `baselines/` and `report/`, bench files under benches/. */
export function pluginConfig(options = "{ baselineDir: 'baselines', reportDir: 'report' }"): string {
  return `import { defineConfig } from 'vitest/config'
import { mlBench } from ${repoImport('src/plugin.ts')}
export default defineConfig({
  plugins: [mlBench(${options})],
  test: { include: ['benches/**/*.bench.ts'], testTimeout: 60_000 },
})
`
}

/** Creates a temp project with `files` (relative path → text) and this repository's node_modules. */
export function createTempProject(files: Record<string, string>): TempProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'ml-bench-gate-'))
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'gate-e2e', private: true, type: 'module' }))
  const project: TempProject = {
    dir,
    write(rel, text) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
      writeFileSync(path.join(dir, rel), text)
    },
    read: (rel) => readFileSync(path.join(dir, rel), 'utf8'),
    exists: (rel) => existsSync(path.join(dir, rel)),
    run(args = [], env = {}) {
      // a clean environment: nothing from the vitest running this test, no CI or update flags unless given
      const base = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !['CI', 'ML_BENCH_UPDATE', 'GITHUB_STEP_SUMMARY', 'GITHUB_SHA'].includes(k)),
      )
      const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
        cwd: dir,
        env: { ...base, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
        encoding: 'utf8',
        timeout: 120_000,
      })
      return { status: r.status, output: `${r.stdout}\n${r.stderr}` }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
  project.write('vitest.config.ts', pluginConfig())
  for (const [rel, text] of Object.entries(files)) project.write(rel, text)
  return project
}
