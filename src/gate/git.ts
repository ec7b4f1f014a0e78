import { execFileSync } from 'node:child_process'

/**
 * The commit the working tree is at (`git rev-parse HEAD`), for the record in baselines; falls
 * back to `GITHUB_SHA` and is null outside a repository or without git.
 */
export function gitCommit(cwd: string): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
    const sha = out.trim()
    if (/^[0-9a-f]{40,64}$/.test(sha)) return sha
  } catch {
    // not a repository, or git is not installed
  }
  return process.env.GITHUB_SHA ?? null
}
