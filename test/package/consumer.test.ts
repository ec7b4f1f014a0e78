/**
 * The package as users get it: built, packed, installed from the tarball into fresh `npm init -y`
 * projects — CommonJS (npm's default) and ESM — and README's "Quick start" run there as written:
 * its code blocks are extracted from README.md, not copied here. The only substitutions are what a
 * test must pin: the package names in `npm install` become the tarball and this repository's
 * Vitest version, and the quick start's hub model is a folder of that name under a temporary
 * ML_BENCH_MODELS_DIR, linked to the shared DistilBERT (the README's documented offline route).
 * The ESM project also type-checks every README example and examples/, and runs examples/.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repo = path.resolve(import.meta.dirname, '../..')
const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-consumer-'))
// two installed projects: removing their node_modules takes a while on a busy machine
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000)

const installed = (name: string) => JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version as string
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8')

/**
 * A new user's environment: no CUDA-skip setting inherited from this repository (the quick start
 * must provide it), not CI (the first run records baselines), no colours.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', npm_config_fund: 'false', npm_config_audit: 'false' }
  for (const key of Object.keys(env)) if (/^(ONNXRUNTIME_NODE_INSTALL|npm_config_onnxruntime|CI$|GITHUB_|VITEST|ML_BENCH_)/i.test(key)) delete env[key]
  return env
}

/** The code blocks of README's "## <heading>" section, in order. */
function sectionBlocks(heading: string): Array<{ lang: string; code: string }> {
  const start = readme.indexOf(`\n## ${heading}\n`)
  const end = readme.indexOf('\n## ', start + 1)
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(0)
  const section = readme.slice(start, end)
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] as string, code: m[2] as string }))
}

const quickStartBlocks = () => sectionBlocks('Quick start')

/** A file the quick start writes: a ts block whose first line is `// <path>`. */
function fileOf(code: string): { file: string; content: string } {
  const first = code.split('\n', 1)[0] as string
  const file = /^\/\/ (\S+\.ts)$/.exec(first)?.[1]
  expect(file, `a quick start ts block starts with "// <file>.ts": ${first}`).toBeDefined()
  return { file: file as string, content: code }
}

let tarball = ''
beforeAll(() => {
  execFileSync('npm', ['pack', '--pack-destination', work], { cwd: repo, env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' }, stdio: 'pipe' })
  tarball = path.join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string)
}, 300_000)

const sharedModel = process.env.ML_BENCH_MODELS_DIR && path.join(process.env.ML_BENCH_MODELS_DIR, 'distilbert-sst2-tiny')
const noModel = sharedModel && existsSync(path.join(sharedModel, 'config.json')) ? undefined : `ML_BENCH_MODELS_DIR does not hold distilbert-sst2-tiny/ (${process.env.ML_BENCH_MODELS_DIR ?? 'unset'})`
if (noModel) console.warn(`[ml-bench] the README quick start is installed and type-checked but not run: ${noModel}`)

/**
 * Runs the quick start in a fresh `npm init -y` project of `type`: shell blocks line by line (an
 * `export` sets the environment of later lines), ts blocks written to their files, in README order.
 * Returns the project folder and the output of its last command (the vitest run).
 */
function runQuickStart(type: 'commonjs' | 'module', models: string | undefined): { app: string; output: string } {
  const app = path.join(work, type)
  mkdirSync(app)
  const env = userEnv()
  if (models) env.ML_BENCH_MODELS_DIR = models
  const sh = (command: string, options: { run: boolean } = { run: true }) => {
    if (!options.run) return ''
    const done = spawnSync('bash', ['-c', command], { cwd: app, env, encoding: 'utf8' })
    const output = done.stdout + done.stderr
    expect(done.status, `${command} in the ${type} project:\n${output}`).toBe(0)
    return output
  }
  sh('npm init -y')
  if (type === 'module') sh('npm pkg set type=module')
  expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).type ?? 'commonjs').toBe(type)

  let output = ''
  for (const { lang, code } of quickStartBlocks()) {
    if (lang === 'ts') {
      const { file, content } = fileOf(code)
      mkdirSync(path.dirname(path.join(app, file)), { recursive: true })
      writeFileSync(path.join(app, file), content)
    } else if (lang === 'sh') {
      for (const line of code.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))) {
        const exported = /^export (\w+)=(\S+)$/.exec(line)
        if (exported) {
          env[exported[1] as string] = exported[2]
        } else if (line.startsWith('npm install')) {
          // the unpublished package from its tarball, and the Vitest this repository tests with
          const pinned = line.replace(/ vitest-ml-bench\b/, ` ${tarball}`).replace(/ vitest(?= |$)/, ` vitest@${installed('vitest')}`)
          expect(pinned, 'the quick start installs vitest and vitest-ml-bench').not.toBe(line)
          sh(`${pinned} --prefer-offline`)
        } else {
          output = sh(line, { run: models !== undefined })
        }
      }
    }
  }
  return { app, output }
}

