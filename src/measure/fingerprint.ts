import os from 'node:os'
import { cpuLimit } from './cpu-limit.js'

/**
 * What a measurement depends on besides the code: two results are comparable only when these
 * match. Runtime packages appear once a loader (or the user) has noted them.
 */
export interface EnvFingerprint {
  node: string
  os: string
  arch: string
  cpuModel: string
  cores: number
  /**
   * CPUs the process may use under its Linux cgroup CPU limit (e.g. 1.5), null when unlimited.
   * Absent on results recorded before vitest-ml-bench measured it.
   */
  cpuLimit?: number | null
  /** Bytes. */
  totalMemory: number
  /** Versions of ML runtimes in use, e.g. `{ 'onnxruntime-node': '1.30.0' }`. */
  packages: Record<string, string>
}

const runtimes = new Map<string, string>()

/**
 * Notes that a runtime package is in use, so its version becomes part of every later result's
 * fingerprint. The model loaders call this; call it yourself for a runtime you load by hand.
 */
export function noteRuntime(name: string, version: string): void {
  runtimes.set(name, version)
}

/** The fingerprint of this process and machine, now. */
export function envFingerprint(): EnvFingerprint {
  const cpus = os.cpus()
  return {
    node: process.version,
    os: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores: cpus.length,
    cpuLimit: cpuLimit(),
    totalMemory: os.totalmem(),
    packages: Object.fromEntries([...runtimes].sort(([a], [b]) => a.localeCompare(b))),
  }
}
