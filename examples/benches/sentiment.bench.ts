// benches/sentiment.bench.ts — a transformers.js pipeline: latency, accuracy on a dataset file, a batch sweep
import { beforeAll, describe, expect, test } from 'vitest'
import { batchSweep, benchmark, evaluate, loadPipeline, type LoadedPipeline } from 'vitest-ml-bench'

// Models and datasets by name: 'distilbert-sst2-tiny' is a folder under ML_BENCH_MODELS_DIR,
// 'sst2-dev.jsonl' a file under ML_BENCH_DATASETS_DIR (default: datasets/ beside the models).
describe.skipIf(!process.env.ML_BENCH_MODELS_DIR)('sentiment pipeline', () => {
  let clf: LoadedPipeline<'text-classification'>
  beforeAll(async () => {
    clf = await loadPipeline('text-classification', 'distilbert-sst2-tiny', { dtype: 'q8', intraOpNumThreads: 1 })
  })

  test('one sentence', async () => {
    const run = await benchmark('distilbert q8', () => clf('a charming and often affecting journey'))
    expect(run).toHaveP95LatencyBelow('50ms')
    expect(run).toHaveThroughputAbove(20)
    expect(run).toHavePeakMemoryBelow('1GB')
    // this one metric with its own tolerance, now (the automatic gate checks the rest after the test)
    expect(run).toBeWithinBaseline({ metric: 'p50', tolerance: '25%' })
  })

  test('accuracy on the SST-2 dev set', async () => {
    const result = await evaluate(clf, 'sst2-dev.jsonl', {
      name: 'sst2 dev',
      fields: { input: 'text' },
      labelMap: { '0': 'NEGATIVE', '1': 'POSITIVE' },
    })
    expect(result).toHaveAccuracyAbove(0.75, { confidence: 0.95 })
    expect(result).toHaveF1Above(0.75)
  })

  test('batch sizes 1, 8 and 32', async () => {
    const sentences = ['a charming film', 'a tedious, joyless mess', 'worth every minute', 'flat and lifeless']
    const sweep = await batchSweep((texts: string[]) => clf(texts), {
      name: 'sst2 batches',
      sizes: [1, 8, 32],
      batch: (n) => Array.from({ length: n }, (_, i) => sentences[i % sentences.length] as string),
      maxTime: '3s',
    })
    // sweep.sizes: one { batchSize, latency, itemsPerSecond, msPerItem, … } per size
    expect(sweep).toHaveBatchThroughputAbove(100) // at the best size
    expect(sweep).toHaveBatchThroughputAbove(20, { batchSize: 1 })
  })
})
