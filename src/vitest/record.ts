/**
 * The sink a test worker installs (from the matchers setup file): files results and explicit
 * checks on the running test's `meta`, in the layout of `gate/recorded.ts`.
 */
import { TestRunner, type RunnerTestCase } from 'vitest'
import type { RecordSink, RecordTarget } from '../core/sink.js'
import { mergeChecks, META_KEY, type RecordedTest } from '../gate/recorded.js'
import type { MlBenchResult } from '../results/index.js'
import { inPage } from '../core/page-context.js'
import { pageBrowserName } from '../measure/fingerprint.browser.js'

/** Enclosing describe() names of a running test, outermost first. */
export function suiteOf(test: RunnerTestCase): string[] {
  const suite: string[] = []
  for (let parent = test.suite; parent && parent !== test.file; parent = parent.suite) suite.unshift(parent.name)
  return suite
}

/** In a browser page, the browser: part of every result's key (see entryKey). */
function pageRuntime(): { runtime?: string } {
  return inPage() ? { runtime: pageBrowserName() } : {}
}

function recordsOf(test: RunnerTestCase): RecordedTest {
  const meta = test.meta as Record<string, unknown>
  return (meta[META_KEY] ??= { suite: suiteOf(test), results: [], checks: {}, ...pageRuntime() }) as RecordedTest
}

function recordsOfCurrentTest(): RecordedTest | undefined {
  const test = TestRunner.getCurrentTest() as RunnerTestCase | undefined
  return test ? recordsOf(test) : undefined
}

// Aborted by endTest after each test (vitest aborts the context's signal only on a timeout or a
// cancelled run, not when a test fails or returns with a benchmark still running).
const ended = new WeakMap<RunnerTestCase, AbortController>()

function endedController(test: RunnerTestCase): AbortController {
  let controller = ended.get(test)
  if (!controller) ended.set(test, (controller = new AbortController()))
  return controller
}

/** Marks `test` as ended: producers it started stop at their next call and record nothing (called after each test). */
export function endTest(test: RunnerTestCase): void {
  endedController(test).abort(new Error(`test "${test.name}" finished (${test.result?.state ?? 'ended'})`))
  ended.delete(test)
}

/** Which run of a test this is (vitest retries and repeats reuse the test object). */
const attemptOf = (test: RunnerTestCase) => `${test.result?.retryCount ?? 0}:${test.result?.repeatCount ?? 0}`

function targetOf(test: RunnerTestCase): RecordTarget {
  const attempt = attemptOf(test)
  const signals = [endedController(test).signal, test.context?.signal].filter((s): s is AbortSignal => s !== undefined)
  const signal = AbortSignal.any(signals)
  return {
    signal,
    result(result) {
      // only while this very attempt of the test is the one running
      const live = !signal.aborted && TestRunner.getCurrentTest() === test && attemptOf(test) === attempt
      if (live) recordsOf(test).results.push(result as MlBenchResult)
      return live
    },
  }
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
  target() {
    const test = TestRunner.getCurrentTest() as RunnerTestCase | undefined
    return test ? targetOf(test) : undefined
  },
}
