import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { VERDICT_ORDER, type CardVerdict } from '../../reporters/html/card.js'
import { baselinePercentiles } from '../../reporters/html/cards/benchmark.js'
import { batchGroup, groupChanges, loadLevelGroup } from '../../reporters/html/group-changes.js'
import { metricRows } from '../../reporters/html/metric-rows.js'
import { cardOf, reportView } from '../../reporters/html/view-model.js'
import { recommendationText } from '../../src/compare-models/text.js'
import { readResultsJson, type ResultsJsonEntry } from '../../src/gate/results-json.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import type { MetricComparison } from '../../src/gate/verdict.js'
import { evaluate } from '../../src/index.js'
import type { LoadTestResult } from '../../src/results/load-test.js'
import type { ModelComparisonResult } from '../../src/results/model-comparison.js'
import { benchmarkResult, entry, logNormalSamples, p50Comparison, resultsJson } from './synthetic.js'

const fixture = readResultsJson(path.join(import.meta.dirname, '../fixtures/results/results.json'))
const ofKind = <K extends ResultsJsonEntry['result']['kind']>(kind: K) => {
  const found = fixture.entries.find((e) => e.result.kind === kind)
  if (!found) throw new Error(`the fixture has no ${kind} result`)
  return found as ResultsJsonEntry & { result: Extract<ResultsJsonEntry['result'], { kind: K }> }
}

describe('report view', () => {
  test('cards go by section, most urgent verdict first, then in run order', () => {
    const result = benchmarkResult('b', logNormalSamples(200, 1))
    const verdicts: Array<CardVerdict> = ['unchanged', 'new', 'regressed', 'none', 'improved', 'regressed', 'incomparable', 'inconclusive']
    const entries = verdicts.map((v, i) =>
      entry('benches/a.bench.ts', `t${i}`, { ...result, name: `r${i}` }, v === 'none' ? {} : { comparison: p50Comparison(v, 1, 1.2) }),
    )
    const view = reportView(resultsJson(entries, true))
    expect(view.sections.map((s) => s.title)).toEqual(['Benchmarks'])
    expect(view.sections[0]?.cards.map((c) => c.name)).toEqual(['r2', 'r5', 'r6', 'r7', 'r4', 'r1', 'r0', 'r3'])
    expect(VERDICT_ORDER).toEqual(['regressed', 'incomparable', 'inconclusive', 'improved', 'new', 'unchanged', 'none'])
    // inconclusive never fails, but more data would decide it: it needs attention too
    expect(view.attention.map((a) => [a.id, a.verdict, a.metrics])).toEqual([
      ['result-3', 'regressed', 'p50 latency'],
      ['result-6', 'regressed', 'p50 latency'],
      ['result-7', 'incomparable', 'p50 latency'],
      ['result-8', 'inconclusive', 'p50 latency'],
    ])
    expect(view.sections[0]?.cards.find((c) => c.name === 'r7')?.reasons).toEqual([
      'p50 latency inconclusive: 1.00 ms → 1.20 ms: +20.0% (98% CI -10.0% … +50.0%) reaches across the tolerance 10%: neither beyond nor within it is shown (Mann–Whitney ratio: beyond, p = 0.2 ≥ 0.01; within, p = 0.6 ≥ 0.01)',
    ])
    expect(view.verdicts).toEqual(VERDICT_ORDER)
    expect(view.counts).toEqual(VERDICT_ORDER.map((verdict) => ({ verdict, count: verdict === 'regressed' ? 2 : 1 })))
    expect(view.status).toBe('failed')
  })

  test('the fixture has a section per result kind, each ordered by verdict', () => {
    const view = reportView(fixture)
    expect(view.sections.map((s) => s.title)).toEqual(['Benchmarks', 'Evaluations', 'Model comparisons', 'Load tests', 'Batch sweeps'])
    for (const section of view.sections) {
      const ranks = section.cards.map((c) => VERDICT_ORDER.indexOf(c.verdict))
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    }
    expect(view.env).toContainEqual({ label: 'onnxruntime-node', value: '1.30.0' })
  })
})

