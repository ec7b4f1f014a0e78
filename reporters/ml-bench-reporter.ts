import path from 'node:path'
import type { Reporter, TestModule, Vitest } from 'vitest/node'
import { runBaselineGate } from '../src/gate/gate-run.js'
import { gitCommit } from '../src/gate/git.js'
import { resolveUpdateMode } from '../src/gate/policy.js'
import { resolveThresholds, type GateThresholds } from '../src/gate/thresholds.js'
import { envFingerprint } from '../src/measure/fingerprint.js'
import { collectRun } from './collect.js'
import { visibleLines } from './text/terminal.js'
import { machineText } from './text/machine.js'
import { probeMachine } from '../src/measure/machine.js'
import type { ReportEntry } from '../src/gate/results-json.js'
import { renderConsoleTables } from './console-table.js'
import { describeMetric, inconclusiveLine, VERDICTS_BY_URGENCY, whyText } from './text/verdict.js'
import { writeReportFiles } from './report-files.js'
import { buildResultsJson, machineSummary, type BaselineReport, type ResultsJson } from '../src/gate/results-json.js'
import { AB_ENV } from '../src/core/pairing.js'
import { writeFileAtomic } from '../src/gate/atomic-write.js'
import { readableJson } from '../src/gate/store.js'
import { machineDrift } from '../src/gate/environment.js'

/** Options of the reporter (the plugin passes its own options through). */
export interface MlBenchReporterOptions {
  /** Directory for results.json, summary.md and index.html ['ml-bench-report']. */
  reportDir?: string
  /** Print the per-file console tables [true]. */
  console?: boolean
  /** Directory of the committed baselines, relative to the project root ['baselines']. */
  baselineDir?: string
  /** When a change against the baseline is a regression; defaults: 10 % latency/throughput/memory, 1 point accuracy, p < 0.01. */
  thresholds?: GateThresholds
}

/**
 * Collects the results that `benchmark()` and friends recorded on tests and reports them.
 * Plain data in (`collectRun`), rendering as pure functions, side effects only here.
 * After the run it compares every result with its baseline, applies the update policy, writes
 * results.json and summary.md, and fails the run (exit code 1) when the gate fails. In a shard
 * run (`--shard`) it only prints: the results travel in the blob and `--merge-reports` reports them once.
 */
export class MlBenchReporter implements Reporter {
  readonly options: MlBenchReporterOptions
  #vitest: Vitest | undefined
  #projects: Set<string> | undefined
  /** Entries of the last finished run. */
  entries: ReportEntry[] = []
  /** The results.json document of the last finished run (undefined for a shard run or when no bench file ran). */
  results: ResultsJson | undefined

