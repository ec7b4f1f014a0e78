/** Charts of one text-generation benchmark. */
import type { ChartSpec } from '../svg-charts.js'
import { SERIES_COLORS, timeAxisUnit } from './palette.js'

/** The two phases of a request: the prompt's forward pass up to the first token, then one step per token. */
const PHASES = ['prefill', 'decode'] as const
const PHASE_COLORS: Record<(typeof PHASES)[number], string> = { prefill: '#d97706', decode: SERIES_COLORS.current }

/**
 * Token arrivals of one request as a staircase: one bar per output token spanning its wait, from
 * the previous token's arrival (the first token's from the call) to its own. The first bar is the
 * prefill (its top is the TTFT), the rest are decode steps; the bars' tops are the arrival times.
 */
export function tokenTimelineChart(tokenMs: readonly number[], prompt: number): ChartSpec {
  const { unit, perMs } = timeAxisUnit(tokenMs.at(-1) ?? 0)
  // bars centred on their token's index, so the integer ticks name them
  const tokens = tokenMs.map((to, i) => ({ x0: i + 0.5, x1: i + 1.5, from: (i === 0 ? 0 : (tokenMs[i - 1] as number)) * perMs, to: to * perMs, phase: PHASES[i === 0 ? 0 : 1] }))
  return {
    kind: 'token-timeline',
    caption:
      `Token arrivals of the typical request (prompt ${prompt}, the median end-to-end time): each bar spans one token's wait, ` +
      `from the previous token's arrival (the first token's from the call) to its own; the first is prefill, the rest decode steps.`,
    spec: {
      width: 360,
      height: 160,
      data: { name: 'tokens' },
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'x0', type: 'quantitative', scale: { zero: false, nice: false }, axis: { tickMinStep: 1, format: 'd' }, title: 'output token' },
        x2: { field: 'x1' },
        y: { field: 'from', type: 'quantitative', title: `arrival (${unit} from the call)` },
        y2: { field: 'to' },
        color: { field: 'phase', type: 'nominal', scale: { domain: [...PHASES], range: PHASES.map((p) => PHASE_COLORS[p]) }, legend: null },
      },
    },
    data: { tokens },
    legend: [
      { label: 'prefill (time to first token)', color: PHASE_COLORS.prefill, shape: 'square' },
      { label: 'decode step', color: PHASE_COLORS.decode, shape: 'square' },
    ],
  }
}
