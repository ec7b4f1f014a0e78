/**
 * vitest-ml-bench runtime API: measure models, evaluate them, and assert on the results with the
 * matchers the plugin registers.
 */
export { benchmark, type BenchmarkOptions } from './measure/benchmark.js'
export type { BenchmarkResult, ModelInfo, StopReason, Throughput } from './measure/types.js'
export { resolveDevice, syncCudaOutputs, type CustomDevice, type Device, type DeviceOption } from './measure/device.js'
export { envFingerprint, noteRuntime, type EnvFingerprint } from './measure/fingerprint.js'
export type { CpuStats, MemoryStats, RssPeakSource } from './measure/resources.js'
export { summarizeLatency, thinSorted, BOOTSTRAP_LIMIT, type LatencyIntervals, type LatencyStats } from './analyse/latency.js'
export {
  interquartileRangeSorted,
  mean,
  medianAbsoluteDeviationSorted,
  medianConfidenceIntervalSorted,
  medianRelativeMarginSorted,
  quantileSorted,
  sortAscending,
  standardDeviation,
  tukeyOutliersSorted,
  type OutlierCounts,
} from './analyse/stats.js'
export {
  bootstrapLatency,
  bootstrapStatistic,
  percentileInterval,
  scaledResamples,
  type BootstrapOptions,
  type ConfidenceInterval,
  type LatencyBootstrap,
} from './analyse/bootstrap.js'
export { createRandom, DEFAULT_SEED, fillRandomIndices, type Random } from './analyse/random.js'
export { recordResult, readRecordedResults, META_KEY, type RecordedResults } from './record/record.js'
export type { MlBenchResult, MlBenchResultKind } from './results.js'
export {
  formatBytes,
  formatDuration,
  formatPercentChange,
  formatRate,
  parseBytes,
  parseDuration,
  parseFraction,
  type ByteSize,
  type ByteUnit,
  type Duration,
  type DurationUnit,
  type Fraction,
} from './units.js'
export { mlBenchMatchers } from './matchers/index.js'
export type { MlBenchMatchers } from './matchers/types.js'
export type { ThresholdOptions } from './matchers/threshold.js'
export { evaluate, type BatchPredict, type EvaluableModel, type EvaluateOptions } from './evaluate/evaluate.js'
export type {
  ClassificationEvaluation,
  ClassificationPredictions,
  EvaluationBase,
  EvaluationResult,
  EvaluationTask,
  EvaluationTiming,
  RegressionEvaluation,
  RegressionPredictions,
} from './evaluate/types.js'
export { parseClassificationOutput, parseRegressionOutput, splitRows, type LabelScore, type ParsedOutput } from './evaluate/outputs.js'
export { scoreClassification, type ClassificationScoreOptions, type ClassificationScores } from './evaluate/score-classification.js'
export { scoreRegression, type RegressionScores } from './evaluate/score-regression.js'
export { evaluationHeadline, formatMetric } from './evaluate/headline.js'
export { createProgress, progressWanted, type Progress } from './evaluate/progress.js'
export { readDataset, readDatasetBatches } from './datasets/read-dataset.js'
export { DatasetError, describeLocation, type RecordLocation } from './datasets/dataset-error.js'
export { getPath } from './datasets/record-path.js'
export type {
  DatasetOptions,
  DatasetSource,
  Example,
  FieldMapping,
  LabeledExample,
  LabelMapping,
  RecordFilter,
  TargetExample,
} from './datasets/types.js'
export { accuracyMatchers, type AveragedThresholdOptions, type ScoreAverage } from './matchers/accuracy.js'
export {
  accuracy,
  accuracyConfidenceInterval,
  classificationConfidenceIntervals,
  classificationReport,
  compareLabels,
  confusionMatrix,
  logLoss,
  macroF1ConfidenceInterval,
  rocAuc,
  rocAucOneVsRest,
  topKAccuracy,
  type AveragedScores,
  type ClassificationConfidenceIntervals,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ClassScores,
  type ConfusionMatrix,
  type Label,
  type LogLossOptions,
  type OneVsRestAuc,
} from './analyse/metrics/classification.js'
export {
  regressionConfidenceIntervals,
  regressionReport,
  type RegressionConfidenceIntervals,
  type RegressionReport,
} from './analyse/metrics/regression.js'
export {
  loadOnnx,
  onnxruntimeNode,
  type LoadOnnxOptions,
  type OnnxFeeds,
  type OnnxModel,
  type OnnxOutputs,
  type OnnxRuntime,
  type OnnxSession,
  type SessionTuning,
} from './models/onnx.js'
export { loadPipeline, type LoadedPipeline, type LoadPipelineOptions } from './models/pipeline.js'
export type { HasModelInfo, ModelDevice, ModelMetadata, ModelSource } from './models/model-info.js'
export {
  CUDA_INSTALL_COMMAND,
  cudaUnavailableReason,
  onnxruntimeProviderEnvironment,
  resolveExecution,
  type DeviceSelection,
  type ProviderEnvironment,
  type ResolvedExecution,
} from './models/execution-provider.js'
export { describeSpec, feedMismatch, tensorSpecs, type TensorSpec } from './models/onnx-io.js'
export { digestFiles, sha256OfBytes, type FileDigest } from './models/file-digest.js'
export { datasetsDir, locatePipelineModel, modelsDir, type PipelineModelLocation } from './models/model-location.js'
export { probeHub, type HubProbe } from './models/hub.js'
export { modelCallCounter, noteModelCall, watchModelCalls, type ModelCall, type ModelCallWatch } from './models/call-tracker.js'
export { modelFields, type ColdStart } from './models/cold-start.js'
export { coldStartMatchers, type ColdStartOptions, type ColdStartPart } from './matchers/cold-start.js'
export { loadTest, type LoadTestOptions } from './load/load-test.js'
export type { ErrorCount, LoadLevelResult, LoadMode, LoadSloLimits, LoadTargetInfo, LoadTestResult, SendLag } from './load/types.js'
export type { LoadTarget } from './load/target.js'
export type { InProcessTarget } from './load/in-process.js'
export type { WorkerPoolTarget } from './load/worker-pool.js'
export { assertLoopbackUrl, type HttpTarget } from './load/http.js'
export { maxThroughputWithinSlo, meetsSlo, parseSlo, levelValue, type LoadSlo } from './load/slo.js'
export { poissonGaps } from './load/arrivals.js'
export { loadHeadline, type LoadHeadline } from './load/headline.js'
export { errorMessage, LevelRecorder, MAX_ERROR_MESSAGES, KEPT_LEVEL_SAMPLES } from './load/outcomes.js'
export { batchSweep, KEPT_SWEEP_SAMPLES, type BatchSweepOptions } from './sweep/batch-sweep.js'
export type { BatchSizeResult, BatchSweepResult } from './sweep/types.js'
export { compareModels, type CompareModelsOptions, type ModelResults } from './compare/models.js'
export { describePair, formatPValue, preference } from './compare/compare-models-text.js'
export type { ComparedModel, MetricWithInterval, ModelComparisonResult, ModelPairComparison } from './compare/compare-models-types.js'
export { loadMatchers, type SustainThroughputOptions } from './matchers/load.js'
export {
  explainVitestBenchGap,
  fromVitestBenchResult,
  isMlBenchVitestResult,
  isVitestBenchResult,
  vitestBenchGaps,
  type MlBenchVitestResult,
  type VitestBenchGap,
  type VitestBenchResult,
} from './vitest5/bench-result.js'
export { recordBench } from './vitest5/record-bench.js'
export { toVitestBenchResult, vitestBenchResultOf } from './vitest5/to-vitest-result.js'
export { benchmarkOptionsFor, type MlBenchFnOptions, type VitestBenchFnOptions, type VitestBenchRegistration } from './vitest5/provider-options.js'
export { mlBenchProvider, type VitestBenchmarkGroup, type VitestBenchmarkProvider } from './vitest5/provider.js'
export { baselineEntryOf, BASELINE_SAMPLE_LIMIT } from './baseline/entry.js'
export {
  BASELINE_GENERATOR,
  BASELINE_SCHEMA_VERSION,
  BaselineFileError,
  METRIC_RULE_NAMES,
  MIGRATIONS,
  migrateBaselineFile,
  parseBaselineFile,
  type BaselineEntry,
  type BaselineFile,
  type MetricRuleName,
  type PerExample,
  type StoredMetric,
} from './baseline/schema.js'
export { baselinePathFor, emptyBaselineFile, readableJson, readBaselineFile, serializeBaselineFile, writeBaselineFile } from './baseline/store.js'
export { writeFileAtomic } from './baseline/atomic-write.js'
export { packBits, packFloat32, unpackBits, unpackFloat32 } from './baseline/pack.js'
export { isCI, planBaselineUpdate, resolveUpdateMode, type BaselinePlan, type BaselinePlanInput, type UpdateMode } from './baseline/policy.js'
export { gitCommit } from './baseline/git.js'
export { GATE_CONTEXT_KEY, hasProvidedGateContext, workerGateContext, type GateContext } from './baseline/context.js'
export {
  CHECKS_META_KEY,
  compareInWorker,
  coveredBy,
  gateTest,
  readExplicitChecks,
  testLocation,
  type ExplicitCheck,
  type ExplicitChecks,
  type WorkerComparison,
} from './baseline/worker-gate.js'
export { runBaselineGate, type GateRunInput, type GateRunOutput } from './baseline/gate-run.js'
export {
  compareToBaseline,
  decidingMetric,
  describeMetric,
  failureMessage,
  formatMetricChange,
  metricLabel,
  ruleOf,
  worstVerdict,
  type CompareOptions,
  type MetricOverride,
} from './compare/compare.js'
export { METRIC_RULES, type MetricRule, type RuleInput, type SignificanceTest, type TestDirection } from './compare/rules.js'
export { describeDifferences, environmentDifferences, type EnvironmentDifferences } from './compare/environment.js'
export { formatChange, formatMetricValue, formatTolerance } from './compare/format.js'
export {
  DEFAULT_THRESHOLDS,
  parseAlpha,
  parseTolerance,
  resolveThresholds,
  type GateThresholds,
  type ResolvedThresholds,
  type ToleranceKey,
} from './compare/thresholds.js'
export type { MetricComparison, ResultComparison, Verdict } from './compare/types.js'
export { baselineMatchers, toBeWithinBaseline, type BaselineCheckOptions } from './matchers/baseline.js'
