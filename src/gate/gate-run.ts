import path from 'node:path'
import { baselineSummary, type BaselineReport, type ReportEntry, type ResultsJsonEntry } from './results-json.js'
import { controlFalseDiscoveries } from './compare.js'
import { compareResult, isPairResult } from './pair.js'
import type { ResolvedThresholds } from './thresholds.js'
import type { MachineDrift } from './environment.js'
import { baselineEntryOf } from './entry.js'
import { planBaselineUpdate, type BaselinePlan, type UpdateMode } from './policy.js'
import { removeAbandonedTempsUnder } from './atomic-write.js'
import { withFileLock } from './lock.js'
import { BaselineFileError, type BaselineEntry, type BaselineFile } from './schema.js'
import type { ResultComparison } from './verdict.js'
import { baselinePathFor, ensureBaselineGitignore, readBaselineFile, writeBaselineFile } from './store.js'
import { coveredBy, type ExplicitCheck } from './recorded.js'

/** Inputs of {@link runBaselineGate}: a finished run as plain data. */
export interface GateRunInput {
  root: string
  /** Absolute baseline directory. */
  baselineDir: string
  thresholds: ResolvedThresholds
  mode: UpdateMode
  commit: string | null
  entries: readonly ReportEntry[]
  /** Every bench file that ran (relative to root) → whether all its tests ran and passed. */
  files: ReadonlyMap<string, boolean>
  /** The runtimes each of those files ran in ('node', 'chromium'), for staleness (see `planBaselineUpdate`) [every runtime]. */
  runtimes?: ReadonlyMap<string, ReadonlySet<string>>
  /** Explicit `toBeWithinBaseline` checks by `file + '\0' + key`. */
  checks: ReadonlyMap<string, ExplicitCheck>
  /** Results (`file + '\0' + key`) of tests that did not pass: compared and reported, never written as baselines. */
  failedTests?: ReadonlySet<string>
  /** How far the run's machine-speed probes moved (see `machineDrift`). */
  drift?: MachineDrift
}

/** Entries with their comparisons, and what happened to the baseline files. */
export interface GateRunOutput {
  entries: ResultsJsonEntry[]
  baselines: BaselineReport
}

/** Fewest observations a baseline metric may rest on: from fewer, no later change of any size can be told from noise. */
export const MIN_BASELINE_N = 5

/** Why `entry` is too thin to be a baseline (a metric from fewer than {@link MIN_BASELINE_N} observations), or undefined. */
function tooThin(entry: BaselineEntry): string | undefined {
  const counts = Object.values(entry.metrics).flatMap((m) => (m.n === undefined ? [] : [m.n]))
  const n = Math.min(...counts)
  if (!(n < MIN_BASELINE_N)) return undefined
  const what = entry.kind === 'evaluation' ? 'examples' : 'measured calls'
  const fix = entry.kind === 'evaluation' ? 'evaluate more examples' : 'raise maxTime (it ended before enough calls) or iterations'
  return `because it rests on ${n} ${what} (at least ${MIN_BASELINE_N} are needed): ${fix}`
}

/**
 * The reporter's side of the gate, once per run: reads each bench file's baseline, compares every
 * result with it (the same pure comparison the worker ran, with the same per-call overrides),
 * controls the false-discovery rate across the run's gated metrics, and applies the update policy,
 * writing files atomically. Each write re-reads its file under a lock and merges into it, so
 * concurrent runs updating different tests of one file both land; temp files of killed writers are
 * removed and `baselines/.gitignore` keeps temp files and locks out of git. An unusable baseline
 * file is reported and left untouched; its results get no comparison.
 */
