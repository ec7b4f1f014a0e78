import { readFileSync } from 'node:fs'

/** Reads a small text file, or undefined when it does not exist or cannot be read. */
export type ReadText = (path: string) => string | undefined

/** The cgroup directory of `relative` and each of its ancestors, innermost first. */
function withAncestors(mount: string, relative: string): string[] {
  const parts = relative.split('/').filter((p) => p !== '')
  const dirs: string[] = []
  for (let i = parts.length; i >= 0; i--) dirs.push([mount, ...parts.slice(0, i)].join('/'))
  return dirs
}

/** cgroup v2 `cpu.max`: "max 100000" (no limit) or "150000 100000" (1.5 CPUs). */
function v2Limit(text: string | undefined): number | null {
  const [quota, period] = (text ?? '').trim().split(/\s+/)
  if (quota === undefined || quota === 'max' || period === undefined) return null
  const cpus = Number(quota) / Number(period)
  return Number.isFinite(cpus) && cpus > 0 ? cpus : null
}

/** cgroup v1 `cpu.cfs_quota_us` (-1: no limit) over `cpu.cfs_period_us`. */
function v1Limit(read: ReadText, dir: string): number | null {
  const quota = Number(read(`${dir}/cpu.cfs_quota_us`)?.trim())
  const period = Number(read(`${dir}/cpu.cfs_period_us`)?.trim())
  const cpus = quota / period
  return quota > 0 && Number.isFinite(cpus) && cpus > 0 ? cpus : null
}

/** v1 mounts the cpu controller under one of these names, depending on the distribution. */
const V1_MOUNTS = ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct', '/sys/fs/cgroup/cpuacct,cpu']

/**
 * CPUs this process may use under the Linux cgroup CPU limit (quota ÷ period, cgroup v2 or v1),
 * or null when no cgroup on its path limits it. A limit on any ancestor applies, so the smallest
 * one wins. `procSelfCgroup` is the text of /proc/self/cgroup; `read` reads files below
 * /sys/fs/cgroup. Pure given `read`.
 */
export function cpuLimitFrom(procSelfCgroup: string, read: ReadText): number | null {
  const limits: number[] = []
  for (const line of procSelfCgroup.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim())
    if (!match) continue
    const [, id, controllers = '', relative = ''] = match
    if (id === '0' && controllers === '') {
      for (const dir of withAncestors('/sys/fs/cgroup', relative)) {
        const cpus = v2Limit(read(`${dir}/cpu.max`))
        if (cpus !== null) limits.push(cpus)
      }
    } else if (controllers.split(',').includes('cpu')) {
      for (const mount of V1_MOUNTS) {
        for (const dir of withAncestors(mount, relative)) {
          const cpus = v1Limit(read, dir)
          if (cpus !== null) limits.push(cpus)
        }
      }
    }
  }
  return limits.length === 0 ? null : Number(Math.min(...limits).toFixed(2))
}

/**
 * The cgroup CPU controller's period counters (cgroup v2 `cpu.stat`: nr_periods, nr_throttled;
 * v1 the same names) of the innermost cgroup that has them, or undefined (no limit, or not Linux).
 */
export function cgroupCpuStatFrom(procSelfCgroup: string, read: ReadText): { periods: number; throttled: number } | undefined {
  for (const line of procSelfCgroup.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim())
    if (!match) continue
    const [, id, controllers = '', relative = ''] = match
    const dirs = id === '0' && controllers === '' ? withAncestors('/sys/fs/cgroup', relative) : controllers.split(',').includes('cpu') ? V1_MOUNTS.flatMap((m) => withAncestors(m, relative)) : []
    for (const dir of dirs) {
      const text = read(`${dir}/cpu.stat`)
      const periods = Number(/^nr_periods (\d+)$/m.exec(text ?? '')?.[1])
      const throttled = Number(/^nr_throttled (\d+)$/m.exec(text ?? '')?.[1])
      if (Number.isFinite(periods) && Number.isFinite(throttled) && periods > 0) return { periods, throttled }
    }
  }
  return undefined
}

const readText: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * CPUs this process may use under its cgroup CPU limit, or null when unlimited or not on Linux.
 * Containers and CI runners often grant less CPU time than the machine has cores (os.cpus() and
 * Node 20's availableParallelism() do not see it), and timings under different limits are not
 * comparable.
 */
export function cpuLimit(): number | null {
  if (process.platform !== 'linux') return null
  const cgroup = readText('/proc/self/cgroup')
  return cgroup === undefined ? null : cpuLimitFrom(cgroup, readText)
}