describe('verdicts at a glance', () => {
  const judged = (metric: string, verdict: MetricComparison['verdict'], change: number, interval?: [number | null, number | null]): MetricComparison => ({
    metric,
    verdict,
    why: interval ? 'within-tolerance' : 'no-noise-model',
    baseline: 1,
    current: 1 + change,
    change,
    unit: metric === 'accuracy' ? 'fraction' : 'ms',
    tolerance: metric === 'accuracy' ? 0.01 : 0.1,
    alpha: 0.01,
    ...(interval ? { interval: { lower: interval[0], upper: interval[1], level: 0.98 } } : {}),
  })
  const result = benchmarkResult('b', logNormalSamples(50, 1))

  test('one forest row per change with an interval, most urgent first, then in run order; absolute changes apart; the rest noted', () => {
    const entries = [
      entry('benches/a.bench.ts', 't1', { ...result, name: 'one' }, {
        comparison: { verdict: 'regressed', metrics: [judged('p50', 'unchanged', 0.01, [-0.02, 0.04]), judged('p95', 'regressed', 0.3, [0.2, null]), judged('rssPeak', 'unchanged', 0.02)] },
      }),
      entry('benches/a.bench.ts', 't2', { ...result, name: 'two' }, {
        comparison: { verdict: 'inconclusive', metrics: [judged('throughput', 'inconclusive', -0.1, [-0.4, 0.2]), judged('accuracy', 'unchanged', 0.001, [-0.004, 0.006])] },
      }),
      // the same name in another file: the rows stay apart
      entry('benches/b.bench.ts', 't1', { ...result, name: 'one' }, { comparison: { verdict: 'improved', metrics: [judged('p50', 'improved', -0.3, [-0.35, -0.25])] } }),
      entry('benches/b.bench.ts', 't3', { ...result, name: 'three' }, { comparison: p50Comparison('new', 1, 1) }),
      entry('benches/b.bench.ts', 't4', { ...result, name: 'four' }),
    ]
    const { charts, notes } = reportView(resultsJson(entries)).glance
    expect(charts.map((c) => c.kind)).toEqual(['forest', 'forest-absolute'])
    expect(charts[0]?.data.points).toEqual([
      { label: 'one › p95', verdict: 'regressed', x: 1.3 },
      { label: 'two › throughput', verdict: 'inconclusive', x: 0.9 },
      { label: 'one › p50 (2)', verdict: 'improved', x: 0.7 },
      { label: 'one › p50', verdict: 'unchanged', x: 1.01 },
    ])
    expect(charts[1]?.data.points).toEqual([{ label: 'two › accuracy', verdict: 'unchanged', x: 0.1 }])
    expect(notes).toEqual(['1 compared metric has no interval and is not drawn: peak RSS is one value per run.'])
  })

  test('nothing compared with an interval: no chart; the fixture has both plots', () => {
    const entries = [entry('benches/a.bench.ts', 't', result, { comparison: { verdict: 'unchanged', metrics: [judged('rssPeak', 'unchanged', 0), { ...judged('p50', 'unchanged', 0), why: 'no-test-data' }] } })]
    expect(reportView(resultsJson(entries)).glance).toEqual({
      charts: [],
      notes: ['2 compared metrics have no interval and are not drawn: peak RSS is one value per run; no per-call or per-example data was stored to test with.'],
    })
    const glance = reportView(fixture).glance
    expect(glance.charts.map((c) => c.kind)).toEqual(['forest', 'forest-absolute'])
    const drawn = fixture.entries.flatMap((e) => e.comparison?.metrics ?? []).filter((m) => m.interval)
    expect(glance.charts.reduce((n, c) => n + (c.data.points?.length ?? 0), 0)).toBe(drawn.length)
  })
})

