import { formatRate } from '../core/units.js'

/** Progress of a long evaluation. */
export interface Progress {
  /** `done` examples so far. */
  update(done: number): void
  /** Clears the bar. */
  finish(): void
}

/** Whether a progress bar helps: an interactive terminal, not CI logs (where it would be noise), nor a browser page (no terminal). */
export function progressWanted(): boolean {
  const node = (globalThis as { process?: NodeJS.Process }).process
  return Boolean(node?.stderr?.isTTY) && !node?.env.CI
}

const WIDTH = 24
const QUIET: Progress = { update() {}, finish() {} }

/**
 * A one-line progress bar on stderr, redrawn at most every 100 ms: a bar when the total is known,
 * else a count; with examples per second. Disabled, it does nothing.
 */
export function createProgress(label: string, total: number | undefined, enabled: boolean): Progress {
  if (!enabled) return QUIET
  const start = performance.now()
  let last = 0
  let drawn = false
  return {
    update(done) {
      const now = performance.now()
      if (now - last < 100 && done !== total) return
      last = now
      const rate = formatRate((done * 1000) / Math.max(now - start, 1))
      const bar =
        total === undefined
          ? `${done}`
          : `[${'█'.repeat(Math.round((WIDTH * done) / total)).padEnd(WIDTH, '░')}] ${done}/${total}`
      process.stderr.write(`\r\x1b[2K${label} ${bar} ${rate}`)
      drawn = true
    },
    finish() {
      if (drawn) process.stderr.write('\r\x1b[2K')
    },
  }
}
