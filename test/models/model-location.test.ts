import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { datasetsDir, modelsDir } from '../../src/index.js'
import { locatePipelineModel } from '../../src/models/model-location.js'
import { checkPipelineFolder } from '../../src/models/model-location.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('models and datasets directories', () => {
  test('ML_BENCH_MODELS_DIR, made absolute; datasets default beside it', () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', '../shared/models')
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '')
    expect(modelsDir()).toBe(path.resolve('../shared/models'))
    expect(datasetsDir()).toBe(path.resolve('../shared/datasets'))
  })

  test('ML_BENCH_DATASETS_DIR wins; nothing set means undefined', () => {
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '/data/sets')
    expect(datasetsDir()).toBe('/data/sets')
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '')
    vi.stubEnv('ML_BENCH_MODELS_DIR', '')
    expect(modelsDir()).toBeUndefined()
    expect(datasetsDir()).toBeUndefined()
  })
})

describe('locatePipelineModel', () => {
  let root = ''
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ml-bench-locate-'))
    await mkdir(path.join(root, 'clf', 'onnx'), { recursive: true })
    await writeFile(path.join(root, 'clf', 'config.json'), JSON.stringify({ 'transformers.js_config': { dtype: 'q8' } }))
    await writeFile(path.join(root, 'clf', 'onnx', 'model.onnx'), '')
  })

  test('a name under the models directory is local; an unknown name is a hub id', () => {
    expect(locatePipelineModel('w', 'clf', root)).toEqual({ kind: 'local', dir: path.join(root, 'clf'), id: 'clf' })
    expect(locatePipelineModel('w', 'Xenova/bert', root)).toEqual({ kind: 'hub', id: 'Xenova/bert' })
  })

  test('an explicit path must exist', () => {
    expect(locatePipelineModel('w', path.join(root, 'clf'), undefined).kind).toBe('local')
    expect(() => locatePipelineModel('w', path.join(root, 'nope'), undefined)).toThrow(
      `w: no model folder at ${path.join(root, 'nope')}. Expected a transformers.js model folder there (config.json and onnx/model.onnx).`,
    )
  })

  test("a folder must hold config.json and the dtype's ONNX file (config.json's dtype by default)", () => {
    const dir = path.join(root, 'clf')
    expect(() => checkPipelineFolder('w', dir, 'fp32')).not.toThrow()
    expect(() => checkPipelineFolder('w', dir, undefined)).toThrow(
      `w: ${dir} is not a transformers.js model folder for dtype q8: expected config.json and onnx/model_quantized.onnx, missing onnx/model_quantized.onnx.`,
    )
    expect(() => checkPipelineFolder('w', root, 'fp32')).toThrow(/expected config.json and onnx\/model.onnx, missing config.json, onnx\/model.onnx/)
  })
})
