/** Spins the CPU for `ms` milliseconds: a workload of known cost. */
export function busyWait(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // spin
  }
}

/** Resolves after `ms` milliseconds (a timer, not CPU work). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