describe('metric rows', () => {
  const p50: MetricComparison = {
    metric: 'p50',
    verdict: 'regressed',
    why: 'beyond-tolerance',
    baseline: 1.5,
    current: 2,
    change: 1 / 3,
    unit: 'ms',
    tolerance: 0.1,
    alpha: 0.01,
    method: 'mann-whitney-ratio',
    interval: { lower: 0.28, upper: null, level: 0.98 },
    pWorse: 1e-7,
    pBetter: 1,
    pWithin: 1,
    multiplicity: { method: 'bh', family: 3, worse: 3e-7, better: 1 },
  }
  const rss: MetricComparison = { metric: 'rssPeak', verdict: 'unchanged', why: 'no-noise-model', baseline: 2 ** 20, current: 2 ** 20, change: 0, unit: 'bytes', tolerance: 0.1, alpha: 0.01 }
  const grouped: MetricComparison = { metric: 'batch 8 p50', verdict: 'new', why: 'not-in-baseline', current: 1, unit: 'ms' }

  test('join the result’s metrics with the gate’s comparisons, then list the other compared metrics', () => {
    const rows = metricRows(
      [
        { id: 'p50', label: 'p50 latency', value: 2, unit: 'ms', ci: { lower: 1.9, upper: 2.1, level: 0.95 } },
        { id: 'p99', label: 'p99 latency', value: 4, unit: 'ms', ci: { lower: 3.8, upper: null, level: 0.95 }, baseline: 3 },
        { id: 'accuracy', label: 'accuracy', value: 0.91, unit: 'fraction' },
      ],
      { verdict: 'regressed', metrics: [p50, rss, grouped] },
      new Set(['batch 8 p50']),
    )
    expect(rows).toEqual([
      {
        label: 'p50 latency',
        current: '2.00 ms',
        ci: '1.90 ms – 2.10 ms',
        baseline: '1.50 ms',
        change: '+33.3%',
        changeCi: '[+28.0, open]',
        verdict: 'regressed',
        tolerance: '± 10%',
        reason: '+33.3% (98% CI +28.0% … open) is beyond the tolerance 10% (Mann–Whitney ratio, p = 3.0e-7 < 0.01 after Benjamini–Hochberg over 3 metrics)',
      },
      // a percentile's interval open above: too few calls to bound it
      { label: 'p99 latency', current: '4.00 ms', ci: '3.80 ms – open', baseline: '3.00 ms', change: '+33.3%', changeCi: '', verdict: 'none', tolerance: '', reason: 'not gated' },
      { label: 'accuracy', current: '0.91', ci: '', baseline: '–', change: '', changeCi: '', verdict: 'none', tolerance: '', reason: '' },
      {
        label: 'peak RSS',
        current: '1.00 MiB',
        ci: '',
        baseline: '1.00 MiB',
        change: '+0.0%',
        changeCi: '',
        verdict: 'unchanged',
        tolerance: '± 10%',
        reason: '+0.0% is within the tolerance 10% (one peak per run: no noise to test it against)',
      },
    ])
  })

  test('baseline percentiles: gated ones as stored, p99 from the baseline’s sample', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1)
    const base = { recordedAt: '', commit: null, env: fixture.env, metrics: { p50: 50.5, p95: 95 }, samples }
    // Type 7 on 1…100: h = 99 × 0.99 = 98.01 → 99 + 0.01 × (100 − 99).
    expect(baselinePercentiles({ baseline: base })).toEqual({ p50: 50.5, p95: 95, p99: 99.01 })
    expect(baselinePercentiles({})).toEqual({})
  })
})

