/// <reference types="vitest/config" />
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BaseSequencer, type BrowserProviderOption, type TestSpecification, type Vite, type Vitest } from 'vitest/node'
import { MlBenchReporter, type MlBenchReporterOptions } from '../reporters/ml-bench-reporter.js'
import { GATE_CONTEXT_KEY, type GateContext } from './vitest/context.js'
import { resolveUpdateMode } from './gate/policy.js'
import { resolveThresholds } from './gate/thresholds.js'
import { AB_ENV } from './core/pairing.js'
import { SERVED_PATHS } from './core/page-context.js'
import { datasetsDir, modelsDir } from './models/model-location.js'
import { browserCommands } from './vitest/browser/commands.js'
import { AB_SIDE_KEY, PAGE_CONTEXT_KEY } from './vitest/browser/provided.js'
import { browserTwin, defaultWasmThreads, ISOLATION_HEADERS, onnxruntimeWebDist, pageContextFor, pageDependencyIds, staticFiles } from './vitest/browser/server.js'

/** A browser the browser runtime can run in. Only Chromium is verified (README, "In the browser"). */
export type MlBenchBrowserName = 'chromium' | 'firefox' | 'webkit'

/**
 * The browser runtime: the project's bench files run in a real browser page through vitest's
 * browser mode and Playwright, on transformers.js with onnxruntime-web (WASM, WebGPU).
 */
export interface MlBenchBrowserOptions {
  /** Browsers to run in, one vitest browser instance each [['chromium']]. */
  instances?: readonly MlBenchBrowserName[]
  /**
   * The browser binary [Chromium: `CHROMIUM_PATH`, else /usr/bin/chromium when it exists, else
   * Playwright's own download]. Point it at a system browser where Playwright cannot download one.
   */
  executablePath?: string
  /** Run without a window [true]. */
  headless?: boolean
  /**
   * Threads of onnxruntime-web's WASM backend, set once per page [onnxruntime-web's own default,
   * min(4, ⌈CPUs / 2⌉); threads need cross-origin isolation, which the plugin sets up].
   */
  wasmThreads?: number
  /** Offer WebGPU in Chromium (`--enable-unsafe-webgpu`; a software adapter where there is no GPU) [true]. */
  webgpu?: boolean
  /** More browser launch arguments. */
  args?: readonly string[]
}

/** Options of {@link mlBench}: the reporter's (reportDir, baselineDir, thresholds, console), and `browser`. */
export interface MlBenchOptions extends MlBenchReporterOptions {
  /** Run this project's bench files in a browser page instead of Node (README, "In the browser"). */
  browser?: MlBenchBrowserOptions
}

/** Where a browser project runs unless its config says otherwise: after the Node projects (group 0). */
const BROWSER_GROUP_ORDER = 1

type PlaywrightProvider = (options: { launchOptions?: { executablePath?: string; args?: string[] } }) => BrowserProviderOption

/** The Playwright provider of vitest's browser mode, or an error saying what to install. */
async function playwrightProvider(): Promise<PlaywrightProvider> {
  try {
    // a peer dependency, needed only by browser projects
    const module = (await import('@vitest/browser-playwright')) as unknown as { playwright: PlaywrightProvider }
    return module.playwright
  } catch (error) {
    throw new Error(
      `mlBench({ browser }): vitest's Playwright provider is not installed (${(error as Error).message.split('\n')[0]}). ` +
        'Install it with the version of vitest you use: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i -D @vitest/browser-playwright@<vitest version> playwright, ' +
        'and point browser.executablePath at an installed Chromium when Playwright cannot download one.',
      { cause: error },
    )
  }
}

/** The browser binary to launch, if any is known (else Playwright's own). */
function executablePathFor(browser: MlBenchBrowserName, options: MlBenchBrowserOptions): string | undefined {
  if (options.executablePath) return options.executablePath
  if (browser !== 'chromium') return undefined
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/** Vitest's browser settings for {@link MlBenchBrowserOptions}. */
async function browserConfig(options: MlBenchBrowserOptions, gate: () => GateContext | undefined) {
  const playwright = await playwrightProvider()
  const names = options.instances ?? ['chromium']
  if (names.length === 0) throw new TypeError('mlBench({ browser }): instances is empty; name at least one browser, e.g. ["chromium"].')
  const chromiumArgs = [
    // performance.memory without rounding to coarse buckets
    '--enable-precise-memory-info',
    ...((options.webgpu ?? true) ? ['--enable-unsafe-webgpu'] : []),
  ]
  return {
    enabled: true,
    headless: options.headless ?? true,
    // a failed bench's page is not worth a screenshot, and writing one would need a display
    screenshotFailures: false,
    instances: names.map((browser) => {
      const executablePath = executablePathFor(browser, options)
      const args = [...(browser === 'chromium' ? chromiumArgs : []), ...(options.args ?? [])]
      return { browser, provider: playwright({ launchOptions: { ...(executablePath ? { executablePath } : {}), args } }) }
    }),
    commands: browserCommands(gate),
  }
}

/** A setup file of this package, as built (`.js`) or, when running from source, `.ts`. */
function setupFilePath(relative: string): string {
  const built = fileURLToPath(new URL(relative, import.meta.url))
  return existsSync(built) ? built : built.replace(/\.js$/, '.ts')
}

/**
 * Test and hook timeouts the plugin sets where the project sets none. Vitest's defaults (5 s and
 * 10 s) are shorter than one `benchmark()` may take (`maxTime`, 10 s, warm-up included); a test
 * usually measures a few of them, a hook loads models.
 */
const PLUGIN_TIMEOUTS = { testTimeout: 120_000, hookTimeout: 120_000 } as const

/**
 * Runs bench files in the order of their paths. An A/B run's two sides must reach their
 * measurements in the same order to pair them; vitest's own order depends on cached durations and
 * file sizes, which differ between the trees.
 */
class PathOrderSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (f: TestSpecification) => path.relative(f.project.config.root, f.moduleId).split(path.sep).join('/')
    return Promise.resolve([...files].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)))
  }
}

