/**
 * Load tests and batch sweeps are gated per level ('concurrency 4 p95', 'batch 8 throughput'):
 * their changes go into the per-level table as Δ columns instead of a long metrics list.
 */
import type { ResultComparison, Verdict } from '../../src/gate/verdict.js'
import type { LoadLevelResult } from '../../src/results/load-test.js'
import { formatChangeInterval, formatMetricChange, toleranceText, whyText } from '../text/verdict.js'
import type { Cell } from './card.js'

/** The metric group of a load level, as `baselineEntryOf` names it. */
export function loadLevelGroup(level: Pick<LoadLevelResult, 'concurrency' | 'rate'>): string {
  return level.concurrency !== undefined ? `concurrency ${level.concurrency}` : `rate ${level.rate}/s`
}

/** The metric group of a batch size, as `baselineEntryOf` names it. */
export function batchGroup(batchSize: number): string {
  return `batch ${batchSize}`
}

/** How a change cell is coloured by its verdict. */
const TONES: Partial<Record<Verdict, Cell['tone']>> = { regressed: 'bad', improved: 'good', inconclusive: 'unsure' }

const RULE_TITLES: Record<string, string> = { p50: 'Δ p50', p95: 'Δ p95', throughput: 'Δ throughput', rssPeak: 'Δ peak RSS' }

/** Δ columns for the rules compared in any of `groups`, and the metric ids they show. */
export interface GroupChanges {
  columns: string[]
  /** Per group (in the order given), one cell per column. */
  cells: Cell[][]
  /** Metric ids shown here, to leave out of the metrics table. */
  shown: Set<string>
}

/** The comparison's per-group changes, toned by verdict, with each metric's reason as the cell's title. */
export function groupChanges(comparison: ResultComparison | undefined, groups: readonly string[]): GroupChanges {
  const byId = new Map((comparison?.metrics ?? []).map((m) => [m.metric, m]))
  const rules = Object.keys(RULE_TITLES).filter((rule) => groups.some((g) => byId.has(`${g} ${rule}`)))
  const shown = new Set<string>()
  // each rule's tolerance, when all its levels were held to the same one
  const shared: Record<string, string | undefined> = {}
  for (const rule of rules) {
    const tolerances = new Set(groups.flatMap((g) => byId.get(`${g} ${rule}`) ?? []).map(toleranceText))
    shared[rule] = tolerances.size === 1 ? [...tolerances][0] || undefined : undefined
  }
  const cells = groups.map((group) =>
    rules.map((rule): Cell => {
      const m = byId.get(`${group} ${rule}`)
      if (!m) return { text: '–' }
      shown.add(m.metric)
      const tone = TONES[m.verdict]
      // the interval on a second line keeps the Δ columns narrow; the tolerance is in the header
      // when every level shares it, else beside the interval
      const tolerance = shared[rule] === undefined ? toleranceText(m) : ''
      const sub = [formatChangeInterval(m), tolerance].filter(Boolean).join(' ')
      return { text: formatMetricChange(m), title: `${m.verdict}: ${whyText(m)}`, ...(sub ? { sub } : {}), ...(tone ? { tone } : {}) }
    }),
  )
  const columns = rules.map((r) => `${RULE_TITLES[r] as string}${shared[r] ? ` (${shared[r]})` : ''}`)
  return { columns, cells, shown }
}