describe('cards', () => {
  test('a benchmark card: key numbers, facts (cold start when recorded) and its three charts', () => {
    const result = { ...benchmarkResult('b', logNormalSamples(300, 2)), coldStart: { loadMs: 180, firstInferenceMs: 12.5 } }
    const card = cardOf(entry('benches/b.bench.ts', 't', result), 0)
    expect(card.metrics.map((m) => m.label)).toEqual(['p50 latency', 'p95 latency', 'p99 latency', 'throughput', 'peak RSS'])
    expect(card.facts).toContainEqual({ label: 'model load', value: '180 ms' })
    expect(card.facts).toContainEqual({ label: 'first inference', value: '12.5 ms' })
    expect(card.charts.map((c) => c.kind)).toEqual(['latency-distribution', 'percentiles', 'throughput'])
    expect(card.summary).toBe('300 calls · batch 1 · cpu · target precision reached')
  })

  test('load and sweep changes are named as the baselines name their groups', () => {
    for (const e of [ofKind('load-test'), ofKind('batch-sweep')]) {
      const result = e.result
      const groups = result.kind === 'load-test' ? result.levels.map(loadLevelGroup) : result.sizes.map((s) => batchGroup(s.batchSize))
      const ids = Object.keys(baselineEntryOf(result).metrics)
      expect(groupChanges({ verdict: 'new', metrics: ids.map((metric) => ({ metric, verdict: 'new', why: 'no-baseline', current: 1, unit: 'ms' })) }, groups).shown).toEqual(new Set(ids))
      // So the fixture's per-level comparisons are in the table, not in the metrics list.
      const card = cardOf(e, 0)
      expect(card.metrics.filter((m) => /^(concurrency|rate|batch) /.test(m.label))).toEqual([])
      const table = card.tables[0]
      expect(table?.columns).toEqual(expect.arrayContaining(['Δ p50 (± 10%)', 'Δ p95 (± 10%)', 'Δ throughput (± 10%)']))
    }
  })

  test('a card shows the reasons of its first three deciding metrics and folds the rest away', () => {
    const p50 = p50Comparison('inconclusive', 1, 1.2).metrics[0] as MetricComparison
    const levels = Array.from({ length: 5 }, (_, i): MetricComparison => ({ ...p50, metric: `concurrency ${2 ** i} p50` }))
    const card = cardOf(entry('benches/l.bench.ts', 't', benchmarkResult('b', logNormalSamples(50, 1)), { comparison: { verdict: 'inconclusive', metrics: levels } }), 0)
    expect(card.reasons.map((r) => r.split(':')[0])).toEqual(['concurrency 1 p50 latency inconclusive', 'concurrency 2 p50 latency inconclusive', 'concurrency 4 p50 latency inconclusive'])
    expect(card.moreReasons.map((r) => r.split(':')[0])).toEqual(['concurrency 8 p50 latency inconclusive', 'concurrency 16 p50 latency inconclusive'])
    expect(card.decidedBy).toHaveLength(5)
  })

  test('a per-level change shows its interval below it, coloured by verdict; inconclusive is "unsure"; a shared tolerance heads the column', () => {
    const level = (verdict: MetricComparison['verdict']): MetricComparison => ({
      metric: `concurrency 4 ${verdict === 'inconclusive' ? 'throughput' : 'p50'}`,
      verdict,
      why: verdict === 'inconclusive' ? 'undecided' : 'beyond-tolerance',
      baseline: 100,
      current: 80,
      change: -0.2,
      unit: 'ms',
      tolerance: 0.1,
      alpha: 0.01,
      interval: verdict === 'inconclusive' ? { lower: -0.45, upper: 0.05, level: 0.98 } : { lower: -0.25, upper: -0.15, level: 0.98 },
      pWorse: 1,
      pBetter: verdict === 'inconclusive' ? 0.3 : 1e-5,
      pWithin: 0.9,
    })
    const changes = groupChanges({ verdict: 'inconclusive', metrics: [level('improved'), level('inconclusive')] }, ['concurrency 4'])
    expect(changes.columns).toEqual(['Δ p50 (± 10%)', 'Δ throughput (± 10%)'])
    expect(changes.cells[0]?.map((c) => [c.text, c.sub, c.tone])).toEqual([
      ['-20.0%', '[-25.0, -15.0]', 'good'],
      ['-20.0%', '[-45.0, +5.0]', 'unsure'],
    ])
    // levels held to different tolerances (a toBeWithinBaseline override on one): each cell says its own
    const wider = { ...level('improved'), metric: 'concurrency 8 p50', tolerance: 0.2 }
    const mixed = groupChanges({ verdict: 'improved', metrics: [level('improved'), wider] }, ['concurrency 4', 'concurrency 8'])
    expect(mixed.columns).toEqual(['Δ p50'])
    expect(mixed.cells.map((row) => row[0]?.sub)).toEqual(['[-25.0, -15.0] ± 10%', '[-25.0, -15.0] ± 20%'])
    expect(changes.cells[0]?.[1]?.title).toMatch(/^inconclusive: -20\.0% \(98% CI -45\.0% … \+5\.0%\) reaches across the tolerance 10%/)
  })

  test('a load test says which target it ran against and how the SLO reads', () => {
    const e = ofKind('load-test')
    const withTarget = (target: LoadTestResult['target']) => cardOf({ ...e, result: { ...e.result, target } }, 0).summary
    expect(withTarget({ kind: 'worker-pool', workers: 2 })).toContain('worker-thread pool (2 workers)')
    expect(withTarget({ kind: 'http', url: 'http://127.0.0.1:8080/predict' })).toContain('HTTP http://127.0.0.1:8080/predict')
    const slo = (limits: NonNullable<LoadTestResult['slo']>) => cardOf({ ...e, result: { ...e.result, slo: limits } }, 0).facts.find((f) => f.label === 'SLO')?.value
    expect(slo({ p99: 50, errorRate: 0 })).toBe('p99 ≤ 50.0 ms, no errors')
    expect(slo({ p50: 5, p95: 20, errorRate: 0.005 })).toBe('p50 ≤ 5.00 ms, p95 ≤ 20.0 ms, error rate ≤ 0.5 %')
  })

  test("an open-loop card shows the generator's send lag per level; a closed loop has no such column", () => {
    const e = ofKind('load-test')
    const open = {
      ...e.result,
      mode: 'open' as const,
      levels: e.result.levels.map((level, i) => ({ ...level, concurrency: undefined, rate: 100 * (i + 1), sendLag: { p50: 0.01, p99: 0.5 + i, max: 3 } })),
    }
    const table = cardOf({ ...e, result: open }, 0).tables[0]
    const column = table?.columns.indexOf('send lag p99') ?? -1
    expect(column).toBeGreaterThan(0)
    expect(table?.rows.map((row) => row[column]?.text)).toEqual(['500 µs', '1.50 ms', '2.50 ms', '3.50 ms', '4.50 ms'])
    expect(cardOf(e, 0).tables[0]?.columns).not.toContain('send lag p99')
  })

  test('a classifier card: metrics with CIs, per-class table and a 10 × 10 confusion matrix', () => {
    const card = cardOf(ofKind('evaluation'), 0)
    expect(card.metrics.slice(0, 2).map((m) => [m.label, m.ci !== ''])).toEqual([['accuracy', true], ['macro F1', true]])
    expect(card.tables[0]?.rows).toHaveLength(10)
    expect(card.charts.map((c) => c.kind)).toEqual(['confusion-matrix'])
    expect(card.charts[0]?.data.cells).toHaveLength(100)
    expect(card.model.map((f) => f.label)).toContain('sha256')
    expect(card.model.some((f) => f.value === 'null')).toBe(false)
  })

  test('a regression card lists MAE, RMSE and R² with intervals, MSE and MAPE', async () => {
    const data = Array.from({ length: 40 }, (_, i) => ({ input: i, target: 2 * i + 1 }))
    const result = await evaluate((xs: number[]) => xs.map((x) => 2 * x + 1 + (x % 3) - 1), data, { name: 'line', task: 'regression', record: false })
    const card = cardOf(entry('benches/r.bench.ts', 'fit', result), 0)
    expect(card.metrics.map((m) => m.label)).toEqual(['MAE', 'RMSE', 'R²', 'MSE', 'MAPE'])
    expect(card.metrics.slice(0, 3).every((m) => m.ci !== '')).toBe(true)
    expect(card.charts).toEqual([])
  })

  test('a classifier with more classes than a heatmap shows says so instead of drawing one', async () => {
    const labels = Array.from({ length: 41 }, (_, i) => i)
    const data = labels.map((label) => ({ input: label, label }))
    const result = await evaluate((xs: number[]) => xs, data, { name: 'many', labels, record: false })
    const card = cardOf(entry('benches/c.bench.ts', 'many', result), 0)
    expect(card.charts).toEqual([])
    expect(card.notes).toEqual(['The confusion matrix has 41 classes, more than the 40 a heatmap can show; it is in results.json.'])
  })

  test('a model comparison: side-by-side table with the measured columns, pairwise tests, Pareto chart', () => {
    const e = ofKind('model-comparison')
    const card = cardOf(e, 0)
    expect(card.tables.map((t) => t.caption)).toEqual(['Models side by side', 'Pairwise tests (significance level 0.05)'])
    expect(card.tables[0]?.columns).toEqual(['model', 'n', 'accuracy (95 % CI)', 'macro F1 (95 % CI)', 'p50 (95 % CI)', 'p95', 'p99', 'throughput', 'peak RSS'])
    expect(card.charts.map((c) => c.kind)).toEqual(['pareto'])
    expect(card.notes).toEqual([recommendationText(e.result)])
    // Without a latency for every model there is no trade-off to draw.
    const untimed: ModelComparisonResult = { ...e.result, models: e.result.models.map((m, i) => (i === 0 ? { ...m, p50: undefined } : m)) }
    expect(cardOf({ ...e, result: untimed }, 0).charts).toEqual([])
  })
})
