import { cudaUnavailableReason, CUDA_INSTALL_COMMAND, type ProviderEnvironment } from '../models/execution-provider.js'
import type { ModelCall } from '../models/call-tracker.js'

/**
 * Device synchronisation: the benchmark clock stops only after `sync(output)` has resolved, so
 * asynchronous device work (a GPU kernel, a download of GPU-resident outputs) is inside the timing.
 */

/** A user-supplied device: `sync` receives each call's output and resolves when its work is done. */
export interface CustomDevice {
  /** Name shown in results (default 'custom'). */
  name?: string
  sync(output: unknown): unknown
}

/** Where the measured work runs: onnxruntime-node's 'cpu' or 'cuda'; in a browser page onnxruntime-web's 'wasm' or 'webgpu'. */
export type DeviceOption = 'cpu' | 'cuda' | 'wasm' | 'webgpu' | CustomDevice

/** A resolved device: `sync` is undefined when nothing needs awaiting (CPU). */
export interface Device {
  name: string
  sync: ((output: unknown) => unknown) | undefined
}

/** Locations at which onnxruntime keeps a tensor's data off the host. */
const DEVICE_LOCATIONS = new Set(['gpu-buffer', 'ml-tensor', 'texture'])

interface DeviceTensorLike {
  location: string
  getData(releaseData?: boolean): Promise<unknown>
}

function isDeviceTensor(value: object): value is DeviceTensorLike {
  const v = value as Partial<DeviceTensorLike>
  return typeof v.location === 'string' && DEVICE_LOCATIONS.has(v.location) && typeof v.getData === 'function'
}

/**
 * Awaits the download of every device-resident onnxruntime tensor in `output` (searched through
 * arrays, plain objects and transformers.js `Tensor.ort_tensor`). With outputs on the host —
 * onnxruntime's default, where `session.run` resolves after the device-to-host copy — there is
 * nothing left to wait for and this returns without awaiting.
 */
export async function syncCudaOutputs(output: unknown): Promise<void> {
  const pending: Promise<unknown>[] = []
  const seen = new Set<object>()
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 4 || seen.has(value)) return
    seen.add(value)
    if (ArrayBuffer.isView(value)) return
    if (isDeviceTensor(value)) {
      pending.push(value.getData())
      return
    }
    const ort = (value as { ort_tensor?: unknown }).ort_tensor
    if (ort !== undefined) return visit(ort, depth + 1)
    const children = Array.isArray(value) ? value : Object.values(value)
    for (const child of children) visit(child, depth + 1)
  }
  visit(output, 0)
  if (pending.length > 0) await Promise.all(pending)
}

/** Resolves the `device` option into a name and a sync function. */
export function resolveDevice(option: DeviceOption = 'cpu'): Device {
  if (option === 'cpu' || option === 'wasm') return { name: option, sync: undefined }
  // WebGPU outputs may stay in GPU buffers, like CUDA ones: the clock waits for their download
  if (option === 'cuda' || option === 'webgpu') return { name: option, sync: syncCudaOutputs }
  if (typeof option === 'object' && option !== null && typeof option.sync === 'function') {
    return { name: option.name ?? 'custom', sync: (output) => option.sync(output) }
  }
  throw new TypeError(
    `Invalid device ${JSON.stringify(option)}. Use 'cpu', 'cuda' ('wasm' or 'webgpu' in a browser page), or an object { sync(output) } that resolves when the device work is done.`,
  )
}

/** onnxruntime-node's providers here, loaded only when a benchmark says 'cuda' (never in a browser page). */
async function installedProviders(): Promise<ProviderEnvironment> {
  return (await import('../models/provider-environment.js')).installedProviders()
}

/**
 * The device name a result may carry. `device: 'cuda'` only tells the clock to wait for CUDA
 * outputs; the label must not claim a GPU the work never used. So 'cuda' stays only when the first
 * call ran a loaded model on CUDA, or ran no loaded model and the CUDA provider is installed (the
 * function's own GPU work cannot be seen); otherwise this throws, saying what ran where.
 */
export async function verifiedDeviceName(
  what: string,
  device: Device,
  usedModels: readonly ModelCall[],
  providers: () => Promise<ProviderEnvironment> = installedProviders,
): Promise<string> {
  if (device.name !== 'cuda' || device.sync !== syncCudaOutputs) return device.name
  const infos = usedModels.map((c) => c.model.info)
  if (infos.some((info) => info.executionProvider === 'cuda')) return 'cuda'
  if (infos.length > 0) {
    const ran = infos.map((i) => `${i.id} on ${i.executionProvider}${i.fallbackReason ? ` (fallback: ${i.fallbackReason})` : ''}`).join(', ')
    throw new Error(
      `${what}: device 'cuda' was given, but the model it ran is not on CUDA (${ran}), so the result would be labelled cuda for work done on the CPU. ` +
        `Load the model with device: 'cuda', or benchmark with device: model.device.`,
    )
  }
  const reason = cudaUnavailableReason(await providers())
  if (reason) {
    throw new Error(
      `${what}: device 'cuda' was given, but ${reason}, so the function ran on the CPU. ` +
        `Use device: 'cpu' (the default), or install the CUDA provider with \`${CUDA_INSTALL_COMMAND}\`.`,
    )
  }
  return 'cuda'
}
