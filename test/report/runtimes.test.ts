/**
 * Node and browser results of the same benchmark in the report: the runtime of every result (card,
 * attention list, forest rows, summary.md), the Runtimes section that puts them side by side with
 * its chart, and a browser benchmark's card (its JS heap, never RSS; no CPU time).
 */
import { describe, expect, test } from 'vitest'
import { runtimesChart } from '../../reporters/html/charts/runtimes.js'
import { renderHtmlReport, reportView } from '../../reporters/html/index.js'
import { runtimeFacts } from '../../reporters/html/runtime.js'
import { runtimeLabel } from '../../reporters/text/runtime.js'
import { SvgChartRenderer } from '../../reporters/html/svg-charts.js'
import { renderSummaryMarkdown } from '../../reporters/summary-md.js'
import type { ResultsJsonEntry } from '../../src/gate/results-json.js'
import type { BenchmarkResult } from '../../src/results/benchmark.js'
import type { EnvFingerprint, RuntimeInfo } from '../../src/results/env.js'
import { correctness, syntheticClassification, TEST_ENV } from '../baseline/synthetic.js'
import { benchmarkResult, entry, logNormalSamples, p50Comparison, resultsJson, scaledBenchmark } from './synthetic.js'

const FILE = 'benches/models/sentiment.bench.ts'
const CHROMIUM: RuntimeInfo = {
  name: 'chromium',
  version: '147.0.7727.15',
  crossOriginIsolated: true,
  timerResolutionMs: 0.005,
  hardwareConcurrency: 2,
  wasmThreads: 1,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/147.0.7727.15 Safari/537.36',
}
const NODE_ENV: EnvFingerprint = { ...TEST_ENV, node: 'v20.20.2', runtime: { name: 'node', version: 'v20.20.2' } }
const PAGE_ENV: EnvFingerprint = { ...TEST_ENV, node: 'browser', runtime: CHROMIUM, packages: { '@huggingface/transformers': '4.3.1', 'onnxruntime-web': '1.24.0' } }

const node = { ...benchmarkResult('sst2 one sentence', logNormalSamples(300, 2)), env: NODE_ENV, model: { executionProvider: 'cpu' } }
/** The same benchmark in a page: 2.9× slower, no RSS nor CPU time, its JS heap instead. */
const page: BenchmarkResult = {
  ...scaledBenchmark(node, 'sst2 one sentence', 2.9),
  env: PAGE_ENV,
  model: { executionProvider: 'wasm' },
  memory: null,
  cpu: { userMs: Number.NaN, systemMs: Number.NaN, utilization: Number.NaN },
  pageMemory: { jsHeapUsedPeak: 48 * 1024 ** 2, jsHeapUsedDelta: 1.5 * 1024 ** 2, source: 'performance.memory' },
}
/** A second benchmark 100× faster, so the chart needs a log axis. */
const fastNode = { ...scaledBenchmark(node, 'tokenize', 0.01), env: NODE_ENV }
const fastPage = { ...scaledBenchmark(page, 'tokenize', 0.01), env: PAGE_ENV, model: { executionProvider: 'wasm' } }

const correct = correctness(200, 30)
const nodeAccuracy = { ...(await syntheticClassification('sst2 dev', correct)), env: NODE_ENV }
const pageAccuracy = { ...(await syntheticClassification('sst2 dev', correctness(200, 32))), env: PAGE_ENV, model: { executionProvider: 'wasm' } }

const mixed = resultsJson([
  entry(FILE, 'one sentence', node, { comparison: p50Comparison('regressed', 1.5, node.latency.p50) }),
  entry(FILE, 'one sentence', page, { comparison: p50Comparison('regressed', 4.5, page.latency.p50) }),
  entry(FILE, 'tokenize', fastNode),
  entry(FILE, 'tokenize', fastPage),
  entry(FILE, 'accuracy', nodeAccuracy),
  entry(FILE, 'accuracy', pageAccuracy),
])

/** The rendered `<article>` of the card whose header shows `runtime`, for the result `name`. */
function card(html: string, name: string, runtime: string): string {
  const cards = [...html.matchAll(/<article [\s\S]*?<\/article>/g)].map((m) => m[0])
  const found = cards.filter((c) => c.includes(`<h3>${name}</h3>`) && c.includes(`<p class="runtime">${runtime}</p>`))
  expect(found).toHaveLength(1)
  return found[0] as string
}

