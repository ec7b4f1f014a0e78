import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { datasetsDir, modelsDir } from '../../src/index.js'
import { checkPipelineFolder, localCandidates, localFolder, locatePipelineModel } from '../../src/models/model-location.js'
import { loadOnnx, readDataset } from '../../src/index.js'

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
    expect(locatePipelineModel('w', 'Xenova/bert', root)).toMatchObject({ kind: 'hub', id: 'Xenova/bert' })
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

describe('one rule for relative paths, in every loader and reader', () => {
  let root = ''
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ml-bench-paths-'))
    await mkdir(path.join(root, 'models', 'm'), { recursive: true })
    await mkdir(path.join(root, 'datasets'), { recursive: true })
    await writeFile(path.join(root, 'datasets', 'd.jsonl'), '{"text":"a","label":1}\n')
  })

  test('absolute as is; ./ and ../ from the working directory; other paths under the folder, then the working directory', () => {
    const folder = { dir: '/m', name: 'ML_BENCH_MODELS_DIR' }
    expect(localCandidates('/abs/x.onnx', folder)).toEqual([{ path: '/abs/x.onnx', from: 'absolute' }])
    expect(localCandidates('./x.onnx', folder)).toEqual([{ path: path.resolve('x.onnx'), from: 'the working directory' }])
    expect(localCandidates('../x.onnx', folder)).toEqual([{ path: path.resolve('../x.onnx'), from: 'the working directory' }])
    expect(localCandidates('m/x.onnx', folder)).toEqual([
      { path: '/m/m/x.onnx', from: 'ML_BENCH_MODELS_DIR' },
      { path: path.resolve('m/x.onnx'), from: 'the working directory' },
    ])
    expect(localCandidates('m/x.onnx', { dir: undefined, name: 'ML_BENCH_MODELS_DIR' })).toEqual([{ path: path.resolve('m/x.onnx'), from: 'the working directory' }])
  })

  test('the datasets folder is ML_BENCH_DATASETS_DIR, else datasets/ beside the models folder, and says which', () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', path.join(root, 'models'))
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '')
    expect(localFolder('dataset')).toEqual({ dir: path.join(root, 'datasets'), name: 'datasets/ beside ML_BENCH_MODELS_DIR' })
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '/elsewhere')
    expect(localFolder('dataset')).toEqual({ dir: '/elsewhere', name: 'ML_BENCH_DATASETS_DIR' })
  })

  test('readDataset finds a name under the datasets folder; a miss names every place looked in and the rule', async () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', path.join(root, 'models'))
    vi.stubEnv('ML_BENCH_DATASETS_DIR', '')
    const rows = []
    for await (const example of readDataset('d.jsonl', { fields: { input: 'text' } })) rows.push(example)
    expect(rows).toEqual([{ input: 'a', label: 1 }])
    const missing = (async () => {
      for await (const _ of readDataset('nope.jsonl')) void _
    })()
    await expect(missing).rejects.toThrow(
      `nope.jsonl: file not found at ${path.join(root, 'datasets', 'nope.jsonl')} (datasets/ beside ML_BENCH_MODELS_DIR) or ${path.resolve('nope.jsonl')} (the working directory). ` +
        `Pass an absolute path, a ./path relative to the working directory, or a path relative to ML_BENCH_DATASETS_DIR (default: datasets/ beside ML_BENCH_MODELS_DIR) (now ${path.join(root, 'datasets')}).`,
    )
  })

  test('loadOnnx and loadPipeline follow the same rule and say so', async () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', path.join(root, 'models'))
    await expect(loadOnnx('m/model.onnx')).rejects.toThrow(
      `loadOnnx("m/model.onnx"): no ONNX model file at ${path.join(root, 'models', 'm', 'model.onnx')} (ML_BENCH_MODELS_DIR) or ${path.resolve('m/model.onnx')} (the working directory). ` +
        `Pass an absolute path, a ./path relative to the working directory, or a path relative to ML_BENCH_MODELS_DIR (now ${path.join(root, 'models')}).`,
    )
    expect(locatePipelineModel('w', 'm', undefined)).toEqual({ kind: 'local', dir: path.join(root, 'models', 'm'), id: 'm' })
    expect(locatePipelineModel('w', 'other', undefined)).toEqual({
      kind: 'hub',
      id: 'other',
      tried: [
        { path: path.join(root, 'models', 'other'), from: 'ML_BENCH_MODELS_DIR' },
        { path: path.resolve('other'), from: 'the working directory' },
      ],
    })
  })
})
