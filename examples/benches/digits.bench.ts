// benches/digits.bench.ts — a raw onnxruntime-node session: accuracy on a dataset file and a load test
import { Tensor } from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { evaluate, loadOnnx, loadTest, splitRows, type OnnxModel } from 'vitest-ml-bench'

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]

describe.skipIf(!process.env.ML_BENCH_MODELS_DIR)('digits MLP on onnxruntime-node', () => {
  let mlp: OnnxModel<'input', 'logits'>
  // rows of 64 pixels in, one row of 10 logits per input out
  const predict = async (rows: number[][]) => {
    const { logits } = await mlp.run({ input: new Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 64]) })
    return splitRows(logits.data as Float32Array, 10)
  }

  beforeAll(async () => {
    // 'digits-mlp/model.onnx' under ML_BENCH_MODELS_DIR; './models/x.onnx' would be the project's own
    mlp = await loadOnnx<'input', 'logits'>('digits-mlp/model.onnx', { intraOpNumThreads: 1 })
  })
  afterAll(async () => {
    await mlp?.release()
  })

  test('accuracy on the test split', async () => {
    const result = await evaluate(predict, 'digits-test.jsonl', { name: 'digits-mlp', fields: { input: 'pixels' }, labels: DIGITS, model: mlp.info })
    expect(result).toHaveAccuracyAbove(0.95)
    expect(result).toHaveF1Above(0.95, { average: 'macro' })
  })

  test('closed loop at 1 and 2 users', async () => {
    const image = Array.from({ length: 64 }, (_, i) => i % 17)
    const load = await loadTest(() => predict([image]), { concurrency: [1, 2], duration: '1s', slo: { p99: '20ms' } })
    expect(load).toSustainThroughput(100, { p99Below: '20ms' })
    expect(load).toHaveErrorRateBelow('1%')
  })
})
