import type { MetricUnit } from '../core/units.js'

/**
 * Outcome of comparing one metric of one result against its baseline: 'regressed' / 'improved'
 * when the evidence shows the change beyond the tolerance, 'unchanged' when it shows the change
 * within ± the tolerance, 'inconclusive' when it shows neither (reported, never a failure),
 * 'new' without a baseline, 'incomparable' when the environment or the machine's speed differs.
 */
export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'inconclusive' | 'new' | 'incomparable'

/** Every {@link Verdict}, in order of severity (the worst last). */
export const VERDICTS: readonly Verdict[] = ['unchanged', 'new', 'improved', 'inconclusive', 'incomparable', 'regressed']

/**
 * Why a metric got its verdict (reporters/text/verdict.ts words it):
 * - 'no-baseline': the result has no baseline entry yet ('new');
 * - 'not-in-baseline': its baseline entry lacks this metric ('new');
 * - 'env-differs': the environment differs in `differences` ('incomparable');
 * - 'machine-speed': the machine-speed probe ran at a different speed than when the baseline was recorded ('incomparable');
 * - 'beyond-tolerance': the interval of the change lies beyond the tolerance ('regressed' or 'improved');
 * - 'within-tolerance': the interval lies within ± the tolerance ('unchanged');
 * - 'undecided': the interval reaches across a tolerance bound ('inconclusive');
 * - 'no-noise-model': one value per run (peak RSS), nothing to test with: within the tolerance
 *   'unchanged', beyond it 'inconclusive';
 * - 'no-test-data': the entries lack the per-call or per-example data the tests need ('inconclusive'
 *   beyond the tolerance, 'unchanged' within it);
 * - 'measured-apart': an A/B run measured this timing one side after the other, not interleaved;
 *   its interval lay beyond the tolerance, but such a change does not gate ('inconclusive').
 */
export type ComparisonWhy =
  | 'no-baseline'
  | 'not-in-baseline'
  | 'env-differs'
  | 'machine-speed'
  | 'beyond-tolerance'
  | 'within-tolerance'
  | 'undecided'
  | 'no-noise-model'
  | 'no-test-data'
  | 'measured-apart'

/** A value of a fingerprint field; null is a cgroup CPU limit that is absent. */
export type EnvValue = string | number | boolean | null

/** One fingerprint field that differs between the baseline and the current run. */
export interface EnvDifference {
  /** 'cpuModel', 'cores', 'cpuLimit', 'os', 'arch', 'device', 'model.<key>', 'packages.<name>' or 'kind'. */
  field: string
  /** Both values; absent in documents of results.json schema 1, which kept only the field names. */
  baseline?: EnvValue
  current?: EnvValue
}

/** The interval of a change; a bound is null where no value on that side can be excluded. */
export interface ComparisonInterval {
  lower: number | null
  upper: number | null
  /** Two-sided level: 1 − 2·alpha (the interval of two one-sided tests at alpha). */
  level: number
}

/** How the gate's multiple-comparison control treated a metric's p-values. */
export interface Multiplicity {
  /** 'bh': Benjamini–Hochberg over the run's gated metrics (the reporter); 'bonferroni': p × family in a test worker, which cannot see the whole run. */
  method: 'bh' | 'bonferroni'
  /** Number of gated metrics in the family. */
  family: number
  /** Adjusted p-values that decided the verdict. */
  worse: number
  better: number
}

/** How a metric was judged: the verdict, why, and the numbers behind it. */
export interface MetricComparison {
  /** Metric name, e.g. 'p50', 'p95', 'throughput', 'accuracy', 'rssPeak', 'batch 8 p50'. */
  metric: string
  verdict: Verdict
  why: ComparisonWhy
  /** Baseline value (absent for 'new'). */
  baseline?: number
  current: number
  /** Relative change (current − baseline) / baseline; for accuracy and R² the absolute difference. */
  change?: number
  /** Unit for display: 'ms', 'items/s', 'bytes', 'fraction', 'number'. */
  unit: MetricUnit
  /** The tolerance the change was held to (relative, or absolute for accuracy and R²). */
  tolerance?: number
  /** The significance level of each one-sided test. */
  alpha?: number
  /** How the interval and p-values were computed (see `ChangeMethod` in src/gate/rules.ts). */
  method?: string
  /** The interval of the change, on the same scale as `change`. */
  interval?: ComparisonInterval
  /** p-value that the change is beyond the tolerance on the worse side (before multiplicity control). */
  pWorse?: number
  /** p-value that the change is beyond the tolerance on the better side (before multiplicity control). */
  pBetter?: number
  /** p-value that the change is within ± the tolerance: the larger of the two one-sided tests. */
  pWithin?: number
  /** Multiple-comparison control applied to pWorse and pBetter, when the metric was part of a family. */
  multiplicity?: Multiplicity
  /** With 'env-differs': the fields that differ. */
  differences?: EnvDifference[]
  /** With 'machine-speed': the probe's time now over its time when the baseline was recorded. */
  machineSpeedRatio?: number
  /** How far (relative) this run's machine-speed probes moved, when it widened the interval. */
  machineDrift?: number
  /** With method 'paired-slices' (A/B runs): how the interleaved measurement ran. */
  paired?: PairedDetail
}

/** How a paired (A/B) measurement ran, on the metric it decided. */
export interface PairedDetail {
  /** Slice pairs measured (two per ABBA block). */
  pairs: number
  /** Real time spent on both sides, ms. */
  elapsedMs: number
  /** 'decided' at a look, 'budget' spent, or 'aborted'. */
  stoppedBecause: 'decided' | 'budget' | 'aborted'
  /** For an inconclusive verdict: about how much longer would have decided it, ms (null: cannot tell, or more time would not). */
  moreTimeMs: number | null
  /** The between-process noise allowed for (relative SD per side), when the result ran on onnxruntime-node. */
  processNoise?: number
}

/** All metric comparisons of one recorded result, with the overall verdict (worst of the metrics). */
export interface ResultComparison {
  verdict: Verdict
  metrics: MetricComparison[]
  /** When the env fingerprint differs: which fields differ. */
  incomparableBecause?: string[]
}
