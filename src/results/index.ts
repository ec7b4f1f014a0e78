import type { BenchmarkResult } from './benchmark.js'
import type { BenchmarkPairResult } from './benchmark-pair.js'
import type { EvaluationResult } from './evaluation.js'
import type { LoadTestResult } from './load-test.js'
import type { BatchSweepResult } from './batch-sweep.js'
import type { ModelComparisonResult } from './model-comparison.js'
import type { GenerationResult } from './generation.js'

/**
 * Every kind of result the runtime API produces. Each has a `kind` discriminant and a `name`;
 * results are plain JSON-serialisable data so they travel from test workers to the reporter,
 * through vitest's blob reporter, and into baselines unchanged.
 */
export type MlBenchResult = BenchmarkResult | BenchmarkPairResult | EvaluationResult | LoadTestResult | BatchSweepResult | ModelComparisonResult | GenerationResult

/** Kinds of {@link MlBenchResult}. */
export type MlBenchResultKind = MlBenchResult['kind']
