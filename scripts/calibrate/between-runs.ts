/**
 * Between-run calibration of the stored-baseline gate: every run in its own process (as CI runs
 * are), with the noise injector off for some runs and on for others, then every earlier run used
 * as the baseline of every later one. Reports how often the current verdict rule (with the
 * machine-speed sentinel) says regressed, and what it says otherwise, next to the previous rule's
 * false alarms on the same pairs.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { mannWhitneyU, normalSf, twoProportionTest, welchTTest } from '../../src/analyse/significance.js'
import { quantileSorted, standardDeviation } from '../../src/analyse/stats.js'
import { compareToBaseline } from '../../src/gate/compare.js'
import { machineDrift } from '../../src/gate/environment.js'
import type { BaselineEntry } from '../../src/gate/schema.js'
import { resolveThresholds, type ResolvedThresholds } from '../../src/gate/thresholds.js'
import { VERDICTS, type Verdict } from '../../src/gate/verdict.js'
import type { BetweenRunRow } from '../../reporters/calibration-json.js'
import { startNoise } from '../noise.js'
import type { ChildRun } from './between-runs-child.js'

const run = promisify(execFile)
/** The run-to-run noise settings whose false-alarm rate the study reports beside the configured one's. */
const RUN_NOISE_STUDIED = [0.02, 0.05, 0.1, 0.2]
const CHILD = path.join(import.meta.dirname, 'between-runs-child.ts')

/** One run in a fresh process: what a baseline keeps of its result, and the run's probes. */
async function oneRun(workload: string, slowdown: number, timeMs: number): Promise<ChildRun> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, workload, String(slowdown), String(timeMs)], { maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildRun
}

/**
 * The previous rule, for comparison: regressed when the point change is beyond the tolerance AND a
 * one-sided test of any shift is significant (p50 Mann–Whitney U, p95 tail exceedance, throughput
 * Welch), with no interval, no multiplicity control and no sentinel.
 */
export function previousRuleRegressed(base: BaselineEntry, cur: BaselineEntry, t: ResolvedThresholds): boolean {
  const b = base.samples[''] ?? []
  const c = cur.samples[''] ?? []
  const value = (e: BaselineEntry, m: string) => e.metrics[m]?.value ?? Number.NaN
  const slower = (m: string) => value(cur, m) / value(base, m) - 1 > t.latency
  if (slower('p50') && mannWhitneyU(c, b, { alternative: 'greater' }).pValue < t.alpha) return true
  if (value(cur, 'throughput') / value(base, 'throughput') - 1 < -t.throughput && welchTTest(c, b, { alternative: 'greater' }).pValue < t.alpha) return true
  if (slower('p95')) {
    const limit = quantileSorted(b, 0.95)
    const above = (xs: number[]) => xs.filter((x) => x > limit).length
    const r = twoProportionTest(above(c), c.length, above(b), b.length)
    const p = r.z === 0 && r.pValue === 1 ? 1 : normalSf(r.z)
    if (p < t.alpha) return true
  }
  return false
}

/** Options of {@link betweenRuns}. */
export interface BetweenRunOptions {
  workloads: readonly string[]
  /** Baseline-quality runs per workload and noise setting. */
  runs: number
  /** Runs with the workload made slower by `slowdown`, per workload and noise setting. */
  slowRuns: number
  slowdown: number
  timeMs: number
  log: (line: string) => void
}

/** Runs the study; rows per workload × noise × (A/A, slowdown). */
export async function betweenRuns(options: BetweenRunOptions): Promise<BetweenRunRow[]> {
  const thresholds = resolveThresholds()
  const rows: BetweenRunRow[] = []
  for (const workload of options.workloads) {
    for (const noise of ['off', 'on'] as const) {
      const injector = noise === 'on' ? startNoise({ durationMs: 30 * 60_000, cores: 2, seed: 7 }) : undefined
      const base: ChildRun[] = []
      const slow: ChildRun[] = []
      try {
        // base and slowed runs interleaved, so drift of the machine hits both alike
        for (let i = 0; i < Math.max(options.runs, options.slowRuns); i++) {
          if (i < options.runs) base.push(await oneRun(workload, 0, options.timeMs))
          if (i < options.slowRuns) slow.push(await oneRun(workload, options.slowdown, options.timeMs))
        }
      } finally {
        await injector?.stop()
      }
      const study = (slowdown: number, pairs: Array<[ChildRun, ChildRun]>): BetweenRunRow => {
        const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>
        const p50 = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>
        const byRunNoise = new Map(RUN_NOISE_STUDIED.map((n) => [n, 0]))
        let previous = 0
        for (const [b, c] of pairs) {
          // the gate allows for the drift of the current run's probes (its start and end)
          const drift = machineDrift(c.probes)
          const comparison = compareToBaseline(b.entry, c.entry, { thresholds, drift })
          counts[comparison.verdict]++
          const median = comparison.metrics.find((m) => m.metric === 'p50')
          if (median) p50[median.verdict]++
          for (const n of RUN_NOISE_STUDIED) if (compareToBaseline(b.entry, c.entry, { thresholds: { ...thresholds, runNoise: n }, drift }).verdict === 'regressed') byRunNoise.set(n, (byRunNoise.get(n) ?? 0) + 1)
          if (previousRuleRegressed(b.entry, c.entry, thresholds)) previous++
        }
        const share = (k: number) => (pairs.length === 0 ? 0 : k / pairs.length)
        return {
          workload: base[0]?.entry.name ?? workload,
          noise,
          slowdown,
          pairs: pairs.length,
          verdicts: Object.fromEntries(VERDICTS.map((v) => [v, share(counts[v])])) as Record<Verdict, number>,
          p50Verdicts: Object.fromEntries(VERDICTS.map((v) => [v, share(p50[v])])) as Record<Verdict, number>,
          previousRuleRegressed: share(previous),
          regressedByRunNoise: Object.fromEntries([...byRunNoise].map(([n, k]) => [String(n), share(k)])),
        }
      }
      const aa: Array<[ChildRun, ChildRun]> = []
      base.forEach((b, i) => base.forEach((c, j) => j > i && aa.push([b, c])))
      // the run-to-run noise itself: the spread of log p50 across the unchanged runs
      const logs = base.map((r) => Math.log(r.entry.metrics.p50?.value ?? Number.NaN)).filter(Number.isFinite)
      rows.push({ ...study(0, aa), p50RunSpread: logs.length > 1 ? Math.expm1(standardDeviation(logs)) : 0 })
      rows.push(study(options.slowdown, base.flatMap((b) => slow.map((c): [ChildRun, ChildRun] => [b, c]))))
      options.log(`  ${workload}, noise ${noise}: ${base.length} + ${slow.length} runs`)
    }
  }
  return rows
}
