/**
 * `<reportDir>/summary.md`: the run in GitHub-flavoured Markdown for a job summary or a PR
 * comment — verdict counts, regressions first with their evidence, what is incomparable or
 * inconclusive, then one compact row per result with the change and its interval.
 */
import { abLines, comparedWithText } from './text/ab.js'
import { formatMetricValue } from '../src/core/units.js'
import { decidingMetric } from '../src/gate/compare.js'
import type { Verdict } from '../src/gate/verdict.js'
import type { ResultsJson, ResultsJsonEntry } from '../src/gate/results-json.js'
import { runtimeLabel, runtimeOf } from './text/runtime.js'
import { machineText } from './text/machine.js'
import { describeMetric, formatChangeWithInterval, inconclusiveLine, metricLabel, VERDICTS_BY_URGENCY, whyText } from './text/verdict.js'

const ICONS: Record<Verdict, string> = { regressed: '🔴', incomparable: '🟠', inconclusive: '🟡', improved: '🟢', new: '🆕', unchanged: '⚪' }

/** Escapes text for Markdown (tables included): user-chosen names must render as written, never as markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ')
}

/** Neutralises inline HTML and table breaks only, leaving Markdown punctuation (intervals' brackets) as written. */
function escapeInlineHtml(text: string): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function where(e: ResultsJsonEntry): string {
  return `${escapeMarkdown(e.file)} › ${escapeMarkdown(e.key)}`
}

/**
 * One result's row. With `runtimes`, the runtime has a column of its own and the result is named
 * without the browser its key ends with, so a benchmark's Node and browser rows read alike.
 */
function row(e: ResultsJsonEntry, runtimes: boolean): string {
  const verdict = e.comparison?.verdict
  const m = e.comparison ? decidingMetric(e.comparison) : undefined
  // numbers are formatted by us, but a value that is not what its type says must still render as
  // text: their cells get the inline-HTML and table escapes too
  const cells = [
    verdict ? `${ICONS[verdict]} ${escapeInlineHtml(verdict)}` : '⚠️ no baseline check',
    ...(runtimes ? [[e.file, ...e.suite, e.test, e.result.name].map(escapeMarkdown).join(' › '), escapeMarkdown(runtimeLabel(e.result))] : [where(e)]),
    m ? escapeMarkdown(m.metric) : '–',
    m?.baseline !== undefined ? escapeInlineHtml(formatMetricValue(m.baseline, m.unit)) : '–',
    m ? escapeInlineHtml(formatMetricValue(m.current, m.unit)) : '–',
    m ? escapeInlineHtml(formatChangeWithInterval(m)) : '–',
  ]
  return `| ${cells.join(' | ')} |`
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', `### ${title}`, '', ...lines]
}

/** Renders summary.md from a results.json document (pure). */
export function renderSummaryMarkdown(results: ResultsJson): string {
  const counts = VERDICTS_BY_URGENCY.filter((v) => results.counts[v] > 0).map((v) => `${ICONS[v]} ${results.counts[v]} ${v}`)
  const status = results.failed ? '❌ failed' : '✅ passed'
  const out = [
    `## ML bench: ${status} — ${results.verdict}`,
    '',
    `${results.entries.length} results${counts.length ? `: ${counts.join(' · ')}` : ''}. ${results.ab ? `Compared with the ${escapeMarkdown(comparedWithText(results))}.` : `Baselines: \`${escapeMarkdown(results.baselines.dir)}/\` (update mode: ${results.baselines.mode}).`}`,
  ]
  out.push(...section('A/B run', abLines(results).map((l) => `- ${escapeMarkdown(l)}`)))
  const failing = results.entries.filter((e) => e.comparison?.verdict === 'regressed')
  out.push(
    ...section(
      'Regressions',
      failing.flatMap((e) => [
        `- **${where(e)}**`,
        ...(e.comparison?.metrics ?? []).filter((m) => m.verdict === 'regressed').map((m) => `  - ${escapeMarkdown(describeMetric(m))}`),
      ]),
    ),
  )
  out.push(
    ...section(
      'Incomparable (environment or machine speed differs; not gated)',
      results.entries
        .filter((e) => e.comparison?.verdict === 'incomparable')
        .map((e) => {
          const m = e.comparison?.metrics.find((x) => x.verdict === 'incomparable')
          return `- ${where(e)}: ${escapeMarkdown(m ? whyText(m) : '')}`
        }),
    ),
  )
  const inconclusive = results.entries.flatMap((e) =>
    e.comparison?.verdict === 'inconclusive' ? [`- ${where(e)}: ${inconclusiveLine(e.comparison, (id) => escapeMarkdown(metricLabel(id)))}`] : [],
  )
  if (inconclusive.length > 0) {
    const explanation =
      'The interval of the change reaches across the tolerance: the measurements show neither a change beyond it nor one within it. More calls or examples would decide; an inconclusive result never fails the run.'
    out.push(...section('Inconclusive (never fails the run)', [explanation, '', ...inconclusive]))
  }
  out.push(...section('Baseline files that could not be used', results.baselines.errors.map((e) => `- ${escapeMarkdown(e.message)}`)))
  const sorted = VERDICTS_BY_URGENCY.flatMap((v) => results.entries.filter((e) => e.comparison?.verdict === v))
  const unchecked = results.entries.filter((e) => !e.comparison)
  if (results.entries.length > 0) {
    // a run all in Node (as every run before browser runtimes) keeps its table as it was
    const runtimes = results.entries.some((e) => runtimeOf(e.result.env).name !== 'node')
    const [header, align] = runtimes ? ['| verdict | result | runtime |', '| --- | --- | --- |'] : ['| verdict | result |', '| --- | --- |']
    out.push('', '### Results', '', `${header} metric | baseline | current | Δ [interval] |`, `${align} --- | ---: | ---: | ---: |`)
    out.push(...[...sorted, ...unchecked].map((e) => row(e, runtimes)))
  }
  const notes = [
    ...results.baselines.unwritten.map((r) => `- new, not recorded (CI): ${escapeMarkdown(r.file)} › ${escapeMarkdown(r.key)}`),
    ...results.baselines.stale.map((r) => `- stale baseline entry${r.removed ? ' (removed)' : ''}: ${escapeMarkdown(r.file)} › ${escapeMarkdown(r.key)}`),
    ...results.baselines.written.map((f) => `- written: \`${escapeMarkdown(f)}\``),
    ...results.baselines.warnings.map((w) => `- ${escapeMarkdown(w)}`),
  ]
  out.push(...section('Baselines', notes))
  if (results.machine) out.push('', `Machine: ${escapeMarkdown(machineText(results.machine))}.`)
  if (results.baselines.unwritten.length > 0) {
    out.push('', 'Record new baselines by running the benches locally (`npx vitest run`) or with `-u`, and commit them.')
  }
  return `${out.join('\n')}\n`
}
