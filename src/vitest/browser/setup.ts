/**
 * Setup file of a browser project (the plugin adds it after the matchers' setup file): installs
 * what the Node process told the page (served folders, machine, WASM threads), then, after each
 * test, has the Node process gate the test's results against their baselines and fails the test
 * in the page on a regression, as the worker gate does in Node.
 */
import { afterEach, inject } from 'vitest'
import { commands } from 'vitest/browser'
import { installPageContext } from '../../core/page-context.js'
import type { GateOutcome, GatePayload } from './commands.js'
import { PAGE_CONTEXT_KEY } from './provided.js'

declare module 'vitest/browser' {
  interface BrowserCommands {
    mlBenchGate: (payload: GatePayload) => Promise<GateOutcome>
  }
}

installPageContext(inject(PAGE_CONTEXT_KEY))

afterEach(async ({ task }) => {
  const payload: GatePayload = { file: task.file.filepath, name: task.name, meta: task.meta as Record<string, unknown>, ...(task.location ? { location: task.location } : {}) }
  const outcome = await commands.mlBenchGate(payload)
  if (!outcome) return
  const error = new Error(outcome.message)
  error.name = outcome.name
  error.stack = task.location ? `${outcome.name}: ${outcome.message}\n    at ${task.file.filepath}:${task.location.line}:${task.location.column}` : outcome.stack
  throw error
})
