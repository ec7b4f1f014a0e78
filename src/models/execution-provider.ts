/**
 * Device selection for both loaders: 'cpu' or 'cuda' → onnxruntime execution providers, with a
 * check that the CUDA provider is really installed, so nothing silently runs on the CPU unless
 * the user opted in with `fallbackToCpu`. Pure: the installed providers come in as a
 * {@link ProviderEnvironment} (`provider-environment.ts` reads onnxruntime-node's), so a browser
 * page can import this module.
 */
import type { InferenceSession } from 'onnxruntime-node'
import type { ModelDevice } from './model-info.js'

/** The command that installs onnxruntime-node's CUDA provider (Linux x64, CUDA 12). */
export const CUDA_INSTALL_COMMAND = 'ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci'

/** The CUDA provider's shared library in onnxruntime-node's binary directory (Linux). */
export const CUDA_PROVIDER_LIBRARY = 'libonnxruntime_providers_cuda.so'

/** What the installed onnxruntime-node offers; injectable so the CUDA path can be tested without a GPU. */
export interface ProviderEnvironment {
  platform: string
  arch: string
  /** `listSupportedBackends()` of onnxruntime-node: the providers this build knows. */
  backends: ReadonlyArray<{ name: string; bundled: boolean }>
  /** Whether `file` exists in onnxruntime-node's binary directory for this platform. */
  hasBinary(file: string): boolean
  /** That binary directory, for messages. */
  binaryDir: string
}

/** Why CUDA cannot be used here, or undefined when its provider is installed. */
export function cudaUnavailableReason(env: ProviderEnvironment): string | undefined {
  const cuda = env.backends.find((b) => b.name === 'cuda')
  if (!cuda) {
    return `this onnxruntime-node build (${env.platform}/${env.arch}) has no CUDA execution provider; onnxruntime-node supports CUDA on Linux x64 only`
  }
  // CUDA is never bundled in the npm package: its install script downloads the library
  if (!cuda.bundled && !env.hasBinary(CUDA_PROVIDER_LIBRARY)) {
    return `the CUDA provider is not installed (${env.binaryDir}/${CUDA_PROVIDER_LIBRARY} is missing)`
  }
  return undefined
}

/** Device options shared by {@link loadOnnx} and {@link loadPipeline}. */
export interface DeviceSelection {
  /** Where to run ['cpu'; in a browser page 'wasm']. 'wasm' and 'webgpu' exist only in the browser runtime. */
  device?: ModelDevice
  /** CUDA device ordinal [0]. */
  deviceId?: number
  /**
   * When 'cuda' is asked for but unavailable (provider missing, or the session fails to start on
   * it), run on the CPU and record the fallback on `info` instead of failing [false].
   */
  fallbackToCpu?: boolean
}

/** The outcome of device selection. */
export interface ResolvedExecution {
  device: ModelDevice
  requestedDevice: ModelDevice
  deviceId: number | null
  executionProviders: InferenceSession.ExecutionProviderConfig[]
  fallbackReason: string | null
}

/** The message of a 'cuda' request that cannot be served. */
export function cudaUnavailableMessage(what: string, reason: string): string {
  return (
    `${what}: device 'cuda' was requested but ${reason}. ` +
    `Install the CUDA provider with \`${CUDA_INSTALL_COMMAND}\` (Linux x64 with CUDA 12 and cuDNN 9), ` +
    `or pass fallbackToCpu: true to run on the CPU and record the fallback.`
  )
}

function cpuFallback(reason: string): ResolvedExecution {
  return { device: 'cpu', requestedDevice: 'cuda', deviceId: null, executionProviders: ['cpu'], fallbackReason: reason }
}

/**
 * Turns the device options into execution providers. 'cuda' without an installed provider throws
 * a message with the install command, unless `fallbackToCpu` is set (then CPU, reason recorded).
 */
export function resolveExecution(what: string, selection: DeviceSelection, env: () => ProviderEnvironment): ResolvedExecution {
  const requested = selection.device ?? 'cpu'
  if (requested === 'cpu') {
    return { device: 'cpu', requestedDevice: 'cpu', deviceId: null, executionProviders: ['cpu'], fallbackReason: null }
  }
  if (requested !== 'cuda') {
    const browserOnly = requested === 'wasm' || requested === 'webgpu' ? ` ('${requested}' is onnxruntime-web's, in the browser runtime: mlBench({ browser }))` : ''
    throw new TypeError(`${what}: device must be 'cpu' or 'cuda' in Node, got ${JSON.stringify(requested)}${browserOnly}.`)
  }
  const deviceId = selection.deviceId ?? 0
  if (!Number.isInteger(deviceId) || deviceId < 0) {
    throw new TypeError(`${what}: deviceId must be a CUDA device ordinal (0, 1, …), got ${deviceId}.`)
  }
  const cuda: ResolvedExecution = {
    device: 'cuda',
    requestedDevice: 'cuda',
    deviceId,
    executionProviders: [{ name: 'cuda', deviceId }],
    fallbackReason: null,
  }
  const reason = cudaUnavailableReason(env())
  if (reason === undefined) return cuda
  if (selection.fallbackToCpu) return cpuFallback(reason)
  throw new Error(cudaUnavailableMessage(what, reason))
}

/**
 * Creates a session with `create(execution)`. When a CUDA session fails to start (the provider is
 * installed but CUDA, cuDNN or the driver is not usable), retries on the CPU if `fallbackToCpu`,
 * recording why; otherwise throws a message saying what to check.
 */
export async function createWithFallback<T>(
  what: string,
  execution: ResolvedExecution,
  selection: DeviceSelection,
  create: (execution: ResolvedExecution) => Promise<T>,
): Promise<{ value: T; execution: ResolvedExecution }> {
  try {
    return { value: await create(execution), execution }
  } catch (error) {
    if (execution.device !== 'cuda') throw error
    const message = error instanceof Error ? error.message : String(error)
    const reason = `creating the session on CUDA device ${execution.deviceId} failed: ${message}`
    if (!selection.fallbackToCpu) {
      throw new Error(
        `${what}: ${reason}. Check the CUDA 12 / cuDNN 9 libraries and the driver (nvidia-smi); the provider is installed with \`${CUDA_INSTALL_COMMAND}\`. ` +
          'Pass fallbackToCpu: true to run on the CPU and record the fallback.',
        { cause: error },
      )
    }
    const cpu = cpuFallback(reason)
    return { value: await create(cpu), execution: cpu }
  }
}
