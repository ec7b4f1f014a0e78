import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { renderHtmlReport, writeHtmlReport } from '../../reporters/html/index.js'
import { readResultsJson } from '../../src/gate/results-json.js'
import { thinSorted } from '../../src/analyse/latency.js'
import { benchmarkResult, entry, logNormalSamples, p50Comparison, resultsJson, scaledBenchmark } from './synthetic.js'

const fixture = readResultsJson(path.join(import.meta.dirname, '../fixtures/results/results.json'))
const TEMPLATES = path.join(import.meta.dirname, '../../templates')

describe('renderHtmlReport', async () => {
  const html = await renderHtmlReport(fixture)

  test('is one self-contained page: no external resource, no reference outside itself', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i)
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i)
    expect(html).not.toMatch(/\b(?:src|href|xlink:href)="(?!#)/i)
    expect(html).not.toMatch(/url\((?!#)/i)
    expect(html).not.toMatch(/@import/i)
  })

  test('the Content-Security-Policy allows no network and exactly the inline script', () => {
    // The attribute value is HTML-escaped like any other; the browser reads it decoded.
    const attribute = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? ''
    const csp = attribute.replaceAll('&#x27;', "'").replaceAll('&#x3D;', '=')
    expect(csp).toContain("default-src 'none'")
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '')
    expect(scripts).toHaveLength(1)
    const hash = createHash('sha256').update(scripts[0] as string, 'utf8').digest('base64')
    expect(csp).toContain(`script-src 'sha256-${hash}'`)
  })

  test('escapes user strings everywhere: text, attributes and charts', () => {
    expect(html).not.toContain('<img src=x onerror=alert(1)>')
    expect(html).toContain('<h3>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; matmul-64x2</h3>')
    expect(html).toContain('data-search="&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; matmul-64x2 ')
  })

  test('element ids are unique', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids.length).toBeGreaterThan(10)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('has a figure for every chart of every result, and the environment table', () => {
    const charts = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)">/g)].map((m) => m[1])
    const count = (kind: string) => fixture.entries.filter((e) => e.result.kind === kind).length
    const expected = {
      'latency-distribution': count('benchmark'),
      percentiles: count('benchmark'),
      throughput: count('benchmark'),
      'confusion-matrix': count('evaluation'),
      pareto: count('model-comparison'),
      'load-latency': count('load-test'),
      'load-throughput': count('load-test'),
      'batch-throughput': count('batch-sweep'),
      // the fixture gates relative changes and an accuracy: one forest plot of each
      forest: 1,
      'forest-absolute': 1,
    }
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, charts.filter((c) => c === k).length]))).toEqual(expected)
    expect(html).toContain('<h2>Environment</h2>')
    expect(html).toContain(fixture.env.cpuModel)
  })

  test('"Verdicts at a glance" comes after the attention list and before the results', () => {
    const glance = html.indexOf('<h2>Verdicts at a glance</h2>')
    expect(html.indexOf('<h2>Needs attention</h2>')).toBeLessThan(glance)
    expect(glance).toBeLessThan(html.indexOf('id="section-benchmark"'))
    expect(html.slice(glance, html.indexOf('id="section-benchmark"'))).toMatch(/<figure class="chart" data-chart="forest">[\s\S]*<figure class="chart" data-chart="forest-absolute">/)
    expect(html).toMatch(/<li>\d+ compared metrics have no interval and are not drawn: peak RSS is one value per run\.<\/li>/)
  })

  test('inconclusive: counted in the header, offered by the filter, badged on its cards and listed under attention', () => {
    const inconclusive = fixture.entries.filter((e) => e.comparison?.verdict === 'inconclusive').length
    expect(inconclusive).toBeGreaterThan(0)
    expect(html).toMatch(new RegExp(`<li><span class="badge verdict-inconclusive">inconclusive</span>\\s*<strong>${inconclusive}</strong></li>`))
    expect(html).toContain('<option value="inconclusive">inconclusive</option>')
    expect(html.match(/<article class="card verdict-inconclusive"/g)).toHaveLength(inconclusive)
    expect(html.match(/<li data-card data-verdict="inconclusive"/g)).toHaveLength(inconclusive)
    // a change and its interval in the metrics table, the inconclusive one coloured as such
    expect(html).toMatch(/<tr class="verdict-inconclusive" title="[^"]*reaches across the tolerance 10%[^"]*">[\s\S]*?<span class="change">[-+][\d.]+%<\/span><span class="ci change-ci">\[[-+][\d.]+, [-+][\d.]+\]<\/span>/)
    expect(html).toContain('class="tone-unsure"')
    // a load test's dozen inconclusive levels: three reasons, the rest folded into a <details>
    expect(html).toMatch(/<details class="more-reasons"><summary>\d+ more<\/summary><ul class="reasons"><li>/)
  })

  test('templates never insert unescaped values (no triple-stash)', () => {
    const files = readdirSync(TEMPLATES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'))
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) expect(readFileSync(path.join(TEMPLATES, file), 'utf8'), file).not.toContain('{{{')
  })

  test('a templates folder without the templates is a clear error', async () => {
    await expect(renderHtmlReport(fixture, { templatesDir: os.tmpdir() })).rejects.toThrow(/cannot read the report template .*partials.*templatesDir/)
  })
})