describe('runtime labels', () => {
  test('Node by its version; a browser by its major version, backend, isolation and timer', () => {
    expect(runtimeLabel(node)).toBe('Node 20.20.2')
    expect(runtimeLabel(page)).toBe('Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs')
    // results recorded before runtimes were: Node, from env.node
    expect(runtimeLabel({ env: TEST_ENV })).toBe('Node 20.20.0')
    const gpu = { env: { ...PAGE_ENV, runtime: { ...CHROMIUM, crossOriginIsolated: false, timerResolutionMs: 0.1, webgpuAdapter: 'nvidia ampere' } }, model: { executionProvider: 'webgpu' } }
    expect(runtimeLabel(gpu)).toBe('Chromium 147 · WebGPU · not isolated · timer 100 µs')
    expect(runtimeFacts(gpu.env)).toEqual([
      { label: 'runtime', value: 'Chromium 147.0.7727.15' },
      { label: 'cross-origin isolated', value: 'no' },
      { label: 'timer resolution', value: '100 µs' },
      { label: 'WASM threads', value: '1' },
      { label: 'hardware concurrency', value: '2' },
      { label: 'WebGPU adapter', value: 'nvidia ampere' },
    ])
    expect(runtimeFacts(NODE_ENV)).toEqual([{ label: 'runtime', value: 'Node 20.20.2' }])
  })
})

