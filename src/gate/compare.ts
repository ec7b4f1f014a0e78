import { benjaminiHochberg, changeInterval, withRunNoise } from '../analyse/change.js'
import type { BaselineEntry, BaselineFile, MetricRuleName, StoredMetric } from './schema.js'
import { differencesOf, driftFor, environmentDifferences, machineSpeedShift, type MachineDrift } from './environment.js'
import { METRIC_RULES, type MetricRule } from './rules.js'
import type { ResolvedThresholds } from './thresholds.js'
import { decideVerdict, type PairedVerdict } from '../analyse/paired.js'
import { VERDICTS, type ComparisonWhy, type MetricComparison, type ResultComparison, type Verdict } from './verdict.js'

/** A per-metric setting from `toBeWithinBaseline` that replaces the global threshold. */
export interface MetricOverride {
  tolerance?: number
  alpha?: number
}

/** Everything a comparison depends on besides the two entries. */
export interface CompareOptions {
  thresholds: ResolvedThresholds
  /** Overrides keyed by metric id ('batch 8 p50'), rule name ('p50', every group) or '*' (every metric); the most specific wins. */
  overrides?: Readonly<Record<string, MetricOverride>>
  /**
   * Bonferroni factor for pWorse and pBetter: the size of the family of gated metrics this
   * comparison belongs to, when only part of it is in view (a test worker) [1: no control here;
   * the run's reporter controls the false-discovery rate with {@link controlFalseDiscoveries}].
   */
  family?: number
  /** How far this run's machine-speed probes moved ({@link machineDrift}); widens timing intervals. */
  drift?: MachineDrift
}

/** The most severe of `verdicts` (regressed > incomparable > inconclusive > improved > new > unchanged); `fallback` when empty. */
export function worstVerdict(verdicts: Iterable<Verdict>, fallback: Verdict = 'unchanged'): Verdict {
  let worst = -1
  for (const v of verdicts) worst = Math.max(worst, VERDICTS.indexOf(v))
  return worst < 0 ? fallback : (VERDICTS[worst] as Verdict)
}

/**
 * How much more a load test's levels move between runs than a single call's timings: measured on
 * this project's CI VM, closed-loop p50 at 4–8 connections moved by 2–2.5× between identical runs
 * while a benchmark's p50 moved by well under 10 %.
 */
const LOAD_TEST_RUN_NOISE = 5

/** The rule behind a metric id: its last word ('batch 8 p50' → p50). */
export function ruleOf(metricId: string): MetricRule | undefined {
  return METRIC_RULES[metricId.slice(metricId.lastIndexOf(' ') + 1) as MetricRuleName]
}

function changeOf(rule: MetricRule, base: number, cur: number): number {
  if (rule.change === 'absolute') return cur - base
  if (base === 0) return cur === 0 ? 0 : Math.sign(cur) * Number.POSITIVE_INFINITY
  return (cur - base) / Math.abs(base)
}

function overrideFor(id: string, options: CompareOptions): MetricOverride {
  const rule = id.slice(id.lastIndexOf(' ') + 1)
  return { ...options.overrides?.['*'], ...options.overrides?.[rule], ...options.overrides?.[id] }
}

/**
 * The verdict from the metric's p-values: regressed (improved) when "beyond the tolerance on the
 * worse (better) side" is shown at alpha after multiplicity control, unchanged when "within ± the
 * tolerance" is shown (two one-sided tests at alpha), inconclusive otherwise.
 */
function verdictOf(m: Required<Pick<MetricComparison, 'pWithin' | 'alpha'>>, worse: number, better: number): Pick<MetricComparison, 'verdict' | 'why'> {
  const verdict = decideVerdict({ pWorse: worse, pBetter: better, pWithin: m.pWithin }, m.alpha)
  return { verdict, why: whyOf(verdict) }
}

/** Why a tested metric got its verdict: beyond the tolerance, within it, or undecided. */
export function whyOf(verdict: PairedVerdict): ComparisonWhy {
  return verdict === 'inconclusive' ? 'undecided' : verdict === 'unchanged' ? 'within-tolerance' : 'beyond-tolerance'
}

