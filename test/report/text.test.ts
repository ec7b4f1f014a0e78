/**
 * The prose renderers (reporters/text/): the sentences the gate's failure messages, the console,
 * summary.md and the HTML report show, made from structured comparisons.
 */
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { evaluationHeadline, loadHeadline } from '../../reporters/text/headline.js'
import { comparisonPValue, describePair, preferenceText, recommendationText } from '../../src/compare-models/text.js'
import {
  describeMetric,
  failureMessage,
  formatChangeInterval,
  formatChangeWithInterval,
  formatMetricChange,
  inconclusiveLine,
  metricLabel,
  whyText,
  metricsSummary,
  toleranceText,
  updateModeText,
} from '../../reporters/text/verdict.js'
import { readResultsJson } from '../../src/gate/results-json.js'
import type { ChangeMethod } from '../../src/gate/rules.js'
import type { ComparisonWhy, MetricComparison, ResultComparison } from '../../src/gate/verdict.js'
import type { ModelComparisonResult, ModelPairComparison } from '../../src/results/model-comparison.js'
import { TEST_ENV } from '../baseline/synthetic.js'

const judged = { tolerance: 0.1, alpha: 0.01 } as const

const p50Regressed: MetricComparison = {
  metric: 'p50',
  verdict: 'regressed',
  why: 'beyond-tolerance',
  baseline: 1.2,
  current: 1.58,
  change: 0.38 / 1.2,
  unit: 'ms',
  ...judged,
  method: 'mann-whitney-ratio',
  interval: { lower: 0.251, upper: 0.38, level: 0.98 },
  pWorse: 1.26e-5,
  pBetter: 1,
  pWithin: 1,
}

const accuracyRegressed: MetricComparison = {
  metric: 'accuracy',
  verdict: 'regressed',
  why: 'beyond-tolerance',
  baseline: 0.85,
  current: 0.82,
  change: -0.03,
  unit: 'fraction',
  tolerance: 0.01,
  alpha: 0.01,
  method: 'paired-proportion',
  interval: { lower: -0.0512, upper: -0.0104, level: 0.98 },
  pWorse: 2 * 0.5 ** 12,
  pBetter: 1,
  pWithin: 1,
}

/** A metric judged on its interval: the verdict and why, the interval and the p-values behind them. */
function tested(verdict: MetricComparison['verdict'], why: MetricComparison['why'], change: number, interval: [number | null, number | null], p: Partial<MetricComparison>): MetricComparison {
  return { ...p50Regressed, verdict, why, change, current: 1.2 * (1 + change), interval: { lower: interval[0], upper: interval[1], level: 0.98 }, ...p }
}

