import { createHash } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { env } from '@huggingface/transformers'
import { beforeAll, describe, expect, test } from 'vitest'
import { benchmark, loadPipeline } from '../../src/index.js'
import { envFingerprint } from '../../src/measure/fingerprint.js'
import { onnxruntimeNode, type OnnxRuntime } from '../../src/models/onnx.js'
import { writeTextClassifier } from '../fixtures/text-classifier.js'

/** onnxruntime-node as it is, except that it claims the CUDA provider library is installed. */
const claimsCuda: OnnxRuntime = {
  ...onnxruntimeNode,
  providers: () => ({ ...onnxruntimeNode.providers(), hasBinary: () => true }),
}

/** The sha256sum-style manifest hash of `files` under `dir`, computed independently of the loader. */
async function manifestHash(dir: string, files: string[]): Promise<string> {
  const lines = await Promise.all(
    [...files].sort().map(async (f) => `${createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex')}  ${f}\n`),
  )
  return createHash('sha256').update(lines.join('')).digest('hex')
}

describe('loadPipeline with a local transformers.js folder', () => {
  let root = ''
  let dir = ''
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ml-bench-pipeline-'))
    dir = await writeTextClassifier(path.join(root, 'tiny-sentiment'))
  })

  test('loads offline by folder name from the local model path and classifies', async () => {
    const remoteBefore = env.allowRemoteModels
    const clf = await loadPipeline('text-classification', 'tiny-sentiment', { localModelPath: root, offline: true })
    expect(env.allowRemoteModels).toBe(remoteBefore)
    const out = await clf(['a charming , moving film', 'a dull and boring film'])
    expect(out.map((o) => (o as { label: string }).label)).toEqual(['POSITIVE', 'NEGATIVE'])
    expect(clf.info).toMatchObject({ id: 'tiny-sentiment', path: dir, source: 'local', task: 'text-classification' })
  })

  test('records the files read, their size and hash, the provider, threads and runtime versions', async () => {
    const clf = await loadPipeline('text-classification', dir, { intraOpNumThreads: 1, dtype: 'fp32' })
    const files = ['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json']
    expect(clf.info).toMatchObject({
      files: files.join(','),
      sha256: await manifestHash(dir, files),
      dtype: 'fp32',
      runtime: '@huggingface/transformers',
      runtimeVersion: env.version,
      onnxruntimeVersion: onnxruntimeNode.version,
      executionProvider: 'cpu',
      intraOpThreads: 1,
      fallback: false,
    })
    let bytes = 0
    for (const f of files) bytes += (await readFile(path.join(dir, f))).byteLength
    expect(clf.info.fileBytes).toBe(bytes)
    expect(envFingerprint().packages).toMatchObject({ '@huggingface/transformers': env.version, 'onnxruntime-node': onnxruntimeNode.version })
  })

  test('a benchmark of the pipeline carries its metadata and cold start', async () => {
    const clf = await loadPipeline('text-classification', dir)
    const result = await benchmark('tiny sentiment', () => clf('a wonderful film'), { time: 50, iterations: 10, maxTime: 300, record: false })
    expect(result.model).toEqual(clf.info)
    expect(result.coldStart).toEqual({ loadMs: clf.info.loadMs, firstInferenceMs: result.firstCallMs })
    expect(clf.info.loadMs).toBeGreaterThan(0)
  })

  test('a missing model folder or file is named with what was expected there', async () => {
    const missing = path.join(root, 'nothing-here')
    await expect(loadPipeline('text-classification', missing)).rejects.toThrow(
      `no model folder at ${missing}. Expected a transformers.js model folder there (config.json and onnx/model.onnx).`,
    )
    await expect(loadPipeline('text-classification', dir, { dtype: 'q8' })).rejects.toThrow(
      `${dir} is not a transformers.js model folder for dtype q8: expected config.json and onnx/model_quantized.onnx, missing onnx/model_quantized.onnx.`,
    )
  })

  test('offline, a hub id that is not local fails at once without the network', async () => {
    await expect(
      loadPipeline('text-classification', 'someone/not-downloaded', { localModelPath: root, offline: true, cacheDir: root }),
    ).rejects.toThrow(/'someone\/not-downloaded' is not a local folder .* offline, and it is not in the cache: .*allowRemoteModels=false/)
  })

  test("'cuda' without the CUDA provider fails with the install command", async () => {
    await expect(loadPipeline('text-classification', dir, { device: 'cuda' })).rejects.toThrow(
      /device 'cuda' was requested but the CUDA provider is not installed .*ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci/,
    )
  })

  test('fallbackToCpu records the fallback and the pipeline still works', async () => {
    const clf = await loadPipeline('text-classification', dir, { device: 'cuda', fallbackToCpu: true })
    expect(clf.device).toBe('cpu')
    expect(clf.info).toMatchObject({ executionProvider: 'cpu', requestedDevice: 'cuda', fallback: true })
    expect(await clf('a great film')).toEqual([{ label: 'POSITIVE', score: expect.any(Number) }])
  })

  test('a CUDA session that cannot start (library present, no GPU) fails clearly, or falls back when allowed', async () => {
    await expect(loadPipeline('text-classification', dir, { device: 'cuda', runtime: claimsCuda })).rejects.toThrow(
      /creating the session on CUDA device 0 failed: .*nvidia-smi/,
    )
    const clf = await loadPipeline('text-classification', dir, { device: 'cuda', runtime: claimsCuda, fallbackToCpu: true })
    expect(clf.info).toMatchObject({ executionProvider: 'cpu', fallback: true })
    expect(clf.info.fallbackReason).toMatch(/creating the session on CUDA device 0 failed/)
  })
})
