import type { MetricUnit } from '../core/units.js'

/** Outcome of comparing one metric of one result against its baseline. */
export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'new' | 'incomparable'

/**
 * Why a metric got its verdict (reporters/text/verdict.ts words it):
 * - 'no-baseline': the result has no baseline entry yet ('new');
 * - 'not-in-baseline': its baseline entry lacks this metric ('new');
 * - 'env-differs': the environment differs in `differences` ('incomparable');
 * - 'within-tolerance': the change is within `tolerance`, so no test was needed ('unchanged');
 * - 'not-significant': beyond the tolerance, but the test's p-value is ≥ `alpha` ('unchanged');
 * - 'significant': beyond the tolerance and p < `alpha` ('regressed' or 'improved');
 * - 'peak-untested': beyond the tolerance; one peak per run leaves nothing to test ('regressed' or 'improved');
 * - 'no-test-data': beyond the tolerance; the entries lack the per-call data a test needs ('regressed' or 'improved').
 */
export type ComparisonWhy =
  | 'no-baseline'
  | 'not-in-baseline'
  | 'env-differs'
  | 'within-tolerance'
  | 'not-significant'
  | 'significant'
  | 'peak-untested'
  | 'no-test-data'

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

/** What a significance test counted besides its statistic, by test. */
export type TestDetail =
  /** Mann–Whitney U on latencies: the U statistic. */
  | { kind: 'u'; u: number }
  /** Welch's t-test: the degrees of freedom. */
  | { kind: 'df'; df: number }
  /** Tail exceedance: calls above the baseline's p95, in each run. */
  | { kind: 'exceedance'; currentAbove: number; currentCalls: number; baselineAbove: number; baselineCalls: number }
  /** McNemar: examples the baseline got right and the current run wrong, and the reverse. */
  | { kind: 'discordant'; newlyWrong: number; newlyRight: number }
  /** Two-proportion z-test: the examples scored by each run. */
  | { kind: 'sizes'; baselineN: number; currentN: number }
  /** Sign test: examples whose error grew, and shrank. */
  | { kind: 'signs'; larger: number; smaller: number }
  /** Mann–Whitney U on the two sets of absolute errors. */
  | { kind: 'absolute-errors' }

/** How a metric was judged: the verdict, why, and the numbers behind it. */
export interface MetricComparison {
  /** Metric name, e.g. 'p50', 'p95', 'throughput', 'accuracy', 'rssPeak'. */
  metric: string
  verdict: Verdict
  why: ComparisonWhy
  /** Baseline value (absent for 'new'). */
  baseline?: number
  current: number
  /** Relative change (current − baseline) / baseline; for accuracy-like metrics the absolute difference. */
  change?: number
  /** Unit for display: 'ms', 'items/s', 'bytes', 'fraction'. */
  unit: MetricUnit
  /** Name of the significance test used, e.g. 'mann-whitney-u', 'welch-t', 'mcnemar', 'two-proportion-z'. */
  test?: string
  /** Test statistic and p-value when a test was run. */
  statistic?: number
  /** What `statistic` is: 'z', 't', 'χ²', 'min(b, c)', 'k'. */
  statisticName?: string
  pValue?: number
  /** What the test counted; absent in documents of results.json schema 1. */
  testDetail?: TestDetail
  /** The tolerance the change was held to (relative, or absolute for accuracy and R²). */
  tolerance?: number
  /** The significance level the p-value was held to. */
  alpha?: number
  /** With 'env-differs': the fields that differ. */
  differences?: EnvDifference[]
}

/** All metric comparisons of one recorded result, with the overall verdict (worst of the metrics). */
export interface ResultComparison {
  verdict: Verdict
  metrics: MetricComparison[]
  /** When the env fingerprint differs: which fields differ. */
  incomparableBecause?: string[]
}
