/**
 * `<reportDir>/results.json`: the data behind the HTML report and summary.md, one document per run
 * (or per merge of shard runs). Schema-versioned; its type is the contract the HTML report and
 * `vitest-ml-bench report` read.
 */
import { readFileSync } from 'node:fs'
import { resultsJsonProblems } from './results-schema.js'
import type { BaselineEntry } from './schema.js'
import type { UpdateMode } from './policy.js'
import { ruleOf, worstVerdict } from './compare.js'
import { METRIC_RULES } from './rules.js'
import type { ResolvedThresholds } from './thresholds.js'
import { VERDICTS, type ComparisonWhy, type MetricComparison, type ResultComparison, type Verdict } from './verdict.js'
import { preferredModel } from '../compare-models/preference.js'
import type { EnvFingerprint, MachineState } from '../results/env.js'
import type { MlBenchResult } from '../results/index.js'
import type { ModelComparisonResult } from '../results/model-comparison.js'

/**
 * Version of the results.json layout. 2: a comparison says why as data (`why`, `differences`)
 * instead of an English `reason` (the reporters word it), carries the interval of the change and
 * the p-values of beyond / within the tolerance instead of one test's statistic, and verdicts
 * include 'inconclusive'; a model comparison adds its `preference` beside its `recommendation`.
 */
export const RESULTS_SCHEMA_VERSION = 2

/** One recorded result with where it came from. */
export interface ReportEntry {
  /** Bench file path relative to the project root, with forward slashes. */
  file: string
  /** vitest project name ('' for the root project). */
  project: string
  /** Enclosing describe() names, outermost first. */
  suite: string[]
  /** Test name. */
  test: string
  /** Stable identity: suite › test › result name (see `entryKey`). */
  key: string
  result: MlBenchResult
}

/** What results.json keeps of the baseline entry a result was compared with. */
export interface ResultsJsonBaseline {
  /** When the baseline was measured. */
  recordedAt: string
  commit: string | null
  env: EnvFingerprint
  /** Baseline values by metric id ('p50', 'accuracy', 'batch 8 throughput'). */
  metrics: Record<string, number>
  /** The result's own latency sample (ms, ascending, at most 2,000), for the distribution chart. */
  samples?: number[]
  /** Latency samples per level of sweeps and load tests ('batch 8', 'concurrency 4'). */
  groupSamples?: Record<string, number[]>
}

/** One recorded result with its verdict. */
export interface ResultsJsonEntry extends ReportEntry {
  /** Comparison with the baseline; absent only when the baseline file could not be read (see `baselines.errors`). */
  comparison?: ResultComparison
  /** The baseline compared against; absent for a new result. */
  baseline?: ResultsJsonBaseline
}

/** A result's key in its bench file. */
export interface EntryRef {
  file: string
  key: string
}

/** What happened to the baselines in this run. */
export interface BaselineReport {
  /** Baseline directory, relative to the project root. */
  dir: string
  /** 'all': rewritten (-u); 'new': new entries written (local default); 'none': nothing written (CI). */
  mode: UpdateMode
  /** Baseline files written, relative to the project root. */
  written: string[]
  /** New results that were not written (CI): re-run locally or with -u to record them. */
  unwritten: EntryRef[]
  /** Baseline entries no longer produced by a complete run of their file; `removed` in update mode. */
  stale: Array<EntryRef & { removed: boolean }>
  /** Baseline files that could not be used (left untouched). */
  errors: Array<{ file: string; message: string }>
  /** Non-fatal problems, e.g. two results with the same key. */
  warnings: string[]
}

/** The results.json document. */
export interface ResultsJson {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION
  /** ISO timestamp. */
  generatedAt: string
  /** Overall verdict: the most severe of the entries' (regressed > incomparable > improved > new > unchanged). */
  verdict: Verdict
  /** Results per verdict (entries whose baseline could not be read are not counted). */
  counts: Record<Verdict, number>
  /** Whether the gate failed the run: a regression, an incomparable result with `failOnIncomparable`, or an unusable baseline file. */
  failed: boolean
  /** One line per reason the gate failed. */
  failures: string[]
  entries: ResultsJsonEntry[]
  /** Fingerprint of the machine that ran the benchmarks (of the first result). */
  env: EnvFingerprint
  /** `git rev-parse HEAD` of the run, null when unknown. */
  commit: string | null
  thresholds: ResolvedThresholds
  baselines: BaselineReport
  /** How fast and how busy the machine was over the run; absent when no probe ran (outside the plugin's bench runs). */
  machine?: MachineSummary
  /** Present when the run was an A/B run (`vitest-ml-bench ab`): comparisons are against the base tree, not stored baselines. */
  ab?: AbRun
}

