import { describe, expect, test } from 'vitest'
import type { Card } from '../../reporters/html/card.js'
import { renderHtmlReport } from '../../reporters/html/index.js'
import { SvgChartRenderer } from '../../reporters/html/svg-charts.js'
import { cardOf, reportView } from '../../reporters/html/view-model.js'
import { summarizeLatency } from '../../src/analyse/latency.js'
import { baselineSummary } from '../../src/gate/results-json.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import type { MetricComparison } from '../../src/gate/verdict.js'
import type { GenerationRequest, GenerationResult } from '../../src/results/generation.js'
import { TEST_ENV } from '../baseline/synthetic.js'
import { benchmarkResult, entry, logNormalSamples, p50Comparison, resultsJson } from './synthetic.js'

const SCRIPT = '<script>alert(1)</script>'
const ascending = (values: number[]) => [...values].sort((a, b) => a - b)

/**
 * A generation result built by hand: `calls` calls of two prompts each, a prefill of about
 * `prefillMs` then decode steps of about `stepMs`, outputs of 8–35 tokens (or all of one token).
 * The slowest request (the longest output) says `SCRIPT`, another a long paragraph.
 */
function generationResult(name: string, options: { prefillMs: number; stepMs: number; oneToken?: boolean }): GenerationResult {
  const calls = 12
  const batchSize = 2
  // deterministic jitter in [0, 1)
  const jitter = (i: number) => ((i * 7919) % 13) / 13
  const arrivals: number[][] = []
  const requests: GenerationRequest[] = []
  for (let i = 0; i < calls * batchSize; i++) {
    const tokens = options.oneToken ? 1 : 8 + ((i * 5) % 23) + (i === 17 ? 12 : 0)
    const times = [options.prefillMs * (1 + 0.2 * jitter(i))]
    while (times.length < tokens) times.push((times.at(-1) as number) + options.stepMs * (1 + 0.3 * jitter(i + times.length)))
    arrivals.push(times)
    const ttftMs = times[0] as number
    const e2eMs = times.at(-1) as number
    requests.push({
      prompt: i % 8,
      inputTokens: 10 + (i % 8) * 3,
      outputTokens: tokens,
      ttftMs,
      tpotMs: tokens > 1 ? (e2eMs - ttftMs) / (tokens - 1) : null,
      e2eMs,
      text: i === 17 ? `${SCRIPT} the slowest` : i === 3 ? 'Once upon a time there was a very long story that went on and on, far past any table cell.' : `answer ${i}`,
    })
  }
  const gaps = arrivals.flatMap((t) => t.slice(1).map((x, k) => x - (t[k] as number)))
  const tpots = requests.flatMap((r) => (r.tpotMs === null ? [] : [r.tpotMs]))
  const perCall = { ms: [] as number[], outputTokens: [] as number[] }
  for (let c = 0; c < calls; c++) {
    const rows = requests.slice(c * batchSize, (c + 1) * batchSize)
    perCall.ms.push(Math.max(...rows.map((r) => r.e2eMs)))
    perCall.outputTokens.push(rows.reduce((s, r) => s + r.outputTokens, 0))
  }
  const total = requests.reduce((s, r) => s + r.outputTokens, 0)
  const overall = (1000 * total) / perCall.ms.reduce((a, b) => a + b, 0)
  const byE2e = requests.map((r, i) => [r.e2eMs, i] as const).sort((a, b) => a[0] - b[0])
  const typical = (byE2e[Math.floor((byE2e.length - 1) / 2)] as readonly [number, number])[1]
  return {
    kind: 'generation',
    name,
    batchSize,
    requests,
    ttft: summarizeLatency(ascending(requests.map((r) => r.ttftMs)), 1),
    tpot: tpots.length > 0 ? summarizeLatency(ascending(tpots), 1) : null,
    itl: gaps.length > 0 ? summarizeLatency(ascending(gaps), 1) : null,
    e2e: summarizeLatency(ascending(requests.map((r) => r.e2eMs)), 1),
    tokensPerSecond: {
      perRequest: summarizeLatency(ascending(requests.map((r) => (1000 * r.outputTokens) / r.e2eMs)), 1),
      overall,
      ci: { lower: overall * 0.95, upper: overall * 1.05, level: 0.95 },
    },
    outputTokens: { total, mean: total / requests.length },
    inputTokens: { total: requests.reduce((s, r) => s + (r.inputTokens as number), 0), mean: 20.5 },
    timeline: { request: typical, tokenMs: arrivals[typical] as number[] },
    perCall,
    warmupCalls: 1,
    device: 'cpu',
    env: TEST_ENV,
    wallTimeMs: 2000,
    startedAt: '2026-11-23T10:00:00.000Z',
  }
}

