import { describe, expect, test } from 'vitest'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { isCI, planBaselineUpdate, resolveUpdateMode } from '../../src/gate/policy.js'
import type { BaselineEntry } from '../../src/gate/schema.js'
import { emptyBaselineFile } from '../../src/gate/store.js'
import { latencySamples, syntheticBenchmark } from './synthetic.js'

const entry = (name: string, median = 2): BaselineEntry => baselineEntryOf(syntheticBenchmark(name, latencySamples(20, median, 1)))

function existing(...keys: string[]) {
  const file = emptyBaselineFile('benches/x.bench.ts')
  for (const k of keys) file.entries[k] = entry(k)
  return file
}

describe('update mode', () => {
  test.each([
    [undefined, {}, 'new'],
    [undefined, { CI: 'true' }, 'none'],
    [undefined, { CI: '1' }, 'none'],
    [undefined, { CI: 'false' }, 'new'],
    [true, { CI: 'true' }, 'all'],
    ['all', {}, 'all'],
    ['new', { CI: 'true' }, 'new'],
    ['none', {}, 'none'],
    [false, { CI: 'true', ML_BENCH_UPDATE: '1' }, 'all'],
    [undefined, { ML_BENCH_UPDATE: 'true' }, 'all'],
    [undefined, { ML_BENCH_UPDATE: '0' }, 'new'],
  ] as const)('update %s with env %o → %s', (update, env, mode) => {
    expect(resolveUpdateMode(update, env)).toBe(mode)
  })

  test('isCI', () => {
    expect(isCI({ CI: 'true' })).toBe(true)
    expect(isCI({ CI: '' })).toBe(false)
    expect(isCI({})).toBe(false)
  })
})

describe('planBaselineUpdate', () => {
  const current = new Map([
    ['a', entry('a', 3)],
    ['new', entry('new')],
  ])

  test("'new' adds only entries without a baseline and keeps the rest as they were", () => {
    const before = existing('a', 'gone')
    const plan = planBaselineUpdate({ mode: 'new', benchFile: 'benches/x.bench.ts', existing: before, current, complete: true })
    expect(plan).toMatchObject({ added: ['new'], updated: [], removed: [], stale: ['gone'], unwritten: [] })
    expect(plan.write?.entries.a).toBe(before.entries.a)
    expect(plan.write?.entries.new).toBe(current.get('new'))
    expect(plan.write?.entries.gone).toBeDefined()
  })

  test("'all' rewrites what ran and removes stale entries of a complete file", () => {
    const plan = planBaselineUpdate({ mode: 'all', benchFile: 'benches/x.bench.ts', existing: existing('a', 'gone'), current, complete: true })
    expect(plan).toMatchObject({ added: ['new'], updated: ['a'], removed: ['gone'], stale: ['gone'] })
    expect(Object.keys(plan.write?.entries ?? {}).sort()).toEqual(['a', 'new'])
    expect(plan.write?.entries.a).toBe(current.get('a'))
  })

  test('an incomplete run (skipped or failed tests) never calls entries stale', () => {
    const plan = planBaselineUpdate({ mode: 'all', benchFile: 'benches/x.bench.ts', existing: existing('a', 'skipped'), current, complete: false })
    expect(plan.stale).toEqual([])
    expect(Object.keys(plan.write?.entries ?? {}).sort()).toEqual(['a', 'new', 'skipped'])
  })

  test("a run of one runtime leaves another runtime's entries alone: not stale, not removed by 'all'", () => {
    const before = existing('a', 'gone')
    const chromium = (name: string) => {
      const e = entry(name)
      return { ...e, env: { ...e.env, runtime: { name: 'chromium', version: '147.0.7727.55' } } }
    }
    before.entries['a (chromium)'] = chromium('a')
    // the Node project alone: the browser's entry was not expected, the Node one that vanished is stale
    const nodeOnly = planBaselineUpdate({ mode: 'all', benchFile: 'benches/x.bench.ts', existing: before, current, complete: true, runtimes: new Set(['node']) })
    expect(nodeOnly.stale).toEqual(['gone'])
    expect(Object.keys(nodeOnly.write?.entries ?? {}).sort()).toEqual(['a', 'a (chromium)', 'new'])
    // the browser project alone: no Node entry is stale, the browser's own is gone
    const browserOnly = planBaselineUpdate({ mode: 'all', benchFile: 'benches/x.bench.ts', existing: before, current: new Map(), complete: true, runtimes: new Set(['chromium']) })
    expect(browserOnly.stale).toEqual(['a (chromium)'])
    // both ran: every entry either was produced or is stale
    const both = planBaselineUpdate({ mode: 'new', benchFile: 'benches/x.bench.ts', existing: before, current, complete: true, runtimes: new Set(['node', 'chromium']) })
    expect(both.stale.sort()).toEqual(['a (chromium)', 'gone'])
  })

  test("'none' (CI) writes nothing and reports the new entries", () => {
    const plan = planBaselineUpdate({ mode: 'none', benchFile: 'benches/x.bench.ts', existing: existing('a'), current, complete: true })
    expect(plan.write).toBeUndefined()
    expect(plan.unwritten).toEqual(['new'])
  })

  test('nothing new: no write', () => {
    const plan = planBaselineUpdate({ mode: 'new', benchFile: 'benches/x.bench.ts', existing: existing('a', 'new'), current, complete: true })
    expect(plan.write).toBeUndefined()
  })

  test('the first run creates the file', () => {
    const plan = planBaselineUpdate({ mode: 'new', benchFile: 'benches/x.bench.ts', existing: undefined, current, complete: true })
    expect(plan.write).toMatchObject({ schemaVersion: 1, generator: 'vitest-ml-bench', benchFile: 'benches/x.bench.ts' })
    expect(Object.keys(plan.write?.entries ?? {})).toEqual(['a', 'new'])
  })
})
