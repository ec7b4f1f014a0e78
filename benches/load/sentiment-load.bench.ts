import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { batchSweep, loadPipeline, loadTest, modelsDir } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'
import { printBatchTable, printLoadCurve } from './print-results.js'
import type { SentimentWorkerData } from './sentiment-handler.js'

// distilbert-sst2-tiny (shared/models/README.md: p50 ≈ 1.6 ms per sentence in-process, ≈ 830 sentences/s at batch 32)
const model = sharedModelPath('distilbert-sst2-tiny/onnx/model.onnx')
const dev = sharedDatasetPath('sst2-dev.jsonl')
const reason = skipReason('distilbert-sst2-tiny load benches', model, dev)

function sentences(): string[] {
  return readFileSync(dev.path as string, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text)
}

describe.skipIf(reason)('distilbert-sst2-tiny under load', () => {
  test('load curve: closed loop at 1, 2 and 4 users on a pool of 2 workers', async () => {
    const data: SentimentWorkerData = { modelsDir: modelsDir() as string, model: 'distilbert-sst2-tiny' }
    const result = await loadTest(
      { module: new URL('./sentiment-handler.ts', import.meta.url), workers: 2, data },
      { name: 'distilbert-sst2-tiny, 2 workers', concurrency: [1, 2, 4], duration: '3s', input: sentences(), slo: { p99: '50ms' } },
    )
    printLoadCurve(result)
    expect(result.target).toEqual({ kind: 'worker-pool', workers: 2 })
    expect(result).toHaveErrorRateBelow(0.001)
    // generous floor: the README measures ≈ 600/s for one sentence at a time on one thread
    expect(result).toSustainThroughput(100, { p99Below: '100ms' })
  })

  test('in-process: session.run blocks the thread, so more users only queue', async () => {
    const classify = await loadPipeline('text-classification', 'distilbert-sst2-tiny', { intraOpNumThreads: 1 })
    const result = await loadTest((sentence: string) => classify(sentence), {
      name: 'distilbert-sst2-tiny, in-process',
      concurrency: [1, 4],
      duration: '2s',
      input: sentences(),
    })
    printLoadCurve(result)
    expect(result.target.kind).toBe('in-process')
    expect(result).toHaveErrorRateBelow(0.001)
    await classify.dispose()
  })

  test('batch sweep: 1, 8 and 16 sentences per call', async () => {
    const classify = await loadPipeline('text-classification', 'distilbert-sst2-tiny', { intraOpNumThreads: 1 })
    const all = sentences()
    const result = await batchSweep((texts: string[]) => classify(texts), {
      name: 'distilbert-sst2-tiny batch sweep',
      sizes: [1, 8, 16],
      batch: (size) => all.slice(0, size),
      time: 1500,
      maxTime: 6000,
    })
    printBatchTable(result)
    expect(result.sizes.map((s) => s.batchSize)).toEqual([1, 8, 16])
    expect(result.sizes.every((s) => s.iterations >= 30)).toBe(true)
    await classify.dispose()
  })
})
