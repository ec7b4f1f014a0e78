import type { Reporter, TestModule, Vitest } from 'vitest/node'
import { collectEntries, type ReportEntry } from './collect.js'
import { renderConsoleTables } from './console-table.js'

/** Options of the reporter (the plugin passes its own options through). */
export interface MlBenchReporterOptions {
  /** Directory for results.json, summary.md and index.html ['ml-bench-report']. */
  reportDir?: string
  /** Print the per-file console tables [true]. */
  console?: boolean
}

/**
 * Collects the results that `benchmark()` and friends recorded on tests and reports them.
 * Plain data in (`collectEntries`), rendering as pure functions, side effects only here.
 */
export class MlBenchReporter implements Reporter {
  readonly options: MlBenchReporterOptions
  #vitest: Vitest | undefined
  #projects: Set<string> | undefined
  /** Entries of the last finished run. */
  entries: ReportEntry[] = []

  constructor(options: MlBenchReporterOptions = {}) {
    this.options = options
  }

  /**
   * Limits the reporter to the named vitest projects (the plugin calls this for each project it
   * is applied to, so unit tests in other projects never reach the report or the baselines).
   */
  includeProject(name: string): void {
    ;(this.#projects ??= new Set()).add(name)
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const root = this.#vitest?.config.root ?? process.cwd()
    const projects = this.#projects
    this.entries = collectEntries(testModules, root, projects ? (name) => projects.has(name) : undefined)
    if (this.entries.length === 0 || this.options.console === false) return
    const log = this.#vitest ? (text: string) => this.#vitest?.logger.log(text) : (text: string) => console.log(text)
    log(`\n${renderConsoleTables(this.entries)}\n`)
  }
}

export default MlBenchReporter