let quickStartModels: { dir: string | undefined } | undefined

/** A models folder where the quick start's hub id is a local folder: the shared tiny DistilBERT (made once; the browser section uses it too). */
function modelsForQuickStart(): string | undefined {
  quickStartModels ??= { dir: linkQuickStartModel() }
  return quickStartModels.dir
}

function linkQuickStartModel(): string | undefined {
  if (noModel) return undefined
  const bench = quickStartBlocks().find((b) => b.lang === 'ts' && b.code.includes('loadPipeline('))
  const id = /loadPipeline\('text-classification', '([^']+)'/.exec(bench?.code ?? '')?.[1]
  expect(id, 'the quick start bench loads a text-classification pipeline').toBeDefined()
  const models = path.join(work, 'models')
  mkdirSync(path.dirname(path.join(models, id as string)), { recursive: true })
  symlinkSync(sharedModel as string, path.join(models, id as string), 'dir')
  return models
}

/** What a green first run leaves: the table, a baseline, the report; and nothing Vite complains about. */
function expectGreenFirstRun(app: string, output: string): void {
  expect(output).toContain('ML bench  benches/sentiment.bench.ts')
  expect(output).toMatch(/sentiment, one sentence › distilbert/)
  expect(output).toContain('baseline written: baselines/benches/sentiment.bench.ts.json')
  expect(output).toMatch(/ML bench {2}report: ml-bench-report\/index\.html/)
  expect(output).not.toMatch(/Sourcemap for|ESM only|Test timed out|ExperimentalWarning/)
  for (const file of ['baselines/benches/sentiment.bench.ts.json', 'ml-bench-report/index.html', 'ml-bench-report/results.json', 'ml-bench-report/summary.md']) {
    expect(existsSync(path.join(app, file)), file).toBe(true)
  }
}

/** tsc from this repository on `include` in `app`; @types/node from here too, as a consumer would install it. */
function typecheck(app: string, include: string[]): string {
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
      include,
    }),
  )
  const tsc = spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--typeRoots', path.join(repo, 'node_modules/@types')], {
    cwd: app,
    encoding: 'utf8',
  })
  return tsc.stdout + tsc.stderr
}

describe('packed package in fresh npm projects: the README quick start, verbatim', () => {
  let models: string | undefined
  beforeAll(() => {
    models = modelsForQuickStart()
  })

  test('CommonJS project (npm init -y): installs offline from CUDA, the CommonJS plugin entry loads, a green first run', { timeout: 600_000 }, () => {
    const { app, output } = runQuickStart('commonjs', models)
    // TypeScript resolves the plugin's `require` types (.d.cts) for a CommonJS config file
    expect(typecheck(app, ['vitest.config.ts'])).toBe('')
    if (models) expectGreenFirstRun(app, output)
  })

  test('ESM project: the quick start; every TypeScript example in README.md and examples/ type-checks; examples/ runs', { timeout: 600_000 }, () => {
    const { app, output } = runQuickStart('module', models)
    if (models) expectGreenFirstRun(app, output)
    // each ```ts block as its own module (```ts vitest5 blocks need Vitest 5's fixture types)
    const examples = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string)
    expect(examples.length).toBeGreaterThanOrEqual(6)
    mkdirSync(path.join(app, 'readme'))
    examples.forEach((code, i) => writeFileSync(path.join(app, 'readme', `example-${i + 1}.ts`), code))
    // examples/ as a folder of this project: its imports resolve to the installed package
    cpSync(path.join(repo, 'examples'), path.join(app, 'examples'), { recursive: true })
    expect(typecheck(app, ['benches', 'readme', 'vitest.config.ts', 'examples'])).toBe('')

    if (!models || !process.env.ML_BENCH_MODELS_DIR) return
    // the examples' own models and datasets, by name, from the shared folders
    const run = spawnSync(process.execPath, [path.join(app, 'node_modules/vitest/vitest.mjs'), 'run', '--root', 'examples'], {
      cwd: app,
      env: { ...userEnv(), ML_BENCH_MODELS_DIR: process.env.ML_BENCH_MODELS_DIR, ...(process.env.ML_BENCH_DATASETS_DIR ? { ML_BENCH_DATASETS_DIR: process.env.ML_BENCH_DATASETS_DIR } : {}) },
      encoding: 'utf8',
    })
    const out = run.stdout + run.stderr
    expect(run.status, out).toBe(0)
    for (const file of ['benches/sentiment.bench.ts', 'benches/digits.bench.ts']) expect(out).toContain(`ML bench  ${file}`)
    expect(out).toMatch(/batch sizes 1, 8 and 32 › sst2 batches/)
    expect(out).toMatch(/closed loop at 1 and 2 users › in-process function/)
    expect(existsSync(path.join(app, 'examples/baselines/benches/digits.bench.ts.json'))).toBe(true)
  })
})

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const noBrowser = noModel ?? (existsSync(chromium) ? undefined : `no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`)
if (noBrowser) console.warn(`[ml-bench] the README's browser section is not run: ${noBrowser}`)

