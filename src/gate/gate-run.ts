import path from 'node:path'
import { baselineSummary, type BaselineReport, type ReportEntry, type ResultsJsonEntry } from './results-json.js'
import { compareToBaseline, controlFalseDiscoveries } from './compare.js'
import type { ResolvedThresholds } from './thresholds.js'
import type { MachineDrift } from './environment.js'
import { baselineEntryOf } from './entry.js'
import { planBaselineUpdate, type UpdateMode } from './policy.js'
import { BaselineFileError, type BaselineEntry, type BaselineFile } from './schema.js'
import type { ResultComparison } from './verdict.js'
import { baselinePathFor, readBaselineFile, writeBaselineFile } from './store.js'
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
  /** Explicit `toBeWithinBaseline` checks by `file + '\0' + key`. */
  checks: ReadonlyMap<string, ExplicitCheck>
  /** How far the run's machine-speed probes moved (see `machineDrift`). */
  drift?: MachineDrift
}

/** Entries with their comparisons, and what happened to the baseline files. */
export interface GateRunOutput {
  entries: ResultsJsonEntry[]
  baselines: BaselineReport
}

/**
 * The reporter's side of the gate, once per run: reads each bench file's baseline, compares every
 * result with it (the same pure comparison the worker ran, with the same per-call overrides),
 * controls the false-discovery rate across the run's gated metrics, and applies the update policy,
 * writing files atomically. An unusable baseline file is reported and
 * left untouched; its results get no comparison.
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
      current.set(e.key, entry)
      if (unusable) {
        entries.push({ ...e })
        continue
      }
      const base = existing?.entries[e.key]
      const overrides = input.checks.get(`${file}\0${e.key}`)?.overrides
      const comparison = compareToBaseline(base, entry, { thresholds: input.thresholds, overrides, drift: input.drift })
      entries.push(base ? { ...e, comparison, baseline: baselineSummary(base) } : { ...e, comparison })
    }
    if (unusable) continue
    const plan = planBaselineUpdate({ mode: input.mode, benchFile: file, existing, current, complete: input.files.get(file) ?? false })
    baselines.stale.push(...plan.stale.map((key) => ({ file, key, removed: plan.removed.includes(key) })))
    baselines.unwritten.push(...plan.unwritten.map((key) => ({ file, key })))
    if (!plan.write) continue
    try {
      writeBaselineFile(baselinePath, plan.write)
      baselines.written.push(relative(baselinePath))
    } catch (error) {
      baselines.errors.push({ file: relative(baselinePath), message: `Could not write baseline file ${baselinePath}: ${(error as Error).message}` })
    }
  }
  return { entries: withFalseDiscoveryControl(entries, input.checks), baselines }
}

/**
 * The run's verdicts under false-discovery control across all its gated metrics, except those a
 * `toBeWithinBaseline` call asserted one by one (they keep their own alpha).
 */
function withFalseDiscoveryControl(entries: readonly ResultsJsonEntry[], checks: ReadonlyMap<string, ExplicitCheck>): ResultsJsonEntry[] {
  const compared = entries.flatMap((e) => (e.comparison ? [e] : []))
  const controlled = controlFalseDiscoveries(
    compared.map((e) => e.comparison as ResultComparison),
    (i, metric) => coveredBy(checks.get(`${compared[i]?.file}\0${compared[i]?.key}`), metric),
  )
  const byEntry = new Map(compared.map((e, i) => [e, controlled[i] as ResultComparison]))
  return entries.map((e) => (byEntry.has(e) ? { ...e, comparison: byEntry.get(e) as ResultComparison } : e))
}
