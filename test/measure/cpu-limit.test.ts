import { describe, expect, test } from 'vitest'
import { cpuLimitFrom, type ReadText } from '../../src/measure/cpu-limit.js'

const files = (map: Record<string, string>): ReadText => (path) => map[path]

describe('cpuLimitFrom', () => {
  test('cgroup v2: quota over period of cpu.max, the smallest on the path to the root', () => {
    const cgroup = '0::/ci/job\n'
    expect(cpuLimitFrom(cgroup, files({ '/sys/fs/cgroup/ci/job/cpu.max': '150000 100000\n' }))).toBe(1.5)
    // a parent's limit applies to its children
    expect(
      cpuLimitFrom(cgroup, files({ '/sys/fs/cgroup/ci/job/cpu.max': 'max 100000\n', '/sys/fs/cgroup/ci/cpu.max': '50000 100000\n', '/sys/fs/cgroup/cpu.max': 'max 100000' })),
    ).toBe(0.5)
    expect(cpuLimitFrom(cgroup, files({ '/sys/fs/cgroup/ci/job/cpu.max': 'max 100000\n' }))).toBeNull()
    // inside a container's cgroup namespace the process sits at the root
    expect(cpuLimitFrom('0::/\n', files({ '/sys/fs/cgroup/cpu.max': '200000 100000' }))).toBe(2)
  })

  test('cgroup v1: cfs quota over period, under whichever mount name the cpu controller has', () => {
    const v1 = '12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n'
    expect(
      cpuLimitFrom(v1, files({ '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '120000\n', '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000\n' })),
    ).toBe(1.2)
    // without a cgroup namespace the container's own cgroup is mounted at the controller's root
    expect(cpuLimitFrom(v1, files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '100000', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }))).toBe(1)
    // -1: no quota
    expect(cpuLimitFrom('1:cpu:/\n', files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }))).toBeNull()
  })

  test('nothing readable, or no cpu controller on the path: no limit', () => {
    expect(cpuLimitFrom('0::/user.slice\n', files({}))).toBeNull()
    expect(cpuLimitFrom('3:memory:/x\n', files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '50000', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }))).toBeNull()
    expect(cpuLimitFrom('', files({}))).toBeNull()
    expect(cpuLimitFrom('0::/\n', files({ '/sys/fs/cgroup/cpu.max': 'garbage' }))).toBeNull()
  })
})
