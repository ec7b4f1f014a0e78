import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'
import { onnxBatchModel } from './onnx-batch-model.js'

// Published test accuracy on the 540 rows (shared/models/README.md): mlp 0.9815 (530/540), logreg 0.9630 (520/540).
const dataset = sharedDatasetPath('digits-test.jsonl')
const mlp = sharedModelPath('digits-mlp/model.onnx')
const logreg = sharedModelPath('digits-logreg/model.onnx')
const DIGITS = Array.from({ length: 10 }, (_, i) => i)

async function evaluateDigits(name: string, file: string) {
  const model = await onnxBatchModel(file, { input: 'input', output: 'logits', features: 64, columns: 10 })
  try {
    return await evaluate(model, dataset.path as string, { name, fields: { input: 'pixels' }, labels: DIGITS, batchSize: 64 })
  } finally {
    await model.release()
  }
}

describe.skipIf(skipReason('digits accuracy', dataset, mlp, logreg))('digits classifiers, 540 test images', () => {
  test('digits-mlp matches its published accuracy', async () => {
    const result = await evaluateDigits('digits-mlp', mlp.path as string)
    if (result.task !== 'classification') throw new Error('expected a classification result')
    expect(result.n).toBe(540)
    expect(result.accuracy).toBeCloseTo(0.9815, 4)
    expect(result).toHaveAccuracyAbove(0.96, { confidence: 0.95 })
    expect(result).toHaveF1Above(0.96, { confidence: 0.95 })
    expect(result).toHaveF1Above(0.97, { average: 'weighted' })
    expect(result).toHaveRocAucAbove(0.99)
    expect(result.topK?.['3']).toBeGreaterThan(0.99)
  })

  test('digits-logreg matches its published accuracy', async () => {
    const result = await evaluateDigits('digits-logreg', logreg.path as string)
    expect(result.n).toBe(540)
    expect(result).toHaveAccuracyAbove(0.94, { confidence: 0.95 })
    if (result.task !== 'classification') throw new Error('expected a classification result')
    expect(result.accuracy).toBeCloseTo(0.963, 4)
    expect(result).toHavePrecisionAbove(0.95)
    expect(result).toHaveRecallAbove(0.95)
  })
})