describe('packed package in a fresh npm project: README "In the browser", offline', () => {
  test.skipIf(noBrowser)('the same bench file in Node and in Chromium (WASM): both results, each gated against its own baseline, one report', { timeout: 600_000 }, () => {
    const app = path.join(work, 'browser')
    mkdirSync(app)
    const models = modelsForQuickStart() as string
    const env = { ...userEnv(), ONNXRUNTIME_NODE_INSTALL: 'skip', ML_BENCH_MODELS_DIR: models }
    const run = (command: string, extra: NodeJS.ProcessEnv = {}) => {
      const done = spawnSync('bash', ['-c', command], { cwd: app, env: { ...env, ...extra }, encoding: 'utf8' })
      return { status: done.status, output: done.stdout + done.stderr }
    }
    const sh = (command: string, extra: NodeJS.ProcessEnv = {}) => {
      const { status, output } = run(command, extra)
      expect(status, `${command}:\n${output}`).toBe(0)
      return output
    }
    sh('npm init -y && npm pkg set type=module')
    sh(`npm install -D ${tarball} vitest@${installed('vitest')} --prefer-offline`)
    const runs: Array<{ status: number | null; output: string }> = []
    for (const { lang, code } of sectionBlocks('In the browser')) {
      if (lang === 'ts') {
        const { file, content } = fileOf(code)
        mkdirSync(path.dirname(path.join(app, file)), { recursive: true })
        writeFileSync(path.join(app, file), content)
        continue
      }
      for (const line of code.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== '' && !l.startsWith('sudo '))) {
        if (line.includes('npm install')) {
          // the provider at the Vitest version installed, and the Playwright this repository tests with
          const pinned = line
            .replace(/@vitest\/browser-playwright(?=\s|$)/, `@vitest/browser-playwright@${installed('vitest')}`)
            .replace(/ playwright(?=\s|$)/, ` playwright@${installed('playwright')}`)
          expect(pinned, 'the section installs the Playwright provider and Playwright').not.toBe(line)
          sh(`${pinned} --prefer-offline`)
        } else {
          expect(line).toBe('npx vitest run')
          // a first run records the baselines; the second, as CI, is gated against them (and may
          // fail: a neighbouring test file shares the CPU, and the gate is there to say so)
          runs.push({ status: 0, output: sh(line, { CHROMIUM_PATH: chromium }) }, run(line, { CHROMIUM_PATH: chromium, CI: 'true' }))
        }
      }
    }
    expect(runs).toHaveLength(2)
    const [{ output: first }, { status, output: second }] = runs as [{ output: string }, { status: number | null; output: string }]
    expect(first).toMatch(/sentiment, one sentence › distilbert \(chromium\)/)
    expect(first).toMatch(/sentiment, one sentence › distilbert  /)
    expect(first).toContain('baseline written: baselines/benches/sentiment.bench.ts.json')
    expect(second).toMatch(/ML bench {2}vs baselines \(baselines\/\): /)
    expect(second).not.toMatch(/ new$/m)

    const results = JSON.parse(readFileSync(path.join(app, 'ml-bench-report/results.json'), 'utf8')) as {
      entries: Array<{ key: string; result: { env: { runtime?: { name: string; crossOriginIsolated?: boolean; timerResolutionMs?: number } }; model?: { executionProvider: string; sha256: string } }; comparison?: { verdict: string } }>
    }
    const page = results.entries.find((e) => e.key.endsWith('distilbert (chromium)'))
    const node = results.entries.find((e) => e.key.endsWith('› distilbert'))
    expect(page?.result.env.runtime).toMatchObject({ name: 'chromium', crossOriginIsolated: true })
    expect(page?.result.env.runtime?.timerResolutionMs).toBeLessThan(0.05)
    expect(page?.result.model?.executionProvider).toBe('wasm')
    expect(node?.result.model?.executionProvider).toBe('cpu')
    // the same files, hashed in the page and in Node
    expect(page?.result.model?.sha256).toBe(node?.result.model?.sha256)
    // each compared with its own baseline; the exit code follows the verdicts
    for (const e of [page, node]) expect(['unchanged', 'inconclusive', 'improved', 'regressed', 'incomparable']).toContain(e?.comparison?.verdict)
    const regressed = results.entries.some((e) => e.comparison?.verdict === 'regressed')
    expect(status, second).toBe(regressed ? 1 : 0)
    const baselines = JSON.parse(readFileSync(path.join(app, 'baselines/benches/sentiment.bench.ts.json'), 'utf8')) as { entries: Record<string, unknown> }
    expect(Object.keys(baselines.entries)).toEqual(expect.arrayContaining(['sentiment, one sentence › distilbert', 'sentiment, one sentence › distilbert (chromium)']))
    expect(readFileSync(path.join(app, 'ml-bench-report/index.html'), 'utf8')).toMatch(/chromium/i)
  })
})
