/**
 * The A/B gate (`vitest-ml-bench ab`): the head tree's results judged against the base tree's,
 * measured in the same run on the same machine. A benchmark both sides have was measured in
 * interleaved slices: its median latency is judged on the paired head/base ratio of those slices
 * (src/analyse/paired.ts), which cancels the machine's drift. Everything else — quality metrics
 * (paired per-example tests, as against a stored baseline), tails and throughput, load tests and
 * sweeps (measured one side after the other, never at the same time) — is compared with the base
 * side's result by the stored-baseline rule. One verdict vocabulary, one false-discovery control
 * over all of it.
 */
import { analysePairs, decideVerdict, LOOKS, moreTimeToDecide, type PairedAnalysis } from '../analyse/paired.js'
import { quantileSorted } from '../analyse/stats.js'
import type { InterleaveOutcome } from '../measure/interleave.js'
import { compareToBaseline, controlFalseDiscoveries, worstVerdict } from './compare.js'
import { baselineEntryOf } from './entry.js'
import { buildResultsJson, baselineSummary, withAbRun, type AbRun, type BaselineReport, type ResultsJson, type ResultsJsonEntry } from './results-json.js'
import type { BaselineEntry } from './schema.js'
import type { ResolvedThresholds } from './thresholds.js'
import type { ComparisonWhy, MetricComparison, PairedDetail, ResultComparison, Verdict } from './verdict.js'

/** A paired measurement of one result key, from the coordinator. */
export interface PairedMeasurement {
  file: string
  key: string
  outcome: InterleaveOutcome
  /** The tolerance the measurement stopped on. */
  tolerance: number
}

/** Inputs of {@link abResultsJson}. */
export interface AbInput {
  generatedAt: string
  head: ResultsJson
  /** The base side's document; undefined when the base produced none (it failed before reporting). */
  base: ResultsJson | undefined
  paired: readonly PairedMeasurement[]
  thresholds: ResolvedThresholds
  run: Omit<AbRun, 'removed'>
}

const refOf = (e: { file: string; key: string }) => `${e.file}\0${e.key}`

/** A result's entry without the machine-speed probe: both sides ran on the same machine in the same run. */
function withoutProbe(entry: BaselineEntry): BaselineEntry {
  const { machine: _probe, ...env } = entry.env
  return { ...entry, env }
}

function whyOf(verdict: Verdict): ComparisonWhy {
  return verdict === 'inconclusive' ? 'undecided' : verdict === 'unchanged' ? 'within-tolerance' : 'beyond-tolerance'
}

/** A slice's statistic that a paired metric compares. */
type SliceStatistic = (calls: readonly number[]) => number

const sortedOf = (calls: readonly number[]) => [...calls].sort((a, b) => a - b)
/** Per rule: what of each slice is compared, and whether higher is better. The p50 is the analysis the measurement stopped on. */
const PAIRED_RULES: Record<string, { statistic?: SliceStatistic; higherIsBetter: boolean }> = {
  p50: { higherIsBetter: false },
  p95: { statistic: (calls) => quantileSorted(sortedOf(calls), 0.95), higherIsBetter: false },
  // calls per ms of the slice: its throughput, robust to no single call
  throughput: { statistic: (calls) => calls.length / calls.reduce((a, b) => a + b, 0), higherIsBetter: true },
}

/**
 * A timing metric of a paired measurement, compared slice pair by slice pair (the same signed-rank
 * analysis as the median the measurement stopped on). Each look tested at alpha / LOOKS, so its
 * p-values are multiplied by LOOKS (Bonferroni over the looks, valid whichever look it stopped at)
 * before the run's false-discovery control, which then holds them to alpha like every other metric.
 */
