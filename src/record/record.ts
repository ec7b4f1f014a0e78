import { TestRunner } from 'vitest'
import type { MlBenchResult } from '../results.js'

/** Key under which results are stored in a vitest task's `meta`. */
export const META_KEY = 'mlBench'

/** The shape results take inside `task.meta` (plain data; survives the blob reporter). */
export interface RecordedResults {
  results: MlBenchResult[]
}

type MetaHolder = { meta: Record<string, unknown> }

/**
 * Records `result` on the vitest test currently running, for the reporter and the baselines.
 * Outside a test (a script, a `beforeAll`) it does nothing and returns false.
 */
export function recordResult(result: MlBenchResult): boolean {
  const test = TestRunner.getCurrentTest() as MetaHolder | undefined
  if (!test) return false
  const holder = (test.meta[META_KEY] ??= { results: [] }) as RecordedResults
  holder.results.push(result)
  return true
}

/** Results recorded on a task's meta (as the reporter receives it). */
export function readRecordedResults(meta: Record<string, unknown> | undefined): MlBenchResult[] {
  const holder = meta?.[META_KEY] as Partial<RecordedResults> | undefined
  return Array.isArray(holder?.results) ? holder.results : []
}
