/// <reference types="vitest/config" />
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Vite, Vitest } from 'vitest/node'
import { MlBenchReporter, type MlBenchReporterOptions } from '../reporters/ml-bench-reporter.js'

/** Options of {@link mlBench}. */
export interface MlBenchOptions extends MlBenchReporterOptions {
  /** Directory of the committed baselines ['baselines']. */
  baselineDir?: string
}

/** The matchers' setup file, as built (`.js`) or, when running from source, `.ts`. */
function setupFilePath(): string {
  const built = fileURLToPath(new URL('./matchers/setup.js', import.meta.url))
  return existsSync(built) ? built : built.replace(/\.js$/, '.ts')
}

// One reporter per vitest instance, however many projects apply the plugin.
const reporters = new WeakMap<Vitest, MlBenchReporter>()

/**
 * The vitest plugin: registers the matchers (setup file), adds the ML-bench reporter, and runs
 * the project it is applied to sequentially — one file and one test at a time in a single worker —
 * so benchmarks never share the CPU with each other.
 */
export function mlBench(options: MlBenchOptions = {}): Vite.Plugin {
  return {
    name: 'vitest-ml-bench',
    config: () => ({
      test: {
        setupFiles: [setupFilePath()],
        fileParallelism: false,
        maxWorkers: 1,
        sequence: { concurrent: false },
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
    },
  }
}