/** What results.json says about an A/B run. */
export interface AbRun {
  /** The base tree: the ref asked for and the merge-base commit measured. */
  base: { ref: string; commit: string }
  /** The head tree's commit (its working tree as it was, uncommitted changes included). */
  head: { commit: string | null }
  /** Results the base tree has and the head tree no longer produces. */
  removed: EntryRef[]
  /** Results one side measured alone (its partner missing, or gone), with why. */
  unpaired: Array<EntryRef & { side: 'base' | 'head'; why: string }>
  /** Problems that kept the run from judging everything (a side that crashed, failed to install…); each fails the gate. */
  problems: string[]
  /** Real time of the whole A/B run, s. */
  seconds: number
  /** The CPUs both sides were pinned to (`taskset -c` list); absent when they could run anywhere. */
  cpus?: string
}

/** One reading of the machine-speed probe in a run. */
export interface ProbeInRun {
  probedAt: string
  probeJsMs: number
  probeOrtMs: number | null
  /** 'bench file': at the start of a bench file, in its test worker; 'run end': in the reporter after the run. */
  at: 'bench file' | 'run end'
}

/** The machine over a run: every probe, and the busiest the results saw it. */
export interface MachineSummary {
  probes: ProbeInRun[]
  /** Highest 1-minute load average, CPU steal and cgroup throttling share any result recorded (null: not measurable here). */
  loadAverage: number
  stealShare: number | null
  throttledShare: number | null
}

/** What results.json keeps of a baseline entry. */
export function baselineSummary(entry: BaselineEntry): ResultsJsonBaseline {
  const out: ResultsJsonBaseline = {
    recordedAt: entry.recordedAt,
    commit: entry.commit,
    env: entry.env,
    metrics: Object.fromEntries(Object.entries(entry.metrics).map(([id, m]) => [id, m.value])),
  }
  const own = entry.samples['']
  if (own) out.samples = own
  const groups = Object.entries(entry.samples).filter(([g]) => g !== '')
  if (groups.length > 0) out.groupSamples = Object.fromEntries(groups)
  return out
}

/** Number of entries per verdict. */
export function countVerdicts(entries: readonly ResultsJsonEntry[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>
  for (const e of entries) if (e.comparison) counts[e.comparison.verdict]++
  return counts
}

/** The overall verdict of entries. */
export function overallVerdict(entries: readonly ResultsJsonEntry[]): Verdict {
  return worstVerdict(entries.flatMap((e) => (e.comparison ? [e.comparison.verdict] : [])), 'new')
}

/**
 * Why the gate fails, one line each (empty: it passes): regressions (not in update mode, where the
 * results replace their baselines), incomparable results with `failOnIncomparable`, unusable baseline files.
 */
export function gateFailures(entries: readonly ResultsJsonEntry[], baselines: BaselineReport, thresholds: ResolvedThresholds): string[] {
  const failures: string[] = []
  for (const e of entries) {
    const verdict = e.comparison?.verdict
    const fails = baselines.mode !== 'all' && (verdict === 'regressed' || (thresholds.failOnIncomparable && verdict === 'incomparable'))
    if (fails) failures.push(`${e.file} › ${e.key}: ${verdict}`)
  }
  for (const error of baselines.errors) failures.push(error.message)
  return failures
}

/** Sorts entries by bench file, keeping each file's results in the order its tests ran. */
function byFile(entries: readonly ResultsJsonEntry[]): ResultsJsonEntry[] {
  return entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (a.file < b.file ? -1 : a.file > b.file ? 1 : i - j)).map(([e]) => e)
}

/** Assembles the document (pure): verdict, counts and failures follow from the entries. */
export function buildResultsJson(input: {
  generatedAt: string
  entries: readonly ResultsJsonEntry[]
  env: EnvFingerprint
  commit: string | null
  thresholds: ResolvedThresholds
  baselines: BaselineReport
  /** Probes taken outside the results (the run's end; the end probes of merged documents). */
  endProbes?: readonly ProbeInRun[]
}): ResultsJson {
  const entries = byFile(input.entries)
  const failures = gateFailures(entries, input.baselines, input.thresholds)
  const machine = machineSummary(entries.map((e) => e.result.env.machine), input.endProbes ?? [])
  return {
    ...(machine ? { machine } : {}),
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    verdict: overallVerdict(entries),
    counts: countVerdicts(entries),
    failed: failures.length > 0,
    failures,
    entries,
    env: entries[0]?.result.env ?? input.env,
    commit: input.commit,
    thresholds: input.thresholds,
    baselines: input.baselines,
  }
}

