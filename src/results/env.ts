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
