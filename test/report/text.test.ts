/**
 * The prose renderers (reporters/text/): the sentences the gate's failure messages, the console,
 * summary.md and the HTML report show, made from structured comparisons.
 */
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { evaluationHeadline, loadHeadline } from '../../reporters/text/headline.js'
import { comparisonPValue, describePair, preferenceText, recommendationText } from '../../src/compare-models/text.js'
import { describeMetric, failureMessage, formatMetricChange, metricLabel, whyText } from '../../reporters/text/verdict.js'
import { readResultsJson } from '../../src/gate/results-json.js'
import type { MetricComparison, ResultComparison } from '../../src/gate/verdict.js'
import type { ModelComparisonResult, ModelPairComparison } from '../../src/results/model-comparison.js'
import { TEST_ENV } from '../baseline/synthetic.js'

const judged = { tolerance: 0.1, alpha: 0.01 } as const

const p50Regressed: MetricComparison = {
  metric: 'p50',
  verdict: 'regressed',
  why: 'significant',
  baseline: 1.2,
  current: 1.58,
  change: 0.38 / 1.2,
  unit: 'ms',
  ...judged,
  test: 'mann-whitney-u',
  statistic: 4.2137,
  statisticName: 'z',
  pValue: 1.26e-5,
  testDetail: { kind: 'u', u: 31200 },
}

const accuracyRegressed: MetricComparison = {
  metric: 'accuracy',
  verdict: 'regressed',
  why: 'significant',
  baseline: 0.85,
  current: 0.82,
  change: -0.03,
  unit: 'fraction',
  tolerance: 0.01,
  alpha: 0.01,
  test: 'mcnemar',
  statistic: 0,
  statisticName: 'min(b, c)',
  pValue: 2 * 0.5 ** 12,
  testDetail: { kind: 'discordant', newlyWrong: 12, newlyRight: 0 },
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

  test('within the tolerance, beyond it and significant or not, and without a test', () => {
    expect(whyText({ ...p50Regressed, verdict: 'unchanged', why: 'within-tolerance', change: 0.05, test: undefined })).toBe('+5.0% is within the tolerance 10%')
    expect(whyText(p50Regressed)).toBe('+31.7% is beyond the tolerance 10% and significant (Mann–Whitney U: z = 4.21, p = 1.3e-5 < 0.01; U = 31200)')
    expect(describeMetric(p50Regressed)).toBe(
      'p50 latency regressed: 1.20 ms → 1.58 ms: +31.7% is beyond the tolerance 10% and significant (Mann–Whitney U: z = 4.21, p = 1.3e-5 < 0.01; U = 31200)',
    )
    const stalled: MetricComparison = {
      metric: 'throughput',
      verdict: 'unchanged',
      why: 'not-significant',
      baseline: 500,
      current: 375,
      change: -0.25,
      unit: 'items/s',
      ...judged,
      test: 'welch-t',
      statistic: 1.5,
      statisticName: 't',
      pValue: 0.0712,
      testDetail: { kind: 'df', df: 12.345 },
    }
    expect(whyText(stalled)).toBe("-25.0% is beyond the tolerance 10% but not significant (Welch's t-test: t = 1.50, p = 0.071 ≥ 0.01; df = 12.3)")
    const rss: MetricComparison = { metric: 'rssPeak', verdict: 'regressed', why: 'peak-untested', baseline: 100e6, current: 120e6, change: 0.2, unit: 'bytes', ...judged }
    expect(whyText(rss)).toBe('+20.0% is beyond the tolerance 10% (one peak per run, no test)')
    expect(whyText({ ...p50Regressed, why: 'no-test-data', test: undefined })).toBe('+31.7% is beyond the tolerance 10% (no per-call data to test)')
  })

  test('accuracy in points, with McNemar’s discordant pairs; a p-value that underflowed', () => {
    expect(describeMetric(accuracyRegressed)).toBe(
      'accuracy regressed: 0.85 → 0.82: −3.0 pp is beyond the tolerance 1 pp and significant (McNemar: min(b, c) = 0, p = 4.9e-4 < 0.01; 12 examples newly wrong, 0 newly right)',
    )
    expect(whyText({ ...accuracyRegressed, pValue: 0 })).toContain('p < 1e-300 < 0.01')
  })

  test('every test detail, and none (results.json schema 1)', () => {
    const detail = (m: Partial<MetricComparison>) => whyText({ ...p50Regressed, ...m })
    expect(detail({ test: 'quantile-exceedance', testDetail: { kind: 'exceedance', currentAbove: 30, currentCalls: 300, baselineAbove: 15, baselineCalls: 300 } })).toMatch(
      /\(tail exceedance z-test: z = 4\.21, p = 1\.3e-5 < 0\.01; 30\/300 calls above the baseline p95 vs 15\/300\)$/,
    )
    expect(detail({ test: 'two-proportion-z', testDetail: { kind: 'sizes', baselineN: 500, currentN: 600 } })).toMatch(/\(two-proportion z-test: .*; n = 500 → 600\)$/)
    expect(detail({ test: 'sign-test', statisticName: 'k', statistic: 3, testDetail: { kind: 'signs', larger: 40, smaller: 3 } })).toMatch(
      /\(sign test: k = 3, p = 1\.3e-5 < 0\.01; 40 examples with a larger error, 3 smaller\)$/,
    )
    expect(detail({ testDetail: { kind: 'absolute-errors' } })).toMatch(/\(Mann–Whitney U: z = 4\.21, p = 1\.3e-5 < 0\.01; absolute errors\)$/)
    expect(detail({ testDetail: undefined })).toMatch(/\(Mann–Whitney U: z = 4\.21, p = 1\.3e-5 < 0\.01\)$/)
  })

  test('R² changes are absolute numbers', () => {
    const r2: MetricComparison = { ...p50Regressed, metric: 'r2', unit: 'number', baseline: 0.5, current: 0.48, change: -0.02, tolerance: 0.01, why: 'no-test-data' }
    expect(whyText(r2)).toBe('−0.02 is beyond the tolerance 0.01 (no per-call data to test)')
    expect(formatMetricChange(r2)).toBe('−0.02')
    expect(formatMetricChange(accuracyRegressed)).toBe('−3.0 pp')
    expect(formatMetricChange(p50Regressed)).toBe('+31.7%')
    expect(formatMetricChange({ metric: 'p50', verdict: 'new', why: 'no-baseline', current: 1, unit: 'ms' })).toBe('–')
  })

  test('the failure message names the result, where it is, and each failing metric', () => {
    const incomparable: MetricComparison = { metric: 'cores p50', verdict: 'incomparable', why: 'env-differs', current: 1, unit: 'ms', differences: [{ field: 'cores', baseline: 2, current: 8 }] }
    const comparison: ResultComparison = { verdict: 'regressed', metrics: [p50Regressed, { ...p50Regressed, metric: 'p95', verdict: 'unchanged', why: 'within-tolerance' }, incomparable] }
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'benches/x.bench.ts › t › a', comparison, false)).toBe(
      `benchmark "a" (benches/x.bench.ts › t › a) fails the baseline gate:\n  ${describeMetric(p50Regressed)}`,
    )
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'x', comparison, true)).toMatch(/\n {2}cores p50 latency incomparable: 1\.00 ms: environment differs: cores 2 → 8$/)
    expect(failureMessage({ kind: 'benchmark', name: 'a' }, 'x', { verdict: 'incomparable', metrics: [incomparable] }, false)).toBeUndefined()
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
