import ort from 'onnxruntime-node'
import { describe, expect, test } from 'vitest'
import { benchmark, buildMatMulModel, loadOnnx } from '../../src/index.js'

// A real onnxruntime-node workload built in code (no download): a 4-layer 256-wide MatMul stack.
describe('onnxruntime-node MatMul stack', () => {
  test('batch 1 and batch 32 on CPU', async () => {
    // through loadOnnx, so results name their runtime (onnxruntime-node), which the gate's
    // machine-speed sentinel and A/B runs judge by
    const session = await loadOnnx(buildMatMulModel({ size: 256, layers: 4 }), { intraOpNumThreads: 1 })
    const feeds = (batch: number) => ({
      input: new ort.Tensor('float32', new Float32Array(batch * 256).fill(0.5), [batch, 256]),
    })
    const one = feeds(1)
    const single = await benchmark('matmul-256x4 batch 1', () => session.run(one), { time: 500 })
    expect(single).toHaveP95LatencyBelow('20ms')
    expect(single).toHavePeakMemoryBelow('2GiB')

    const batch = feeds(32)
    const batched = await benchmark('matmul-256x4 batch 32', () => session.run(batch), { batchSize: 32, time: 500 })
    expect(batched).toHaveThroughputAbove(1000)
    await session.release()
  })
})
