import { describe, expect, test } from 'vitest'
import { batchThroughputChart } from '../../reporters/html/charts/batch.js'
import { confusionMatrixChart, MAX_HEATMAP_CLASSES } from '../../reporters/html/charts/confusion-matrix.js'
import { latencyDistributionChart, percentileChart, throughputChart } from '../../reporters/html/charts/latency.js'
import { loadLatencyChart, loadThroughputChart } from '../../reporters/html/charts/load.js'
import { paretoChart } from '../../reporters/html/charts/pareto.js'
import { compactSvg, SvgChartRenderer, type ChartSpec } from '../../reporters/html/svg-charts.js'
import { logNormalSamples } from './synthetic.js'

const INJECTED = '<img src=x onerror=alert(1)>'

function distribution(median: number, seed: number): ChartSpec {
  const sorted = logNormalSamples(500, median, seed)
  const percentiles = { p50: median, p95: median * 1.5, p99: median * 1.8 }
  return latencyDistributionChart({ sorted, percentiles }, { sorted: logNormalSamples(300, median * 0.8, seed + 1), percentiles })
}

/** One spec of every chart kind. */
function everyChart(): ChartSpec[] {
  return [
    distribution(1.5, 1),
    percentileChart([{ percentile: 'p50', current: 1.5, lower: 1.4, upper: 1.6, baseline: 1.2 }, { percentile: 'p95', current: 2.5 }, { percentile: 'p99', current: 3 }]),
    throughputChart(650, 700),
    confusionMatrixChart(['cat', 'dog'], [[9, 1], [2, 8]]),
    loadLatencyChart([{ level: 1, p50: 1, p95: 2, p99: 3 }, { level: 8, p50: 4, p95: 6, p99: 9 }], 'concurrency', { p99: 5 }),
    loadThroughputChart([{ level: 100, throughput: 98 }, { level: 200, throughput: 150 }], 'offered rate (req/s)', true),
    batchThroughputChart([{ batchSize: 1, itemsPerSecond: 100 }, { batchSize: 32, itemsPerSecond: 900 }], 32),
    paretoChart([{ model: 'a', latency: 1, quality: 0.9 }, { model: 'b', latency: 2, quality: 0.95 }], 'accuracy', 'p50 latency'),
  ]
}

describe('compactSvg', () => {
  test('rounds geometry to a tenth of a pixel, never text, and drops empty paths and ARIA', () => {
    const svg =
      '<g class="mark-text role-axis" role="graphics-object" aria-roledescription="axis"><path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>' +
      '<text transform="translate(12.3456,7.04)" opacity="1">v1.23456</text><path d="M1.234,5.678L9.87654,3" aria-hidden="true"/>' +
      '<path class="foreground" aria-hidden="true" d="" pointer-events="none" display="none"/></g>'
    expect(compactSvg(svg)).toBe('<g class="mark-text role-axis"><text transform="translate(12.3,7.0)">v1.23456</text><path d="M1.2,5.6L9.8,3"/></g>')
  })

  test('leaves text that looks like attributes alone', () => {
    const svg = '<text x="1.23456">label d="1.23456" role="x" opacity="1"</text>'
    expect(compactSvg(svg)).toBe('<text x="1.2">label d="1.23456" role="x" opacity="1"</text>')
  })
})