export function pairedMetric(metric: string, rule: string, measured: PairedMeasurement, base: number, head: number, alpha: number): MetricComparison | undefined {
  const how = PAIRED_RULES[rule]
  if (!how) return undefined
  const { outcome, tolerance } = measured
  const statistic = how.statistic
  const a: PairedAnalysis = statistic
    ? analysePairs(
        outcome.pairs.map((p) => ({ base: [statistic(p.base)], head: [statistic(p.head)] })),
        tolerance,
        // the level the measurement's own looks were tested at
        (1 - outcome.analysis.level) / 2,
      )
    : outcome.analysis
  const [lo, hi] = a.interval
  // the analysis reads "worse" as "head/base above 1 + tolerance": for throughput that is better
  const [pWorse, pBetter] = how.higherIsBetter ? [a.pBetter, a.pWorse] : [a.pWorse, a.pBetter]
  const detail: PairedDetail = {
    pairs: a.pairs,
    elapsedMs: outcome.elapsedMs,
    stoppedBecause: outcome.stoppedBecause,
    moreTimeMs: moreTimeToDecide(a, tolerance, outcome.elapsedMs),
  }
  const p = { pWorse: Math.min(1, pWorse * LOOKS), pBetter: Math.min(1, pBetter * LOOKS), pWithin: Math.min(1, a.pWithin * LOOKS) }
  const verdict = decideVerdict(p, alpha)
  return {
    metric,
    verdict,
    why: whyOf(verdict),
    baseline: base,
    current: head,
    change: a.ratio - 1,
    unit: how.higherIsBetter ? 'items/s' : 'ms',
    tolerance,
    alpha,
    method: 'paired-slices',
    interval: { lower: lo === null ? null : lo - 1, upper: hi === null ? null : hi - 1, level: a.level },
    ...p,
    paired: detail,
  }
}

/** One head entry compared with its base entry (and its paired measurement, if any). */
function compareEntry(
  head: ResultsJsonEntry,
  base: ResultsJsonEntry | undefined,
  paired: ReadonlyMap<string, PairedMeasurement>,
  thresholds: ResolvedThresholds,
  baseCommit: string,
): ResultsJsonEntry {
  const headEntry = withoutProbe(baselineEntryOf(head.result))
  if (!base) return { ...head, comparison: compareToBaseline(undefined, headEntry, { thresholds }) }
  const baseEntry = withoutProbe(baselineEntryOf(base.result, baseCommit))
  const pairedKey = (metric: string) => {
    // a benchmark's own p50, or a sweep's per-size p50 (each size a benchmark of its own, named '<name> batch 8')
    const group = metric.slice(0, -'p50'.length).trim()
    return refOf({ file: head.file, key: group ? `${head.key} ${group}` : head.key })
  }
  const p50s = Object.keys(headEntry.metrics).filter((id) => id === 'p50' || id.endsWith(' p50'))
  // measured interleaved, both sides saw the same machine: no run-to-run noise between them
  const interleaved = p50s.length > 0 && p50s.every((id) => paired.has(pairedKey(id)))
  const comparison: ResultComparison = compareToBaseline(baseEntry, headEntry, { thresholds: interleaved ? { ...thresholds, runNoise: 0 } : thresholds })
  comparison.metrics = comparison.metrics.map((m) => {
    if (m.baseline === undefined || m.verdict === 'incomparable') return m
    const rule = m.metric.slice(m.metric.lastIndexOf(' ') + 1)
    const measured = paired.get(pairedKey(`${m.metric.slice(0, -rule.length)}p50`))
    return (measured && pairedMetric(m.metric, rule, measured, m.baseline, m.current, thresholds.alpha)) || m
  })
  comparison.verdict = worstVerdict(comparison.metrics.map((m) => m.verdict))
  return { ...head, comparison, baseline: baselineSummary(baseEntry) }
}

/**
 * The results.json of an A/B run (pure): every head result compared with the base result of the
 * same bench file and key, new where the base has none, and the base's results the head lacks
 * listed as removed; false-discovery control across all gated metrics; failed on a regression.
 */
export function abResultsJson(input: AbInput): ResultsJson {
  const baseEntries = new Map((input.base?.entries ?? []).map((e) => [refOf(e), e]))
  const paired = new Map(input.paired.map((p) => [refOf(p), p]))
  const compared = input.head.entries.map((e) => compareEntry(e, baseEntries.get(refOf(e)), paired, input.thresholds, input.run.base.commit))
  const controlled = controlFalseDiscoveries(compared.map((e) => e.comparison as ResultComparison))
  const entries = compared.map((e, i) => ({ ...e, comparison: controlled[i] as ResultComparison }))
  const headRefs = new Set(input.head.entries.map(refOf))
  const removed = (input.base?.entries ?? []).filter((e) => !headRefs.has(refOf(e))).map(({ file, key }) => ({ file, key }))
  const baselines: BaselineReport = { dir: '', mode: 'none', written: [], unwritten: [], stale: [], errors: [], warnings: [] }
  const doc = buildResultsJson({
    generatedAt: input.generatedAt,
    entries,
    env: input.head.env,
    commit: input.head.commit,
    thresholds: input.thresholds,
    baselines,
    endProbes: input.head.machine?.probes.filter((p) => p.at === 'run end') ?? [],
  })
  return withAbRun(doc, { ...input.run, removed })
}
