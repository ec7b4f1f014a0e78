/**
 * The words of the baseline gate: every sentence about a metric comparison that a user reads — the
 * worker gate's and `toBeWithinBaseline`'s failure messages, the console, summary.md and the HTML
 * report — is made here from the comparison's data.
 */
import { formatChange, formatMetricValue, formatPValue, formatTolerance } from '../../src/core/units.js'
import { ruleOf } from '../../src/gate/compare.js'
import type { MetricRuleName } from '../../src/gate/schema.js'
import type { EnvDifference, EnvValue, MetricComparison, ResultComparison, TestDetail } from '../../src/gate/verdict.js'

const LABELS: Record<MetricRuleName, string> = {
  p50: 'p50 latency',
  p95: 'p95 latency',
  throughput: 'throughput',
  rssPeak: 'peak RSS',
  accuracy: 'accuracy',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
}

const TEST_NAMES: Record<string, string> = {
  'mann-whitney-u': 'Mann–Whitney U',
  'welch-t': "Welch's t-test",
  'quantile-exceedance': 'tail exceedance z-test',
  mcnemar: 'McNemar',
  'two-proportion-z': 'two-proportion z-test',
  'sign-test': 'sign test',
}

/** How a metric is called in messages: 'p95 latency', 'batch 8 throughput'. */
export function metricLabel(metricId: string): string {
  const space = metricId.lastIndexOf(' ')
  const rule = metricId.slice(space + 1)
  const label = Object.hasOwn(LABELS, rule) ? LABELS[rule as MetricRuleName] : metricId
  return space < 0 ? label : `${metricId.slice(0, space)} ${label}`
}

/** A metric's change as shown in tables: '+31.7%', accuracy '−3.0 pp'; '–' without a baseline. */
export function formatMetricChange(m: MetricComparison): string {
  return formatChange(m.change, m.unit, ruleOf(m.metric)?.change !== 'absolute')
}

function detailText(d: TestDetail): string {
  switch (d.kind) {
    case 'u':
      return `U = ${d.u}`
    case 'df':
      return `df = ${d.df.toFixed(1)}`
    case 'exceedance':
      return `${d.currentAbove}/${d.currentCalls} calls above the baseline p95 vs ${d.baselineAbove}/${d.baselineCalls}`
    case 'discordant':
      return `${d.newlyWrong} examples newly wrong, ${d.newlyRight} newly right`
    case 'sizes':
      return `n = ${d.baselineN} → ${d.currentN}`
    case 'signs':
      return `${d.larger} examples with a larger error, ${d.smaller} smaller`
    case 'absolute-errors':
      return 'absolute errors'
  }
}

/** 'Mann–Whitney U: z = 4.21, p = 1.3e-5 < 0.01; U = 31200': the test, its statistic, the p-value against alpha. */
function testText(m: MetricComparison): string {
  const statistic = m.statistic as number
  const p = m.pValue as number
  const alpha = m.alpha as number
  // the magnitude shows how far beyond alpha it is; 0 is an underflow, below what a double holds
  const pText = p === 0 ? 'p < 1e-300' : `p = ${formatPValue(p)}`
  const shown = Number.isInteger(statistic) ? String(statistic) : statistic.toFixed(2)
  const test = m.test as string
  return `${TEST_NAMES[test] ?? test}: ${m.statisticName} = ${shown}, ${pText} ${p < alpha ? '<' : '≥'} ${alpha}${m.testDetail ? `; ${detailText(m.testDetail)}` : ''}`
}

function valueText(v: EnvValue | undefined): string {
  if (v === null) return 'none'
  const s = String(v)
  return s.length > 16 && /^[0-9a-f]+$/.test(s) ? `${s.slice(0, 12)}…` : s
}

/** 'cores 8 → 2'; only the field when its values are unknown (results.json schema 1). */
function differenceText(d: EnvDifference): string {
  return 'baseline' in d || 'current' in d ? `${d.field} ${valueText(d.baseline)} → ${valueText(d.current)}` : d.field
}

/** Why a metric got its verdict: '+31.7% is beyond the tolerance 10% and significant (…)', 'no baseline yet'. */
export function whyText(m: MetricComparison): string {
  if (m.why === 'no-baseline') return 'no baseline yet'
  if (m.why === 'not-in-baseline') return 'not in the baseline'
  if (m.why === 'env-differs') return `environment differs: ${(m.differences ?? []).map(differenceText).join(', ')}`
  const relative = ruleOf(m.metric)?.change !== 'absolute'
  const change = formatChange(m.change, m.unit, relative)
  const tolerance = formatTolerance(m.tolerance as number, m.unit, relative)
  if (m.why === 'within-tolerance') return `${change} is within the tolerance ${tolerance}`
  const beyond = `${change} is beyond the tolerance ${tolerance}`
  switch (m.why) {
    case 'significant':
      return `${beyond} and significant (${testText(m)})`
    case 'not-significant':
      return `${beyond} but not significant (${testText(m)})`
    case 'peak-untested':
      return `${beyond} (one peak per run, no test)`
    case 'no-test-data':
      return `${beyond} (no per-call data to test)`
  }
}

/** One line per metric: 'p95 latency regressed: 1.20 ms → 1.58 ms: +31.7% is beyond the tolerance 10% and significant (…)'. */
export function describeMetric(m: MetricComparison): string {
  const values =
    m.baseline === undefined ? formatMetricValue(m.current, m.unit) : `${formatMetricValue(m.baseline, m.unit)} → ${formatMetricValue(m.current, m.unit)}`
  return `${metricLabel(m.metric)} ${m.verdict}: ${values}: ${whyText(m)}`
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
