import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import path from 'node:path'

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes temp files a killed writer left beside `file` (their process is gone). */
function removeAbandonedTemps(dir: string, base: string): void {
  for (const name of readdirSync(dir)) {
    const match = TEMP.exec(name)
    if (match && match[1] === base && !isRunning(Number(match[2]))) unlinkSync(path.join(dir, name))
  }
}

/** A temp file older than this whose writer's pid is gone is abandoned (a write takes milliseconds). */
const ABANDONED_AFTER_MS = 60_000

/**
 * Removes, anywhere under `dir`, the temp files of writers that were killed mid-write: their pid no
 * longer runs and the file is over a minute old (the age guards a writer in another pid namespace
 * sharing the directory). Returns the removed paths, relative to `dir`.
 */
export function removeAbandonedTempsUnder(dir: string): string[] {
  const removed: string[] = []
  for (const name of filesUnder(dir)) {
    const match = TEMP.exec(path.basename(name))
    if (!match || isRunning(Number(match[2]))) continue
    const file = path.join(dir, name)
    try {
      if (Date.now() - statSync(file).mtimeMs < ABANDONED_AFTER_MS) continue
      unlinkSync(file)
      removed.push(name)
    } catch {
      // gone meanwhile: nothing to remove
    }
  }
  return removed
}

/**
 * Writes `data` to `file` so that a reader, or a crash at any point, sees either the old file or
 * the complete new one, never a part: the data goes to a temp file in the same directory (so the
 * rename stays on one file system), is fsync'ed, then renamed over `file` (atomic on POSIX), and
 * the directory is fsync'ed so the rename itself survives a power loss. Creates the directory.
 * On failure the temp file is removed and `file` is untouched.
 */
export function writeFileAtomic(file: string, data: string): void {
  const dir = path.dirname(file)
  const base = path.basename(file)
  mkdirSync(dir, { recursive: true })
  removeAbandonedTemps(dir, base)
  const suffix = Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')
  const temp = path.join(dir, `.${base}.${process.pid}.${suffix}.tmp`)
  const fd = openSync(temp, 'wx', 0o644)
  try {
    try {
      const bytes = Buffer.from(data, 'utf8')
      let written = 0
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // already gone: nothing to clean up
    }
    throw error
  }
  syncDirectory(dir)
}

function syncDirectory(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Paths of everything under `dir` (recursively, relative to it); none when it cannot be read (absent). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
  } catch {
    return []
  }
}
