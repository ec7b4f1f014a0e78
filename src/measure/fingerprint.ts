import os from 'node:os'
import { cpuLimit } from './cpu-limit.js'
import { machineState } from './machine.js'
import type { EnvFingerprint } from '../results/env.js'

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
  const machine = machineState()
  return {
    node: process.version,
    os: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores: cpus.length,
    cpuLimit: cpuLimit(),
    totalMemory: os.totalmem(),
    packages: Object.fromEntries([...runtimes].sort(([a], [b]) => a.localeCompare(b))),
    ...(machine ? { machine } : {}),
  }
}