function judgeMetric(
  id: string,
  cur: StoredMetric,
  base: StoredMetric,
  baseline: BaselineEntry,
  current: BaselineEntry,
  options: CompareOptions,
): MetricComparison {
  const rule = METRIC_RULES[cur.rule]
  const override = overrideFor(id, options)
  const tolerance = (override.tolerance ?? options.thresholds[rule.tolerance]) * (rule.toleranceScale ?? 1)
  const alpha = override.alpha ?? options.thresholds.alpha
  const change = changeOf(rule, base.value, cur.value)
  const out: MetricComparison = { metric: id, verdict: 'unchanged', why: 'within-tolerance', baseline: base.value, current: cur.value, change, unit: rule.unit, tolerance, alpha }
  const evidence = rule.evidence({ baseline, current, metric: id, group: cur.group ?? '' })
  if (!evidence) {
    // nothing to test with: the point change alone can say "within", never "beyond"
    const within = Math.abs(change) <= tolerance
    out.verdict = within ? 'unchanged' : 'inconclusive'
    out.why = cur.rule === 'rssPeak' ? 'no-noise-model' : 'no-test-data'
    return out
  }
  const { method } = evidence
  // a stored baseline was measured in another run: add the run-to-run noise of timings (a load
  // test's levels measure a system under contention, which moves several times as much), and how
  // far this run saw the machine's own speed move
  const drift = rule.runNoise > 0 ? driftFor(current, options.drift) : 0
  const tests = withRunNoise(evidence.tests, options.thresholds.runNoise * rule.runNoise * (current.kind === 'load-test' ? LOAD_TEST_RUN_NOISE : 1), drift)
  const [worse, better] = rule.better === 'lower' ? [tests.greater(tolerance), tests.less(-tolerance)] : [tests.less(-tolerance), tests.greater(tolerance)]
  out.method = method
  if (drift > 0) out.machineDrift = Math.expm1(drift)
  out.interval = changeInterval(tests, alpha)
  out.pWorse = worse
  out.pBetter = better
  out.pWithin = Math.max(tests.less(tolerance), tests.greater(-tolerance))
  const family = options.family ?? 1
  if (family > 1) {
    out.multiplicity = { method: 'bonferroni', family, worse: Math.min(1, worse * family), better: Math.min(1, better * family) }
  }
  Object.assign(out, verdictOf({ pWithin: out.pWithin, alpha }, out.multiplicity?.worse ?? worse, out.multiplicity?.better ?? better))
  return out
}

/** A metric whose verdict comes from tests (and so takes part in multiple-comparison control). */
export function isTested(m: MetricComparison): m is MetricComparison & Required<Pick<MetricComparison, 'pWorse' | 'pBetter' | 'pWithin' | 'alpha'>> {
  return m.pWorse !== undefined && m.pBetter !== undefined && m.pWithin !== undefined && m.alpha !== undefined
}

/**
 * Controls the false-discovery rate across every gated metric of a run (Benjamini–Hochberg,
 * separately for regressions and improvements): a suite gates dozens of metrics, and at alpha
 * 0.01 each, unchanged code would otherwise fail somewhere in most large runs. Metrics in
 * `exempt` (asserted one by one with `toBeWithinBaseline`) keep their own alpha. Returns new
 * comparisons with verdicts recomputed; the inputs are not modified.
 */
