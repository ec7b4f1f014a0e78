/**
 * Whether WebGPU can run here. Pages of a headless browser often have no adapter (no GPU, or
 * WebGPU behind a flag), and Node has no WebGPU at all: a bench file skips its WebGPU variant with
 * the reason this gives.
 */

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string }
  isFallbackAdapter?: boolean
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>
}

function gpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu
}

let adapter: Promise<GpuAdapterLike | null> | undefined

/** The adapter the page would get, asked for once; null when none. */
function requestAdapter(): Promise<GpuAdapterLike | null> {
  adapter ??= gpu()!
    .requestAdapter()
    .catch(() => null)
  return adapter
}

/** Why WebGPU cannot run here, or undefined when the page has an adapter. */
export async function webgpuUnavailableReason(): Promise<string | undefined> {
  if (!('document' in globalThis)) return 'WebGPU runs only in a browser page (the plugin\'s browser option); this is Node'
  if (!gpu()) return 'this page has no navigator.gpu (WebGPU is off in this browser, or the page is not a secure context)'
  if (!(await requestAdapter())) return 'the browser found no WebGPU adapter (no usable GPU; in headless Chromium, --enable-unsafe-webgpu adds a software one)'
  return undefined
}

/** The adapter as 'vendor architecture description' (with '(fallback)' for a software adapter), null when there is none. */
export async function webgpuAdapterName(): Promise<string | null> {
  if ((await webgpuUnavailableReason()) !== undefined) return null
  const found = (await requestAdapter())!
  const info = found.info ?? {}
  const name = [info.vendor, info.architecture, info.description].filter((part) => part).join(' ') || 'unnamed adapter'
  return found.isFallbackAdapter ? `${name} (fallback)` : name
}
