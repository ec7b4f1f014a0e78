/**
 * vitest-ml-bench runtime API: measure models (`benchmark`, `evaluate`, `loadTest`, `batchSweep`,
 * `compareModels`), load them (`loadOnnx`, `loadPipeline`), read datasets, and the types of what
 * comes back. Matchers are registered by the plugin (`vitest-ml-bench/plugin`) or the setup file
 * (`vitest-ml-bench/matchers`). README "API" lists every name exported here.
 *
 * The same entry serves browser pages: the plugin's browser project loads the `.browser.ts` twin
 * of each module that needs Node (file system, onnxruntime-node, worker threads), so bench files
 * import the same names in both runtimes (README, "In the browser").
 */

// Measuring
export { benchmark, type BenchmarkOptions } from './measure/benchmark.js'
export { benchmarkPair, type BenchmarkPairOptions, type PairFunctions } from './measure/benchmark-pair.js'
export type { BenchmarkPairResult, PairSide } from './results/benchmark-pair.js'
export type { PairedVerdict } from './analyse/paired.js'
export type { CustomDevice, Device, DeviceOption } from './measure/device.js'
export { noteRuntime } from './measure/fingerprint.js'
export type { RssPeakSource } from './measure/resources.js'
export type { BenchmarkResult, ColdStart, CpuStats, MemoryStats, ModelInfo, PageMemoryStats, StopReason, Throughput } from './results/benchmark.js'
export type { EnvFingerprint, RuntimeInfo } from './results/env.js'
export type { LatencyIntervals, LatencyStats } from './analyse/latency.js'
export type { ConfidenceInterval } from './analyse/bootstrap.js'

// Accuracy
export { evaluate, type BatchPredict, type EvaluableModel, type EvaluateOptions } from './evaluate/evaluate.js'
export { splitRows } from './evaluate/outputs.js'
export type {
  ClassificationEvaluation,
  ClassificationPredictions,
  EvaluationBase,
  EvaluationResult,
  EvaluationTask,
  EvaluationTiming,
  GenerationEvaluation,
  GenerationPredictions,
  RegressionEvaluation,
  RegressionPredictions,
} from './results/evaluation.js'
export { readDataset, readDatasetBatches } from './datasets/read-dataset.js'
export { DatasetError } from './datasets/dataset-error.js'
export type {
  DatasetOptions,
  DatasetSource,
  Example,
  FieldMapping,
  LabeledExample,
  LabelMapping,
  RecordFilter,
  ReferenceExample,
  TargetExample,
} from './datasets/types.js'

// Models
export { loadOnnx, type LoadOnnxOptions, type OnnxFeeds, type OnnxModel, type OnnxOutputs, type SessionTuning } from './models/onnx.js'
export { loadPipeline, type LoadedPipeline, type LoadPipelineOptions } from './models/pipeline.js'
export type { HasModelInfo, ModelDevice, ModelMetadata, ModelSource } from './models/model-info.js'
export { datasetsDir, localFileExists, modelsDir } from './models/model-location.js'
export { webgpuUnavailableReason } from './models/webgpu.js'
export { probeHub, type HubProbe } from './models/hub.js'
export { buildMatMulModel, type MatMulModelOptions } from './models/onnx-builder.js'

// Load, sweeps, comparison
export { loadTest, type LoadTestOptions } from './load/load-test.js'
export type { LoadTarget } from './load/target.js'
export type { InProcessTarget } from './load/in-process.js'
export type { WorkerPoolTarget } from './load/worker-pool.js'
export type { HttpTarget } from './load/http.js'
export { levelValue, type GoodputSlo, type LoadSlo } from './load/slo.js'
export type { GenerationTarget } from './load/generation-target.js'
export type { ErrorCount, GoodputLimits, LoadLevelResult, LoadMode, LoadSloLimits, LoadTargetInfo, LoadTestResult, SendLag } from './results/load-test.js'
export { batchSweep, type BatchSweepOptions } from './sweep/batch-sweep.js'
export { benchmarkGeneration, type GeneratedBatch, type GenerateFn, type GenerationBenchmarkOptions, type TokenStep } from './measure/generation.js'
export type { TextGenerationPipelineLike } from './models/generation-stream.js'
export type { GenerationRequest, GenerationResult, TokenTimeline } from './results/generation.js'
export type { BatchSizeResult, BatchSweepResult } from './results/batch-sweep.js'
export { compareModels, type CompareModelsOptions, type ModelResults, type ModelToMeasure } from './compare-models/compare-models.js'
export type { ComparedModel, MetricWithInterval, ModelComparisonResult, ModelPairComparison } from './results/model-comparison.js'

// Results and recording
export { recordResult } from './core/sink.js'
export type { MlBenchResult, MlBenchResultKind } from './results/index.js'

// Statistics and metrics (pure; the same functions the results and the gate use)
export { summarizeLatency } from './analyse/latency.js'
export { mean, quantileSorted, standardDeviation } from './analyse/stats.js'
export { bootstrapStatistic, type BootstrapOptions } from './analyse/bootstrap.js'
export {
  accuracy,
  classificationReport,
  confusionMatrix,
  logLoss,
  rocAuc,
  rocAucOneVsRest,
  topKAccuracy,
  type AveragedScores,
  type ClassificationReport,
  type ClassScores,
  type ConfusionMatrix,
  type Label,
} from './analyse/metrics/classification.js'
export { regressionReport, type RegressionReport } from './analyse/metrics/regression.js'
export {
  characterErrorRate,
  corpusBleu,
  corpusChrf,
  corpusRougeL,
  exactMatch,
  normalizeSquadAnswer,
  pairedBootstrapTest,
  sentenceBleu,
  sentenceChrf,
  textMetricInterval,
  textMetricStatistics,
  tokenize13a,
  wordErrorRate,
  type BleuOptions,
  type ChrfOptions,
  type CorpusBleu,
  type CorpusChrf,
  type CorpusErrorRate,
  type CorpusExactMatch,
  type CorpusRougeL,
  type PairedTextBootstrap,
  type SufficientStatistics,
  type TextMetricName,
} from './analyse/metrics/text.js'

// Units
export {
  formatBytes,
  formatDuration,
  formatRate,
  parseBytes,
  parseDuration,
  parseFraction,
  type ByteSize,
  type ByteUnit,
  type Duration,
  type DurationUnit,
  type Fraction,
} from './core/units.js'

// Matchers and the gate's vocabulary
export { mlBenchMatchers } from './vitest/matchers/index.js'
export type { MlBenchMatchers } from './vitest/matchers/types.js'
export type { ThresholdOptions } from './vitest/matchers/threshold.js'
export type { AveragedThresholdOptions, ScoreAverage } from './vitest/matchers/accuracy.js'
export type { ColdStartOptions, ColdStartPart } from './vitest/matchers/cold-start.js'
export type { SustainThroughputOptions } from './vitest/matchers/load.js'
export type { BaselineCheckOptions, BaselineMetric } from './vitest/matchers/baseline.js'
export type { BatchThroughputOptions } from './vitest/matchers/sweep.js'
export type { TokenLatencyOptions } from './vitest/matchers/generation.js'
export type { GateThresholds } from './gate/thresholds.js'
export type { MetricComparison, ResultComparison, Verdict } from './gate/verdict.js'
export type { ResultsJson, ResultsJsonEntry } from './gate/results-json.js'

// Vitest 5's bench fixture
export { fromVitestBenchResult, vitestBenchGaps, type VitestBenchGap, type VitestBenchResult } from './vitest/bench-provider/bench-result.js'
export { recordBench } from './vitest/bench-provider/record-bench.js'
