/**
 * The pairing hook of an A/B run (`vitest-ml-bench ab`): two vitest processes, one in the base
 * tree and one in the head tree, hand every measurement to a coordinator, which lets one side
 * measure at a time and alternates short slices of the same measurement on both (ABBA), so both
 * see the same machine at the same moments. The producers call it when it is installed; the A/B
 * client (src/vitest/ab-client.ts) installs it in each side's test worker. With no hook installed
 * (every ordinary run) producers measure on their own.
 */

/**
 * One side of a paired measurement: runs calls for about `ms` milliseconds and returns each timed
 * call's duration in ms (calls after a pause that the side chose to discard are not returned).
 */
export interface SliceRunner {
  runSlice(ms: number): Promise<number[]>
  /** Runs calls for about `ms` milliseconds whose times are never used (warm-up); `runSlice` when absent. */
  warmUp?(ms: number): Promise<void>
}

/** What a producer asks of the coordinator. */
export interface PairingHook {
  /**
   * Measures `name` (a result of the running test) in slices the coordinator asks for, interleaved
   * with the other side's same measurement when it has one, alone otherwise; resolves with every
   * timed call's duration once the coordinator has decided or spent its budget. `timeMs`: how
   * long the producer would have measured on its own (the budget of a measurement without partner).
   * Undefined when called inside another measurement of this side (a benchmark of a function that
   * itself evaluates): the producer measures on its own, within the outer measurement's turn.
   */
  pair(name: string, runner: SliceRunner, timeMs: number): Promise<number[] | undefined>
  /** Runs `measure` while the other side measures nothing (work that cannot be sliced); directly when already inside a measurement of this side. */
  exclusive<T>(name: string, measure: () => Promise<T>): Promise<T>
}

// On globalThis for the same reason as the sink (src/core/sink.ts): one hook however the package was loaded.
const HOOK = Symbol.for('vitest-ml-bench.pairing')
type HookHolder = { [HOOK]?: PairingHook }

/** Installs the pairing hook (undefined: none). */
export function installPairing(hook: PairingHook | undefined): void {
  ;(globalThis as HookHolder)[HOOK] = hook
}

/** The installed pairing hook; undefined outside an A/B run. */
export function pairingHook(): PairingHook | undefined {
  return (globalThis as HookHolder)[HOOK]
}

/**
 * Runs `work` exclusively in an A/B run (the other tree's side measures nothing meanwhile), as is
 * outside one. For measurements that cannot be sliced (load tests, evaluations).
 */
export function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
  const hook = pairingHook()
  return hook ? hook.exclusive(name, work) : work()
}

/** Environment variables the `ab` command hands to each side's vitest process. */
export const AB_ENV = {
  /** Path of the coordinator's socket. */
  socket: 'ML_BENCH_AB_SOCKET',
  /** 'base' or 'head'. */
  side: 'ML_BENCH_AB_SIDE',
  /** Where the side's reporter writes its results.json. */
  reportDir: 'ML_BENCH_AB_REPORT_DIR',
} as const