/** The machine over a run, from the states its results recorded (one probe per bench file) and the end probes. */
export function machineSummary(states: ReadonlyArray<MachineState | undefined>, endProbes: readonly ProbeInRun[]): MachineSummary | undefined {
  const seen = new Map<string, ProbeInRun>()
  let loadAverage = 0
  let stealShare: number | null = null
  let throttledShare: number | null = null
  const max = (a: number | null, b: number | null) => (b === null ? a : a === null ? b : Math.max(a, b))
  for (const m of states) {
    if (!m) continue
    seen.set(m.probedAt, { probedAt: m.probedAt, probeJsMs: m.probeJsMs, probeOrtMs: m.probeOrtMs, at: 'bench file' })
    loadAverage = Math.max(loadAverage, m.loadAverage)
    stealShare = max(stealShare, m.stealShare)
    throttledShare = max(throttledShare, m.throttledShare)
  }
  for (const p of endProbes) seen.set(p.probedAt, p)
  if (seen.size === 0) return undefined
  const probes = [...seen.values()].sort((a, b) => (a.probedAt < b.probedAt ? -1 : a.probedAt > b.probedAt ? 1 : 0))
  return { probes, loadAverage, stealShare, throttledShare }
}

/**
 * Merges several results.json documents (shards, matrix jobs) into one: entries concatenated
 * (a later document's entry replaces an earlier one with the same project, file and key),
 * baseline reports joined, verdict and failures recomputed. Thresholds and mode are the first's.
 */
export function mergeResultsJson(documents: readonly ResultsJson[], generatedAt: string): ResultsJson {
  const first = documents[0]
  if (!first) throw new Error('mergeResultsJson: no documents to merge')
  const entries = new Map<string, ResultsJsonEntry>()
  for (const doc of documents) for (const e of doc.entries) entries.set(`${e.project}\0${e.file}\0${e.key}`, e)
  const join = <K extends 'written' | 'unwritten' | 'stale' | 'errors' | 'warnings'>(k: K): BaselineReport[K] =>
    documents.flatMap((d) => d.baselines[k] as unknown[]) as BaselineReport[K]
  const merged = buildResultsJson({
    generatedAt,
    endProbes: documents.flatMap((d) => d.machine?.probes.filter((p) => p.at === 'run end') ?? []),
    entries: [...entries.values()],
    env: first.env,
    commit: first.commit,
    thresholds: first.thresholds,
    baselines: {
      dir: first.baselines.dir,
      mode: first.baselines.mode,
      written: [...new Set<string>(join('written'))],
      unwritten: join('unwritten'),
      stale: join('stale'),
      errors: join('errors'),
      warnings: join('warnings'),
    },
  })
  // A/B shards: each paired its own files against the same base
  const abs = documents.flatMap((d) => (d.ab ? [d.ab] : []))
  const ab = abs[0]
  if (!ab) return merged
  return withAbRun(merged, {
    base: ab.base,
    head: ab.head,
    removed: abs.flatMap((a) => a.removed),
    unpaired: abs.flatMap((a) => a.unpaired),
    problems: [...new Set(abs.flatMap((a) => a.problems))],
    seconds: Math.max(...abs.map((a) => a.seconds)),
  })
}

/** `doc` as an A/B run's: with `ab`, and failed by each of its problems (a side that could not run leaves the gate unable to judge, as an unusable baseline file does). */
export function withAbRun(doc: ResultsJson, ab: AbRun): ResultsJson {
  const failures = [...doc.failures, ...ab.problems]
  return { ...doc, failures, failed: failures.length > 0, ab }
}

