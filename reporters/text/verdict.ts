/**
 * The words of the baseline gate: every sentence about a metric comparison that a user reads — the
 * worker gate's and `toBeWithinBaseline`'s failure messages, the console, summary.md and the HTML
 * report — is made here from the comparison's data.
 */
import { visibleText } from './terminal.js'
import { formatChange, formatMetricValue, formatPercent, formatPValue, formatTolerance } from '../../src/core/units.js'
import { ruleOf } from '../../src/gate/compare.js'
import type { UpdateMode } from '../../src/gate/policy.js'
import type { MetricRuleName } from '../../src/gate/schema.js'
import { VERDICTS, type EnvDifference, type EnvValue, type MetricComparison, type ResultComparison, type Verdict } from '../../src/gate/verdict.js'
import { formatInterval } from './interval.js'

/** Verdicts most urgent first: the order of counts, sections and rows wherever verdicts are listed. */
export const VERDICTS_BY_URGENCY: readonly Verdict[] = [...VERDICTS].reverse()

const LABELS: Record<MetricRuleName, string> = {
  p50: 'p50 latency',
  p95: 'p95 latency',
  throughput: 'throughput',
  rssPeak: 'peak RSS',
  accuracy: 'accuracy',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  exactMatch: 'exact match',
  bleu: 'BLEU',
  chrf: 'chrF',
  rougeL: 'ROUGE-L',
  wer: 'WER',
  cer: 'CER',
}

