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
import { blockLogRatios, decideVerdict, LOOKS, moreTimeToDecide, pairedTests, verdictPValues, type PairedAnalysis } from '../analyse/paired.js'
import { changeInterval, withRunNoise } from '../analyse/change.js'
import { quantileSorted } from '../analyse/stats.js'
import type { InterleaveOutcome } from '../measure/interleave.js'
import { compareToBaseline, controlFalseDiscoveries, whyOf, worstVerdict } from './compare.js'
import { compareResult, isPairResult } from './pair.js'
import { baselineEntryOf } from './entry.js'
import { usesOnnxRuntime } from './environment.js'
import { METRIC_RULES } from './rules.js'
import { buildResultsJson, baselineSummary, withAbRun, type AbRun, type BaselineReport, type ResultsJson, type ResultsJsonEntry } from './results-json.js'
import type { BaselineEntry, MetricRuleName } from './schema.js'
import type { ResolvedThresholds } from './thresholds.js'
import type { MetricComparison, PairedDetail, ResultComparison } from './verdict.js'

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
 * A timing metric of a paired measurement, compared slice pair by slice pair: the signed-rank
 * tests of the per-block log ratios (src/analyse/paired.ts), for the slices' median, p95 or calls
 * per ms. `processNoise` (relative SD per process, 0 for none) widens them for what the two sides'
 * processes differ by themselves, which interleaving cannot cancel (see {@link abResultsJson}).
 * Each look tested at alpha / LOOKS, so the p-values are multiplied by LOOKS (Bonferroni over the
 * looks, valid whichever look it stopped at) before the run's false-discovery control, which then
 * holds them to alpha like every other metric.
 */
export function pairedMetric(metric: string, rule: string, measured: PairedMeasurement, base: number, head: number, alpha: number, processNoise = 0): MetricComparison | undefined {
  const how = PAIRED_RULES[rule]
  if (!how) return undefined
  const { outcome, tolerance } = measured
  const statistic = how.statistic
  const slices = statistic ? outcome.pairs.map((p) => ({ base: [statistic(p.base)], head: [statistic(p.head)] })) : outcome.pairs
  const blocks = blockLogRatios(slices)
  const tests = withRunNoise(pairedTests(blocks), processNoise)
  // the level the measurement's own looks were tested at
  const lookAlpha = (1 - outcome.analysis.level) / 2
  const within = verdictPValues(tests, tolerance)
  const { lower, upper, level } = changeInterval(tests, lookAlpha)
  const analysis: PairedAnalysis = {
    ratio: 1 + tests.estimate,
    interval: [lower === null ? null : 1 + lower, upper === null ? null : 1 + upper],
    level,
    ...within,
    pairs: outcome.pairs.length,
    blocks: blocks.length,
    verdict: decideVerdict(within, lookAlpha),
  }
  // tests read "worse" as "head/base above 1 + tolerance": for throughput that is better
  const [pWorse, pBetter] = how.higherIsBetter ? [within.pBetter, within.pWorse] : [within.pWorse, within.pBetter]
  const detail: PairedDetail = {
    pairs: outcome.pairs.length,
    elapsedMs: outcome.elapsedMs,
    stoppedBecause: outcome.stoppedBecause,
    // more time narrows what the slices measure, never the processes' own difference
    moreTimeMs: processNoise > 0 ? null : moreTimeToDecide(analysis, tolerance, outcome.elapsedMs),
    ...(processNoise > 0 ? { processNoise } : {}),
  }
  const p = { pWorse: Math.min(1, pWorse * LOOKS), pBetter: Math.min(1, pBetter * LOOKS), pWithin: Math.min(1, within.pWithin * LOOKS) }
  const verdict = decideVerdict(p, alpha)
  return {
    metric,
    verdict,
    why: whyOf(verdict),
    baseline: base,
    current: head,
    change: tests.estimate,
    unit: how.higherIsBetter ? 'items/s' : 'ms',
    tolerance,
    alpha,
    method: 'paired-slices',
    interval: { lower, upper, level },
    ...p,
    paired: detail,
  }
}

/** A timing's regressed or improved verdict, measured one side after the other, made inconclusive. */
function measuredApart(m: MetricComparison): MetricComparison {
  const rule = METRIC_RULES[m.metric.slice(m.metric.lastIndexOf(' ') + 1) as MetricRuleName]
  if (rule?.family !== 'performance' || (m.verdict !== 'regressed' && m.verdict !== 'improved')) return m
  return { ...m, verdict: 'inconclusive', why: 'measured-apart' }
}

/** One head entry compared with its base entry (and its paired measurement, if any). */
function compareEntry(
  head: ResultsJsonEntry,
  base: ResultsJsonEntry | undefined,
  paired: ReadonlyMap<string, PairedMeasurement>,
  thresholds: ResolvedThresholds,
  baseCommit: string,
  pinned: boolean,
): ResultsJsonEntry & { interleaved: boolean } {
  const headEntry = withoutProbe(baselineEntryOf(head.result))
  if (!base || isPairResult(head.result)) return { ...head, comparison: compareResult(head.result, undefined, { thresholds }, headEntry), interleaved: true }
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
    // two processes free to run on different CPUs run native code at speeds of their own (the same
    // onnxruntime call at 19.5 µs in one, 46.8 µs in another): unless both sides were pinned to the
    // same CPUs, the run-to-run noise, scaled per metric as against stored baselines
    const noise = !pinned && usesOnnxRuntime(headEntry) ? thresholds.runNoise * (METRIC_RULES[rule as MetricRuleName]?.runNoise ?? 1) : 0
    return (measured && pairedMetric(m.metric, rule, measured, m.baseline, m.current, thresholds.alpha, noise)) || m
  })
  comparison.verdict = worstVerdict(comparison.metrics.map((m) => m.verdict))
  return { ...head, comparison, baseline: baselineSummary(baseEntry), interleaved }
}

/**
 * The results.json of an A/B run (pure): every head result compared with the base result of the
 * same bench file and key, new where the base has none, and the base's results the head lacks
 * listed as removed; false-discovery control across all gated metrics; failed on a regression.
 */
export function abResultsJson(input: AbInput): ResultsJson {
  const baseEntries = new Map((input.base?.entries ?? []).map((e) => [refOf(e), e]))
  const paired = new Map(input.paired.map((p) => [refOf(p), p]))
  const compared = input.head.entries.map((e) => compareEntry(e, baseEntries.get(refOf(e)), paired, input.thresholds, input.run.base.commit, input.run.cpus !== undefined))
  const controlled = controlFalseDiscoveries(
    compared.map((e) => e.comparison as ResultComparison),
    (i) => isPairResult(compared[i]?.result),
  )
  // Timings the two sides measured one after the other (load tests, evaluations, generation) saw
  // whatever the other side ran meanwhile on the shared CPU: A/A runs read a generation's TTFT up
  // to 2.3x apart. After the run's false-discovery control, such a change is shown, never gated;
  // quality metrics still are.
  const entries = compared.map(({ interleaved, ...e }, i) => {
    const comparison = controlled[i] as ResultComparison
    if (interleaved) return { ...e, comparison }
    const metrics = comparison.metrics.map(measuredApart)
    return { ...e, comparison: { ...comparison, metrics, verdict: worstVerdict(metrics.map((m) => m.verdict), comparison.verdict === 'new' ? 'new' : 'unchanged') } }
  })
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
