import { describe, expect, test } from 'vitest'
import { batchThroughputChart } from '../../reporters/html/charts/batch.js'
import { confusionMatrixChart, MAX_HEATMAP_CLASSES } from '../../reporters/html/charts/confusion-matrix.js'
import { forestChart, type ForestRow } from '../../reporters/html/charts/forest.js'
import { latencyDistributionChart, percentileChart, throughputChart, type PercentileBar } from '../../reporters/html/charts/latency.js'
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

/** p50 from 5 calls (both bounds open), p95 and p99 from 30 (upper bounds open). */
const OPEN_BARS: PercentileBar[] = [
  { percentile: 'p50', current: 2, ci: { lower: null, upper: null, level: 0.95 } },
  { percentile: 'p95', current: 3, ci: { lower: 2.7, upper: null, level: 0.95 } },
  { percentile: 'p99', current: 3.3, ci: { lower: 2.8, upper: null, level: 0.95 } },
]

/** A change of every verdict with an interval; one open above, one beyond the axis below. */
const FOREST_ROWS: ForestRow[] = [
  { label: 'a › p50', verdict: 'regressed', change: 0.3, lower: 0.25, upper: 0.35, level: 0.98, tolerance: 0.1 },
  { label: 'a › p95', verdict: 'inconclusive', change: 0.4, lower: 0.05, upper: null, level: 0.98, tolerance: 0.1 },
  { label: 'b › throughput', verdict: 'improved', change: 0.5, lower: 0.3, upper: 0.7, level: 0.98, tolerance: 0.1 },
  { label: 'b › p50', verdict: 'unchanged', change: 0.01, lower: -0.02, upper: 0.04, level: 0.98, tolerance: 0.1 },
  { label: 'c › p95', verdict: 'inconclusive', change: -0.5, lower: -0.95, upper: 0.2, level: 0.98, tolerance: 0.1 },
]

