import path from 'node:path'
import type { TestModule } from 'vitest/node'
import { entryKey } from '../src/core/result-key.js'
import { readRecorded, type ExplicitCheck } from '../src/gate/recorded.js'
import type { ReportEntry } from '../src/gate/results-json.js'

/** What the baseline gate needs from finished test modules besides the results. */
export interface GateInputs {
  /** Bench files that ran (relative to root) → whether every test in them ran and passed. */
  files: Map<string, boolean>
  /** Bench files that ran → the runtimes they ran in ('node', or a browser project's browser). */
  runtimes: Map<string, Set<string>>
  /** Explicit `toBeWithinBaseline` checks by `file + '\0' + key`. */
  checks: Map<string, ExplicitCheck>
  /** Results (`file + '\0' + key`) recorded by a test that did not pass: reported, never written as baselines. */
  failedTests: Set<string>
}

/** What finished test modules recorded: report entries and the gate's inputs. */
export interface CollectedRun extends GateInputs {
  entries: ReportEntry[]
}

/**
 * Reads what the test workers recorded on finished test modules (pure: reads, never writes):
 * each result with its file and key, the explicit baseline checks, and whether each bench file
 * ran completely and passed.
 */
export function collectRun(
  modules: ReadonlyArray<TestModule>,
  root: string,
  includeProject: (name: string) => boolean = () => true,
): CollectedRun {
  const entries: ReportEntry[] = []
  const files = new Map<string, boolean>()
  const runtimes = new Map<string, Set<string>>()
  const checks = new Map<string, ExplicitCheck>()
  const failedTests = new Set<string>()
  for (const module of modules) {
    if (!includeProject(module.project.name)) continue
    const file = path.relative(root, module.moduleId).split(path.sep).join('/')
    let complete = module.state() === 'passed'
    const browser = module.project.config.browser
    const runtime = browser?.enabled ? browser.name : 'node'
    runtimes.set(file, (runtimes.get(file) ?? new Set()).add(runtime))
    for (const testCase of module.children.allTests()) {
      const passed = testCase.result().state === 'passed'
      if (!passed) complete = false
      const recorded = readRecorded(testCase.meta() as Record<string, unknown>)
      if (!recorded) continue
      const { suite, runtime } = recorded
      for (const result of recorded.results) {
        const key = entryKey(suite, testCase.name, result.name, runtime)
        entries.push({ file, project: module.project.name, suite, test: testCase.name, key, result })
        if (!passed) failedTests.add(`${file}\0${key}`)
      }
      for (const [name, check] of Object.entries(recorded.checks)) checks.set(`${file}\0${entryKey(suite, testCase.name, name, runtime)}`, check)
    }
    files.set(file, complete && (files.get(file) ?? true))
  }
  return { entries, files, runtimes, checks, failedTests }
}
