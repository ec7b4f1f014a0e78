import { formatDuration } from '../src/core/units.js'
import type { AbRow, CalibrationJson, OverheadRow } from './calibration-json.js'

/** A titled table of strings: printed by `npm run calibrate`, shown in the HTML report. */
export interface PlainTable {
  title: string
  columns: string[]
  rows: string[][]
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const signed = (ms: number) => (ms < 0 ? `−${formatDuration(-ms)}` : formatDuration(ms))

/** The calibration's tables (pure), the one rendering the console and the report share. */
export function calibrationTables(doc: CalibrationJson): PlainTable[] {
  const bare = (workload: string): OverheadRow | undefined => doc.overhead.find((r) => r.workload === workload && r.method.startsWith('bare'))
  return [
    {
      title: 'Overhead per call (vs a bare performance.now() loop over the same function)',
      columns: ['workload', 'method', 'sample mean', 'Δ sample', 'wall/call', 'Δ wall/call', 'fixed per run'],
      rows: doc.overhead.map((r) => {
        const b = bare(r.workload)
        return [
          r.workload,
          r.method,
          formatDuration(r.sampleMeanMs),
          b ? signed(r.sampleMeanMs - b.sampleMeanMs) : '–',
          formatDuration(r.wallPerCallMs),
          b ? signed(r.wallPerCallMs - b.wallPerCallMs) : '–',
          formatDuration(r.fixedMs),
        ]
      }),
    },
    {
      title: 'Bias against known cost, and run-to-run noise',
      columns: ['workload', 'known', 'runs', 'p50', 'p50 bias', 'p95', 'p95 bias', 'CV of p50'],
      rows: doc.accuracy.map((r) => [
        r.workload,
        formatDuration(r.knownMs),
        String(r.runs),
        formatDuration(r.p50Ms),
        pct(r.p50Bias),
        formatDuration(r.p95Ms),
        pct(r.p95Bias),
        pct(r.p50Cv),
      ]),
    },
    {
      title: 'Verdict within one process (default: tolerance 10 %, alpha 0.01): false alarms (A/A) and detection power',
      columns: ['workload', 'slowdown', 'pairs', 'regressed', 'improved', 'unchanged', 'inconclusive', 'metrics that fired'],
      rows: doc.verdicts.map((v) => [
        v.workload,
        slowdownText(v.slowdown),
        String(v.pairs),
        pct(v.regressed),
        pct(v.improved),
        v.unchanged === undefined ? '–' : pct(v.unchanged),
        v.inconclusive === undefined ? '–' : pct(v.inconclusive),
        Object.entries(v.byMetric)
          .map(([m, n]) => `${m}:${n}`)
          .join(' ') || '–',
      ]),
    },
    ...(doc.betweenRuns && doc.betweenRuns.length > 0
      ? [
          {
            title: 'Stored baselines between runs (each run its own process; noise = random 50–500 ms CPU bursts on 2 cores)',
            columns: ['workload', 'noise', 'slowdown', 'pairs', 'regressed', 'unchanged', 'inconclusive', 'incomparable', 'improved', 'p50 alone: regressed / unchanged / inconclusive', 'previous rule: regressed', 'regressed at runNoise 2 / 5 / 10 / 20 %', 'p50 run-to-run σ'],
            rows: doc.betweenRuns.map((r) => [
              r.workload,
              r.noise,
              slowdownText(r.slowdown),
              String(r.pairs),
              pct(r.verdicts.regressed),
              pct(r.verdicts.unchanged),
              pct(r.verdicts.inconclusive),
              pct(r.verdicts.incomparable),
              pct(r.verdicts.improved),
              r.p50Verdicts ? [r.p50Verdicts.regressed, r.p50Verdicts.unchanged, r.p50Verdicts.inconclusive].map(pct).join(' / ') : '–',
              pct(r.previousRuleRegressed),
              r.regressedByRunNoise ? Object.values(r.regressedByRunNoise).map(pct).join(' / ') : '–',
              r.p50RunSpread === undefined ? '–' : pct(r.p50RunSpread),
            ]),
          },
        ]
      : []),
    ...(doc.ab && doc.ab.length > 0 ? [abTable(doc.ab)] : []),
  ]
}

const slowdownText = (s: number) => (s === 0 ? 'A/A' : `+${(s * 100).toFixed(0)} %`)

/** The A/B calibration's table: verdict shares per workload, noise and true change. */
export function abTable(rows: readonly AbRow[]): PlainTable {
  return {
    title: 'A/B gate across processes (p50, tolerance 5 %, alpha 0.01, budget 10 s; noise = random 50–500 ms CPU bursts on 2 cores)',
    columns: ['workload', 'noise', 'CPUs', 'true change', 'runs', 'regressed', 'unchanged', 'inconclusive', 'improved', 'time mean / max', 'ratio mean ± SD'],
    rows: rows.map((r) => [
      r.workload,
      r.noise ? 'on' : 'off',
      r.cpus,
      slowdownText(r.change),
      String(r.runs),
      pct(r.verdicts.regressed),
      pct(r.verdicts.unchanged),
      pct(r.verdicts.inconclusive),
      pct(r.verdicts.improved),
      `${formatDuration(r.meanMs)} / ${formatDuration(r.maxMs)}`,
      `${r.ratioMean.toFixed(3)} ± ${r.ratioSd.toFixed(3)}`,
    ]),
  }
}

/** A table as GitHub Markdown (for README and notes). */
export function markdownTable({ columns, rows }: PlainTable): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(columns), line(columns.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n')
}
