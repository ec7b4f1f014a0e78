/// <reference types="vitest/config" />
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Vite, Vitest } from 'vitest/node'
import { MlBenchReporter, type MlBenchReporterOptions } from '../reporters/ml-bench-reporter.js'
import { GATE_CONTEXT_KEY, type GateContext } from './vitest/context.js'
import { resolveUpdateMode } from './gate/policy.js'
import { resolveThresholds } from './gate/thresholds.js'

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
        // matchers and the recording sink, then the baseline gate (an afterEach hook that fails a test on a regression)
        setupFiles: [setupFilePath('./vitest/matchers/setup.js'), setupFilePath('./vitest/gate-setup.js')],
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
