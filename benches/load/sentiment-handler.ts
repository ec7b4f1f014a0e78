/**
 * Worker-pool handler factory for the load benches: each worker loads its own copy of a
 * transformers.js sentiment pipeline (one intra-op thread, so N workers use N cores) and
 * classifies one sentence per request.
 */
import { loadPipeline } from '../../src/index.js'

/** What every worker receives. */
export interface SentimentWorkerData {
  /** Folder holding the models (ML_BENCH_MODELS_DIR). */
  modelsDir: string
  /** Model folder name, e.g. 'distilbert-sst2-tiny'. */
  model: string
}

/** Creates the per-worker request handler: `(sentence) => classification`. */
export async function createHandler(data: SentimentWorkerData): Promise<(sentence: string) => Promise<unknown>> {
  const classify = await loadPipeline('text-classification', data.model, { localModelPath: data.modelsDir, intraOpNumThreads: 1 })
  return (sentence) => classify(sentence)
}
