import path from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { sharedDatasetPath, sharedModelPath, skipReason } from '../../benches/support/shared-data.js'

const fixtures = path.resolve('test/fixtures')

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('shared models and datasets for the benches', () => {
  test('without ML_BENCH_MODELS_DIR, a reason to skip that says what to set', () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', '')
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '')
    expect(sharedModelPath('digits-mlp/model.onnx')).toEqual({ skip: expect.stringMatching(/^ML_BENCH_MODELS_DIR is not set/) })
    expect(sharedDatasetPath('digits-test.jsonl').skip).toMatch(/^ML_BENCH_MODELS_DIR is not set/)
  })

  test('files found resolve to absolute paths; datasets default to datasets/ beside the models', () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', 'test/fixtures')
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '')
    expect(sharedModelPath('text-classifier.ts')).toEqual({ path: `${fixtures}/text-classifier.ts` })
    expect(sharedDatasetPath('x.jsonl').skip).toBe(
      `${path.resolve('test/datasets')}/x.jsonl not found (ML_BENCH_DATASETS_DIR, or datasets/ beside ML_BENCH_MODELS_DIR: ${path.resolve('test/datasets')})`,
    )
    vi.stubEnv('ML_BENCH_DATASETS_DIR', 'test/datasets')
    expect(sharedDatasetPath('shared-data.test.ts')).toEqual({ path: `${path.resolve('test/datasets')}/shared-data.test.ts` })
  })

  test('skipReason prints and returns the reasons, or nothing when all were found', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.stubEnv('ML_BENCH_MODELS_DIR', 'test/fixtures')
    expect(skipReason('fixture', sharedModelPath('text-classifier.ts'))).toBeUndefined()
    expect(warn).not.toHaveBeenCalled()
    const reason = skipReason('missing model', sharedModelPath('nope.onnx'), sharedModelPath('text-classifier.ts'))
    expect(reason).toMatch(/nope\.onnx not found \(ML_BENCH_MODELS_DIR=/)
    expect(warn).toHaveBeenCalledWith(`[ml-bench] skipping missing model: ${reason}`)
  })
})
