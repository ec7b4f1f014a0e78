import path from 'node:path'
import { env, pipeline } from '@huggingface/transformers'
import { describe, expect, test } from 'vitest'
import { evaluate, noteRuntime } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'

// Published SST-2 dev accuracy (shared/models/README.md): fp32 0.8062 on the 872 sentences.
const dataset = sharedDatasetPath('sst2-dev.jsonl')
const model = sharedModelPath('distilbert-sst2-tiny/onnx/model.onnx')

describe.skipIf(skipReason('SST-2 accuracy', dataset, model))('transformers.js sentiment pipeline, 872 SST-2 dev sentences', () => {
  test('distilbert-sst2-tiny fp32 matches its published accuracy', async () => {
    env.allowRemoteModels = false
    env.localModelPath = `${path.resolve(model.path as string, '../../..')}/`
    noteRuntime('@huggingface/transformers', env.version)
    const classify = await pipeline('text-classification', 'distilbert-sst2-tiny', { dtype: 'fp32' })
    try {
      // the pipeline is the batch model itself: an array of sentences in, one { label, score } each out
      const result = await evaluate(classify, dataset.path as string, {
        name: 'distilbert-sst2-tiny fp32',
        labelMap: { '0': 'NEGATIVE', '1': 'POSITIVE' },
        fields: { input: 'text' },
        positiveLabel: 'POSITIVE',
      })
      if (result.task !== 'classification') throw new Error('expected a classification result')
      expect(result.n).toBe(872)
      expect(result.accuracy).toBeCloseTo(0.8062, 3)
      expect(result).toHaveAccuracyAbove(0.77, { confidence: 0.95 })
      expect(result).toHaveF1Above(0.75, { average: 'binary' })
      expect(result).toHaveRocAucAbove(0.85)
    } finally {
      await classify.dispose()
    }
  })
})
