import path from 'node:path'
import { inject } from 'vitest'
import { resolveThresholds, type ResolvedThresholds } from '../gate/thresholds.js'
import { resolveUpdateMode, type UpdateMode } from '../gate/policy.js'

/** What the plugin hands to test workers (vitest `provide`/`inject`), so tests can check baselines where they run. */
export interface GateContext {
  /** Project root: bench file paths in baselines are relative to it. */
  root: string
  /** Absolute baseline directory. */
  baselineDir: string
  thresholds: ResolvedThresholds
  mode: UpdateMode
}

/** Key under which the plugin provides the {@link GateContext}. */
export const GATE_CONTEXT_KEY = 'mlBenchGate'

declare module 'vitest' {
  interface ProvidedContext {
    mlBenchGate: GateContext
  }
}

/**
 * The gate context in a test worker: what the plugin provided, or (without the plugin) the
 * defaults: `baselines/` under the working directory, default thresholds, the update mode from
 * the environment.
 */
export function workerGateContext(): GateContext {
  const provided = inject(GATE_CONTEXT_KEY) as GateContext | undefined
  if (provided) return provided
  const root = process.cwd()
  return { root, baselineDir: path.join(root, 'baselines'), thresholds: resolveThresholds(), mode: resolveUpdateMode(undefined, process.env) }
}

/** Whether the plugin provided a gate context (the automatic gate only runs when it did). */
export function hasProvidedGateContext(): boolean {
  return inject(GATE_CONTEXT_KEY) !== undefined
}
