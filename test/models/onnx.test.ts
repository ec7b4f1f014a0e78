import { createHash } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import ort, { type InferenceSession } from 'onnxruntime-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { benchmark, loadOnnx } from '../../src/index.js'
import { envFingerprint } from '../../src/measure/fingerprint.js'
import { onnxruntimeNode, type OnnxRuntime, type OnnxSession } from '../../src/models/onnx.js'
import { buildMatMulModel } from '../../src/models/onnx-builder.js'
import { sleep } from '../../benches/support/busy.js'

const bytes = buildMatMulModel({ size: 16, layers: 2 })
const feeds = { input: new ort.Tensor('float32', new Float32Array(16).fill(0.5), [1, 16]) }

/**
 * A CUDA machine as far as the loader can tell: the provider library "exists", and sessions are
 * real CPU sessions (so run() computes) created with the options the loader asked for.
 */
function fakeCudaRuntime(options: { failOnCuda?: string; wrap?: (session: OnnxSession) => OnnxSession } = {}) {
  const created: InferenceSession.SessionOptions[] = []
  const runtime: OnnxRuntime = {
    version: onnxruntimeNode.version,
    providers: () => ({
      platform: 'linux',
      arch: 'x64',
      backends: [
        { name: 'cpu', bundled: true },
        { name: 'cuda', bundled: false },
      ],
      hasBinary: () => true,
      binaryDir: '/fake/bin',
    }),
    async createSession(source, sessionOptions) {
      created.push(sessionOptions)
      const onCuda = sessionOptions.executionProviders?.some((p) => (typeof p === 'string' ? p : p.name) === 'cuda')
      if (onCuda && options.failOnCuda) throw new Error(options.failOnCuda)
      const session = await onnxruntimeNode.createSession(source, { ...sessionOptions, executionProviders: ['cpu'] })
      return options.wrap ? options.wrap(session) : session
    },
  }
  return { runtime, created }
}

describe('loadOnnx', () => {
  let file = ''
  beforeAll(async () => {
    file = path.join(await mkdtemp(path.join(os.tmpdir(), 'ml-bench-onnx-')), 'matmul.onnx')
    await writeFile(file, bytes)
  })

  test('exposes input/output specs and records hash, size, provider, threads and versions', async () => {
    const model = await loadOnnx(file, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'basic' })
    expect(model.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 16] }])
    expect(model.outputs).toEqual([{ name: 'output', type: 'float32', shape: ['batch', 16] }])
    expect(model.info).toMatchObject({
      path: file,
      source: 'local',
      runtime: 'onnxruntime-node',
      files: 'matmul.onnx',
      fileBytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      executionProvider: 'cpu',
      requestedDevice: 'cpu',
      fallback: false,
      intraOpThreads: 1,
      interOpThreads: 1,
      graphOptimizationLevel: 'basic',
    })
    expect(model.info.loadMs).toBeGreaterThan(0)
    expect(envFingerprint().packages['onnxruntime-node']).toBe(ort.env.versions.node)
    const out = await model.run(feeds)
    expect(out.output?.dims).toEqual([1, 16])
    await model.release()
  })

  test('loads bytes; unset threads are recorded as the onnxruntime default (null)', async () => {
    const model = await loadOnnx(bytes, { id: 'matmul-16' })
    expect(model.info).toMatchObject({ id: 'matmul-16', path: null, source: 'bytes', sha256: createHash('sha256').update(bytes).digest('hex') })
    expect(model.info).toMatchObject({ intraOpThreads: null, interOpThreads: null, graphOptimizationLevel: 'all' })
  })

  test('a missing file names the path and what was expected', async () => {
    await expect(loadOnnx('/no/such/dir/model.onnx')).rejects.toThrow('no ONNX model file at /no/such/dir/model.onnx. Pass an absolute path')
  })

  test('feeds that do not fit list the expected inputs', async () => {
    const model = await loadOnnx(bytes)
    await expect(model.run({ x: feeds.input } as never)).rejects.toThrow(
      /missing 'input'; not inputs of this model: 'x'\. The model expects input float32 \[batch, 16\]\./,
    )
    const narrow = new ort.Tensor('float32', new Float32Array(8), [1, 8])
    await expect(model.run({ input: narrow })).rejects.toThrow(/'input' has shape \[1, 8\], expected \[batch, 16\]/)
    const ints = new ort.Tensor('int32', new Int32Array(16), [1, 16])
    await expect(model.run({ input: ints })).rejects.toThrow(/'input' is int32, expected float32/)
  })

  test("'cuda' without the CUDA provider fails with the install command", async () => {
    await expect(loadOnnx(bytes, { device: 'cuda' })).rejects.toThrow(/libonnxruntime_providers_cuda\.so is missing.*ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci/)
  })

  test('fallbackToCpu runs on the CPU and records the fallback', async () => {
    const model = await loadOnnx(bytes, { device: 'cuda', fallbackToCpu: true })
    expect(model.device).toBe('cpu')
    expect(model.info).toMatchObject({ executionProvider: 'cpu', requestedDevice: 'cuda', fallback: true })
    expect(model.info.fallbackReason).toMatch(/CUDA provider is not installed/)
  })
})

