/** The CUDA provider check's view of the onnxruntime-node installed here (Node only). */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type ProviderEnvironment } from './execution-provider.js'

/** The provider environment of the onnxruntime-node installed here. */
export function onnxruntimeProviderEnvironment(
  listSupportedBackends: () => ReadonlyArray<{ name: string; bundled: boolean }>,
): ProviderEnvironment {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-node')
  // dist/index.js → bin/napi-v6/<platform>/<arch>, where the install script puts provider libraries
  const binaryDir = path.join(path.dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch)
  return {
    platform: process.platform,
    arch: process.arch,
    backends: listSupportedBackends(),
    hasBinary: (file) => existsSync(path.join(binaryDir, file)),
    binaryDir,
  }
}

/** The provider environment of onnxruntime-node, imported only when asked for (a benchmark with device 'cuda'). */
export async function installedProviders(): Promise<ProviderEnvironment> {
  const ort = await import('onnxruntime-node')
  return onnxruntimeProviderEnvironment(ort.listSupportedBackends)
}
