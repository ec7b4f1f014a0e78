import { quantileSorted } from '../analyse/stats.js'
import { binomialTwoSidedP, mannWhitneyU, mcnemar, normalCdf, normalSf, twoProportionTest, welchTTest } from '../analyse/significance.js'
import { unpackBits, unpackFloat32 } from './pack.js'
import type { BaselineEntry, MetricRuleName } from './schema.js'
import type { ToleranceKey } from './thresholds.js'
import type { MetricComparison, TestDetail } from './verdict.js'

/** Which way the test looks: is the current run worse, or better, than the baseline? */
export type TestDirection = 'worse' | 'better'

/** Outcome of a one-sided significance test. */
export interface SignificanceTest {
  /** 'mann-whitney-u', 'welch-t', 'quantile-exceedance', 'mcnemar', 'two-proportion-z', 'sign-test'. */
  test: string
  statistic: number
  /** What `statistic` is, for messages: 'z', 't', 'χ²', 'min(b, c)', 'k'. */
  statisticName: string
  pValue: number
  detail: TestDetail
}

/** The two entries, the metric's id and its sample group. */
export interface RuleInput {
  baseline: BaselineEntry
  current: BaselineEntry
  metric: string
  group: string
}

/** How one kind of metric is judged. */
export interface MetricRule {
  unit: MetricComparison['unit']
  /** 'performance' metrics depend on the machine; 'quality' metrics only on the model and data. */
  family: 'performance' | 'quality'
  better: 'lower' | 'higher'
  /** 'relative': (current − baseline) / baseline; 'absolute': current − baseline (accuracy points). */
  change: 'relative' | 'absolute'
  tolerance: ToleranceKey
  /** One-sided test in `direction`; undefined when the entries lack the data for it. */
  test(input: RuleInput, direction: TestDirection): SignificanceTest | undefined
}

function samplesOf(input: RuleInput): [number[], number[]] | undefined {
  const base = input.baseline.samples[input.group]
  const cur = input.current.samples[input.group]
  return base && cur && base.length > 0 && cur.length > 0 ? [base, cur] : undefined
}

/**
 * Mann–Whitney U on the two latency samples, one-sided. A rank test: distribution-free (latencies
 * are skewed and heavy-tailed, so no t-test), robust to the outliers every benchmark has, and it
 * uses every sample, so it has far more power than comparing two medians' bootstrap intervals.
 */
function latencyShift(input: RuleInput, direction: TestDirection): SignificanceTest | undefined {
  const pair = samplesOf(input)
  if (!pair) return undefined
  const [base, cur] = pair
  const r = mannWhitneyU(cur, base, { alternative: direction === 'worse' ? 'greater' : 'less' })
  return { test: 'mann-whitney-u', statistic: r.z, statisticName: 'z', pValue: r.pValue, detail: { kind: 'u', u: r.u } }
}

/**
 * Welch's t-test on the two latency samples' means, one-sided. Throughput is items over the mean
 * time per call, so its change is a change of the mean, and the test must be about the mean too:
 * a rank test would call a shift of a few microseconds in every call significant while a couple of
 * stalls (a throttled VM's 100 ms pauses) carry the mean past the tolerance — a false alarm in
 * calibration. Stalls widen Welch's interval instead.
 */
function meanShift(input: RuleInput, direction: TestDirection): SignificanceTest | undefined {
  const pair = samplesOf(input)
  if (!pair || pair[0].length < 2 || pair[1].length < 2) return undefined
  const [base, cur] = pair
  const r = welchTTest(cur, base, { alternative: direction === 'worse' ? 'greater' : 'less' })
  return { test: 'welch-t', statistic: r.t, statisticName: 't', pValue: r.pValue, detail: { kind: 'df', df: r.df } }
}

/**
 * Tail test for p95: the share of current calls slower than the baseline's 95th percentile,
 * against the baseline's own share (≈ 5 %), by a one-sided two-proportion z-test. A slower tail
 * (GC pauses, contention) can leave the median, and so a rank test, unmoved; this asks the
 * question p95 asks.
 */
function tailExceedance(input: RuleInput, direction: TestDirection): SignificanceTest | undefined {
  const pair = samplesOf(input)
  if (!pair) return undefined
  const [base, cur] = pair
  const limit = quantileSorted(base, 0.95)
  const above = (xs: number[]) => xs.reduce((k, x) => k + (x > limit ? 1 : 0), 0)
  const kb = above(base)
  const kc = above(cur)
  const r = twoProportionTest(kc, cur.length, kb, base.length)
  // no call above the limit in either run (or all of them): nothing to tell them apart
  const pValue = r.z === 0 && r.pValue === 1 ? 1 : direction === 'worse' ? normalSf(r.z) : normalCdf(r.z)
  return {
    test: 'quantile-exceedance',
    statistic: r.z,
    statisticName: 'z',
    pValue,
    detail: { kind: 'exceedance', currentAbove: kc, currentCalls: cur.length, baselineAbove: kb, baselineCalls: base.length },
  }
}

