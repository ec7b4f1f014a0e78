import path from 'node:path'
import type { TestModule } from 'vitest/node'
import { readExplicitChecks, type ExplicitCheck } from '../src/baseline/worker-gate.js'
import { entryKey } from './collect.js'

/** What the baseline gate needs from finished test modules besides the results. */
export interface GateInputs {
  /** Bench files that ran (relative to root) → whether every test in them ran and passed. */
  files: Map<string, boolean>
  /** Explicit `toBeWithinBaseline` checks by `file + '\0' + key`. */
  checks: Map<string, ExplicitCheck>
}

/** Reads bench files' completeness and explicit checks from finished test modules (pure: reads, never writes). */
export function collectGateInputs(
  modules: ReadonlyArray<TestModule>,
  root: string,
  includeProject: (name: string) => boolean = () => true,
): GateInputs {
  const files = new Map<string, boolean>()
  const checks = new Map<string, ExplicitCheck>()
  for (const module of modules) {
    if (!includeProject(module.project.name)) continue
    const file = path.relative(root, module.moduleId).split(path.sep).join('/')
    let complete = module.state() === 'passed'
    for (const testCase of module.children.allTests()) {
      if (testCase.result().state !== 'passed') complete = false
      const suite: string[] = []
      for (let parent = testCase.parent; parent.type === 'suite'; parent = parent.parent) suite.unshift(parent.name)
      for (const [name, check] of Object.entries(readExplicitChecks(testCase.meta() as Record<string, unknown>))) {
        checks.set(`${file}\0${entryKey(suite, testCase.name, name)}`, check)
      }
    }
    files.set(file, complete && (files.get(file) ?? true))
  }
  return { files, checks }
}
