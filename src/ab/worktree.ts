/**
 * The base tree of an A/B run: `git merge-base HEAD <base>` checked out as a detached worktree
 * under node_modules/.cache (never committed, never in the way), with its dependencies: the head's
 * node_modules linked when the two lockfiles are byte-identical, `npm ci` otherwise.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** An A/B run's problem the user must act on; the message says what to do. */
export class AbError extends Error {
  override name = 'AbError'
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, maxBuffer: 16 * 1024 * 1024 })
  return stdout.trim()
}

/** The head tree's root (`git rev-parse --show-toplevel` of `cwd`). */
export async function gitRoot(cwd: string): Promise<string> {
  try {
    return await git(cwd, ['rev-parse', '--show-toplevel'])
  } catch {
    throw new AbError(`vitest-ml-bench ab: ${cwd} is not inside a git repository. The A/B gate measures your working tree against a git commit: run it in a clone.`)
  }
}

/** The commit to measure the head against: the merge base of HEAD and `ref`. */
export async function mergeBase(root: string, ref: string): Promise<string> {
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  } catch {
    throw new AbError(
      `vitest-ml-bench ab: the base "${ref}" is not a commit in this clone. Fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0, or git fetch origin ${ref.replace(/^origin\//, '')}), or pass --base <commit>.`,
    )
  }
  try {
    return await git(root, ['merge-base', 'HEAD', ref])
  } catch {
    throw new AbError(`vitest-ml-bench ab: HEAD and "${ref}" have no common ancestor (a shallow clone?). Fetch the full history (fetch-depth: 0) and try again.`)
  }
}

/** A base tree, checked out and installed. */
export interface BaseTree {
  dir: string
  commit: string
  /** How its dependencies came: linked from the head (identical lockfiles) or installed. */
  dependencies: 'linked' | 'installed'
  /** Removes the worktree (idempotent). */
  remove(): Promise<void>
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Checks out `commit` into `<root>/node_modules/.cache/vitest-ml-bench/ab/<commit>` (replacing a
 * leftover of an earlier run) and gives it dependencies. `log` reports progress.
 */
export async function checkoutBase(root: string, commit: string, log: (line: string) => void): Promise<BaseTree> {
  const dir = path.join(root, 'node_modules', '.cache', 'vitest-ml-bench', 'ab', commit.slice(0, 12))
  const remove = async () => {
    await git(root, ['worktree', 'remove', '--force', dir]).catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
    await git(root, ['worktree', 'prune']).catch(() => undefined)
  }
  await remove()
  mkdirSync(path.dirname(dir), { recursive: true })
  try {
    await git(root, ['worktree', 'add', '--detach', dir, commit])
  } catch (error) {
    throw new AbError(`vitest-ml-bench ab: could not check out the base ${commit.slice(0, 12)}: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`)
  }
  const tree: BaseTree = { dir, commit, dependencies: 'linked', remove }
  const headLock = readOrUndefined(path.join(root, 'package-lock.json'))
  const baseLock = readOrUndefined(path.join(dir, 'package-lock.json'))
  // identical lockfiles (or none on either side: the same declared dependencies cannot be told apart)
  if (headLock === baseLock && existsSync(path.join(root, 'node_modules'))) {
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
    log(`base ${commit.slice(0, 12)}: ${headLock === undefined ? 'no lockfile in either tree' : "lockfile identical to the head's"}, node_modules linked`)
    return tree
  }
  log(`base ${commit.slice(0, 12)}: lockfile differs, npm ci in ${path.relative(root, dir)}`)
  try {
    await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' }, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    await remove()
    const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').slice(-8).join('\n')
    throw new AbError(`vitest-ml-bench ab: the base tree (${commit.slice(0, 12)}) failed to install its dependencies (npm ci):\n${detail}`)
  }
  return { ...tree, dependencies: 'installed' }
}