describe('SvgChartRenderer', () => {
  test('renders every chart kind to SVG without a vega or Vega-Lite warning', async () => {
    const renderer = new SvgChartRenderer()
    try {
      for (const chart of everyChart()) {
        const rendered = await renderer.render(chart)
        expect(rendered.svg.toString(), chart.kind).toMatch(/^<svg [^>]*class="marks"[\s\S]*<\/svg>$/)
        expect(rendered.svg.toString(), chart.kind).toContain('role-mark')
      }
      expect(renderer.warnings).toEqual([])
    } finally {
      renderer.finalize()
    }
  })

  test('a view reused for new data draws the same SVG as a fresh one', async () => {
    // The same elements with the same geometry; a reused view may list them in another order.
    const elements = (svg: string) => svg.split('><').sort()
    const reused = new SvgChartRenderer()
    const fresh = new SvgChartRenderer()
    try {
      const first = await reused.render(distribution(1.5, 1))
      const second = await reused.render(distribution(40, 7))
      expect(second.svg.toString()).not.toBe(first.svg.toString())
      expect(elements(second.svg.toString())).toEqual(elements((await fresh.render(distribution(40, 7))).svg.toString()))
    } finally {
      reused.finalize()
      fresh.finalize()
    }
  })

  test('user labels inside charts are escaped', async () => {
    const renderer = new SvgChartRenderer()
    try {
      const labels = [INJECTED, 'say "hi"', 'a & b']
      const matrix = await renderer.render(confusionMatrixChart(labels, [[3, 0, 0], [1, 2, 0], [0, 0, 3]]))
      const pareto = await renderer.render(paretoChart([{ model: INJECTED, latency: 1, quality: 0.9 }, { model: 'b', latency: 2, quality: 0.95 }], 'accuracy', 'p50'))
      for (const svg of [matrix.svg.toString(), pareto.svg.toString()]) {
        expect(svg).not.toContain('<img')
        // Axis labels are truncated to fit ('…'); the text marks keep the whole label.
        expect(svg).toContain('&lt;img src=x onerror=al')
      }
      expect(pareto.svg.toString()).toContain('&lt;img src=x onerror=alert(1)&gt;')
      expect(matrix.svg.toString()).toContain('a &amp; b')
    } finally {
      renderer.finalize()
    }
  })

  test('legends are drawn in HTML from the palette, labels kept as data', async () => {
    const renderer = new SvgChartRenderer()
    try {
      const rendered = await renderer.render(distribution(1.5, 1))
      expect(rendered.legend.map((l) => l.label)).toEqual(['current', 'baseline', 'p50', 'p95', 'p99'])
      expect(rendered.legend[3]?.swatch.toString()).toBe(
        '<svg width="16" height="12" aria-hidden="true"><line x1="0" y1="6" x2="16" y2="6" stroke="#374151" stroke-width="2" stroke-dasharray="5,3"/></svg>',
      )
    } finally {
      renderer.finalize()
    }
  })

  test(`a confusion matrix above ${MAX_HEATMAP_CLASSES} classes is refused`, () => {
    const labels = Array.from({ length: MAX_HEATMAP_CLASSES + 1 }, (_, i) => String(i))
    expect(() => confusionMatrixChart(labels, [])).toThrow(/more than the 40 a heatmap can show/)
  })
})

describe('chart data', () => {
  test('the distribution chart bins both samples on shared edges, in the unit of the axis', () => {
    const chart = latencyDistributionChart(
      { sorted: [0.1, 0.2, 0.3, 0.4], percentiles: { p50: 0.25, p95: 0.38, p99: 0.4 } },
      { sorted: [0.1, 0.1, 0.2, 0.2], percentiles: { p50: 0.15, p95: 0.2, p99: 0.2 } },
    )
    // Below 1 ms the axis is in µs; the rules are at the given percentiles.
    expect(JSON.stringify(chart.spec)).toContain('latency (µs)')
    expect(chart.data.rules).toContainEqual({ series: 'current', percentile: 'p99', x: 400 })
    expect(chart.data.rules).toContainEqual({ series: 'baseline', percentile: 'p50', x: 150 })
    const curve = chart.data.curve as Array<{ series: string; x: number; share: number }>
    const shares = (series: string) => curve.filter((p) => p.series === series).reduce((sum, p, i, all) => sum + (i < all.length - 1 ? p.share : 0), 0)
    expect(shares('current')).toBeCloseTo(1, 12)
    expect(shares('baseline')).toBeCloseTo(1, 12)
  })

  test('an open loop adds the offered rate as a reference line; a closed loop does not', () => {
    const points = [{ level: 100, throughput: 98 }, { level: 200, throughput: 150 }]
    expect(loadThroughputChart(points, 'rate', true).data.offered).toEqual([{ level: 100, throughput: 100 }, { level: 200, throughput: 200 }])
    expect(loadThroughputChart(points, 'concurrency', false).data.offered).toBeUndefined()
  })
})