  constructor(options: MlBenchReporterOptions = {}) {
    this.options = options
    // fail fast on a misspelt threshold, before any benchmark runs
    resolveThresholds(options.thresholds)
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

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const vitest = this.#vitest
    const root = vitest?.config.root ?? process.cwd()
    const projects = this.#projects
    const include = projects ? (name: string) => projects.has(name) : undefined
    const { entries, files, runtimes, checks, failedTests } = collectRun(testModules, root, include)
    this.entries = entries
    this.results = undefined
    const log = vitest ? (text: string) => vitest.logger.log(text) : (text: string) => console.log(text)
    const error = vitest ? (text: string) => vitest.logger.error(text) : (text: string) => console.error(text)
    const printTables = (entries: Parameters<typeof renderConsoleTables>[0]) => {
      if (entries.length > 0 && this.options.console !== false) log(`\n${renderConsoleTables(entries)}\n`)
    }
    if (vitest?.config.shard) {
      printTables(this.entries)
      return
    }
    if (files.size === 0) return

    const thresholds = resolveThresholds(this.options.thresholds)
    const commit = gitCommit(root)
    const abReportDir = process.env[AB_ENV.reportDir]
    if (abReportDir !== undefined && process.env[AB_ENV.side] !== undefined) {
      // one side of an A/B run: its results only, for the ab command to judge; no stored baselines read or written
      const baselines: BaselineReport = { dir: '', mode: 'none', written: [], unwritten: [], stale: [], errors: [], warnings: [] }
      const side = buildResultsJson({ generatedAt: new Date().toISOString(), entries: this.entries, env: envFingerprint(), commit, thresholds, baselines })
      writeFileAtomic(path.join(abReportDir, 'results.json'), readableJson(side) + '\n')
      printTables(side.entries)
      return
    }
    // the end of the run's probe (the workers probed at the start of each bench file): with the
    // others, it says how far the machine's speed moved during the run, which the gate allows for
    const end = this.entries.some((e) => e.result.env.machine) ? await probeMachine() : undefined
    const endProbes = end ? [{ ...end, at: 'run end' as const }] : []
    const probes = machineSummary(this.entries.map((e) => e.result.env.machine), endProbes)?.probes ?? []
    const gate = runBaselineGate({
      root,
      baselineDir: path.resolve(root, this.options.baselineDir ?? 'baselines'),
      thresholds,
      mode: resolveUpdateMode(vitest?.config.update, process.env),
      commit,
      entries: this.entries,
      files,
      runtimes,
      checks,
      failedTests,
      drift: machineDrift(probes),
    })
    const results = buildResultsJson({
      generatedAt: new Date().toISOString(),
      endProbes,
      entries: gate.entries,
      env: envFingerprint(),
      commit,
      thresholds,
      baselines: gate.baselines,
    })
    this.results = results
    printTables(results.entries)
    // file names and keys are the user's: shown, never obeyed by the terminal
    log(visibleLines(this.#baselineNotes(results)))
    if (results.machine) log(` ML bench  machine: ${machineText(results.machine)}`)

    const reportDir = path.resolve(root, this.options.reportDir ?? 'ml-bench-report')
    const written = await writeReportFiles(results, reportDir)
    const paths = [written.html, written.summary, written.results].flatMap((f) => (f ? [path.relative(root, f)] : []))
    log(` ML bench  report: ${paths.join(', ')}`)
    if (written.htmlError) error(` ML bench  the HTML report could not be rendered:\n${written.htmlError}`)
    if (results.failed) {
      process.exitCode = 1
      error(`\n ML bench  gate failed:\n${visibleLines(this.#failureDetails(results))}\n`)
    }
  }

  #baselineNotes(results: ResultsJson): string {
    const b = results.baselines
    const lines: string[] = []
    for (const e of results.entries) {
      if (e.comparison?.verdict === 'incomparable') {
        const m = e.comparison.metrics.find((x) => x.verdict === 'incomparable')
        lines.push(`   incomparable (not gated): ${e.file} › ${e.key}: ${m ? whyText(m) : ''}`)
      } else if (e.comparison?.verdict === 'inconclusive') {
        lines.push(`   inconclusive (never fails): ${e.file} › ${e.key}: ${inconclusiveLine(e.comparison)}`)
      }
    }
    for (const w of b.written) lines.push(`   baseline written: ${w}`)
    for (const r of b.unwritten) lines.push(`   new, not recorded (update mode '${b.mode}'): ${r.file} › ${r.key}`)
    if (b.unwritten.length > 0) lines.push('   record them by running locally or with -u (ML_BENCH_UPDATE=1), then commit the baseline files')
    for (const s of b.stale) lines.push(`   stale baseline entry${s.removed ? ' (removed)' : ' (remove it with -u)'}: ${s.file} › ${s.key}`)
    for (const w of b.warnings) lines.push(`   warning: ${w}`)
    const counts = VERDICTS_BY_URGENCY.filter((v) => results.counts[v] > 0).map((v) => `${results.counts[v]} ${v}`)
    return ` ML bench  vs baselines (${b.dir}/): ${counts.join(', ') || 'no results'}${lines.length ? `\n${lines.join('\n')}` : ''}`
  }

  #failureDetails(results: ResultsJson): string {
    const lines: string[] = []
    for (const e of results.entries) {
      const failing = (e.comparison?.metrics ?? []).filter(
        (m) => m.verdict === 'regressed' || (results.thresholds.failOnIncomparable && m.verdict === 'incomparable'),
      )
      if (failing.length === 0 || results.baselines.mode === 'all') continue
      lines.push(`   ${e.file} › ${e.key}`, ...failing.map((m) => `     ${describeMetric(m)}`))
    }
    for (const err of results.baselines.errors) lines.push(`   ${err.message}`)
    return lines.join('\n')
  }
}

export default MlBenchReporter
