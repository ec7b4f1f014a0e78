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

/** Where the measured work runs. */
export type DeviceOption = 'cpu' | 'cuda' | CustomDevice

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
  if (option === 'cpu') return { name: 'cpu', sync: undefined }
  if (option === 'cuda') return { name: 'cuda', sync: syncCudaOutputs }
  if (typeof option === 'object' && option !== null && typeof option.sync === 'function') {
    return { name: option.name ?? 'custom', sync: (output) => option.sync(output) }
  }
  throw new TypeError(
    `Invalid device ${JSON.stringify(option)}. Use 'cpu', 'cuda', or an object { sync(output) } that resolves when the device work is done.`,
  )
}