describe('the Runtimes section', async () => {
  const view = reportView(mixed)
  const html = await renderHtmlReport(mixed)
  const section = html.slice(html.indexOf('<section class="section runtimes"'), html.indexOf('</section>', html.indexOf('<section class="section runtimes"')))

  test('puts each benchmark of both runtimes side by side: Node first, the browser as a ratio of it', () => {
    const table = view.runtimes?.tables[0]
    expect(view.runtimes?.subtitle).toBe('3 benchmarks in Node and Chromium')
    expect(table?.columns).toEqual(['benchmark', 'runtime', 'p50', 'p95', 'throughput', 'quality', 'p50 ratio'])
    const rows = table?.rows.map((r) => r.map((c) => c.text))
    expect(rows?.map((r) => r.slice(0, 2))).toEqual([
      ['sst2 one sentence', 'Node 20.20.2'],
      ['sst2 one sentence', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs'],
      ['tokenize', 'Node 20.20.2'],
      ['tokenize', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs'],
      ['sst2 dev', 'Node 20.20.2'],
      ['sst2 dev', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs'],
    ])
    expect(rows?.map((r) => r.at(-1))).toEqual(['–', '2.90× Node', '–', '2.90× Node', '–', expect.stringMatching(/^\d+\.\d\d× Node$/)])
    // the evaluations' accuracy: 170 and 168 of 200 right
    expect(rows?.[4]?.[5]).toMatch(/^accuracy 0\.85, macro F1/)
    expect(rows?.[5]?.[5]).toMatch(/^accuracy 0\.84, macro F1/)
    expect(rows?.[0]?.[5]).toBe('–')
    // what the numbers are of, once per benchmark
    expect(table?.rows[0]?.[0]?.sub).toBe(`${FILE} › suite › one sentence`)
    expect(table?.rows[4]?.[2]?.sub).toMatch(/^per call of ≤ \d+$/)
    expect(table?.rows[1]?.[0]?.sub).toBeUndefined()
  })

  test('is rendered before the results, with the table and the chart of both runtimes', () => {
    expect(html.indexOf('<h2>Runtimes')).toBeGreaterThan(0)
    expect(html.indexOf('<h2>Runtimes')).toBeLessThan(html.indexOf('id="section-benchmark"'))
    expect(section).toContain('(3 benchmarks in Node and Chromium)')
    expect(section).toContain('<td>Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs</td>')
    expect(section).toMatch(/<td title="p50 in Chromium 147 · WASM 1 thread · isolated · timer 5\.00 µs ÷ p50 in Node 20\.20\.2">2\.90× Node<\/td>/)
    const figure = section.slice(section.indexOf('<figure class="chart" data-chart="runtimes">'))
    expect(figure).toMatch(/^<figure class="chart" data-chart="runtimes">[\s\S]*<\/figure>/)
    // a bar per benchmark and runtime in the runtime's colour, a p95 tick on each, a log axis
    const bars = /<g class="mark-rect role-mark[^"]*">(.*?)<\/g>/.exec(figure)?.[1] ?? ''
    expect(bars.match(/<path [^>]*fill="#2563eb"/g)).toHaveLength(3)
    expect(bars.match(/<path [^>]*fill="#16a34a"/g)).toHaveLength(3)
    const ticks = [...figure.matchAll(/<g class="mark-rect role-mark[^"]*">(.*?)<\/g>/g)][1]?.[1] ?? ''
    expect(ticks.match(/<path /g)).toHaveLength(6)
    expect(figure).toContain('>sst2 one sentence<')
    expect(figure).toContain('log scale')
    expect(figure).toMatch(/<li><svg[^>]*>.*?<\/svg>Node<\/li><li><svg[^>]*>.*?<\/svg>Chromium<\/li>/)
  })

  test('every card, attention item and forest row names its runtime', () => {
    expect(card(html, 'sst2 one sentence', 'Node 20.20.2')).toContain('<dt>runtime</dt><dd>Node 20.20.2</dd>')
    const chromium = card(html, 'sst2 one sentence', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs')
    expect(chromium).toMatch(/data-search="[^"]*Chromium 147/)
    expect(chromium).toContain('<dt>cross-origin isolated</dt><dd>yes</dd>')
    expect(chromium).toContain('<dt>timer resolution</dt><dd>5.00 µs</dd>')
    expect(chromium).toContain('<dt>WASM threads</dt><dd>1</dd>')
    expect(chromium).not.toContain('WebGPU adapter')
    expect(view.attention.map((a) => [a.title, a.runtime])).toEqual([
      ['sst2 one sentence', 'Node 20.20.2'],
      ['sst2 one sentence', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs'],
    ])
    expect(html).toContain('<a href="#result-2">sst2 one sentence</a> <span class="runtime">Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs</span>')
    expect(html).toContain('>sst2 one sentence (Chromium) › p50<')
    expect(html).toContain('>sst2 one sentence › p50<')
  })
})

describe('a browser benchmark’s card', async () => {
  const html = await renderHtmlReport(mixed)
  const chromium = card(html, 'sst2 one sentence', 'Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs')
  const nodeCard = card(html, 'sst2 one sentence', 'Node 20.20.2')

  test('shows the page’s JS heap as such, never as RSS, and no CPU use it could not measure', () => {
    expect(chromium).toContain('<dt>JS heap peak (performance.memory)</dt><dd>48.0 MiB (+1.50 MiB over the run)</dd>')
    expect(chromium).not.toMatch(/RSS/)
    expect(chromium).not.toMatch(/NaN/)
    expect(chromium).not.toContain('CPU use')
    // the Node twin keeps its RSS and CPU time, and has no JS heap line
    expect(nodeCard).toContain('<th scope="row">peak RSS</th>')
    expect(nodeCard).toContain('<dt>CPU use</dt><dd>94 % of one core</dd>')
    expect(nodeCard).not.toContain('JS heap')
  })
})

describe('a run in Node only', async () => {
  const only = resultsJson([entry(FILE, 'one sentence', node), entry(FILE, 'accuracy', nodeAccuracy)])
  const html = await renderHtmlReport(only)

  test('has no Runtimes section, and names Node on its cards', () => {
    expect(reportView(only).runtimes).toBeUndefined()
    expect(html).not.toContain('id="runtimes"')
    expect(html).not.toContain('data-chart="runtimes"')
    expect(html.match(/<p class="runtime">Node 20.20.2<\/p>/g)).toHaveLength(2)
  })

  test('one result in a browser alone has nothing to be put beside', () => {
    const alone: ResultsJsonEntry[] = [entry(FILE, 'one sentence', node), entry(FILE, 'other', { ...page, name: 'other' })]
    expect(reportView(resultsJson(alone)).runtimes).toBeUndefined()
  })
})

describe('the runtimes chart', () => {
  test('a linear axis from zero while the latencies are close; log, with decade ticks, when they are orders apart', async () => {
    const close = runtimesChart([
      { result: 'a', runtime: 'node', p50: 2, p95: 3 },
      { result: 'a', runtime: 'chromium', p50: 6, p95: 9 },
    ])
    expect(JSON.stringify(close.spec)).not.toContain('"log"')
    expect(close.data.bars).toEqual([
      { result: 'a', runtime: 'Node', p50: 2, p95: 3 },
      { result: 'a', runtime: 'Chromium', p50: 6, p95: 9 },
    ])
    const far = runtimesChart([
      { result: 'a', runtime: 'node', p50: 0.02, p95: 0.03 },
      { result: 'a', runtime: 'firefox', p50: 0.2, p95: 0.3 },
      { result: 'b', runtime: 'node', p50: 12, p95: 15 },
      { result: 'b', runtime: 'firefox', p50: 40, p95: 61 },
    ])
    const spec = JSON.stringify(far.spec)
    expect(spec).toContain('"type":"log"')
    expect(spec).toContain('"values":[0.1,1,10]')
    expect(far.legend.map((l) => [l.label, l.color])).toEqual([['Node', '#2563eb'], ['Firefox', '#ea580c'], ['p95', '#374151']])
    const renderer = new SvgChartRenderer()
    try {
      for (const chart of [close, far]) expect((await renderer.render(chart)).svg.toString()).toContain('role-mark')
      expect(renderer.warnings).toEqual([])
    } finally {
      renderer.finalize()
    }
  })
})

describe('summary.md', () => {
  test('with a browser result, a runtime column, and the result named without the browser its key ends with', () => {
    const md = renderSummaryMarkdown(mixed)
    expect(md).toContain('| verdict | result | runtime | metric | baseline | current | Δ [interval] |')
    expect(md).toContain(`| 🔴 regressed | ${FILE} › suite › one sentence › sst2 one sentence | Node 20.20.2 | p50 |`)
    expect(md).toContain(`| 🔴 regressed | ${FILE} › suite › one sentence › sst2 one sentence | Chromium 147 · WASM 1 thread · isolated · timer 5.00 µs | p50 |`)
    expect(md).not.toMatch(/\| [^|]*\(chromium\) \|/)
  })

  test('a run in Node only keeps its table as it was', () => {
    const md = renderSummaryMarkdown(resultsJson([entry(FILE, 'one sentence', node)]))
    expect(md).toContain('| verdict | result | metric | baseline | current | Δ [interval] |')
    expect(md).not.toContain('Node 20.20.2')
  })
})
