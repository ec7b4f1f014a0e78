import os from 'node:os'
import { cpuLimit } from './cpu-limit.js'
import { machineState } from './machine.js'
import { notedRuntimes } from './runtimes.js'
import type { EnvFingerprint } from '../results/env.js'
import type { HostMachine } from '../core/page-context.js'

export { noteRuntime } from './runtimes.js'

/** The machine, as every fingerprint records it (a browser page gets it from the Node process that serves it). */
export function hostMachine(): HostMachine {
  const cpus = os.cpus()
  return {
    node: process.version,
    os: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores: cpus.length,
    cpuLimit: cpuLimit(),
    totalMemory: os.totalmem(),
  }
}

/** The fingerprint of this process and machine, now. */
export function envFingerprint(): EnvFingerprint {
  const machine = machineState()
  return {
    ...hostMachine(),
    runtime: { name: 'node', version: process.version },
    packages: notedRuntimes(),
    ...(machine ? { machine } : {}),
  }
}
