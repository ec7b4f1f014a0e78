/**
 * `vitest-ml-bench ab --base <ref> [-- vitest args]`: runs the same bench project in the working
 * tree (head) and in a worktree of its merge base with `ref` (base), as two vitest processes at
 * once; both load their models in parallel, and the coordinator runs every measurement on one side
 * at a time — a benchmark both sides have as interleaved ABBA slices. Then it judges head against
 * base (src/gate/ab.ts), writes the report like a normal run and exits non-zero on a regression.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { renderConsoleTables } from '../../reporters/console-table.js'
import { writeReportFiles } from '../../reporters/report-files.js'
import { abResultsJson, type PairedMeasurement } from '../gate/ab.js'
import { readResultsJson, type AbRun, type ResultsJson } from '../gate/results-json.js'
import { resolveThresholds } from '../gate/thresholds.js'
import { gatedMetricCount } from '../gate/compare.js'
import { readBaselineDirectory } from '../gate/store.js'
import { Coordinator } from './coordinator.js'
import { AB_ENV } from '../core/pairing.js'
import type { ABSide } from './protocol.js'
import { onCpus, placeSides } from './cpus.js'
import { AbError, checkoutBase, gitRoot, mergeBase, type BaseTree } from './worktree.js'
import { abSummaryText } from '../../reporters/text/ab.js'

/** Options of {@link runAb}. */
export interface AbOptions {
  /** The ref to compare with (its merge base with HEAD is measured). */
  base: string
  /** Arguments for `vitest run` in both trees (e.g. ['--project', 'bench']). */
  vitestArgs: readonly string[]
  /** Report directory, relative to the head's root. */
  out: string
  /** Relative change of a median latency that counts [0.05]. */
  tolerance: number
  /** Time budget of one paired measurement, ms [10,000]. */
  budgetMs?: number
  /** Slice length, ms [25]. */
  sliceMs?: number
  /** Keep the base worktree afterwards (to inspect it). */
  keepWorktree?: boolean
  /** CPUs both sides run on (`taskset -c` list), or 'all' [the last CPU this process may use]. */
  cpus?: string
  cwd: string
  log(line: string): void
  error(line: string): void
}

/** The family a paired measurement's stopping rule assumes when the project keeps no stored baselines to count. */
const MIN_FAMILY = 10

interface SideRun {
  side: ABSide
  dir: string
  reportDir: string
  logFile: string
  child: ChildProcess
  exit: Promise<number | null>
}

/** Starts `vitest run` for one side, its output into a log file. */
function startSide(side: ABSide, dir: string, outDir: string, socketPath: string, vitestArgs: readonly string[], cpus: string | null): SideRun {
  const reportDir = path.join(outDir, side)
  rmSync(reportDir, { recursive: true, force: true })
  mkdirSync(reportDir, { recursive: true })
  const logFile = path.join(outDir, `${side}.log`)
  const vitest = path.join(dir, 'node_modules', 'vitest', 'vitest.mjs')
  if (!existsSync(vitest)) throw new AbError(`vitest-ml-bench ab: no vitest in ${path.join(dir, 'node_modules')} (the ${side} tree): install the project's dependencies first.`)
  const child = spawn(...onCpus(cpus, process.execPath, [vitest, 'run', ...vitestArgs]), {
    cwd: dir,
    // its own process group: on the way out the whole group (vitest and its workers) is killed
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [AB_ENV.socket]: socketPath, [AB_ENV.side]: side, [AB_ENV.reportDir]: reportDir, FORCE_COLOR: '0' },
  })
  const log = createWriteStream(logFile)
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.once('error', () => resolve(null))
  })
  return { side, dir, reportDir, logFile, child, exit }
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

/** A side's results.json, or why there is none. */
function readSide(run: SideRun, code: number | null, rel: (p: string) => string): { doc?: ResultsJson; problem?: string } {
  const file = path.join(run.reportDir, 'results.json')
  if (!existsSync(file)) {
    return { problem: `the ${run.side} side produced no results (vitest exited with ${code ?? 'a crash'}); its output is in ${rel(run.logFile)}` }
  }
  try {
    const doc = readResultsJson(file)
    // tests that failed on their own assertions are reported by vitest; the A/B gate still judges what ran
    return code === 0 || code === 1 ? { doc } : { doc, problem: `the ${run.side} side's vitest exited with ${code ?? 'a crash'}; its output is in ${rel(run.logFile)}` }
  } catch (error) {
    return { problem: `the ${run.side} side's results could not be read: ${(error as Error).message}` }
  }
}

