import { describe, expect, test } from 'vitest'
import { benchmark, compareModels, evaluate, loadPipeline } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'

// shared/models/README.md: SST-2 dev accuracy 0.7167 (base, 150 steps) vs 0.8062 (fine-tuned, 4 epochs); same architecture
const base = sharedModelPath('distilbert-sst2-tiny-base/onnx/model.onnx')
const tuned = sharedModelPath('distilbert-sst2-tiny/onnx/model.onnx')
const dev = sharedDatasetPath('sst2-dev.jsonl')
const reason = skipReason('pre-trained vs fine-tuned comparison', base, tuned, dev)

async function measure(model: string) {
  const classify = await loadPipeline('text-classification', model, { intraOpNumThreads: 1 })
  try {
    const evaluation = await evaluate((texts: string[]) => classify(texts), dev.path as string, {
      name: `${model} on SST-2 dev`,
      fields: { input: 'text', label: 'label' },
      labelMap: { '0': 'NEGATIVE', '1': 'POSITIVE' },
      labels: ['NEGATIVE', 'POSITIVE'],
      positiveLabel: 'POSITIVE',
      batchSize: 32,
    })
    const single = await benchmark(`${model} one sentence`, () => classify('a charming and often affecting journey .'), { time: 1000, maxTime: 4000 })
    return { evaluation, benchmark: single }
  } finally {
    await classify.dispose()
  }
}

describe.skipIf(reason)('pre-trained vs fine-tuned DistilBERT on SST-2 dev', () => {
  test('compareModels: McNemar on the 872 paired predictions, Mann–Whitney on latency', async () => {
    const pretrained = await measure('distilbert-sst2-tiny-base')
    const finetuned = await measure('distilbert-sst2-tiny')
    const result = compareModels({ 'pre-trained': pretrained, 'fine-tuned': finetuned }, { name: 'pre-trained vs fine-tuned' })
    console.log(`[ml-bench] prefer ${result.preference.model}: ${result.preference.why}`)
    const [pair] = result.pairs
    expect(result.models.map((m) => m.n)).toEqual([872, 872])
    expect(result.models[0]?.accuracy?.value).toBeCloseTo(0.7167, 3)
    expect(result.models[1]?.accuracy?.value).toBeCloseTo(0.8062, 3)
    // 703 vs 625 of 872 correct: 78 / 872 = 8.9 points
    expect(pair?.accuracy?.difference).toBeCloseTo(78 / 872, 10)
    expect(pair?.accuracy?.mcnemar.pValue).toBeLessThan(0.001)
    expect(pair).toMatchObject({ a: 'pre-trained', b: 'fine-tuned' })
    expect(result.preference).toMatchObject({ model: 'fine-tuned', why: 'more-accurate' })
  })
})
