import { emptyBaselineFile } from './store.js'
import type { BaselineEntry, BaselineFile } from './schema.js'

/**
 * What a run may write, like vitest's snapshot modes: 'all' rewrites every entry that ran and
 * removes stale ones; 'new' only adds entries that have no baseline yet; 'none' writes nothing.
 */
export type UpdateMode = 'all' | 'new' | 'none'

/** True when `CI` is set to anything but '', '0' or 'false' (as CI services set it). */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase()
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false'
}

/**
 * The update mode of a run: `ML_BENCH_UPDATE=1` (or 'true'/'all') and vitest's `-u` (`update`:
 * true or 'all') rewrite; vitest's `update: 'new' | 'none'` are honoured as such; otherwise new
 * entries are written outside CI and nothing is written in CI.
 */
export function resolveUpdateMode(update: boolean | 'all' | 'new' | 'none' | undefined, env: NodeJS.ProcessEnv): UpdateMode {
  const flag = env.ML_BENCH_UPDATE?.trim().toLowerCase()
  if (flag === '1' || flag === 'true' || flag === 'all' || update === true || update === 'all') return 'all'
  if (update === 'new' || update === 'none') return update
  return isCI(env) ? 'none' : 'new'
}

/** What the update policy decides for one bench file's baseline. */
export interface BaselinePlan {
  /** The file to write; undefined when nothing changes. */
  write: BaselineFile | undefined
  /** Keys written for the first time. */
  added: string[]
  /** Keys whose entry was rewritten. */
  updated: string[]
  /** Stale keys deleted (mode 'all' only). */
  removed: string[]
  /** Keys in the baseline that a complete run of the file no longer produces. */
  stale: string[]
  /** New keys left unwritten (mode 'none'). */
  unwritten: string[]
}

/** Inputs of {@link planBaselineUpdate}. */
export interface BaselinePlanInput {
  mode: UpdateMode
  benchFile: string
  existing: BaselineFile | undefined
  /** The entries this run produced, by key. */
  current: ReadonlyMap<string, BaselineEntry>
  /**
   * Every test of the file ran and passed: only then is a baseline key the run did not produce
   * known to be stale (a skipped or failed test may simply not have reached its benchmark).
   */
  complete: boolean
  /**
   * The runtimes the file ran in ('node', 'chromium'): a baseline entry of another runtime is
   * not stale for not being produced (a run of the Node project alone says nothing about the
   * browser's entries) [every runtime].
   */
  runtimes?: ReadonlySet<string>
}

/** Applies the update policy to one bench file's baseline (pure). */
export function planBaselineUpdate(input: BaselinePlanInput): BaselinePlan {
  const before = input.existing?.entries ?? {}
  // an entry stored under the key by another kind of result (a benchmark renamed into an
  // evaluation) is no baseline for it: the comparison calls it new, so it is written as new
  const added = [...input.current.keys()].filter((k) => !(k in before) || before[k]?.kind !== input.current.get(k)?.kind)
  const kept = Object.keys(before).filter((k) => input.current.has(k) && !added.includes(k))
  const ran = (k: string) => input.runtimes === undefined || input.runtimes.has(before[k]?.env.runtime?.name ?? 'node')
  const stale = input.complete ? Object.keys(before).filter((k) => !input.current.has(k) && ran(k)) : []
  const plan: BaselinePlan = { write: undefined, added: [], updated: [], removed: [], stale, unwritten: [] }
  if (input.mode === 'none') {
    plan.unwritten = added
    return plan
  }
  const entries: Record<string, BaselineEntry> = { ...before }
  const writeKeys = input.mode === 'all' ? [...input.current.keys()] : added
  for (const key of writeKeys) entries[key] = input.current.get(key) as BaselineEntry
  if (input.mode === 'all') for (const key of stale) delete entries[key]
  plan.added = added
  plan.updated = input.mode === 'all' ? kept : []
  plan.removed = input.mode === 'all' ? stale : []
  if (plan.added.length + plan.updated.length + plan.removed.length > 0) {
    plan.write = { ...(input.existing ?? emptyBaselineFile(input.benchFile)), benchFile: input.benchFile, entries }
  }
  return plan
}