/** Reads a results.json file, with a clear error for a missing, invalid or incompatible one. */
export function readResultsJson(file: string): ResultsJson {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Pass the results.json a vitest-ml-bench run wrote in its reportDir.`)
  }
  let doc: Partial<Omit<ResultsJson, 'schemaVersion'>> & { schemaVersion?: number }
  try {
    doc = JSON.parse(text) as typeof doc
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}).`)
  }
  if (typeof doc !== 'object' || doc === null || doc.schemaVersion === undefined || !Array.isArray(doc.entries)) {
    throw new Error(`${file} is not a vitest-ml-bench results.json (no schemaVersion and entries).`)
  }
  if (doc.schemaVersion !== 1 && doc.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new Error(`${file} has schemaVersion ${doc.schemaVersion}; this vitest-ml-bench reads 1 and ${RESULTS_SCHEMA_VERSION}. Use the version that wrote it.`)
  }
  let current: unknown = doc
  try {
    if (doc.schemaVersion === 1) current = fromVersion1(doc as unknown as ResultsJsonV1)
  } catch (error) {
    throw new Error(`${file} is not a valid schemaVersion 1 results.json (${(error as Error).message}).`)
  }
  // every field the reports render, typed: a hand-edited or forged file is refused, not rendered
  const problems = resultsJsonProblems(current)
  if (problems.length > 0) {
    throw new Error(
      `${file} does not match the results.json schema:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
        'Pass a results.json as a vitest-ml-bench run wrote it (hand-edited or foreign files are not rendered).',
    )
  }
  return current as ResultsJson
}

/** A schema-1 metric comparison: prose `reason` instead of `why`, one test's statistic instead of an interval. */
type MetricComparisonV1 = Pick<MetricComparison, 'metric' | 'verdict' | 'baseline' | 'current' | 'change' | 'unit' | 'tolerance' | 'alpha'> & {
  reason?: string
  test?: string
  statistic?: number
  statisticName?: string
  pValue?: number
}

/** A schema-1 document: comparisons with `reason`, model comparisons with a `recommendation` sentence. */
interface ResultsJsonV1 extends Omit<ResultsJson, 'schemaVersion' | 'entries'> {
  schemaVersion: 1
  entries: Array<
    Omit<ResultsJsonEntry, 'comparison' | 'result'> & {
      comparison?: Omit<ResultComparison, 'metrics'> & { metrics: MetricComparisonV1[] }
      result: Exclude<MlBenchResult, ModelComparisonResult> | Omit<ModelComparisonResult, 'preference'>
    }
  >
}

/**
 * Why a schema-1 metric got its verdict, from the verdict and the test fields (never from the
 * prose). Schema 1's rule was a point change beyond the tolerance plus a significant test of any
 * shift; its verdicts are kept as they were decided.
 */
function whyOfV1(m: MetricComparisonV1, hadBaseline: boolean): ComparisonWhy {
  switch (m.verdict) {
    case 'new':
      return hadBaseline ? 'not-in-baseline' : 'no-baseline'
    case 'incomparable':
      return 'env-differs'
    case 'unchanged':
      return 'within-tolerance'
    default:
      if (m.test !== undefined) return 'beyond-tolerance'
      return ruleOf(m.metric) === METRIC_RULES.rssPeak ? 'no-noise-model' : 'no-test-data'
  }
}

/**
 * A schema-1 document in the current layout. Its prose and test statistics are dropped: `why` follows from each
 * metric's verdict and numbers, an incomparable metric's differences are the result's
 * `incomparableBecause` fields (schema 1 kept no values), and a model comparison's preference (schema 1 kept
 * only its `recommendation` sentence) is recomputed from its stored models and pairs.
 */
function fromVersion1(doc: ResultsJsonV1): ResultsJson {
  const entries = doc.entries.map((e): ResultsJsonEntry => {
    const { comparison, result, ...rest } = e
    const out: ResultsJsonEntry = { ...rest, result: result as MlBenchResult }
    if (result.kind === 'model-comparison') {
      const v1 = result as Omit<ModelComparisonResult, 'preference'>
      out.result = { ...v1, preference: preferredModel(v1.models, v1.pairs, v1.alpha) }
    }
    if (comparison) {
      const because = comparison.incomparableBecause ?? []
      const metrics = comparison.metrics.map((v1): MetricComparison => {
        const { reason: _prose, test, statistic: _statistic, statisticName: _name, pValue: _p, ...m } = v1
        const why = whyOfV1(v1, e.baseline !== undefined)
        const out: MetricComparison = { ...m, why }
        if (test !== undefined) out.method = test
        if (why === 'env-differs') out.differences = because.map((field) => ({ field }))
        return out
      })
      out.comparison = { ...comparison, metrics }
    }
    return out
  })
  return { ...doc, schemaVersion: RESULTS_SCHEMA_VERSION, entries }
}