const current = generationResult('gpt-tiny', { prefillMs: 42, stepMs: 9 })
// the baseline as the gate keeps it, from a run with a faster prefill
const baseline = baselineSummary(baselineEntryOf(generationResult('gpt-tiny', { prefillMs: 30, stepMs: 9 })))
const ttftRegressed: MetricComparison = { ...(p50Comparison('regressed', baseline.metrics['ttft p50'] as number, current.ttft.p50).metrics[0] as MetricComparison), metric: 'ttft p50' }
const compared = entry('benches/gen.bench.ts', 'generates', current, { baseline, comparison: { verdict: 'regressed', metrics: [ttftRegressed] } })
const slowest = [...current.requests].sort((a, b) => b.e2eMs - a.e2eMs)

describe('the generation card', () => {
  const card = cardOf(compared, 0)

  test('has its own section, after the benchmarks', () => {
    const view = reportView(resultsJson([entry('benches/gen.bench.ts', 'generates', current), entry('benches/a.bench.ts', 'b', benchmarkResult('b', logNormalSamples(50, 1)))]))
    expect(view.sections.map((s) => [s.id, s.title, s.cards.map((c) => c.name)])).toEqual([
      ['section-benchmark', 'Benchmarks', ['b']],
      ['section-generation', 'Text generation', ['gpt-tiny']],
    ])
  })

  test('summary and facts: ITL, e2e, mean tokens, calls', () => {
    expect(card.summary).toBe(`24 requests · batch 2 · ${Number((current.outputTokens.total / 24).toPrecision(4))} output tokens (mean) · cpu`)
    expect(card.facts.map((f) => f.label)).toEqual(['ITL p50', 'e2e p50', 'mean tokens in / out', 'calls'])
    expect(card.facts).toContainEqual({ label: 'e2e p50', value: `${current.e2e.p50.toFixed(0)} ms` })
    expect(card.facts).toContainEqual({ label: 'mean tokens in / out', value: `20.5 / ${Number(current.outputTokens.mean.toPrecision(4))}` })
    expect(card.facts).toContainEqual({ label: 'calls', value: '12 measured, 1 warm-up' })
    const itl = card.facts.find((f) => f.label === 'ITL p50')?.value ?? ''
    // decode steps of 9–11.7 ms
    expect(Number.parseFloat(itl)).toBeGreaterThanOrEqual(9)
    expect(Number.parseFloat(itl)).toBeLessThan(11.7)
  })

  test('key numbers: the gated TTFT, TPOT and tokens/s with intervals, against the baseline', () => {
    expect(card.metrics.map((m) => m.label)).toEqual(['TTFT p50', 'TTFT p95', 'TPOT p50', 'TPOT p95', 'output tokens/s'])
    const [ttftP50, , tpotP50, , tokens] = card.metrics
    // compared by the gate: its verdict and baseline
    expect(ttftP50).toMatchObject({ verdict: 'regressed', current: `${current.ttft.p50.toFixed(1)} ms`, baseline: `${(baseline.metrics['ttft p50'] as number).toFixed(1)} ms` })
    expect(ttftP50?.ci).toMatch(/^[\d.]+ ms – [\d.]+ ms$/)
    // not compared: the stored baseline value, shown but not gated
    expect(tpotP50).toMatchObject({ verdict: 'none', reason: 'not gated' })
    expect(tpotP50?.baseline).toMatch(/^[\d.]+ ms$/)
    expect(tokens).toMatchObject({ current: `${current.tokensPerSecond.overall.toFixed(current.tokensPerSecond.overall >= 100 ? 0 : 1)}/s`, reason: 'not gated' })
    expect(tokens?.ci).toMatch(/^[\d.]+\/s – [\d.]+\/s$/)
  })

  test('charts: TTFT and TPOT distributions over the baseline’s stored samples, then the typical request’s token timeline', () => {
    expect(card.charts.map((c) => c.kind)).toEqual(['latency-distribution', 'latency-distribution', 'token-timeline'])
    const [ttft, tpot, timeline] = card.charts
    expect(ttft?.caption).toMatch(/^Time to first token distribution \(share of requests per bin\), current vs baseline/)
    expect(tpot?.caption).toMatch(/^Time per output token distribution \(share of requests per bin\), current vs baseline/)
    for (const chart of [ttft, tpot]) expect(new Set(chart?.data.curve?.map((p) => (p as { series: string }).series))).toEqual(new Set(['current', 'baseline']))
    const tokens = timeline?.data.tokens as Array<{ from: number; to: number; phase: string }>
    expect(tokens).toHaveLength(current.timeline.tokenMs.length)
    expect(tokens.map((t) => t.phase)).toEqual(current.timeline.tokenMs.map((_, i) => (i === 0 ? 'prefill' : 'decode')))
    // a staircase: each bar starts where the previous ended, the first at the call
    expect(tokens[0]?.from).toBe(0)
    for (let i = 1; i < tokens.length; i++) expect(tokens[i]?.from).toBe(tokens[i - 1]?.to)
    expect(timeline?.caption).toContain(`prompt ${current.requests[current.timeline.request]?.prompt}`)
  })

  test('the charts render without warnings', async () => {
    const renderer = new SvgChartRenderer()
    try {
      for (const chart of card.charts) expect(String((await renderer.render(chart)).svg)).toMatch(/^<svg /)
      expect(renderer.warnings).toEqual([])
    } finally {
      renderer.finalize()
    }
  })

  test('the five slowest requests, slowest first, long texts cut with the whole on hover', () => {
    const table = card.tables[0]
    expect(table?.caption).toBe('Slowest requests by end-to-end time (5 of 24)')
    expect(table?.columns).toEqual(['prompt', 'tokens in', 'tokens out', 'TTFT', 'TPOT', 'e2e', 'text'])
    expect(table?.rows.map((row) => row[0]?.text)).toEqual(slowest.slice(0, 5).map((r) => String(r.prompt)))
    const first = table?.rows[0]?.map((c) => c.text)
    expect(first).toEqual([String(slowest[0]?.prompt), String(slowest[0]?.inputTokens), '36', expect.stringMatching(/ ms$/), expect.stringMatching(/ ms$/), expect.stringMatching(/ ms$/), `${SCRIPT} the slowest`])
    const long = cardOfResult({ ...current, requests: current.requests.map((r, i) => (i === 3 ? { ...r, e2eMs: 1e6 } : r)) }).tables[0]?.rows[0]?.at(-1)
    expect(long?.text).toBe('Once upon a time there was a very long story that went on a…')
    expect([...(long?.text ?? '')]).toHaveLength(60)
    expect(long?.title).toBe(current.requests[3]?.text)
  })

  test('without a second token anywhere: no TPOT rows nor chart, and a note says why', () => {
    const single = cardOfResult(generationResult('one token', { prefillMs: 42, stepMs: 9, oneToken: true }))
    expect(single.metrics.map((m) => m.label)).toEqual(['TTFT p50', 'TTFT p95', 'output tokens/s'])
    expect(single.facts.map((f) => f.label)).toEqual(['e2e p50', 'mean tokens in / out', 'calls'])
    expect(single.charts.map((c) => c.kind)).toEqual(['latency-distribution', 'token-timeline'])
    expect(single.notes).toEqual(['Every request ended at its first token: no TPOT, ITL or decode step to show.'])
  })
})