describe('verdict text', () => {
  test('metric labels name the rule, after the group', () => {
    expect(metricLabel('p95')).toBe('p95 latency')
    expect(metricLabel('batch 8 throughput')).toBe('batch 8 throughput')
    expect(metricLabel('concurrency 4 rssPeak')).toBe('concurrency 4 peak RSS')
    expect(metricLabel('r2')).toBe('R²')
    expect(metricLabel('toString')).toBe('toString')
  })

  test('a metric without a baseline, or missing from it', () => {
    expect(whyText({ metric: 'p50', verdict: 'new', why: 'no-baseline', current: 1, unit: 'ms' })).toBe('no baseline yet')
    expect(whyText({ metric: 'p50', verdict: 'new', why: 'not-in-baseline', current: 1, unit: 'ms' })).toBe('not in the baseline')
    expect(describeMetric({ metric: 'p95', verdict: 'new', why: 'no-baseline', current: 1.2, unit: 'ms' })).toBe('p95 latency new: 1.20 ms: no baseline yet')
  })

  test('environment differences with both values; hashes shortened, an absent CPU limit is "none"', () => {
    const incomparable = (differences: MetricComparison['differences']): MetricComparison => ({
      metric: 'p50',
      verdict: 'incomparable',
      why: 'env-differs',
      baseline: 1,
      current: 2,
      change: 1,
      unit: 'ms',
      differences,
    })
    expect(
      whyText(
        incomparable([
          { field: 'cpuModel', baseline: TEST_ENV.cpuModel, current: 'Other CPU' },
          { field: 'cores', baseline: 2, current: 8 },
        ]),
      ),
    ).toBe('environment differs: cpuModel Test CPU @ 3.0GHz → Other CPU, cores 2 → 8')
    expect(whyText(incomparable([{ field: 'cpuLimit', baseline: null, current: 1.5 }]))).toBe('environment differs: cpuLimit none → 1.5')
    expect(whyText(incomparable([{ field: 'model.sha256', baseline: 'a'.repeat(64), current: 'b'.repeat(64) }]))).toBe(
      'environment differs: model.sha256 aaaaaaaaaaaa… → bbbbbbbbbbbb…',
    )
    // results.json schema 1 kept only the field names
    expect(whyText(incomparable([{ field: 'cores' }, { field: 'os' }]))).toBe('environment differs: cores, os')
  })

  test('every why, in words: the change, its interval, the tolerance and the evidence', () => {
    const machine = (ratio: number): MetricComparison => ({ metric: 'p50', verdict: 'incomparable', why: 'machine-speed', baseline: 1, current: 2, change: 1, unit: 'ms', machineSpeedRatio: ratio })
    const rss = (verdict: MetricComparison['verdict'], change: number): MetricComparison => ({
      metric: 'rssPeak', verdict, why: 'no-noise-model', baseline: 100e6, current: 100e6 * (1 + change), change, unit: 'bytes', ...judged,
    })
    const untested = (verdict: MetricComparison['verdict'], change: number): MetricComparison => ({ ...p50Regressed, verdict, why: 'no-test-data', change, interval: undefined, method: undefined, pWorse: undefined, pBetter: undefined, pWithin: undefined })
    // a Record over every ComparisonWhy: a new why fails to compile until it is worded and tested here
    const cases: Record<ComparisonWhy, Array<[MetricComparison, string]>> = {
      'no-baseline': [[{ metric: 'p50', verdict: 'new', why: 'no-baseline', current: 1, unit: 'ms' }, 'no baseline yet']],
      'not-in-baseline': [[{ metric: 'p50', verdict: 'new', why: 'not-in-baseline', current: 1, unit: 'ms' }, 'not in the baseline']],
      'env-differs': [[{ metric: 'p50', verdict: 'incomparable', why: 'env-differs', current: 1, unit: 'ms', differences: [{ field: 'cores', baseline: 2, current: 8 }] }, 'environment differs: cores 2 → 8']],
      'machine-speed': [
        [machine(1.4), 'this machine ran the speed probe 1.40× slower than when the baseline was recorded: timings cannot be compared'],
        [machine(0.5), 'this machine ran the speed probe 2.00× faster than when the baseline was recorded: timings cannot be compared'],
      ],
      'beyond-tolerance': [
        [p50Regressed, '+31.7% (98% CI +25.1% … +38.0%) is beyond the tolerance 10% (Mann–Whitney ratio, p = 1.3e-5 < 0.01)'],
        [
          tested('improved', 'beyond-tolerance', -0.3, [-0.35, -0.25], { pWorse: 1, pBetter: 2.5e-9 }),
          '-30.0% (98% CI -35.0% … -25.0%) is beyond the tolerance 10% (Mann–Whitney ratio, p = 2.5e-9 < 0.01)',
        ],
      ],
      'within-tolerance': [
        [
          tested('unchanged', 'within-tolerance', 0.05, [0.02, 0.08], { method: 'quantile-ratio', pWorse: 1, pBetter: 1, pWithin: 0.0021 }),
          '+5.0% (98% CI +2.0% … +8.0%) is within ± the tolerance 10% (order-statistic quantile ratio, p = 0.0021 < 0.01)',
        ],
        // results.json schema 1: no interval; 'unchanged' was also a change beyond the tolerance that was not significant
        [{ ...untested('unchanged', 0.05), why: 'within-tolerance' }, '+5.0% is within the tolerance 10%'],
        [{ ...untested('unchanged', -0.22), why: 'within-tolerance', method: 'quantile-exceedance' }, '-22.0% is beyond the tolerance 10% but not significant (tail exceedance z-test)'],
      ],
      undecided: [
        [
          tested('inconclusive', 'undecided', -0.25, [-0.6, 0.1], { method: 'mean-ratio', pWorse: 1, pBetter: 0.0712, pWithin: 0.93 }),
          '-25.0% (98% CI -60.0% … +10.0%) reaches across the tolerance 10%: neither beyond nor within it is shown (t-test of the ratio of means: beyond, p = 0.071 ≥ 0.01; within, p = 0.93 ≥ 0.01)',
        ],
      ],
      'no-noise-model': [
        [rss('unchanged', 0.05), '+5.0% is within the tolerance 10% (one peak per run: no noise to test it against)'],
        [rss('inconclusive', 0.2), '+20.0% is beyond the tolerance 10% (one peak per run: no noise to test it against: inconclusive, never a failure)'],
        // results.json schema 1 failed a peak on the tolerance alone
        [rss('regressed', 0.2), '+20.0% is beyond the tolerance 10% (one peak per run: no noise to test it against)'],
      ],
      'no-test-data': [
        [untested('unchanged', 0.05), '+5.0% is within the tolerance 10% (no per-call or per-example data to test it)'],
        [untested('inconclusive', 0.317), '+31.7% is beyond the tolerance 10% (no per-call or per-example data to test it: inconclusive, never a failure)'],
        [untested('regressed', 0.317), '+31.7% is beyond the tolerance 10% (no per-call or per-example data to test it)'],
      ],
      'measured-apart': [
        [
          { ...p50Regressed, verdict: 'inconclusive', why: 'measured-apart' },
          '+31.7% (98% CI +25.1% … +38.0%) is beyond the tolerance 10%, but the two sides measured it one after the other, not interleaved: an A/B run does not gate such a timing (what either side runs between its measurements shares the CPU)',
        ],
      ],
    }
    for (const [why, list] of Object.entries(cases)) {
      expect(list.length, why).toBeGreaterThan(0)
      for (const [m, text] of list) {
        expect(m.why).toBe(why)
        expect(whyText(m), why).toBe(text)
      }
    }
    expect(describeMetric(p50Regressed)).toBe(
      'p50 latency regressed: 1.20 ms → 1.58 ms: +31.7% (98% CI +25.1% … +38.0%) is beyond the tolerance 10% (Mann–Whitney ratio, p = 1.3e-5 < 0.01)',
    )
  })

  test('an open bound of the interval is "open"; the p-value after multiple-comparison control, with the method and family', () => {
    expect(whyText({ ...p50Regressed, interval: { lower: 0.251, upper: null, level: 0.98 } })).toMatch(/^\+31\.7% \(98% CI \+25\.1% … open\) is beyond/)
    expect(whyText({ ...p50Regressed, verdict: 'inconclusive', why: 'undecided', interval: { lower: null, upper: null, level: 0.98 } })).toMatch(
      /^\+31\.7% \(98% CI open on both sides\) reaches across the tolerance 10%/,
    )
    const bh = { ...p50Regressed, multiplicity: { method: 'bh' as const, family: 27, worse: 3.4e-4, better: 1 } }
    expect(whyText(bh)).toMatch(/\(Mann–Whitney ratio, p = 3\.4e-4 < 0\.01 after Benjamini–Hochberg over 27 metrics\)$/)
    // a regression that did not survive the control is no longer shown at alpha
    const bonferroni = { ...p50Regressed, verdict: 'inconclusive' as const, why: 'undecided' as const, multiplicity: { method: 'bonferroni' as const, family: 12, worse: 1.5e-4 * 12, better: 1 } }
    expect(whyText(bonferroni)).toMatch(/beyond, p = 0\.0018 < 0\.01 after Bonferroni over 12 metrics; within, p = 1 ≥ 0\.01\)$/)
    // "within" is never adjusted
    expect(whyText({ ...bh, verdict: 'unchanged', why: 'within-tolerance', pWithin: 0.004 })).toMatch(/\(Mann–Whitney ratio, p = 0\.004 < 0\.01\)$/)
  })

  test('accuracy in points, with its interval; a p-value that underflowed', () => {
    expect(describeMetric(accuracyRegressed)).toBe(
      'accuracy regressed: 0.85 → 0.82: −3.0 pp (98% CI −5.1 pp … −1.0 pp) is beyond the tolerance 1 pp (paired proportions, p = 4.9e-4 < 0.01)',
    )
    expect(whyText({ ...accuracyRegressed, pWorse: 0 })).toContain('p < 1e-300 < 0.01')
  })

  test('every method is named, schema 1’s tests too; an unknown one as written', () => {
    const method = (name: string) => whyText({ ...p50Regressed, method: name })
    const names: Record<ChangeMethod, string> = {
      'mann-whitney-ratio': 'Mann–Whitney ratio',
      'quantile-ratio': 'order-statistic quantile ratio',
      'mean-ratio': 't-test of the ratio of means',
      'paired-proportion': 'paired proportions',
      'two-proportion': 'two proportions',
      'mean-difference': 't-test of the difference',
      'paired-bootstrap': 'paired bootstrap over examples',
    }
    for (const [id, name] of Object.entries(names)) expect(method(id)).toMatch(new RegExp(`\\(${name}, p = 1\\.3e-5 < 0\\.01\\)$`))
    // schema 1: the test that found a regression significant, its p-value not kept
    const v1 = (test: string) => whyText({ ...p50Regressed, method: test, interval: undefined, pWorse: undefined, pBetter: undefined, pWithin: undefined })
    expect(v1('mann-whitney-u')).toBe('+31.7% is beyond the tolerance 10% (significant by Mann–Whitney U)')
    expect(v1('welch-t')).toMatch(/\(significant by Welch's t-test\)$/)
    expect(v1('quantile-exceedance')).toMatch(/\(significant by tail exceedance z-test\)$/)
    expect(v1('mcnemar')).toMatch(/\(significant by McNemar\)$/)
    expect(v1('two-proportion-z')).toMatch(/\(significant by two-proportion z-test\)$/)
    expect(v1('sign-test')).toMatch(/\(significant by sign test\)$/)
    expect(method('bootstrap-x')).toMatch(/\(bootstrap-x, p = 1\.3e-5 < 0\.01\)$/)
    expect(whyText({ ...p50Regressed, method: undefined })).toMatch(/is beyond the tolerance 10% \(p = 1\.3e-5 < 0\.01\)$/)
  })

  test('changes with their intervals, compact: relative in %, accuracy in points, R² absolute; open bounds', () => {
    const r2: MetricComparison = {
      ...p50Regressed, metric: 'r2', unit: 'number', baseline: 0.5, current: 0.48, change: -0.02, tolerance: 0.01, verdict: 'inconclusive', why: 'no-test-data', interval: undefined,
    }
    expect(whyText(r2)).toBe('−0.02 is beyond the tolerance 0.01 (no per-call or per-example data to test it: inconclusive, never a failure)')
    expect(formatMetricChange(r2)).toBe('−0.02')
    expect(formatChangeInterval(r2)).toBe('')
    expect(formatChangeWithInterval(r2)).toBe('−0.02')
    expect(formatChangeWithInterval({ ...r2, interval: { lower: -0.0312, upper: -0.0088, level: 0.98 } })).toBe('−0.02 [−0.0312, −0.0088]')
    expect(formatMetricChange(accuracyRegressed)).toBe('−3.0 pp')
    expect(formatChangeInterval(accuracyRegressed)).toBe('[−5.1, −1.0]')
    expect(formatChangeWithInterval(accuracyRegressed)).toBe('−3.0 pp [−5.1, −1.0]')
    expect(formatMetricChange(p50Regressed)).toBe('+31.7%')
    expect(formatChangeWithInterval(p50Regressed)).toBe('+31.7% [+25.1, +38.0]')
    expect(formatChangeWithInterval({ ...p50Regressed, interval: { lower: -0.012, upper: null, level: 0.98 } })).toBe('+31.7% [-1.2, open]')
    expect(formatChangeInterval({ ...p50Regressed, interval: { lower: null, upper: null, level: 0.98 } })).toBe('[open, open]')
    expect(formatMetricChange({ metric: 'p50', verdict: 'new', why: 'no-baseline', current: 1, unit: 'ms' })).toBe('–')
    expect(formatChangeWithInterval({ metric: 'p50', verdict: 'new', why: 'no-baseline', current: 1, unit: 'ms' })).toBe('–')
  })

  test('a result’s inconclusive metrics on one line: the first four with their intervals, then how many more', () => {
    const level = (i: number) => tested('inconclusive', 'undecided', 0.2, [-0.05, 0.45], { metric: `concurrency ${i} p95`, pWorse: 0.03, pWithin: 0.8 })
    const comparison = (n: number): ResultComparison => ({ verdict: 'inconclusive', metrics: [p50Regressed, ...Array.from({ length: n }, (_, i) => level(i + 1))] })
    expect(inconclusiveLine(comparison(2))).toBe('concurrency 1 p95 latency +20.0% [-5.0, +45.0], concurrency 2 p95 latency +20.0% [-5.0, +45.0]')
    expect(inconclusiveLine(comparison(6))).toMatch(/^(concurrency [1-4] p95 latency \+20\.0% \[-5\.0, \+45\.0\], ){4}and 2 more$/)
    expect(inconclusiveLine(comparison(5), (id) => `<${id}>`, 1)).toBe('<concurrency 1 p95> +20.0% [-5.0, +45.0], and 4 more')
  })

  test('the failure message names the result, where it is, and each failing metric; inconclusive never fails', () => {
    const incomparable: MetricComparison = { metric: 'cores p50', verdict: 'incomparable', why: 'env-differs', current: 1, unit: 'ms', differences: [{ field: 'cores', baseline: 2, current: 8 }] }
    const inconclusive = tested('inconclusive', 'undecided', 0.2, [0.05, 0.35], { pWorse: 0.03, pWithin: 0.8 })
    const comparison: ResultComparison = {
      verdict: 'regressed',
      metrics: [p50Regressed, { ...p50Regressed, metric: 'p95', verdict: 'unchanged', why: 'within-tolerance' }, incomparable, { ...inconclusive, metric: 'throughput' }],
    }
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'benches/x.bench.ts › t › a', comparison, false)).toBe(
      `benchmark "a" (benches/x.bench.ts › t › a) fails the baseline gate:\n  ${describeMetric(p50Regressed)}`,
    )
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'x', comparison, true)).toMatch(/\n {2}cores p50 latency incomparable: 1\.00 ms: environment differs: cores 2 → 8$/)
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'x', { verdict: 'incomparable', metrics: [incomparable] }, false)).toBeUndefined()
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'x', { verdict: 'inconclusive', metrics: [inconclusive] }, true)).toBeUndefined()
  })
})

