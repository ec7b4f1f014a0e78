/**
 * A lock around a baseline file's read-merge-write, so two runs updating different tests of one
 * bench file at once (`vitest run -t A -u` beside `-t B -u`) both land: each re-reads the file
 * under the lock and merges its own entries into what the other wrote.
 *
 * proper-lockfile does the locking: an atomic `mkdir` of `<file>.lock` (atomic on every local and
 * network file system, unlike O_EXCL on old NFS), with staleness judged by the lock's mtime, so a
 * lock left by a killed process — on this machine or in another container sharing the checkout,
 * where a pid means nothing — is taken over after `STALE_MS`. The lock is an empty directory:
 * git never adds it.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import lockfile from 'proper-lockfile'

/** A lock not refreshed for this long belongs to a dead writer (a merge-write takes milliseconds). */
const STALE_MS = 10_000
/** How long to wait for another writer before giving up with an error that names the lock. */
const WAIT_MS = 30_000
const RETRY_MS = 25

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Runs `update` while holding the lock of `file` (which need not exist yet). Waits up to 30 s for
 * another holder; a lock older than 10 s is stale and taken over. Synchronous, like the gate.
 */
export function withFileLock<T>(file: string, update: () => T): T {
  mkdirSync(path.dirname(file), { recursive: true })
  const lockPath = `${file}.lock`
  const deadline = Date.now() + WAIT_MS
  let release: (() => void) | undefined
  while (!release) {
    try {
      release = lockfile.lockSync(file, { realpath: false, stale: STALE_MS, lockfilePath: lockPath })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
      if (Date.now() > deadline) {
        throw new Error(
          `Another vitest-ml-bench run has held ${lockPath} for over ${WAIT_MS / 1000} s. If no other run is writing baselines, delete that directory and run again.`,
        )
      }
      sleepSync(RETRY_MS)
    }
  }
  try {
    return update()
  } finally {
    release()
  }
}
