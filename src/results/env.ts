/**
 * What a measurement depends on besides the code: two results are comparable only when these
 * match. Runtime packages appear once a loader (or the user) has noted them.
 */
export interface EnvFingerprint {
  /** Node's version; in a browser page, the version of the Node process that serves it is unknown: 'browser'. */
  node: string
  /**
   * Where the measurement ran: Node, or a browser page (the plugin's `browser` option). Results of
   * different runtimes are never compared: the runtime is part of a result's key. Absent on results
   * recorded before vitest-ml-bench had a browser runtime (they ran in Node).
   */
  runtime?: RuntimeInfo
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

/** The JavaScript runtime a result was measured in. */
export interface RuntimeInfo {
  /** 'node', or the browser: 'chromium', 'firefox', 'webkit'. */
  name: string
  /** Node's version, or the browser's (from its user agent). */
  version: string
  /** Browser only: whether the page was cross-origin isolated (fine timers, WASM threads). */
  crossOriginIsolated?: boolean
  /** Browser only: the smallest step `performance.now()` was seen to take, ms (5 µs isolated, 100 µs not, in Chromium). */
  timerResolutionMs?: number
  /** Browser only: `navigator.hardwareConcurrency`. */
  hardwareConcurrency?: number
  /** Browser only: threads onnxruntime-web's WASM backend runs with (1 without cross-origin isolation). */
  wasmThreads?: number
  /** Browser only: the WebGPU adapter ('vendor architecture description'), null when the page has none. */
  webgpuAdapter?: string | null
  /** Browser only: the user agent string. */
  userAgent?: string
}
