import { describe, expect, test } from 'vitest'
import { mlBench } from '../src/plugin.js'

/** The test options the plugin's config hook adds to a project configured as `user`. */
function added(user: { test?: Record<string, unknown> }): Record<string, unknown> {
  const hook = mlBench().config as (config: typeof user) => { test: Record<string, unknown> }
  return hook(user).test
}

describe('mlBench() config', () => {
  test('test and hook timeouts of 120 s where the project sets none (a benchmark alone may take 10 s)', () => {
    expect(added({})).toMatchObject({ testTimeout: 120_000, hookTimeout: 120_000 })
    expect(added({ test: {} })).toMatchObject({ testTimeout: 120_000, hookTimeout: 120_000 })
  })

  test('an explicit timeout wins: the plugin leaves it out, so the merge keeps the user’s', () => {
    const test = added({ test: { testTimeout: 5_000, hookTimeout: 0 } })
    expect(test).not.toHaveProperty('testTimeout')
    expect(test).not.toHaveProperty('hookTimeout')
    expect(added({ test: { testTimeout: 30_000 } })).toMatchObject({ hookTimeout: 120_000 })
  })

  test('test locations on, so a baseline regression found after the test points at its line', () => {
    expect(added({})).toMatchObject({ includeTaskLocation: true })
  })
})
