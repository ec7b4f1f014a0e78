/**
 * The sink a test worker installs (from the matchers setup file): files results and explicit
 * checks on the running test's `meta`, in the layout of `gate/recorded.ts`.
 */
import { TestRunner, type RunnerTestCase } from 'vitest'
import type { RecordSink } from '../core/sink.js'
import { mergeChecks, META_KEY, type RecordedTest } from '../gate/recorded.js'
import type { MlBenchResult } from '../results/index.js'

/** Enclosing describe() names of a running test, outermost first. */
function suiteOf(test: RunnerTestCase): string[] {
  const suite: string[] = []
  for (let parent = test.suite; parent && parent !== test.file; parent = parent.suite) suite.unshift(parent.name)
  return suite
}

function recordsOfCurrentTest(): RecordedTest | undefined {
  const test = TestRunner.getCurrentTest() as RunnerTestCase | undefined
  if (!test) return undefined
  const meta = test.meta as Record<string, unknown>
  return (meta[META_KEY] ??= { suite: suiteOf(test), results: [], checks: {} }) as RecordedTest
}

/** The sink that files records on the vitest test currently running (nothing outside a test). */
export const vitestSink: RecordSink = {
  result(result) {
    const records = recordsOfCurrentTest()
    records?.results.push(result as MlBenchResult)
    return records !== undefined
  },
  check(resultName, check) {
    const records = recordsOfCurrentTest()
    if (records) records.checks[resultName] = mergeChecks(records.checks[resultName], check)
    return records !== undefined
  },
}