describe('the rendered generation card', async () => {
  const html = await renderHtmlReport(resultsJson([compared], true))
  const section = html.slice(html.indexOf('<section class="section" id="section-generation"'), html.indexOf('</section>', html.indexOf('id="section-generation"')))

  test('is in its section, with its key numbers and facts', () => {
    expect(section).toContain('<h2>Text generation <span class="muted">(1)</span></h2>')
    expect(section).toMatch(/<th scope="row">TTFT p50<\/th><td class="num">[\d.]+ ms<\/td><td class="num ci">[\d.]+ ms – [\d.]+ ms<\/td>/)
    expect(section).toContain('<dt>calls</dt><dd>12 measured, 1 warm-up</dd>')
  })

  test('draws one bar per token in the timeline, prefill and decode coloured apart', () => {
    const start = section.indexOf('<figure class="chart" data-chart="token-timeline">')
    expect(start).toBeGreaterThan(0)
    const figure = section.slice(start, section.indexOf('</figure>', start))
    const marks = figure.slice(figure.indexOf('class="mark-rect'))
    const bars = [...marks.slice(0, marks.indexOf('</g>')).matchAll(/<path [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1])
    expect(bars).toHaveLength(current.timeline.tokenMs.length)
    expect(bars[0]).toBe('#d97706')
    expect(new Set(bars.slice(1))).toEqual(new Set(['#2563eb']))
    expect(figure).toContain('prefill (time to first token)</li>')
  })

  test('lists the slowest requests, their texts escaped', () => {
    expect(section).toContain('<caption>Slowest requests by end-to-end time (5 of 24)</caption>')
    expect(section).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt; the slowest</td>')
    expect(html).not.toContain(SCRIPT)
  })
})

/** The card of `result` alone, not compared. */
function cardOfResult(result: GenerationResult): Card {
  return cardOf(entry('benches/gen.bench.ts', 't', result), 0)
}