/** How each method is named; schema-1 documents name the old rule's single tests. */
const METHOD_NAMES: Record<string, string> = {
  'mann-whitney-ratio': 'Mann–Whitney ratio',
  'paired-slices': 'signed-rank test over interleaved ABBA slices',
  'quantile-ratio': 'order-statistic quantile ratio',
  'mean-ratio': 't-test of the ratio of means',
  'paired-proportion': 'paired proportions',
  'two-proportion': 'two proportions',
  'mean-difference': 't-test of the difference',
  'paired-bootstrap': 'paired bootstrap over examples',
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

/** The interval of a metric's change, compact, in the change's unit without repeating it: '[−1.2, +7.4]'; '' without one. */
export function formatChangeInterval(m: MetricComparison): string {
  if (!m.interval) return ''
  const bare = (v: number) => formatMetricChange({ ...m, change: v }).replace(/%$| pp$/, '')
  return `[${formatInterval(m.interval, bare, ', ')}]`
}

/** A change with its interval when it has one: '+3.1% [−1.2, +7.4]'. */
export function formatChangeWithInterval(m: MetricComparison): string {
  const interval = formatChangeInterval(m)
  return interval ? `${formatMetricChange(m)} ${interval}` : formatMetricChange(m)
}

/**
 * A result's inconclusive metrics on one line, the first few with their intervals:
 * 'p95 latency +10.5% [-10.1, +36.0], throughput -15.9% [-92.2, +303.1], and 8 more'. A load test
 * can have a dozen; the report lists them all. `label` names a metric (and escapes it for Markdown).
 */
export function inconclusiveLine(comparison: ResultComparison, label: (metricId: string) => string = metricLabel, shown = 4): string {
  const metrics = comparison.metrics.filter((m) => m.verdict === 'inconclusive')
  const listed = metrics.slice(0, shown).map((m) => `${label(m.metric)} ${formatChangeWithInterval(m)}`)
  return `${listed.join(', ')}${metrics.length > shown ? `, and ${metrics.length - shown} more` : ''}`
}

/** '98% CI +2.1% … +9.8%'; a bound the data cannot give is 'open'. */
function intervalText(m: MetricComparison, relative: boolean): string | undefined {
  const i = m.interval
  if (!i) return undefined
  const level = `${formatPercent(i.level)} CI`
  if (i.lower === null && i.upper === null) return `${level} open on both sides`
  return `${level} ${formatInterval(i, (v) => formatChange(v, m.unit, relative), ' … ')}`
}

/**
 * 'p = 3.1e-6 < 0.01', with the multiple-comparison control when `adjusted` and the metric had
 * one; 0 is an underflow, below what a double holds.
 */
function pText(m: MetricComparison, p: number, adjusted: boolean): string {
  const alpha = m.alpha as number
  const control = adjusted && m.multiplicity
    ? ` after ${m.multiplicity.method === 'bh' ? 'Benjamini–Hochberg' : 'Bonferroni'} over ${m.multiplicity.family} metrics`
    : ''
  return `${p === 0 ? 'p < 1e-300' : `p = ${formatPValue(p)}`} ${p < alpha ? '<' : '≥'} ${alpha}${control}`
}

/** How the interval and p-values were made: 'Mann–Whitney ratio'. */
function methodText(m: MetricComparison): string | undefined {
  return m.method === undefined ? undefined : (METHOD_NAMES[m.method] ?? m.method)
}

/** 'Mann–Whitney ratio, p = 3.1e-6 < 0.01 after Benjamini–Hochberg over 27 metrics': what decided the verdict. */
function evidenceText(m: MetricComparison, p: number, adjusted: boolean): string {
  const method = methodText(m)
  return `${method ? `${method}, ` : ''}${pText(m, p, adjusted)}`
}

/** A verdict on the point change alone (no interval): '+20.0% is beyond the tolerance 10% (one peak per run: …)'. */
function toleranceOnly(m: MetricComparison, change: string, tolerance: string, why: string): string {
  const side = m.verdict === 'unchanged' ? 'within' : 'beyond'
  return `${change} is ${side} the tolerance ${tolerance} (${why}${m.verdict === 'inconclusive' ? ': inconclusive, never a failure' : ''})`
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

/** The tolerance a metric's change was held to, '± 10%' or '± 1 pp'; '' when it was not judged against one. */
export function toleranceText(m: MetricComparison): string {
  if (m.tolerance === undefined) return ''
  return `± ${formatTolerance(m.tolerance, m.unit, ruleOf(m.metric)?.change !== 'absolute')}`
}

/**
 * Why a metric got its verdict: '+31.7% (98% CI +25.1% … +38.0%) is beyond the tolerance 10%
 * (Mann–Whitney ratio, p = 1e-9 < 0.01 after Benjamini–Hochberg over 27 metrics)', 'no baseline yet'.
 */
export function whyText(m: MetricComparison): string {
  if (m.why === 'no-baseline') return 'no baseline yet'
  if (m.why === 'not-in-baseline') return 'not in the baseline'
  if (m.why === 'env-differs') return `environment differs: ${(m.differences ?? []).map(differenceText).join(', ')}`
  if (m.why === 'machine-speed') {
    const ratio = m.machineSpeedRatio as number
    const how = ratio >= 1 ? `${ratio.toFixed(2)}× slower` : `${(1 / ratio).toFixed(2)}× faster`
    return `this machine ran the speed probe ${how} than when the baseline was recorded: timings cannot be compared`
  }
  const relative = ruleOf(m.metric)?.change !== 'absolute'
  const change = formatChange(m.change, m.unit, relative)
  const tolerance = formatTolerance(m.tolerance as number, m.unit, relative)
  const interval = intervalText(m, relative)
  const measured = interval ? `${change} (${interval})` : change
  const worse = m.multiplicity?.worse ?? m.pWorse
  const better = m.multiplicity?.better ?? m.pBetter
  switch (m.why) {
    case 'beyond-tolerance': {
      const p = m.verdict === 'improved' ? better : worse
      // schema 1 kept only the name of the test that found the change significant
      const evidence = p === undefined || m.alpha === undefined ? `significant by ${methodText(m) ?? 'a test'}` : evidenceText(m, p, true)
      return `${measured} is beyond the tolerance ${tolerance} (${evidence})`
    }
    case 'within-tolerance': {
      if (m.pWithin !== undefined) return `${measured} is within ± the tolerance ${tolerance} (${evidenceText(m, m.pWithin, false)})`
      // schema 1's 'unchanged' also covered a change beyond the tolerance that its test did not find significant
      if (Math.abs(m.change ?? 0) <= (m.tolerance as number)) return `${change} is within the tolerance ${tolerance}`
      const method = methodText(m)
      return `${change} is beyond the tolerance ${tolerance} but not significant${method ? ` (${method})` : ''}`
    }
    case 'undecided': {
      // both p-values, each against alpha: only "beyond" went through multiple-comparison control
      const beyond = Math.min(worse ?? 1, better ?? 1)
      const method = methodText(m)
      // a run whose probes saw the machine change speed: say so, it is usually why
      const drift = m.machineDrift !== undefined && m.machineDrift >= 0.05 ? `; the machine's speed moved ±${(m.machineDrift * 100).toFixed(0)}% during this run` : ''
      return `${measured} reaches across the tolerance ${tolerance}: neither beyond nor within it is shown (${method ? `${method}: ` : ''}beyond, ${pText(m, beyond, true)}; within, ${pText(m, m.pWithin ?? 1, false)}${drift})`
    }
    case 'no-noise-model':
      return toleranceOnly(m, change, tolerance, 'one peak per run: no noise to test it against')
    case 'no-test-data':
      return toleranceOnly(m, change, tolerance, 'no per-call or per-example data to test it')
    case 'measured-apart':
      return `${measured} is beyond the tolerance ${tolerance}, but the two sides measured it one after the other, not interleaved: an A/B run does not gate such a timing (what either side runs between its measurements shares the CPU)`
  }
}

/** One line per metric: 'p95 latency regressed: 1.20 ms → 1.58 ms: +31.7% (98% CI …) is beyond the tolerance 10% (…)'. */
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
  // shown in a terminal: a name's control or bidi characters are made visible (see visibleText)
  return [`${result.kind} "${visibleText(result.name)}" (${visibleText(where)}) fails the baseline gate:`, ...failing.map((m) => `  ${describeMetric(m)}`)].join('\n')
}

/**
 * Metrics in brief: 'p50 latency, throughput'; the per-level metrics of a load test or sweep are
 * grouped: 'p50 latency, p95 latency, throughput at 4 levels'.
 */
export function metricsSummary(ids: readonly string[]): string {
  const rules: string[] = []
  const groups = new Set<string>()
  for (const id of ids) {
    const space = id.lastIndexOf(' ')
    const rule = id.slice(space + 1)
    if (!rules.includes(rule)) rules.push(rule)
    groups.add(space < 0 ? '' : id.slice(0, space))
  }
  if (groups.size <= 1) return ids.map(metricLabel).join(', ')
  const sizes = [...groups].every((g) => g.startsWith('batch '))
  return `${rules.map(metricLabel).join(', ')} at ${groups.size} ${sizes ? 'batch sizes' : 'levels'}`
}

/** What each update mode does to the baselines, in words. */
const UPDATE_MODES: Record<UpdateMode, string> = {
  new: 'new results get a baseline; existing ones are kept',
  none: 'read-only (CI): nothing is written',
  all: 're-recording every result (-u)',
}

/** The update mode in words: 'read-only (CI): nothing is written'. */
export function updateModeText(mode: UpdateMode): string {
  return UPDATE_MODES[mode]
}
