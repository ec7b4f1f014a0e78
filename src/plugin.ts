/// <reference types="vitest/config" />
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BaseSequencer, type TestSpecification, type Vite, type Vitest } from 'vitest/node'
import { MlBenchReporter, type MlBenchReporterOptions } from '../reporters/ml-bench-reporter.js'
import { GATE_CONTEXT_KEY, type GateContext } from './vitest/context.js'
import { resolveUpdateMode } from './gate/policy.js'
import { resolveThresholds } from './gate/thresholds.js'
import { AB_ENV } from './core/pairing.js'

/** Options of {@link mlBench}: the reporter's (reportDir, baselineDir, thresholds, console). */
export interface MlBenchOptions extends MlBenchReporterOptions {}

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
  return {
    name: 'vitest-ml-bench',
    config: (user) => ({
      test: {
        // an explicit value in the config (or on the command line, applied later) wins
        ...(user.test?.testTimeout === undefined ? { testTimeout: PLUGIN_TIMEOUTS.testTimeout } : {}),
        ...(user.test?.hookTimeout === undefined ? { hookTimeout: PLUGIN_TIMEOUTS.hookTimeout } : {}),
        ...(abSide() ? { testTimeout: AB_TIMEOUT, hookTimeout: AB_TIMEOUT } : {}),
        // matchers and the recording sink, then the baseline gate (an afterEach hook that fails a
        // test on a regression) — or, as a side of an A/B run, the client of its coordinator
        setupFiles: [setupFilePath('./vitest/matchers/setup.js'), setupFilePath(abSide() ? './vitest/ab-client.js' : './vitest/gate-setup.js')],
        // where each test is defined: a baseline regression (thrown after the test) points there
        includeTaskLocation: true,
        fileParallelism: false,
        maxWorkers: 1,
        sequence: { concurrent: false },
        // Vitest 5's bench fixture keeps latency samples only when asked; our matchers compute p95
        // and the CIs from them. Untyped: Vitest 4 names the option `includeSamples` (and ignores this).
        benchmark: { retainSamples: true } as Record<string, unknown>,
      },
    }),
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
    },
  }
}