/** One spec of every chart kind. */
function everyChart(): ChartSpec[] {
  return [
    distribution(1.5, 1),
    percentileChart([{ percentile: 'p50', current: 1.5, ci: { lower: 1.4, upper: 1.6, level: 0.95 }, baseline: 1.2 }, { percentile: 'p95', current: 2.5 }, { percentile: 'p99', current: 3 }]),
    percentileChart(OPEN_BARS),
    throughputChart(650, 700),
    confusionMatrixChart(['cat', 'dog'], [[9, 1], [2, 8]]),
    loadLatencyChart([{ level: 1, p50: 1, p95: 2, p99: 3 }, { level: 8, p50: 4, p95: 6, p99: 9 }], 'concurrency', { p99: 5 }),
    loadThroughputChart([{ level: 100, throughput: 98 }, { level: 200, throughput: 150 }], 'offered rate (req/s)', true),
    batchThroughputChart([{ batchSize: 1, itemsPerSecond: 100 }, { batchSize: 32, itemsPerSecond: 900 }], 32),
    paretoChart([{ model: 'a', latency: 1, quality: 0.9 }, { model: 'b', latency: 2, quality: 0.95 }], 'accuracy', 'p50 latency'),
    forestChart(FOREST_ROWS, 'relative'),
    forestChart([{ label: 'clf › accuracy', verdict: 'regressed', change: -0.03, lower: -0.05, upper: -0.012, level: 0.98, tolerance: 0.01 }], 'absolute'),
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

  test('level ticks read as the levels that ran: 100, 250, 500 — not 1e+2 or 3e+2, nor 1.0', async () => {
    const renderer = new SvgChartRenderer()
    try {
      const tickTexts = async (chart: ChartSpec) => [...(await renderer.render(chart)).svg.toString().matchAll(/role-axis-label[\s\S]*?<\/g>/g)].flatMap((m) => [...m[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]))
      const rates = await tickTexts(loadThroughputChart([100, 250, 500].map((level) => ({ level, throughput: level })), 'offered rate (req/s)', true))
      expect(rates).toEqual(expect.arrayContaining(['100', '250', '500']))
      expect(rates.join(' ')).not.toMatch(/e\+/)
      const users = await tickTexts(loadThroughputChart([1, 2].map((level) => ({ level, throughput: 100 * level })), 'concurrency', false))
      expect(users).toEqual(expect.arrayContaining(['1', '2']))
      expect(users).not.toContain('1.0')
    } finally {
      renderer.finalize()
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

  test('the forest plot draws the tolerance band, a bar and a dot per change in its verdict’s colour, and the arrows', async () => {
    const renderer = new SvgChartRenderer()
    try {
      const svg = (await renderer.render(forestChart(FOREST_ROWS, 'relative'))).svg.toString()
      // each layer's marks, in layer order: a mark group holds only its leaf elements
      const marks = (kind: string) => [...svg.matchAll(/<g class="mark-([a-z]+) role-mark[^"]*">(.*?)<\/g>/g)].filter((m) => m[1] === kind).map((m) => m[2] as string)
      const [bands] = marks('rect')
      expect(bands?.match(/<path [^>]*fill="#e5e7eb"/g)).toHaveLength(FOREST_ROWS.length)
      // the rule at 0, then one bar per change
      const [zero, bars] = marks('rule')
      expect(zero?.match(/<line /g)).toHaveLength(1)
      expect(bars?.match(/<line [^>]*stroke="#b91c1c"/g)).toHaveLength(1)
      expect(bars?.match(/<line [^>]*stroke="#a16207"/g)).toHaveLength(2)
      const [dots, arrows] = marks('symbol')
      expect(dots?.match(/<path /g)).toHaveLength(FOREST_ROWS.length)
      expect(dots?.match(/fill="#15803d"/g)).toHaveLength(1)
      expect(arrows?.match(/<path /g)).toHaveLength(2)
      expect(svg).toContain('>−50%<')
      expect(svg).toContain('>a › p95<')
      expect(renderer.warnings).toEqual([])
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

  test('percentile whiskers: an open upper bound runs to the edge with an arrow, an open lower bound from 0', () => {
    const chart = percentileChart(OPEN_BARS)
    expect(chart.data.whiskers).toBeUndefined()
    expect(chart.data.open).toEqual([
      { percentile: 'p50', series: 'current', lower: 0 },
      { percentile: 'p95', series: 'current', lower: 2.7 },
      { percentile: 'p99', series: 'current', lower: 2.8 },
    ])
    expect(chart.data.openLower).toEqual([{ percentile: 'p50', series: 'current' }])
    expect(JSON.stringify(chart.spec)).toContain('"x2":{"value":"width"}')
    expect(chart.caption).toMatch(/ending in an arrow at the edge has an open bound/)
    // every bound known: closed whiskers only, no arrows, no word of open bounds
    const closed = percentileChart([{ percentile: 'p50', current: 2, ci: { lower: 1.9, upper: 2.1, level: 0.95 } }])
    expect(closed.data).toEqual({ values: [{ percentile: 'p50', series: 'current', value: 2 }], whiskers: [{ percentile: 'p50', series: 'current', lower: 1.9, upper: 2.1 }] })
    expect(closed.caption).not.toMatch(/open/)
  })

  test('the forest plot: a dot and a bar per change, the tolerance band behind, arrows where a bar is open or leaves the axis', () => {
    const chart = forestChart(FOREST_ROWS, 'relative')
    expect(chart.kind).toBe('forest')
    // relative changes are ratios on a log axis: ± 10 % is the band 0.9 … 1.1
    expect(chart.data.bands?.[0]).toEqual({ label: 'a › p50', from: 0.9, to: 1.1 })
    expect(chart.data.points).toEqual(FOREST_ROWS.map((r) => ({ label: r.label, verdict: r.verdict, x: expect.closeTo(1 + r.change, 12) })))
    const spec = JSON.stringify(chart.spec)
    const domain = /"domain":\[([\d.e-]+),([\d.e-]+)\]/.exec(spec)
    const [lo, hi] = [Number(domain?.[1]), Number(domain?.[2])]
    // symmetric about no change; −95 % is beyond the limit, so the axis ends a little past ÷5 and ×5
    expect(lo * hi).toBeCloseTo(1, 12)
    expect(hi).toBeGreaterThan(5)
    expect(hi).toBeLessThan(6)
    const bars = chart.data.bars as Array<{ label: string; from: number; to: number }>
    expect(bars[1]).toMatchObject({ label: 'a › p95', from: 1.05, to: hi })
    expect(bars[4]).toMatchObject({ label: 'c › p95', from: lo })
    expect(chart.data.arrows).toEqual([
      { label: 'a › p95', verdict: 'inconclusive', x: hi, side: 'right' },
      { label: 'c › p95', verdict: 'inconclusive', x: lo, side: 'left' },
    ])
    expect(chart.data.zero).toEqual([{ x: 1 }])
    expect(spec).toContain('"type":"log"')
    expect(chart.legend.map((l) => l.label)).toEqual(['regressed', 'inconclusive', 'improved', 'unchanged', '± tolerance'])
    expect(chart.caption).toMatch(/^Each gated change \(dot\) with its 98% interval \(bar\) against ± its tolerance \(grey band\); log scale.*arrow runs past the axis or has an open bound\.$/)
    // an alpha overridden for one metric: no one level to name
    expect(forestChart([...FOREST_ROWS, { ...(FOREST_ROWS[0] as ForestRow), label: 'd › p50', level: 0.9 }], 'relative').caption).toMatch(/^Each gated change \(dot\) with its interval \(bar\)/)
    // absolute changes in points, on a linear axis; no arrows, no word of them
    const accuracy = forestChart([{ label: 'clf › accuracy', verdict: 'unchanged', change: 0.001, lower: -0.004, upper: 0.006, level: 0.98, tolerance: 0.01 }], 'absolute')
    expect(accuracy.kind).toBe('forest-absolute')
    expect(accuracy.data.bands).toEqual([{ label: 'clf › accuracy', from: -1, to: 1 }])
    expect(accuracy.data.bars).toEqual([{ label: 'clf › accuracy', verdict: 'unchanged', from: -0.4, to: expect.closeTo(0.6, 12) }])
    expect(accuracy.data.arrows).toEqual([])
    expect(accuracy.caption).not.toMatch(/arrow/)
  })

  test('forest axis ticks: 0 and round percentages on either side, never crowded', () => {
    const ticks = (rows: ForestRow[]) => (JSON.parse(JSON.stringify(forestChart(rows, 'relative').spec)).layer[0].encoding.x.axis.values as number[])
    expect(ticks([{ label: 'a', verdict: 'unchanged', change: 0.01, lower: -0.02, upper: 0.04, level: 0.98, tolerance: 0.1 }])).toEqual([0.9, 1, 1.1])
    expect(ticks(FOREST_ROWS).map((t) => Math.round((t - 1) * 100))).toEqual([-75, -50, 0, 100, 400])
  })

  test('an open loop adds the offered rate as a reference line; a closed loop does not', () => {
    const points = [{ level: 100, throughput: 98 }, { level: 200, throughput: 150 }]
    expect(loadThroughputChart(points, 'rate', true).data.offered).toEqual([{ level: 100, throughput: 100 }, { level: 200, throughput: 200 }])
    expect(loadThroughputChart(points, 'concurrency', false).data.offered).toBeUndefined()
  })
})