export function controlFalseDiscoveries(comparisons: readonly ResultComparison[], exempt: (resultIndex: number, metric: string) => boolean = () => false): ResultComparison[] {
  const family: Array<{ r: number; k: number; m: MetricComparison & Required<Pick<MetricComparison, 'pWorse' | 'pBetter' | 'pWithin' | 'alpha'>> }> = []
  comparisons.forEach((c, r) =>
    c.metrics.forEach((m, k) => {
      if (isTested(m) && !exempt(r, m.metric)) family.push({ r, k, m })
    }),
  )
  const worse = benjaminiHochberg(family.map((f) => f.m.pWorse))
  const better = benjaminiHochberg(family.map((f) => f.m.pBetter))
  const out = comparisons.map((c) => ({ ...c, metrics: [...c.metrics] }))
  family.forEach(({ r, k, m }, i) => {
    const multiplicity = { method: 'bh' as const, family: family.length, worse: worse[i] as number, better: better[i] as number }
    const judged: MetricComparison = { ...m, multiplicity, ...verdictOf(m, multiplicity.worse, multiplicity.better) }
    ;(out[r] as ResultComparison).metrics[k] = judged
  })
  return out.map((c) => ({ ...c, verdict: worstVerdict(c.metrics.map((m) => m.verdict), c.verdict === 'new' ? 'new' : 'unchanged') }))
}

/**
 * Compares a current result (reduced by `baselineEntryOf`) with its baseline entry, metric by
 * metric. A metric regresses (or improves) only when its tests show the change beyond the
 * tolerance; it is unchanged only when they show it within ± the tolerance; otherwise it is
 * inconclusive. Metrics the environment invalidates are `incomparable`; metrics the baseline lacks
 * are `new`. Pure.
 */
export function compareToBaseline(baseline: BaselineEntry | undefined, current: BaselineEntry, options: CompareOptions): ResultComparison {
  const metrics: MetricComparison[] = []
  if (!baseline) {
    for (const [id, metric] of Object.entries(current.metrics)) {
      metrics.push({ metric: id, verdict: 'new', why: 'no-baseline', current: metric.value, unit: METRIC_RULES[metric.rule].unit })
    }
    return { verdict: 'new', metrics }
  }
  const differences = environmentDifferences(baseline, current)
  const because = new Set<string>()
  for (const [id, cur] of Object.entries(current.metrics)) {
    const rule = METRIC_RULES[cur.rule]
    const base = baseline.metrics[id]
    if (!base || base.rule !== cur.rule) {
      metrics.push({ metric: id, verdict: 'new', why: 'not-in-baseline', current: cur.value, unit: rule.unit })
      continue
    }
    const fields = rule.family === 'performance' ? [...differences.all, ...differences.performance] : differences.all
    if (fields.length > 0) {
      for (const f of fields) because.add(f)
      metrics.push({
        metric: id,
        verdict: 'incomparable',
        why: 'env-differs',
        baseline: base.value,
        current: cur.value,
        change: changeOf(rule, base.value, cur.value),
        unit: rule.unit,
        differences: differencesOf(baseline, current, fields),
      })
      continue
    }
    if (rule.family === 'performance') {
      const ratio = machineSpeedShift(baseline, current, overrideFor(id, options).tolerance ?? options.thresholds[rule.tolerance])
      if (ratio !== undefined) {
        because.add('machine-speed')
        metrics.push({
          metric: id,
          verdict: 'incomparable',
          why: 'machine-speed',
          baseline: base.value,
          current: cur.value,
          change: changeOf(rule, base.value, cur.value),
          unit: rule.unit,
          machineSpeedRatio: ratio,
        })
        continue
      }
    }
    metrics.push(judgeMetric(id, cur, base, baseline, current, options))
  }
  const comparison: ResultComparison = { verdict: worstVerdict(metrics.map((m) => m.verdict)), metrics }
  if (because.size > 0) comparison.incomparableBecause = [...because]
  return comparison
}

/** The metric that decided a comparison's verdict (the first with that verdict), for one-line summaries. */
export function decidingMetric(comparison: ResultComparison): MetricComparison | undefined {
  return comparison.metrics.find((m) => m.verdict === comparison.verdict) ?? comparison.metrics[0]
}

/**
 * How many tested metrics the baselines hold: the family a test worker controls its verdicts
 * over (Bonferroni), since it sees one test at a time but the run gates all of them. Peak RSS has
 * no test, so it is not counted.
 */
export function gatedMetricCount(files: readonly BaselineFile[]): number {
  let count = 0
  for (const file of files) for (const entry of Object.values(file.entries)) for (const m of Object.values(entry.metrics)) if (m.rule !== 'rssPeak') count++
  return count
}
