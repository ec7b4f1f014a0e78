import path from 'node:path'
import type { TestModule } from 'vitest/node'
import { readRecordedResults } from '../src/record/record.js'
import type { MlBenchResult } from '../src/results.js'

/** One recorded result with where it came from. */
export interface ReportEntry {
  /** Bench file path relative to the project root, with forward slashes. */
  file: string
  /** vitest project name ('' for the root project). */
  project: string
  /** Enclosing describe() names, outermost first. */
  suite: string[]
  /** Test name. */
  test: string
  /** Stable identity: suite › test › result name. */
  key: string
  result: MlBenchResult
}

/** Separator of key parts, as vitest prints full test names. */
export const KEY_SEPARATOR = ' › '

/** The identity of a result inside its file. */
export function entryKey(suite: readonly string[], test: string, name: string): string {
  return [...suite, test, name].join(KEY_SEPARATOR)
}

/** Turns finished test modules into report entries (pure: reads, never writes). */
export function collectEntries(
  modules: ReadonlyArray<TestModule>,
  root: string,
  includeProject: (name: string) => boolean = () => true,
): ReportEntry[] {
  const entries: ReportEntry[] = []
  for (const module of modules) {
    if (!includeProject(module.project.name)) continue
    const file = path.relative(root, module.moduleId).split(path.sep).join('/')
    for (const testCase of module.children.allTests()) {
      const suite: string[] = []
      for (let parent = testCase.parent; parent.type === 'suite'; parent = parent.parent) suite.unshift(parent.name)
      for (const result of readRecordedResults(testCase.meta() as Record<string, unknown>)) {
        entries.push({
          file,
          project: module.project.name,
          suite,
          test: testCase.name,
          key: entryKey(suite, testCase.name, result.name),
          result,
        })
      }
    }
  }
  return entries
}
