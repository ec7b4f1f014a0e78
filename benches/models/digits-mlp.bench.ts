/**
 * Raw onnxruntime-node through loadOnnx: the digits MLP (models/digits-mlp/model.onnx, input
 * 'input' float32 [batch, 64] of raw 0–16 pixels → 'logits' float32 [batch, 10]) on real test
 * images. Latency at batch 1 with the cold start, throughput at batch 64. (Its accuracy is
 * benches/accuracy/digits.bench.ts's job.)
 */
import ort from 'onnxruntime-node'
import { describe, expect, test } from 'vitest'
import { benchmark, loadOnnx, readDataset } from '../../src/index.js'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../support/shared-data.js'

const model = sharedModelPath('digits-mlp/model.onnx')
const dataset = sharedDatasetPath('digits-test.jsonl')

/** The first `n` test images as one float32 [n, 64] tensor. */
async function images(n: number): Promise<ort.Tensor> {
  const data = new Float32Array(n * 64)
  let i = 0
  for await (const example of readDataset(dataset.path as string, { fields: { input: 'pixels' }, limit: n })) {
    data.set(example.input as number[], i++ * 64)
  }
  return new ort.Tensor('float32', data, [n, 64])
}

describe.skipIf(skipReason('digits MLP (onnxruntime-node)', model, dataset))('digits MLP on onnxruntime-node, 1 intra-op thread', () => {
  test('batch 1: latency, and the cold start of a fresh session', async () => {
    const mlp = await loadOnnx<'input', 'logits'>(model.path as string, { intraOpNumThreads: 1 })
    expect(mlp.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch_size', 64] }])
    const one = { input: await images(1) }
    const single = await benchmark('digits-mlp batch 1', () => mlp.run(one), { time: 1000, maxTime: 4000 })
    console.log(
      `[digits-mlp] batch 1: p50 ${(single.latency.p50 * 1000).toFixed(0)} µs, p95 ${(single.latency.p95 * 1000).toFixed(0)} µs; ` +
        `load ${single.coldStart?.loadMs.toFixed(1)} ms, first inference ${single.coldStart?.firstInferenceMs?.toFixed(2)} ms`,
    )
    // shared/models/README.md: p50 0.09 ms, p99 0.23 ms alone; wide margins for a shared machine
    expect(single).toHaveP50LatencyBelow('1ms')
    expect(single).toHaveP95LatencyBelow('5ms')
    expect(single).toHaveColdStartBelow('2s')
    expect(single.model).toMatchObject({ id: 'digits-mlp/model.onnx', fileBytes: 69_965, intraOpThreads: 1, executionProvider: 'cpu' })
    await mlp.release()
  })

  test('batch 64: throughput', async () => {
    const mlp = await loadOnnx<'input', 'logits'>(model.path as string, { intraOpNumThreads: 1 })
    const feeds = { input: await images(64) }
    const batch = await benchmark('digits-mlp batch 64', () => mlp.run(feeds), { batchSize: 64, time: 1000, maxTime: 4000 })
    console.log(`[digits-mlp] batch 64: ${batch.throughput.itemsPerSecond.toFixed(0)} images/s`)
    expect(batch).toHaveThroughputAbove(20_000)
    await mlp.release()
  })
})
