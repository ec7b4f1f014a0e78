import { describe, expect, test } from 'vitest'
import { allowedCpus, onCpus, placeSides } from '../../src/ab/cpus.js'
import { AbError } from '../../src/ab/worktree.js'

describe('where the two sides of an A/B run run', () => {
  test('the CPUs this process may use, from /proc/self/status', () => {
    expect(allowedCpus('Name:\tnode\nCpus_allowed_list:\t0-3,6\n')).toEqual([0, 1, 2, 3, 6])
    expect(allowedCpus('Cpus_allowed_list:\t1\n')).toEqual([1])
    expect(allowedCpus('Name:\tnode\n')).toBeUndefined()
    // this machine (Linux): at least the CPU this test runs on
    if (process.platform === 'linux') expect(allowedCpus()?.length).toBeGreaterThan(0)
  })

  test('both sides pinned to the last allowed CPU by default, a list when given, anywhere with all or without taskset', () => {
    expect(placeSides(undefined, { cpus: [0, 1], taskset: true })).toEqual({ cpus: '1', note: 'both sides run on CPU 1' })
    expect(placeSides('2-3', { cpus: [0, 1, 2, 3], taskset: true }).cpus).toBe('2-3')
    expect(placeSides('all', { cpus: [0, 1], taskset: true }).cpus).toBeNull()
    expect(placeSides(undefined, { cpus: [0, 1], taskset: false })).toMatchObject({ cpus: null, note: expect.stringMatching(/taskset not found/) })
    expect(() => placeSides('last', { taskset: true })).toThrow(AbError)
    expect(() => placeSides('1;rm', { taskset: true })).toThrow(/--cpus must be a CPU list such as 3, 2-3 or 0,2/)
  })

  test('a pinned side is spawned through taskset, which execs it (same pid, same process group)', () => {
    expect(onCpus('1', 'node', ['vitest.mjs', 'run'])).toEqual(['taskset', ['-c', '1', 'node', 'vitest.mjs', 'run']])
    expect(onCpus(null, 'node', ['vitest.mjs', 'run'])).toEqual(['node', ['vitest.mjs', 'run']])
  })
})
