import { execFileSync, spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { ResolvedExecution } from '../../src/models/execution-provider.js'
import { defaultIntraOpThreads, sessionOptionsFor } from '../../src/models/onnx.js'

const cpu: ResolvedExecution = { device: 'cpu', requestedDevice: 'cpu', deviceId: null, executionProviders: ['cpu'], fallbackReason: null }

describe('intra-op threads in a process limited to fewer CPUs', () => {
  it('defaults to the usable CPUs only when they are fewer than the machine has', () => {
    expect(defaultIntraOpThreads({ usable: 1, machine: 2 })).toBe(1)
    expect(defaultIntraOpThreads({ usable: 3, machine: 8 })).toBe(3)
    expect(defaultIntraOpThreads({ usable: 8, machine: 8 })).toBeUndefined()
  })

  it('never overrides a count the caller set', () => {
    const pinned = { usable: 1, machine: 4 }
    expect(sessionOptionsFor({}, cpu, pinned).intraOpNumThreads).toBe(1)
    expect(sessionOptionsFor({ intraOpNumThreads: 4 }, cpu, pinned).intraOpNumThreads).toBe(4)
    expect(sessionOptionsFor({ sessionOptions: { intraOpNumThreads: 2 } }, cpu, pinned).intraOpNumThreads).toBe(2)
    expect(sessionOptionsFor({}, cpu, { usable: 4, machine: 4 })).not.toHaveProperty('intraOpNumThreads')
  })

  it.skipIf(spawnSync('taskset', ['--version']).status !== 0 || spawnSync('nproc', ['--all']).stdout.toString().trim() === '1')(
    'reads the affinity taskset set (Node: os.availableParallelism)',
    () => {
      const script = "import('./src/models/onnx.ts').then((m) => console.log(JSON.stringify(m.defaultIntraOpThreads() ?? null)))"
      const out = execFileSync('taskset', ['-c', '0', process.execPath, '--import', 'tsx', '-e', script], { cwd: `${import.meta.dirname}/../..` })
      expect(JSON.parse(out.toString().trim().split('\n').at(-1) as string)).toBe(1)
    },
  )
})