function sameExamples(input: RuleInput): boolean {
  const b = input.baseline.perExample
  const c = input.current.perExample
  return b !== undefined && c !== undefined && b.examples === c.examples && b.n === c.n
}

/**
 * Accuracy: McNemar on paired per-example correctness when both runs scored the same examples
 * (same labels in the same order); otherwise the pooled two-proportion z-test on the counts.
 * McNemar is two-sided; its p-value counts only when the discordant pairs lean the tested way
 * (conservative by up to 2× against a one-sided test).
 */
function accuracyTest(input: RuleInput, direction: TestDirection): SignificanceTest | undefined {
  const b = input.baseline.perExample
  const c = input.current.perExample
  if (sameExamples(input) && b?.correct && c?.correct) {
    const r = mcnemar(unpackBits(b.correct, b.n), unpackBits(c.correct, c.n))
    // r.b: baseline right, current wrong (worse); r.c: baseline wrong, current right (better)
    const leans = direction === 'worse' ? r.b > r.c : r.c > r.b
    return {
      test: 'mcnemar',
      statistic: r.statistic,
      statisticName: r.method === 'exact' ? 'min(b, c)' : 'χ²',
      pValue: leans ? r.pValue : 1,
      detail: { kind: 'discordant', newlyWrong: r.b, newlyRight: r.c },
    }
  }
  const base = input.baseline.metrics[input.metric]
  const cur = input.current.metrics[input.metric]
  if (!base?.n || !cur?.n) return undefined
  const r = twoProportionTest(Math.round(cur.value * cur.n), cur.n, Math.round(base.value * base.n), base.n)
  const pValue = r.z === 0 && r.pValue === 1 ? 1 : direction === 'worse' ? normalCdf(r.z) : normalSf(r.z)
  return { test: 'two-proportion-z', statistic: r.z, statisticName: 'z', pValue, detail: { kind: 'sizes', baselineN: base.n, currentN: cur.n } }
}

/**
 * RMSE, MAE and R² all ask "are the errors larger?": a sign test on paired absolute errors when
 * both runs predicted the same examples (distribution-free, exact binomial; two-sided p counted
 * only when the pairs lean the tested way), else Mann–Whitney U on the two sets of errors.
 */
function errorTest(input: RuleInput, direction: TestDirection): SignificanceTest | undefined {
  const b = input.baseline.perExample?.absErrors
  const c = input.current.perExample?.absErrors
  if (!b || !c) return undefined
  const base = unpackFloat32(b)
  const cur = unpackFloat32(c)
  if (sameExamples(input) && base.length === cur.length) {
    let larger = 0
    let smaller = 0
    for (let i = 0; i < cur.length; i++) {
      const d = (cur[i] as number) - (base[i] as number)
      if (d > 0) larger++
      else if (d < 0) smaller++
    }
    const leans = direction === 'worse' ? larger > smaller : smaller > larger
    const p = larger + smaller === 0 ? 1 : binomialTwoSidedP(Math.min(larger, smaller), larger + smaller)
    return {
      test: 'sign-test',
      statistic: Math.min(larger, smaller),
      statisticName: 'k',
      pValue: leans ? p : 1,
      detail: { kind: 'signs', larger, smaller },
    }
  }
  if (base.length === 0 || cur.length === 0) return undefined
  const r = mannWhitneyU(cur, base, { alternative: direction === 'worse' ? 'greater' : 'less' })
  return { test: 'mann-whitney-u', statistic: r.z, statisticName: 'z', pValue: r.pValue, detail: { kind: 'absolute-errors' } }
}

/** The rule of every stored metric kind. */
export const METRIC_RULES: Readonly<Record<MetricRuleName, MetricRule>> = {
  p50: { unit: 'ms', family: 'performance', better: 'lower', change: 'relative', tolerance: 'latency', test: latencyShift },
  p95: { unit: 'ms', family: 'performance', better: 'lower', change: 'relative', tolerance: 'latency', test: tailExceedance },
  throughput: {
    unit: 'items/s',
    family: 'performance',
    better: 'higher',
    change: 'relative',
    tolerance: 'throughput',
    test: meanShift,
  },
  // One peak per run: nothing to test; the tolerance alone decides (the contract's rule).
  rssPeak: { unit: 'bytes', family: 'performance', better: 'lower', change: 'relative', tolerance: 'memory', test: () => undefined },
  accuracy: {
    unit: 'fraction',
    family: 'quality',
    better: 'higher',
    change: 'absolute',
    tolerance: 'accuracy',
    test: accuracyTest,
  },
  rmse: { unit: 'number', family: 'quality', better: 'lower', change: 'relative', tolerance: 'error', test: errorTest },
  mae: { unit: 'number', family: 'quality', better: 'lower', change: 'relative', tolerance: 'error', test: errorTest },
  r2: { unit: 'number', family: 'quality', better: 'higher', change: 'absolute', tolerance: 'r2', test: errorTest },
}
