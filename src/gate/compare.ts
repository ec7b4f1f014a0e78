import type { BaselineEntry, MetricRuleName, StoredMetric } from './schema.js'
import { differencesOf, environmentDifferences } from './environment.js'
import { METRIC_RULES, type MetricRule } from './rules.js'
import type { ResolvedThresholds } from './thresholds.js'
import type { MetricComparison, ResultComparison, Verdict } from './verdict.js'

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
    why: 'within-tolerance',
    baseline: base.value,
    current: cur.value,
    change,
    unit: rule.unit,
    tolerance,
    alpha,
  }
  const worse = rule.better === 'lower' ? change > tolerance : change < -tolerance
  const better = rule.better === 'lower' ? change < -tolerance : change > tolerance
  if (!worse && !better) return out
  const test = rule.test({ baseline, current, metric: id, group: cur.group ?? '' }, worse ? 'worse' : 'better')
  if (!test) {
    out.verdict = worse ? 'regressed' : 'improved'
    out.why = cur.rule === 'rssPeak' ? 'peak-untested' : 'no-test-data'
    return out
  }
  const significant = test.pValue < alpha
  out.verdict = significant ? (worse ? 'regressed' : 'improved') : 'unchanged'
  out.why = significant ? 'significant' : 'not-significant'
  out.test = test.test
  out.statistic = test.statistic
  out.statisticName = test.statisticName
  out.pValue = test.pValue
  out.testDetail = test.detail
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
