import type { BaselineEntry, MetricRuleName, StoredMetric } from '../baseline/schema.js'
import { describeDifferences, environmentDifferences } from './environment.js'
import { formatChange, formatMetricValue, formatTolerance } from './format.js'
import { METRIC_RULES, type MetricRule, type SignificanceTest } from './rules.js'
import type { ResolvedThresholds } from './thresholds.js'
import type { MetricComparison, ResultComparison, Verdict } from './types.js'

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
}

/** Severity order: the verdict of several metrics (or results) is the most severe one. */
const SEVERITY: Record<Verdict, number> = { unchanged: 0, new: 1, improved: 2, incomparable: 3, regressed: 4 }

/** The most severe of `verdicts`: regressed > incomparable > improved > new > unchanged; `fallback` when empty. */
export function worstVerdict(verdicts: Iterable<Verdict>, fallback: Verdict = 'unchanged'): Verdict {
  let worst: Verdict | undefined
  for (const v of verdicts) if (worst === undefined || SEVERITY[v] > SEVERITY[worst]) worst = v
  return worst ?? fallback
}

/** The rule behind a metric id: its last word ('batch 8 p50' → p50). */
export function ruleOf(metricId: string): MetricRule | undefined {
  return METRIC_RULES[metricId.slice(metricId.lastIndexOf(' ') + 1) as MetricRuleName]
}

/** How a metric is called in messages: 'p95 latency', 'batch 8 throughput'. */
export function metricLabel(metricId: string): string {
  const space = metricId.lastIndexOf(' ')
  const label = ruleOf(metricId)?.label ?? metricId
  return space < 0 ? label : `${metricId.slice(0, space)} ${label}`
}

const TEST_NAMES: Record<string, string> = {
  'mann-whitney-u': 'Mann–Whitney U',
  'welch-t': "Welch's t-test",
  'quantile-exceedance': 'tail exceedance z-test',
  mcnemar: 'McNemar',
  'two-proportion-z': 'two-proportion z-test',
  'sign-test': 'sign test',
}

/** A p-value with its magnitude kept: 'p = 0.032', 'p = 4.1e-9' (gate messages show how far beyond alpha it is). */
function pValueText(p: number): string {
  if (p === 0) return 'p < 1e-300' // underflow: smaller than a double can hold
  return `p = ${p >= 1e-3 ? String(Number(p.toPrecision(2))) : p.toExponential(1)}`
}

function describeTest(t: SignificanceTest, alpha: number): string {
  const statistic = Number.isInteger(t.statistic) ? String(t.statistic) : t.statistic.toFixed(2)
  const verdict = t.pValue < alpha ? '<' : '≥'
  return `${TEST_NAMES[t.test] ?? t.test}: ${t.statisticName} = ${statistic}, ${pValueText(t.pValue)} ${verdict} ${alpha}${t.detail ? `; ${t.detail}` : ''}`
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
  const tolerance = override.tolerance ?? options.thresholds[rule.tolerance]
  const alpha = override.alpha ?? options.thresholds.alpha
  const change = changeOf(rule, base.value, cur.value)
  const out: MetricComparison = {
    metric: id,
    verdict: 'unchanged',
    baseline: base.value,
    current: cur.value,
    change,
    unit: rule.unit,
    tolerance,
    alpha,
    reason: '',
  }
  const relative = rule.change === 'relative'
  const changeText = formatChange(out, relative)
  const toleranceText = formatTolerance(tolerance, relative, rule.unit)
  const worse = rule.better === 'lower' ? change > tolerance : change < -tolerance
  const better = rule.better === 'lower' ? change < -tolerance : change > tolerance
  if (!worse && !better) {
    out.reason = `${changeText} is within the tolerance ${toleranceText}`
    return out
  }
  const direction = worse ? 'worse' : 'better'
  const test = rule.test({ baseline, current, metric: id, group: cur.group ?? '' }, direction)
  if (test) {
    out.test = test.test
    out.statistic = test.statistic
    out.statisticName = test.statisticName
    out.pValue = test.pValue
  }
  const significant = test === undefined || test.pValue < alpha
  out.verdict = significant ? (worse ? 'regressed' : 'improved') : 'unchanged'
  const testText = test ? describeTest(test, alpha) : cur.rule === 'rssPeak' ? 'one peak per run, no test' : 'no per-call data to test'
  out.reason = `${changeText} is beyond the tolerance ${toleranceText}${test ? (significant ? ' and significant' : ' but not significant') : ''} (${testText})`
  return out
}