export function runBaselineGate(input: GateRunInput): GateRunOutput {
  const relative = (p: string) => path.relative(input.root, p).split(path.sep).join('/')
  const baselines: BaselineReport = {
    dir: relative(input.baselineDir),
    mode: input.mode,
    written: [],
    unwritten: [],
    stale: [],
    errors: [],
    warnings: [],
  }
  if (input.mode !== 'none') {
    for (const temp of removeAbandonedTempsUnder(input.baselineDir)) {
      baselines.warnings.push(`removed ${relative(path.join(input.baselineDir, temp))}, the temp file of a baseline write that was killed mid-way`)
    }
  }
  const byFile = new Map<string, ReportEntry[]>()
  for (const file of input.files.keys()) byFile.set(file, [])
  for (const e of input.entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e])

  const entries: ResultsJsonEntry[] = []
  for (const [file, list] of byFile) {
    const baselinePath = baselinePathFor(input.baselineDir, file)
    let existing: BaselineFile | undefined
    let unusable = false
    try {
      existing = readBaselineFile(baselinePath)
    } catch (error) {
      if (!(error instanceof BaselineFileError)) throw error
      baselines.errors.push({ file: relative(baselinePath), message: error.message })
      unusable = true
    }
    const current = new Map<string, BaselineEntry>()
    for (const e of list) {
      const entry = baselineEntryOf(e.result, input.commit)
      if (current.has(e.key)) {
        baselines.warnings.push(`${file}: more than one result is keyed "${e.key}"; give them distinct names (only the last is kept in the baseline).`)
      }
      // a failed or timed-out test's numbers, or a handful of calls, are no reference: say so where a write was due
      const refusal = input.failedTests?.has(`${file}\0${e.key}`) ? 'because its test did not pass' : tooThin(entry)
      if (refusal) {
        const due = input.mode === 'all' || (input.mode === 'new' && !existing?.entries[e.key])
        if (due) baselines.warnings.push(`${file} › ${e.key}: not recorded as a baseline, ${refusal}.`)
      } else {
        current.set(e.key, entry)
      }
      if (unusable) {
        entries.push({ ...e })
        continue
      }
      const base = existing?.entries[e.key]
      const overrides = input.checks.get(`${file}\0${e.key}`)?.overrides
      const comparison = compareResult(e.result, base, { thresholds: input.thresholds, overrides, drift: input.drift }, entry)
      entries.push(base ? { ...e, comparison, baseline: baselineSummary(base) } : { ...e, comparison })
    }
    if (unusable) continue
    const planFor = (base: BaselineFile | undefined) =>
      planBaselineUpdate({ mode: input.mode, benchFile: file, existing: base, current, complete: input.files.get(file) ?? false, runtimes: input.runtimes?.get(file) })
    let plan: BaselinePlan
    try {
      plan =
        input.mode === 'none'
          ? planFor(existing)
          : withFileLock(baselinePath, () => {
              // another run may have written the file since it was read for the comparison: merge
              // this run's entries into what is there now, never into the stale copy
              const fresh = planFor(readBaselineFile(baselinePath))
              if (fresh.write) {
                ensureBaselineGitignore(input.baselineDir)
                writeBaselineFile(baselinePath, fresh.write)
              }
              return fresh
            })
    } catch (error) {
      const message = error instanceof BaselineFileError ? error.message : `Could not write baseline file ${baselinePath}: ${(error as Error).message}`
      baselines.errors.push({ file: relative(baselinePath), message })
      continue
    }
    baselines.stale.push(...plan.stale.map((key) => ({ file, key, removed: plan.removed.includes(key) })))
    baselines.unwritten.push(...plan.unwritten.map((key) => ({ file, key })))
    if (plan.write) baselines.written.push(relative(baselinePath))
  }
  return { entries: withFalseDiscoveryControl(entries, input.checks), baselines }
}

/**
 * The run's verdicts under false-discovery control across all its gated metrics, except those a
 * `toBeWithinBaseline` call asserted one by one and paired benchmarks' (they keep their own alpha).
 */
function withFalseDiscoveryControl(entries: readonly ResultsJsonEntry[], checks: ReadonlyMap<string, ExplicitCheck>): ResultsJsonEntry[] {
  const compared = entries.flatMap((e) => (e.comparison ? [e] : []))
  const controlled = controlFalseDiscoveries(
    compared.map((e) => e.comparison as ResultComparison),
    (i, metric) => isPairResult(compared[i]?.result) || coveredBy(checks.get(`${compared[i]?.file}\0${compared[i]?.key}`), metric),
  )
  const byEntry = new Map(compared.map((e, i) => [e, controlled[i] as ResultComparison]))
  return entries.map((e) => (byEntry.has(e) ? { ...e, comparison: byEntry.get(e) as ResultComparison } : e))
}
