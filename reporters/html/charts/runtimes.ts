/** The runtimes chart: each benchmark's p50 (bar) and p95 (tick) in every runtime it ran in. */
import type { ChartSpec } from '../svg-charts.js'
import { runtimeName } from '../../text/runtime.js'
import { INK, timeAxisUnit } from './palette.js'

/** One benchmark in one runtime, ms. */
export interface RuntimeBar {
  /** The benchmark; unique within a chart. */
  result: string
  /** 'node', 'chromium' … */
  runtime: string
  p50: number
  p95: number
}

/** A colour per runtime, the same in every report; another runtime is grey. */
const RUNTIME_COLORS: Readonly<Record<string, string>> = { node: '#2563eb', chromium: '#16a34a', firefox: '#ea580c', webkit: '#7c3aed' }
const OTHER_COLOR = '#6b7280'
/** Beyond this ratio between the slowest p95 and the fastest p50, a linear axis would flatten the fast benchmarks to nothing. */
const LOG_RATIO = 20
/** Room for a benchmark's name: vega measures text in Node by estimate (0.8 em a character), 40 characters. */
const LABEL_LIMIT = 320

/** Ticks of a log axis from `lo` to `hi`: 1, 2 and 5 of every decade, or the decades alone where those would crowd it. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = []
  for (let decade = 10 ** Math.floor(Math.log10(lo)); decade <= hi; decade *= 10) ticks.push(...[1, 2, 5].map((m) => m * decade).filter((t) => t >= lo && t <= hi))
  return ticks.length > 7 ? ticks.filter((t) => Number.isInteger(Math.log10(t))) : ticks
}

/**
 * Grouped bars: one group per benchmark, one bar per runtime at its p50 with a tick at its p95. On
 * a log axis when the benchmarks' latencies are orders of magnitude apart, so every group reads.
 */
export function runtimesChart(bars: readonly RuntimeBar[]): ChartSpec {
  const times = bars.flatMap((b) => [b.p50, b.p95])
  const log = Math.max(...times) / Math.min(...times) > LOG_RATIO
  const { unit, perMs } = timeAxisUnit(Math.max(...times))
  const runtimes = [...new Set(bars.map((b) => b.runtime))]
  const names = runtimes.map(runtimeName)
  const y = { field: 'result', type: 'nominal', sort: [...new Set(bars.map((b) => b.result))], title: null, axis: { labelLimit: LABEL_LIMIT } } as const
  const yOffset = { field: 'runtime', type: 'nominal', sort: names } as const
  // a log axis has no zero: bars start at its left end, padded so the fastest bar still shows
  const scale = log ? { type: 'log' as const, nice: false, padding: 16 } : { zero: true }
  const axis = log ? { values: logTicks(Math.min(...times) * perMs, Math.max(...times) * perMs), format: '~g' } : {}
  return {
    kind: 'runtimes',
    caption: `p50 latency (bar) and p95 (tick) of each benchmark in every runtime it ran in${log ? '; log scale, so equal ratios are equal lengths' : ''}.`,
    spec: {
      width: 360,
      height: { step: 10 },
      data: { name: 'bars' },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y,
            yOffset,
            x: { field: 'p50', type: 'quantitative', stack: null, scale, axis, title: `latency (${unit})${log ? ', log scale' : ''}` },
            ...(log ? { x2: { value: 0 } } : {}),
            color: { field: 'runtime', type: 'nominal', scale: { domain: names, range: runtimes.map((r) => RUNTIME_COLORS[r] ?? OTHER_COLOR) }, legend: null },
          },
        },
        { mark: { type: 'tick', color: INK, thickness: 2, opacity: 1 }, encoding: { y, yOffset, x: { field: 'p95', type: 'quantitative' } } },
      ],
    },
    data: { bars: bars.map((b) => ({ result: b.result, runtime: runtimeName(b.runtime), p50: b.p50 * perMs, p95: b.p95 * perMs })) },
    legend: [
      ...runtimes.map((r) => ({ label: runtimeName(r), color: RUNTIME_COLORS[r] ?? OTHER_COLOR, shape: 'square' as const })),
      { label: 'p95', color: INK, shape: 'line' as const },
    ],
  }
}