describe('loadOnnx on a (fake) CUDA machine', () => {
  test("'cuda' asks onnxruntime for the CUDA provider with the device id and tuning", async () => {
    const { runtime, created } = fakeCudaRuntime()
    const model = await loadOnnx(bytes, { device: 'cuda', deviceId: 1, intraOpNumThreads: 2, runtime })
    expect(created).toEqual([{ intraOpNumThreads: 2, executionProviders: [{ name: 'cuda', deviceId: 1 }] }])
    expect(model.device).toBe('cuda')
    expect(model.info).toMatchObject({ executionProvider: 'cuda', deviceId: 1, fallback: false, intraOpThreads: 2 })
  })

  test('a CUDA session that fails to start is an error saying what to check …', async () => {
    const { runtime } = fakeCudaRuntime({ failOnCuda: 'libcudart.so.12: cannot open shared object file' })
    await expect(loadOnnx(bytes, { device: 'cuda', runtime })).rejects.toThrow(
      /creating the session on CUDA device 0 failed: libcudart\.so\.12.*nvidia-smi.*fallbackToCpu: true/,
    )
  })

  test('… or, with fallbackToCpu, a CPU session with the reason recorded', async () => {
    const { runtime, created } = fakeCudaRuntime({ failOnCuda: 'no CUDA-capable device is detected' })
    const model = await loadOnnx(bytes, { device: 'cuda', fallbackToCpu: true, runtime })
    expect(created.map((o) => o.executionProviders)).toEqual([[{ name: 'cuda', deviceId: 0 }], ['cpu']])
    expect(model.info).toMatchObject({ executionProvider: 'cpu', requestedDevice: 'cuda', fallback: true })
    expect(model.info.fallbackReason).toMatch(/no CUDA-capable device is detected/)
  })

  test("outputs kept on the GPU are awaited by benchmark()'s device sync before the clock stops", async () => {
    const downloadMs = 20
    // outputs in 'gpu-buffer': the data arrives only when getData() resolves (a device-to-host copy)
    const wrap = (session: OnnxSession): OnnxSession =>
      ({
        ...session,
        inputMetadata: session.inputMetadata,
        outputMetadata: session.outputMetadata,
        run: async () => ({ output: { location: 'gpu-buffer', getData: () => sleep(downloadMs).then(() => new Float32Array(16)) } }),
      }) as unknown as OnnxSession
    const { runtime } = fakeCudaRuntime({ wrap })
    const model = await loadOnnx(bytes, { device: 'cuda', sessionOptions: { preferredOutputLocation: 'gpu-buffer' }, runtime })
    const options = { warmup: false, iterations: 5, time: 0, targetRme: 1, record: false } as const
    const synced = await benchmark('gpu outputs, synced', () => model.run(feeds), { ...options, device: model.device })
    const unsynced = await benchmark('gpu outputs, not synced', () => model.run(feeds), options)
    expect(synced.latency.p50).toBeGreaterThanOrEqual(downloadMs * 0.9)
    expect(unsynced.latency.p50).toBeLessThan(downloadMs / 2)
  })
})

describe('benchmarks of a loaded model', () => {
  const quick = { time: 50, iterations: 10, maxTime: 300, record: false } as const

  test("carry the model's metadata and its cold start: load time and the first inference", async () => {
    const model = await loadOnnx(bytes, { intraOpNumThreads: 1 })
    const first = await benchmark('matmul cold', () => model.run(feeds), quick)
    expect(first.model).toEqual(model.info)
    expect(first.coldStart).toEqual({ loadMs: model.info.loadMs, firstInferenceMs: first.firstCallMs })

    const again = await benchmark('matmul warm', () => model.run(feeds), quick)
    expect(again.coldStart).toEqual({ loadMs: model.info.loadMs, firstInferenceMs: null })
  })

  test('two models in one call: no guess, only what the user passed', async () => {
    const a = await loadOnnx(bytes)
    const b = await loadOnnx(bytes)
    const both = await benchmark('two models', () => Promise.all([a.run(feeds), b.run(feeds)]), { ...quick, model: { id: 'ensemble' } })
    expect(both.model).toEqual({ id: 'ensemble' })
    expect(both.coldStart).toBeUndefined()
  })
})
