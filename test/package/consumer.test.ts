import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'

// The package as users get it: built, packed, installed from the tarball into a fresh project.
const repo = path.resolve(import.meta.dirname, '../..')
const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-consumer-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_fund: 'false', npm_config_audit: 'false' }
const installed = (name: string) => JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version as string

describe('packed package in a consumer project', () => {
  test('installs from the tarball, type-checks the README examples and runs a bench through mlBench()', { timeout: 600_000 }, () => {
    execFileSync('npm', ['pack', '--pack-destination', work], { cwd: repo, env, stdio: 'pipe' })
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
    expect(tarball).toBeDefined()

    const app = path.join(work, 'app')
    mkdirSync(path.join(app, 'benches'), { recursive: true })
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        devDependencies: { 'vitest-ml-bench': `file:../${tarball}`, vitest: installed('vitest') },
      }),
    )
    writeFileSync(
      path.join(app, 'vitest.config.ts'),
      `import { defineConfig } from 'vitest/config'
import { mlBench } from 'vitest-ml-bench/plugin'
export default defineConfig({
  plugins: [mlBench({ baselineDir: 'baselines', reportDir: 'ml-bench-report' })],
  test: { include: ['benches/**/*.bench.ts'], testTimeout: 60_000 },
})
`,
    )
    writeFileSync(
      path.join(app, 'benches', 'sum.bench.ts'),
      `import { expect, test } from 'vitest'
import { benchmark, type BenchmarkResult } from 'vitest-ml-bench'
test('sum of a million', async () => {
  const data = Float64Array.from({ length: 1_000_000 }, (_, i) => i)
  const run: BenchmarkResult = await benchmark('sum 1e6', () => data.reduce((a, b) => a + b, 0), { time: 200, maxTime: '3s' })
  expect(run).toHaveP95LatencyBelow('2s')
  expect(run).toHaveThroughputAbove(1)
})
`,
    )
    // Every TypeScript example in README.md, each as its own module, type-checked against the package
    // (```ts vitest5 blocks need Vitest 5's bench fixture types and are left out here).
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8')
    const examples = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string)
    expect(examples.length).toBeGreaterThanOrEqual(6)
    mkdirSync(path.join(app, 'readme'))
    examples.forEach((code, i) => writeFileSync(path.join(app, 'readme', `example-${i + 1}.ts`), code))
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
        include: ['benches', 'readme', 'vitest.config.ts'],
      }),
    )
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, env, stdio: 'pipe' })
    // @types/node for the type check comes from this repository, as a consumer would install it
    const typecheck = spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--typeRoots', path.join(repo, 'node_modules/@types')], {
      cwd: app,
      encoding: 'utf8',
    })
    expect(typecheck.stdout + typecheck.stderr).toBe('')

    const run = spawnSync(process.execPath, [path.join(app, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: app,
      env: { ...env, CI: 'true', FORCE_COLOR: '0' },
      encoding: 'utf8',
    })
    const output = run.stdout + run.stderr
    expect(output).toContain('ML bench  benches/sum.bench.ts')
    expect(output).toMatch(/sum of a million › sum 1e6/)
    expect(run.status, output).toBe(0)
  })
})
