import { describe, expect, test } from 'vitest'
import { cudaUnavailableReason, resolveExecution, type ProviderEnvironment } from '../../src/models/execution-provider.js'

const linux = (cudaLibrary: boolean): ProviderEnvironment => ({
  platform: 'linux',
  arch: 'x64',
  backends: [
    { name: 'cpu', bundled: true },
    { name: 'cuda', bundled: false },
  ],
  hasBinary: (file) => cudaLibrary && file === 'libonnxruntime_providers_cuda.so',
  binaryDir: '/ort/bin/napi-v6/linux/x64',
})
const mac: ProviderEnvironment = { platform: 'darwin', arch: 'arm64', backends: [{ name: 'cpu', bundled: true }], hasBinary: () => true, binaryDir: '/ort/bin' }

describe('CUDA provider availability', () => {
  test('installed provider library: available', () => {
    expect(cudaUnavailableReason(linux(true))).toBeUndefined()
  })

  test('missing provider library: names the missing file', () => {
    expect(cudaUnavailableReason(linux(false))).toMatch('/ort/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so is missing')
  })

  test('a build without a CUDA backend says where CUDA is supported', () => {
    expect(cudaUnavailableReason(mac)).toMatch(/darwin\/arm64.*Linux x64 only/)
  })
})

describe('resolveExecution', () => {
  test("'cpu' (the default) needs no provider check", () => {
    const env = () => {
      throw new Error('not consulted')
    }
    expect(resolveExecution('m', {}, env)).toEqual({
      device: 'cpu',
      requestedDevice: 'cpu',
      deviceId: null,
      executionProviders: ['cpu'],
      fallbackReason: null,
    })
  })

  test("'cuda' maps to the CUDA provider with its device id", () => {
    const execution = resolveExecution('m', { device: 'cuda', deviceId: 2 }, () => linux(true))
    expect(execution.executionProviders).toEqual([{ name: 'cuda', deviceId: 2 }])
    expect(execution.device).toBe('cuda')
  })

  test("'cuda' without the provider fails with the install command", () => {
    expect(() => resolveExecution('my model', { device: 'cuda' }, () => linux(false))).toThrow(
      /^my model: device 'cuda' was requested but the CUDA provider is not installed .*`ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci`.*fallbackToCpu: true/,
    )
  })

  test('fallbackToCpu runs on the CPU and keeps the reason', () => {
    const execution = resolveExecution('m', { device: 'cuda', fallbackToCpu: true }, () => mac)
    expect(execution).toMatchObject({ device: 'cpu', requestedDevice: 'cuda', executionProviders: ['cpu'] })
    expect(execution.fallbackReason).toMatch(/no CUDA execution provider/)
  })

  test('bad device and device id are rejected', () => {
    expect(() => resolveExecution('m', { device: 'gpu' as 'cuda' }, () => linux(true))).toThrow(/'cpu' or 'cuda' in Node, got "gpu"/)
    expect(() => resolveExecution('m', { device: 'webgpu' }, () => linux(true))).toThrow(/'webgpu' is onnxruntime-web's, in the browser runtime: mlBench\(\{ browser \}\)/)
    expect(() => resolveExecution('m', { device: 'cuda', deviceId: -1 }, () => linux(true))).toThrow(/deviceId/)
  })
})
