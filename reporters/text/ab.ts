/** Prose of an A/B run (`vitest-ml-bench ab`): what the results were compared with, and how it went. */
import { formatDuration } from '../../src/core/units.js'
import type { ResultsJson } from '../../src/gate/results-json.js'
import type { MetricComparison } from '../../src/gate/verdict.js'
import { VERDICTS_BY_URGENCY } from './verdict.js'

/** What the comparisons are against: 'baselines (baselines/)' or 'base 1a2b3c4d5e6f (merge base with origin/main), measured interleaved'. */
export function comparedWithText(results: Pick<ResultsJson, 'ab' | 'baselines'>): string {
  if (!results.ab) return `baselines (${results.baselines.dir}/)`
  const where = results.ab.cpus === undefined ? '' : `, both sides on CPU ${results.ab.cpus}`
  return `base ${results.ab.base.commit.slice(0, 12)} (merge base with ${results.ab.base.ref}), measured interleaved in one A/B run${where}`
}

/**
 * What more time would do for an inconclusive pair. Past 100× the time spent (the interval would
 * have to shrink tenfold) the change sits on the tolerance's edge, and an estimate like '32728 s'
 * only misleads.
 */
function moreTimeText(moreMs: number, elapsedMs: number): string {
  return moreMs > 100 * elapsedMs ? 'its change sits at the edge of the tolerance: more time would hardly decide it' : `about ${formatDuration(moreMs)} more would decide it`
}

/** How a paired measurement ran: '24 slice pairs, 1.2 s, decided' or '… budget spent; about 3.4 s more would decide it'. */
export function pairedText(m: MetricComparison): string | undefined {
  const p = m.paired
  if (!p) return undefined
  const how = p.stoppedBecause === 'decided' ? 'decided' : p.stoppedBecause === 'budget' ? 'budget spent' : 'stopped'
  const more = m.verdict === 'inconclusive' && p.moreTimeMs !== null && p.moreTimeMs > 0 ? `; ${moreTimeText(p.moreTimeMs, p.elapsedMs)}` : ''
  const processes = p.processNoise ? `; allowing ±${(p.processNoise * 100).toFixed(0)}% between the two processes' onnxruntime sessions` : ''
  return `${p.pairs} slice pairs, ${formatDuration(p.elapsedMs)}, ${how}${more}${processes}`
}

/** What an A/B run measured and could not, one line each: paired measurements, removed and unpaired results, problems. */
export function abLines(results: ResultsJson): string[] {
  const ab = results.ab
  if (!ab) return []
  const lines: string[] = []
  for (const e of results.entries) {
    for (const m of e.comparison?.metrics ?? []) {
      const how = pairedText(m)
      if (how) lines.push(`${e.file} › ${e.key}: ${m.metric} ${m.verdict} (${how})`)
    }
  }
  for (const r of ab.removed) lines.push(`removed (only the base has it): ${r.file} › ${r.key}`)
  for (const r of ab.unpaired) {
    const why = r.why === 'only-this-side' ? 'the other side has no such result' : r.why === 'partner-gone' ? 'the other side had ended' : r.why
    lines.push(`measured alone on the ${r.side} side (${why}): ${r.file} › ${r.key}`)
  }
  for (const p of ab.problems) lines.push(`problem: ${p}`)
  return lines
}

/** The A/B run's closing lines for the console: counts, then {@link abLines}. */
export function abSummaryText(results: ResultsJson): string {
  const counts = VERDICTS_BY_URGENCY.filter((v) => results.counts[v] > 0).map((v) => `${results.counts[v]} ${v}`)
  const lines = [` ML bench  A/B vs ${comparedWithText(results)}: ${counts.join(', ') || 'no results'}`, ...abLines(results).map((l) => `   ${l}`)]
  if (results.ab) lines.push(` ML bench  A/B took ${results.ab.seconds.toFixed(0)} s; ${results.failed ? 'gate failed' : 'gate passed'}`)
  return lines.join('\n')
}
