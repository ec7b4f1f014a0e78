/** Outcome of comparing one metric of one result against its baseline. */
export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'new' | 'incomparable'

/** How a metric was judged. */
export interface MetricComparison {
  /** Metric name, e.g. 'p50', 'p95', 'throughput', 'accuracy', 'rssPeak'. */
  metric: string
  verdict: Verdict
  /** Baseline value (absent for 'new'). */
  baseline?: number
  current: number
  /** Relative change (current − baseline) / baseline; for accuracy-like metrics the absolute difference. */
  change?: number
  /** Unit for display: 'ms', 'items/s', 'bytes', 'fraction'. */
  unit: 'ms' | 'items/s' | 'bytes' | 'fraction' | 'number'
  /** Name of the significance test used, e.g. 'mann-whitney-u', 'welch-t', 'mcnemar', 'two-proportion-z'. */
  test?: string
  /** Test statistic and p-value when a test was run. */
  statistic?: number
  /** What `statistic` is: 'z', 't', 'χ²', 'min(b, c)', 'k'. */
  statisticName?: string
  pValue?: number
  /** The tolerance the change was held to (relative, or absolute for accuracy and R²). */
  tolerance?: number
  /** The significance level the p-value was held to. */
  alpha?: number
  /** Human-readable reason, e.g. 'slower by 31.2 % (p = 1e-9 < 0.01, tolerance 10 %)'. */
  reason: string
}

/** All metric comparisons of one recorded result, with the overall verdict (worst of the metrics). */
export interface ResultComparison {
  verdict: Verdict
  metrics: MetricComparison[]
  /** When the env fingerprint differs: which fields differ. */
  incomparableBecause?: string[]
}
