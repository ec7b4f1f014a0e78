import type { BenchmarkResult } from './measure/types.js'

/**
 * Every kind of result the runtime API produces. Each has a `kind` discriminant and a `name`;
 * results are plain JSON-serialisable data so they travel from test workers to the reporter,
 * through vitest's blob reporter, and into baselines unchanged.
 */
export type MlBenchResult = BenchmarkResult

/** Kinds of {@link MlBenchResult}. */
export type MlBenchResultKind = MlBenchResult['kind']
