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
  /** Machine speed and load around the measurement; absent where no probe ran (outside the plugin's bench runs). */
  machine?: MachineState
}

/**
 * How fast and how busy the machine was around a measurement (not part of its identity: a stored
 * baseline's probe is compared with the current one to tell a slower machine from slower code).
 */
export interface MachineState {
  /** The speed probe: median time of a fixed pure-JS loop, ms. */
  probeJsMs: number
  /** Median time of a fixed onnxruntime-node MatMul call, ms; null when onnxruntime-node could not run. */
  probeOrtMs: number | null
  /** Which MatMul `probeOrtMs` timed (e.g. `matmul 256×4, batch 1`); absent in results of the first probe (128 wide), whose time is not compared with this one's. */
  probeOrtModel?: string
  /** The probe's own noise: the larger relative standard error of its two medians. */
  probeSpread: number
  /** When the probe ran (ISO); a test worker probes at the start of every bench file. */
  probedAt: string
  /** 1-minute load average when the result was recorded. */
  loadAverage: number
  /** Share of CPU time the hypervisor stole since the probe (Linux /proc/stat); null elsewhere. */
  stealShare: number | null
  /** Share of the cgroup's CPU periods that were throttled since the probe; null without a cgroup CPU controller. */
  throttledShare: number | null
}