/** Whether this vitest process is one side of an A/B run (`vitest-ml-bench ab` started it). */
function abSide(): boolean {
  return process.env[AB_ENV.socket] !== undefined && process.env[AB_ENV.side] !== undefined
}

/** A test of an A/B run waits for the other side's measurements too: an hour, not the usual budget. */
const AB_TIMEOUT = 3_600_000

// One reporter per vitest instance, however many projects apply the plugin.
const reporters = new WeakMap<Vitest, MlBenchReporter>()

/**
 * The vitest plugin: registers the matchers (setup file), adds the ML-bench reporter, and runs
 * the project it is applied to sequentially — one file and one test at a time in a single worker —
 * so benchmarks never share the CPU with each other. It provides the baseline settings to the
 * test workers, where a setup file compares each test's results with their baselines and fails
 * the test on a regression; the reporter compares again for the summary and the exit code.
 * Where the project sets no `testTimeout` / `hookTimeout`, it sets both to 120 s.
 */
export function mlBench(options: MlBenchOptions = {}): Vite.Plugin {
  const browser = options.browser
  // the project's gate context, for the browser commands (known once vitest configures the project)
  let gateContext: GateContext | undefined
  const wasmThreads = browser?.wasmThreads ?? defaultWasmThreads()
  if (browser && (!Number.isInteger(wasmThreads) || wasmThreads < 1)) {
    throw new TypeError(`mlBench({ browser }): wasmThreads must be a whole number ≥ 1, got ${browser.wasmThreads}.`)
  }
  return {
    name: 'vitest-ml-bench',
    // before Vite's own resolver, so a page gets the browser twins (see resolveId)
    enforce: 'pre',
    config: async (user) => ({
      ...(browser
        ? {
            // pages are cross-origin isolated (fine timers, WASM threads); the package itself is
            // served module by module, so its Node-only modules can be swapped for their twins
            server: { headers: { ...ISOLATION_HEADERS } },
            optimizeDeps: { exclude: ['vitest-ml-bench'], include: pageDependencyIds() },
          }
        : {}),
      test: {
        // an explicit value in the config (or on the command line, applied later) wins
        ...(user.test?.testTimeout === undefined ? { testTimeout: PLUGIN_TIMEOUTS.testTimeout } : {}),
        ...(user.test?.hookTimeout === undefined ? { hookTimeout: PLUGIN_TIMEOUTS.hookTimeout } : {}),
        ...(abSide() ? { testTimeout: AB_TIMEOUT, hookTimeout: AB_TIMEOUT } : {}),
        // matchers and the recording sink, then the baseline gate (an afterEach hook that fails a
        // test on a regression) — or, as a side of an A/B run, the client of its coordinator
        setupFiles: [
          setupFilePath('./vitest/matchers/setup.js'),
          setupFilePath(browser ? './vitest/browser/setup.js' : abSide() ? './vitest/ab-client.js' : './vitest/gate-setup.js'),
        ],
        ...(browser ? { browser: await browserConfig(browser, () => gateContext) } : {}),
        // where each test is defined: a baseline regression (thrown after the test) points there
        includeTaskLocation: true,
        fileParallelism: false,
        maxWorkers: 1,
        // Vitest runs the projects of one group at the same time: a browser project goes in the group
        // after the Node projects' (0), so a page never measures while Node does, nor Node while it
        sequence: { concurrent: false, ...(browser && user.test?.sequence?.groupOrder === undefined ? { groupOrder: BROWSER_GROUP_ORDER } : {}) },
        // Vitest 5's bench fixture keeps latency samples only when asked; our matchers compute p95
        // and the CIs from them. Untyped: Vitest 4 names the option `includeSamples` (and ignores this).
        benchmark: { retainSamples: true } as Record<string, unknown>,
      },
    }),
    configureServer(server) {
      if (!browser) return
      server.middlewares.use(
        staticFiles([
          [SERVED_PATHS.models, modelsDir()],
          [SERVED_PATHS.datasets, datasetsDir()],
          [SERVED_PATHS.ort, onnxruntimeWebDist()],
        ]),
      )
    },
    async resolveId(source, importer, resolveOptions) {
      if (!browser || !importer) return null
      const resolved = await this.resolve(source, importer, { ...resolveOptions, skipSelf: true })
      return resolved && !resolved.external ? browserTwin(resolved.id) : null
    },
    configureVitest({ vitest, project }) {
      let reporter = reporters.get(vitest)
      if (!reporter) {
        reporter = new MlBenchReporter(options)
        reporters.set(vitest, reporter)
        vitest.config.reporters.push(reporter)
      }
      reporter.includeProject(project.name)
      // a global setting (projects cannot set it), read when vitest starts running files
      if (abSide()) vitest.config.sequence.sequencer = PathOrderSequencer
      const root = vitest.config.root
      const gate: GateContext = {
        root,
        baselineDir: path.resolve(root, options.baselineDir ?? 'baselines'),
        thresholds: resolveThresholds(options.thresholds),
        mode: resolveUpdateMode(vitest.config.update, process.env),
      }
      project.provide(GATE_CONTEXT_KEY, gate)
      gateContext = gate
      if (browser) {
        project.provide(PAGE_CONTEXT_KEY, pageContextFor(wasmThreads))
        project.provide(AB_SIDE_KEY, abSide())
      }
    },
  }
}