/** Runs an A/B comparison; returns the exit code: 0 passed, 1 the gate failed, 2 the run could not be made. */
export async function runAb(options: AbOptions): Promise<number> {
  const started = performance.now()
  let tree: BaseTree | undefined
  const sides: SideRun[] = []
  let coordinator: Coordinator | undefined
  const socketPath = path.join(os.tmpdir(), `vitest-ml-bench-ab-${process.pid}-${Date.now().toString(36)}.sock`)
  const cleanup = async () => {
    for (const s of sides) killGroup(s.child)
    await coordinator?.close()
    rmSync(socketPath, { force: true })
    if (tree && !options.keepWorktree) await tree.remove()
  }
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const placement = placeSides(options.cpus)
    const root = await gitRoot(options.cwd)
    const rel = (p: string) => path.relative(options.cwd, p) || '.'
    const commit = await mergeBase(root, options.base)
    tree = await checkoutBase(root, commit, options.log)
    const outDir = path.resolve(root, options.out)
    const abDir = path.join(outDir, 'ab')
    mkdirSync(abDir, { recursive: true })
    // the run's false-discovery control will spread alpha over its gated metrics: a measurement
    // stops on "beyond the tolerance" only once that survives it (counted as the worker gate does)
    const family = Math.max(MIN_FAMILY, gatedMetricCount(readBaselineDirectory(path.join(root, 'baselines'))))
    coordinator = new Coordinator({ tolerance: options.tolerance, alpha: resolveThresholds().alpha, budgetMs: options.budgetMs, sliceMs: options.sliceMs, family })
    await coordinator.listen(socketPath)
    options.log(`measuring head (working tree) against base ${commit.slice(0, 12)} (merge base with ${options.base}), interleaved; ${placement.note}; vitest output in ${rel(abDir)}/{head,base}.log`)
    sides.push(startSide('head', root, abDir, socketPath, options.vitestArgs, placement.cpus))
    sides.push(startSide('base', tree.dir, abDir, socketPath, options.vitestArgs, placement.cpus))
    const codes = await Promise.all(
      sides.map(async (s) => {
        const code = await s.exit
        coordinator?.sideGone(s.side)
        return code
      }),
    )
    const [head, base] = sides.map((s, i) => readSide(s, codes[i] ?? null, rel)) as [ReturnType<typeof readSide>, ReturnType<typeof readSide>]
    if (!head.doc) {
      options.error(`vitest-ml-bench ab: ${head.problem}`)
      return 2
    }
    const paired: PairedMeasurement[] = []
    const unpaired: AbRun['unpaired'] = []
    for (const o of coordinator.outcomes) {
      const [file = '', key = ''] = o.key.split('\0')
      if (o.paired) paired.push({ file, key, outcome: o.outcome, tolerance: options.tolerance })
      else unpaired.push({ file, key, side: o.side, why: o.why === 'failed' ? `failed: ${o.message ?? ''}` : o.why })
    }
    // --tolerance is the timing tolerance of the whole A/B run; quality thresholds stay the project's
    const thresholds = { ...head.doc.thresholds, latency: options.tolerance, throughput: options.tolerance }
    const results = abResultsJson({
      generatedAt: new Date().toISOString(),
      head: head.doc,
      base: base.doc,
      paired,
      thresholds,
      run: {
        base: { ref: options.base, commit },
        head: { commit: head.doc.commit },
        unpaired,
        problems: [head.problem, base.problem, ...coordinator.problems].filter((p): p is string => p !== undefined),
        seconds: (performance.now() - started) / 1000,
        ...(placement.cpus === null ? {} : { cpus: placement.cpus }),
      },
    })
    if (results.entries.length > 0) options.log(`\n${renderConsoleTables(results.entries)}\n`)
    const written = await writeReportFiles(results, outDir)
    options.log(abSummaryText(results))
    options.log(` ML bench  report: ${[written.html, written.summary, written.results].flatMap((f) => (f ? [rel(f)] : [])).join(', ')}`)
    if (written.htmlError) options.error(` ML bench  the HTML report could not be rendered:\n${written.htmlError}`)
    return results.failed ? 1 : 0
  } catch (error) {
    if (error instanceof AbError) {
      options.error(error.message)
      return 2
    }
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await cleanup()
  }
}
