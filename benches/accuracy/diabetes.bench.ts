import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'
import { onnxBatchModel } from './onnx-batch-model.js'

// Published on the 133 split "test" rows (shared/models/README.md): R² 0.4773, RMSE 53.12, MAE 41.92.
const dataset = sharedDatasetPath('diabetes.jsonl')
const linear = sharedModelPath('diabetes-linear/model.onnx')

describe.skipIf(skipReason('diabetes regression', dataset, linear))('diabetes linear regression, 133 test rows', () => {
  test('diabetes-linear matches its published R², RMSE and MAE', async () => {
    const model = await onnxBatchModel(linear.path as string, { input: 'input', output: 'prediction', features: 10, columns: 1 })
    const result = await evaluate(model, dataset.path as string, {
      name: 'diabetes-linear',
      task: 'regression',
      fields: { input: 'features', target: 'target' },
      filter: { split: 'test' },
    }).finally(() => model.release())
    if (result.task !== 'regression') throw new Error('expected a regression result')
    expect(result.n).toBe(133)
    expect(result.r2).toBeCloseTo(0.4773, 3)
    expect(result.rmse).toBeCloseTo(53.12, 1)
    expect(result.mae).toBeCloseTo(41.92, 1)
    expect(result).toHaveR2Above(0.4)
    expect(result).toHaveRmseBelow(60)
    expect(result).toHaveMaeBelow(50, { confidence: 0.95 })
  })
})