describe('open bounds', () => {
  test('a percentile the calls cannot bound shows "open" and a whisker to the chart edge', async () => {
    const thirty = benchmarkResult('thirty calls', logNormalSamples(30, 2))
    expect(thirty.latency.ci.p99.upper).toBeNull()
    const html = await renderHtmlReport(resultsJson([entry('benches/a.bench.ts', 't', thirty)]))
    expect(html).toMatch(/<th scope="row">p99 latency<\/th><td class="num">[\d.]+ ms<\/td><td class="num ci">[\d.]+ ms – open<\/td>/)
    expect(html).toContain('ending in an arrow at the edge has an open bound')
    const percentiles = html.slice(html.indexOf('data-chart="percentiles"'))
    expect(percentiles.slice(0, percentiles.indexOf('</figure>'))).toMatch(/<g class="mark-symbol role-mark[^"]*"><path /)
  })
})

describe('writeHtmlReport', () => {
  test('writes <reportDir>/index.html, creating the folder, and returns its path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-bench-report-'))
    try {
      const file = await writeHtmlReport(fixture, path.join(dir, 'nested'))
      expect(file).toBe(path.join(dir, 'nested', 'index.html'))
      expect(readFileSync(file, 'utf8')).toContain('<title>ML bench report: failed, regressed</title>')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('large reports', () => {
  test('200 benchmarks × 5,000 samples render within seconds to a file under 5 MB', async () => {
    // One bootstrap, scaled: every result has 5,000 samples and real statistics.
    const template = benchmarkResult('template', logNormalSamples(5000, 1.5))
    const baseline = thinSorted(logNormalSamples(5000, 1.4, 2), 2000)
    const verdicts = ['regressed', 'improved', 'unchanged', 'new'] as const
    const entries = Array.from({ length: 200 }, (_, i) => {
      const factor = 0.5 + (i % 17) / 10
      const result = scaledBenchmark(template, `model ${i}`, factor)
      const verdict = verdicts[i % 4] as (typeof verdicts)[number]
      const p50 = result.latency.p50
      return entry(`benches/file-${i % 10}.bench.ts`, `test ${i}`, result, {
        comparison: verdict === 'new' ? { verdict, metrics: [] } : p50Comparison(verdict, p50 / 1.2, p50),
        ...(verdict === 'new' ? {} : { baseline: { recordedAt: '', commit: null, env: result.env, metrics: { p50: p50 / 1.2 }, samples: baseline.map((s) => s * factor) } }),
      })
    })
    const started = performance.now()
    const html = await renderHtmlReport(resultsJson(entries))
    const seconds = (performance.now() - started) / 1000
    const megabytes = Buffer.byteLength(html) / 1e6
    console.info(`[report] 200 benchmarks × 5,000 samples: ${seconds.toFixed(2)} s, ${megabytes.toFixed(2)} MB`)
    expect(html.match(/<article /g)).toHaveLength(200)
    expect(megabytes).toBeLessThan(5)
    // Goal < 3 s on an idle machine; the margin absorbs a shared CI core.
    expect(seconds).toBeLessThan(9)
  })
})