/**
 * Compares a current result (reduced by `baselineEntryOf`) with its baseline entry, metric by
 * metric. A metric regresses (or improves) when its change is beyond the tolerance AND the
 * one-sided test of its rule is significant at alpha; without per-call data (peak memory) the
 * tolerance alone decides. Metrics the environment invalidates are `incomparable`; metrics the
 * baseline lacks are `new`. Pure.
 */
export function compareToBaseline(baseline: BaselineEntry | undefined, current: BaselineEntry, options: CompareOptions): ResultComparison {
  const metrics: MetricComparison[] = []
  if (!baseline) {
    for (const [id, metric] of Object.entries(current.metrics)) {
      metrics.push({ metric: id, verdict: 'new', current: metric.value, unit: METRIC_RULES[metric.rule].unit, reason: 'no baseline yet' })
    }
    return { verdict: 'new', metrics }
  }
  const differences = environmentDifferences(baseline, current)
  const because = new Set<string>()
  for (const [id, cur] of Object.entries(current.metrics)) {
    const rule = METRIC_RULES[cur.rule]
    const base = baseline.metrics[id]
    if (!base || base.rule !== cur.rule) {
      metrics.push({ metric: id, verdict: 'new', current: cur.value, unit: rule.unit, reason: 'not in the baseline' })
      continue
    }
    const fields = rule.family === 'performance' ? [...differences.all, ...differences.performance] : differences.all
    if (fields.length > 0) {
      for (const f of fields) because.add(f)
      metrics.push({
        metric: id,
        verdict: 'incomparable',
        baseline: base.value,
        current: cur.value,
        change: changeOf(rule, base.value, cur.value),
        unit: rule.unit,
        reason: `environment differs: ${describeDifferences(baseline, current, fields)}`,
      })
      continue
    }
    metrics.push(judgeMetric(id, cur, base, baseline, current, options))
  }
  const comparison: ResultComparison = { verdict: worstVerdict(metrics.map((m) => m.verdict)), metrics }
  if (because.size > 0) comparison.incomparableBecause = [...because]
  return comparison
}

/** One line per metric: 'p95 latency regressed: 1.20 ms → 1.58 ms: +31.7% is beyond the tolerance 10% and significant (…)'. */
export function describeMetric(m: MetricComparison): string {
  const values =
    m.baseline === undefined ? formatMetricValue(m.current, m.unit) : `${formatMetricValue(m.baseline, m.unit)} → ${formatMetricValue(m.current, m.unit)}`
  return `${metricLabel(m.metric)} ${m.verdict}: ${values}: ${m.reason}`
}

/**
 * The failure message of a result's regressions (and, when `failOnIncomparable`, its
 * incomparable metrics): the result, where it is, then one line per metric. Undefined when
 * nothing fails.
 */
export function failureMessage(
  result: { kind: string; name: string },
  where: string,
  comparison: ResultComparison,
  failOnIncomparable: boolean,
): string | undefined {
  const failing = comparison.metrics.filter((m) => m.verdict === 'regressed' || (failOnIncomparable && m.verdict === 'incomparable'))
  if (failing.length === 0) return undefined
  return [`${result.kind} "${result.name}" (${where}) fails the baseline gate:`, ...failing.map((m) => `  ${describeMetric(m)}`)].join('\n')
}

/** The metric that decided a comparison's verdict (the first with that verdict), for one-line summaries. */
export function decidingMetric(comparison: ResultComparison): MetricComparison | undefined {
  return comparison.metrics.find((m) => m.verdict === comparison.verdict) ?? comparison.metrics[0]
}

/** A metric's change as shown in tables: '+31.7%', accuracy '−3.0 pp'; '–' without a baseline. */
export function formatMetricChange(m: MetricComparison): string {
  return formatChange(m, ruleOf(m.metric)?.change !== 'absolute')
}
