import ort from 'onnxruntime-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { benchmark, loadOnnx, type BenchmarkResult, type ModelMetadata } from '../../src/index.js'
import { modelFields } from '../../src/models/cold-start.js'
import { type ModelCall } from '../../src/models/call-tracker.js'
import { buildMatMulModel } from '../../src/models/onnx-builder.js'
import { failureOf } from '../helpers/failure.js'

const quick = { time: 20, iterations: 5, maxTime: 200, record: false } as const
let cold: BenchmarkResult
let warm: BenchmarkResult
let plain: BenchmarkResult

beforeAll(async () => {
  const model = await loadOnnx(buildMatMulModel({ size: 8, layers: 1 }), { id: 'matmul-8' })
  const feeds = { input: new ort.Tensor('float32', new Float32Array(8), [1, 8]) }
  cold = await benchmark('matmul-8 cold', () => model.run(feeds), quick)
  warm = await benchmark('matmul-8 warm', () => model.run(feeds), quick)
  plain = await benchmark('no model', () => Math.sqrt(2), quick)
})

describe('toHaveColdStartBelow', () => {
  test('total = load + first inference; parts on request', () => {
    const { loadMs, firstInferenceMs } = cold.coldStart as { loadMs: number; firstInferenceMs: number }
    expect(cold).toHaveColdStartBelow('60s')
    expect(cold).toHaveColdStartBelow(loadMs + firstInferenceMs + 1e-6)
    expect(cold).not.toHaveColdStartBelow(loadMs + firstInferenceMs)
    expect(cold).toHaveColdStartBelow(loadMs + 1e-6, { part: 'load' })
    expect(cold).not.toHaveColdStartBelow(firstInferenceMs, { part: 'firstInference' })
  })

  test('a failure names the benchmark, the part and the limit', () => {
    expect(failureOf(() => expect(cold).toHaveColdStartBelow('1ns'))).toMatch(
      /^benchmark "matmul-8 cold": cold start \(load \+ first inference\) \S+ \S+ is not below the limit 1\.00 ns$/,
    )
    expect(failureOf(() => expect(cold).toHaveColdStartBelow('1ns', { part: 'load' }))).toMatch(/model load time/)
  })

  test('without the first inference only the load can be asserted', () => {
    expect(warm).toHaveColdStartBelow('60s', { part: 'load' })
    expect(() => expect(warm).toHaveColdStartBelow('60s')).toThrow(/did not see the model's first inference.*\{ part: 'load' \}/)
  })

  test('a benchmark of no loaded model has no cold start to assert on', () => {
    expect(() => expect(plain).toHaveColdStartBelow('1s')).toThrow(/has no cold-start measurement.*loadOnnx\(\) or loadPipeline\(\)/)
    expect(() => expect(cold).toHaveColdStartBelow('1s', { part: 'boot' as 'load' })).toThrow(/part must be/)
  })
})

describe('modelFields', () => {
  const info = { id: 'm', loadMs: 12 } as ModelMetadata
  const call = (firstInference: boolean): ModelCall => ({ model: { info }, firstInference })

  test("one model: its info and cold start (the first call's time only if it was the model's first)", () => {
    expect(modelFields(undefined, [call(true)], 3)).toEqual({ model: info, coldStart: { loadMs: 12, firstInferenceMs: 3 } })
    expect(modelFields(undefined, [call(false)], 3)).toEqual({ model: info, coldStart: { loadMs: 12, firstInferenceMs: null } })
  })

  test("the user's model info wins; none or several models add no cold start", () => {
    expect(modelFields({ id: 'mine' }, [call(true)], 3)).toEqual({ model: { id: 'mine' }, coldStart: { loadMs: 12, firstInferenceMs: 3 } })
    expect(modelFields({ id: 'mine' }, [], 3)).toEqual({ model: { id: 'mine' } })
    expect(modelFields(undefined, [call(true), call(true)], 3)).toEqual({})
  })
})
