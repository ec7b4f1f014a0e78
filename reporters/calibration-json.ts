/**
 * The schema of `<reportDir>/calibration.json`, written by `npm run calibrate` and shown as the
 * HTML report's Calibration section when present.
 */
import type { Verdict } from '../src/gate/verdict.js'
import type { EnvFingerprint } from '../src/results/env.js'

/** Per-call cost of one measuring method on one workload. */
export interface OverheadRow {
  workload: string
  method: 'bare performance.now() loop' | 'tinybench' | 'benchmark()'
  /** Mean of the timed samples, ms. */
  sampleMeanMs: number
  /**
   * Marginal real time per measured call (loop, hooks, sampling), ms: the slope between a run of
   * N calls and one of 3N calls, so fixed costs do not leak into it.
   */
  wallPerCallMs: number
  /** Fixed real time per run (analysis such as the bootstrap, set-up, reporting), ms. */
  fixedMs: number
}

/** Bias and run-to-run noise of one workload over repeated benchmark() runs. */
export interface AccuracyRow {
  workload: string
  knownMs: number
  runs: number
  /** Median over runs of p50, ms. */
  p50Ms: number
  /** Median over runs of p95, ms. */
  p95Ms: number
  /** (p50 − known) / known. */
  p50Bias: number
  /** (p95 − known) / known. */
  p95Bias: number
  /** Coefficient of variation of p50 across runs. */
  p50Cv: number
}

/** How often the real regression verdict fires for one pairing of runs. */
export interface VerdictRow {
  workload: string
  /** 0 for A/A; 0.1 for a 10 % slowdown. */
  slowdown: number
  pairs: number
  /** Fraction of pairs whose overall verdict is 'regressed'. */
  regressed: number
  /** Fraction flagged 'improved' (for A/A: the false alarms in the other direction). */
  improved: number
  /** Fractions 'unchanged' and 'inconclusive' (absent in documents written before those verdicts). */
  unchanged?: number
  inconclusive?: number
  /** Which metrics fired, with counts. */
  byMetric: Record<string, number>
}

/**
 * The stored-baseline gate between runs: each run in its own process, every earlier run the
 * baseline of every later one, with the noise injector off or on.
 */
export interface BetweenRunRow {
  workload: string
  noise: 'off' | 'on'
  /** 0 for A/A. */
  slowdown: number
  pairs: number
  /** Share of pairs by overall verdict under the current rule (with the machine-speed sentinel). */
  verdicts: Record<Verdict, number>
  /** Share of pairs by the p50 metric's own verdict (how often the median alone still decides); absent in older documents. */
  p50Verdicts?: Record<Verdict, number>
  /** Share of the same pairs the previous rule (point change beyond the tolerance AND a test of any shift) called regressed. */
  previousRuleRegressed: number
  /** Share called regressed with `thresholds.runNoise` set to each key (0.02, 0.05, …); absent in older documents. */
  regressedByRunNoise?: Record<string, number>
  /** A/A rows: the run-to-run noise measured, the relative standard deviation of p50 across the runs (what `thresholds.runNoise` should be). */
  p50RunSpread?: number
}

/** calibration.json. */
/** One cell of the A/B calibration (`scripts/calibrate/ab.ts`): two processes, the head made slower by `change`. */
export interface AbRow {
  workload: string
  noise: boolean
  /** 0 for A/A; 0.1 for a 10 % slowdown. */
  change: number
  runs: number
  /** The CPUs both sides were pinned to (`taskset -c` list), or 'any'. */
  cpus: string
  /** Share of runs by p50 verdict as the A/B gate gives it (tolerance 5 %, alpha 0.01; unpinned onnxruntime workloads allowing the default runNoise between the processes). */
  verdicts: Record<'regressed' | 'improved' | 'unchanged' | 'inconclusive', number>
  /** Mean and largest time of one paired measurement, ms. */
  meanMs: number
  maxMs: number
  /** Mean and standard deviation of the estimated head/base ratio. */
  ratioMean: number
  ratioSd: number
}

export interface CalibrationJson {
  schemaVersion: 1
  generatedAt: string
  mode: 'quick' | 'full'
  env: EnvFingerprint
  overhead: OverheadRow[]
  accuracy: AccuracyRow[]
  verdicts: VerdictRow[]
  /** Absent in documents written before the between-run study existed. */
  betweenRuns?: BetweenRunRow[]
  /** The A/B gate across processes; absent in documents written before it existed. */
  ab?: AbRow[]
  seconds: number
}

/** Narrows parsed JSON to a calibration document, or says what is wrong with it. */
export function parseCalibrationJson(value: unknown, file: string): CalibrationJson {
  const doc = value as Partial<CalibrationJson> | null
  if (typeof doc !== 'object' || doc === null || doc.schemaVersion !== 1) {
    throw new Error(`${file} is not a calibration.json of schema version 1; run \`npm run calibrate\` again.`)
  }
  for (const key of ['overhead', 'accuracy', 'verdicts'] as const) {
    if (!Array.isArray(doc[key])) throw new Error(`${file}: "${key}" is missing or not an array; run \`npm run calibrate\` again.`)
  }
  return doc as CalibrationJson
}