describe('model comparison text', () => {
  const accuracy = (difference: number, pValue: number): ModelPairComparison['accuracy'] => ({
    difference,
    mcnemar: { b: 3, c: 12, n: 15, statistic: 3, pValue, method: 'exact' },
  })
  const latency = (ratio: number, pValue: number): ModelPairComparison['latency'] => ({ ratio, test: 'mann-whitney-u', pValue, effect: 0.5 })

  test('p-values: below 0.001 as a bound, else two significant digits', () => {
    expect(comparisonPValue(0.0004)).toBe('p<0.001')
    expect(comparisonPValue(0.03515625)).toBe('p=0.035')
    expect(comparisonPValue(1)).toBe('p=1')
  })

  test('a pair: accuracy in points and latency in percent, each with its significance', () => {
    expect(describePair({ a: 'base', b: 'tuned', accuracy: accuracy(0.09, 0.035) }, 0.05)).toBe('Against base, tuned is 9.0 points more accurate (p=0.035)')
    expect(describePair({ a: 'base', b: 'tuned', accuracy: accuracy(-0.2, 0.0001), latency: latency(1.04, 0.41) }, 0.05)).toBe(
      'Against base, tuned is 20.0 points less accurate (p<0.001) and 4.0 % slower (not significant, p=0.41)',
    )
    expect(describePair({ a: 'base', b: 'tuned', accuracy: accuracy(0, 1), latency: latency(0.5, 0.0001) }, 0.05)).toBe(
      'Against base, tuned is equally accurate (not significant, p=1) and 50 % faster (p<0.001)',
    )
    expect(describePair({ a: 'x', b: 'y' }, 0.05)).toBe('y and x share no metric that can be compared')
  })

  const result = (preference: ModelComparisonResult['preference'], models: ModelComparisonResult['models']): Parameters<typeof preferenceText>[0] => ({
    models,
    pairs: [],
    alpha: 0.05,
    preference,
  })
  const timed = { value: 1 }
  const accurate = { value: 0.9 }

  test('which model to prefer and why', () => {
    const two = [{ name: 'base', accuracy: accurate, p50: timed }, { name: 'tuned', accuracy: accurate, p50: timed }]
    expect(preferenceText(result({ model: 'tuned', why: 'more-accurate', fasterAlternatives: [] }, [{ name: 'base', accuracy: accurate }, { name: 'tuned', accuracy: accurate }]))).toBe(
      'Prefer tuned: significantly more accurate.',
    )
    expect(preferenceText(result({ model: 'tuned', why: 'more-accurate', fasterAlternatives: [] }, two))).toBe('Prefer tuned: significantly more accurate and not significantly slower.')
    expect(preferenceText(result({ model: 'tuned', why: 'more-accurate', fasterAlternatives: ['base'] }, two))).toBe(
      'Prefer tuned for accuracy; base is significantly faster if latency matters more.',
    )
    expect(preferenceText(result({ model: 'big', why: 'more-accurate', fasterAlternatives: ['base', 'tuned'] }, two))).toBe(
      'Prefer big for accuracy; base, tuned are significantly faster if latency matters more.',
    )
    expect(preferenceText(result({ model: 'tuned', why: 'faster', fasterAlternatives: [] }, two))).toBe('Accuracy differences are not significant; prefer tuned: significantly faster.')
    expect(preferenceText(result({ model: 'tuned', why: 'faster', fasterAlternatives: [] }, [{ name: 'base', p50: timed }, { name: 'tuned', p50: timed }]))).toBe(
      'Prefer tuned: significantly faster.',
    )
    expect(preferenceText(result({ model: 'base', why: 'no-difference', fasterAlternatives: [] }, two))).toBe('No significant difference: keep base.')
  })

  test('the recommendation: every model against the reference, then the preference', () => {
    const r = {
      ...result({ model: 'b', why: 'more-accurate', fasterAlternatives: [] }, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
      pairs: [
        { a: 'a', b: 'b', accuracy: accuracy(0.09, 0.035) },
        { a: 'a', b: 'c', accuracy: accuracy(0.01, 0.5) },
        { a: 'b', b: 'c', accuracy: accuracy(-0.08, 0.04) },
      ],
    }
    expect(recommendationText(r)).toBe(
      'Against a, b is 9.0 points more accurate (p=0.035). Against a, c is 1.0 points more accurate (not significant, p=0.5). Prefer b: significantly more accurate.',
    )
  })
})

describe('headlines', () => {
  const fixture = readResultsJson(path.join(import.meta.dirname, '../fixtures/results/results.json'))
  const results = fixture.entries.map((e) => e.result)

  test('an evaluation: its key metrics in a few words', () => {
    const evaluation = results.find((r) => r.kind === 'evaluation')
    if (evaluation?.kind !== 'evaluation' || evaluation.task !== 'classification') throw new Error('the fixture has no classification')
    expect(evaluationHeadline(evaluation)).toMatch(/^accuracy 0\.\d+, macro F1 0\.\d+$/)
    expect(evaluationHeadline({ ...evaluation, task: 'regression', r2: 0.47731, rmse: 53.1234 } as never)).toBe('R² 0.4773, RMSE 53.12')
  })

  test('a load test: the best level within the SLO, else the peak, and why', () => {
    for (const r of results) {
      if (r.kind !== 'load-test') continue
      const headline = loadHeadline(r)
      const level = r.mode === 'closed' ? 'concurrency \\d+' : '\\d+/s offered'
      expect(headline?.label).toMatch(new RegExp(`^(best within SLO \\(p99 ≤ \\d\\.\\d\\d ms\\): ${level}|no level within SLO \\(p99 ≤ \\d\\.\\d\\d ms\\); peak at ${level})$`))
      const { slo: _slo, ...noSlo } = r
      expect(loadHeadline({ ...noSlo, maxThroughputWithinSlo: null })?.label).toMatch(new RegExp(`^peak at ${level}$`))
      expect(loadHeadline({ ...r, levels: [], maxThroughputWithinSlo: null })).toBeUndefined()
    }
  })
})

describe('brief words for the report', () => {
  test('metrics in brief: one result’s listed, per-level ones grouped by rule with the number of levels', () => {
    expect(metricsSummary(['p50', 'throughput'])).toBe('p50 latency, throughput')
    expect(metricsSummary(['concurrency 1 p50', 'concurrency 1 p95', 'concurrency 2 p50', 'concurrency 4 p50'])).toBe('p50 latency, p95 latency at 3 levels')
    expect(metricsSummary(['batch 1 throughput', 'batch 8 throughput'])).toBe('throughput at 2 batch sizes')
    expect(metricsSummary(['rate 100/s p95'])).toBe('rate 100/s p95 latency')
  })

  test('tolerances as the verdict held them: relative in %, accuracy in points; none when not judged', () => {
    const m = (metric: string, tolerance: number | undefined, unit: MetricComparison['unit']) => ({ metric, tolerance, unit, verdict: 'unchanged', why: 'within-tolerance', current: 1 }) as MetricComparison
    expect(toleranceText(m('p50', 0.1, 'ms'))).toBe('± 10%')
    expect(toleranceText(m('batch 8 throughput', 0.05, 'items/s'))).toBe('± 5%')
    expect(toleranceText(m('accuracy', 0.01, 'fraction'))).toBe('± 1 pp')
    expect(toleranceText(m('p50', undefined, 'ms'))).toBe('')
  })

  test('update modes in words, not their option values', () => {
    expect(updateModeText('new')).toBe('new results get a baseline; existing ones are kept')
    expect(updateModeText('none')).toBe('read-only (CI): nothing is written')
    expect(updateModeText('all')).toBe('re-recording every result (-u)')
  })
})
