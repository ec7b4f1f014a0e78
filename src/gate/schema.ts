import type { EnvFingerprint } from '../results/env.js'
import type { ModelInfo } from '../results/benchmark.js'

/** Version of the baseline file layout this package writes. */
export const BASELINE_SCHEMA_VERSION = 1

/** Marks a JSON file as a vitest-ml-bench baseline (anything else in the directory is foreign). */
export const BASELINE_GENERATOR = 'vitest-ml-bench'

/** How a metric is judged; see `src/gate/rules.ts`. */
export type MetricRuleName = 'p50' | 'p95' | 'throughput' | 'rssPeak' | 'accuracy' | 'rmse' | 'mae' | 'r2' | 'exactMatch' | 'bleu' | 'chrf' | 'rougeL' | 'wer' | 'cer'

/** Every {@link MetricRuleName}. */
export const METRIC_RULE_NAMES: readonly MetricRuleName[] = ['p50', 'p95', 'throughput', 'rssPeak', 'accuracy', 'rmse', 'mae', 'r2', 'exactMatch', 'bleu', 'chrf', 'rougeL', 'wer', 'cer']

/** One metric's value as stored. */
export interface StoredMetric {
  rule: MetricRuleName
  value: number
  /** Observations behind the value: measured calls or examples. */
  n?: number
  /** Key in {@link BaselineEntry.samples} of the latency sample its test uses ('' = the result's own). */
  group?: string
}

/** Per-example outcomes of an evaluation, for paired tests against a later run on the same examples. */
export interface PerExample {
  n: number
  /** sha256 (hex) of the actual labels or targets in order: the identity of the example set. */
  examples: string
  /** Classification: per-example correctness, `packBits`. */
  correct?: string
  /** Regression: per-example |prediction − target|, `packFloat32`. */
  absErrors?: string
  /** Generation: each example's output (the paired tests rescore both runs' outputs against `references`). */
  outputs?: string[]
  /** Generation: each example's references. */
  references?: string[][]
}

/** What a baseline keeps of one recorded result (and what a current result is reduced to for comparing). */
export interface BaselineEntry {
  /** The result's kind ('benchmark', 'evaluation', …). */
  kind: string
  name: string
  /** When it was measured (the result's `startedAt`). */
  recordedAt: string
  /** `git rev-parse HEAD` when it was written, null when unknown. */
  commit: string | null
  env: EnvFingerprint
  device?: string
  model?: ModelInfo
  /** Compared metrics keyed by id: the rule name, prefixed by the group for per-level metrics ('batch 8 p50'). */
  metrics: Record<string, StoredMetric>
  /** Latency samples (ms, ascending, at most 2,000 evenly spaced) by group. */
  samples: Record<string, number[]>
  perExample?: PerExample
}

/** One baseline file: the entries of one bench file, keyed by suite › test › result name. */
export interface BaselineFile {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION
  generator: typeof BASELINE_GENERATOR
  /** The bench file, relative to the project root. */
  benchFile: string
  entries: Record<string, BaselineEntry>
}

/** A baseline file that cannot be used; its message names the file and what to do. The file is never modified. */
export class BaselineFileError extends Error {
  readonly path: string
  constructor(path: string, problem: string) {
    super(
      `Baseline file ${path}: ${problem}. vitest-ml-bench leaves it untouched: fix it, restore it from git, ` +
        `or delete it and re-record with \`vitest run -u\` (or ML_BENCH_UPDATE=1).`,
    )
    this.name = 'BaselineFileError'
    this.path = path
  }
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Upgrades from each older schema version to the next. Version 0 is the pre-release layout
 * (no `schemaVersion`; `time` instead of `recordedAt`; flat `stats` and a single `samples` array).
 */
export const MIGRATIONS: Readonly<Record<number, (file: Json) => Json>> = {
  0: (file) => {
    const entries: Json = {}
    for (const [key, old] of Object.entries(isObject(file.entries) ? file.entries : {})) {
      if (!isObject(old)) {
        entries[key] = old
        continue
      }
      const samples = Array.isArray(old.samples) ? old.samples : []
      const stats = isObject(old.stats) ? old.stats : {}
      const metrics: Json = {}
      for (const [rule, value] of Object.entries(stats)) {
        if ((METRIC_RULE_NAMES as readonly string[]).includes(rule)) metrics[rule] = { rule, value, n: samples.length, group: '' }
      }
      const rest: Json = { ...old }
      for (const field of ['time', 'stats', 'samples']) delete rest[field]
      entries[key] = { ...rest, recordedAt: old.time, commit: null, metrics, samples: samples.length > 0 ? { '': samples } : {} }
    }
    return { ...file, schemaVersion: 1, entries }
  },
}

/** Brings a parsed baseline file of any known version to the current one. */
export function migrateBaselineFile(file: Json, path: string): Json {
  let current = file
  let version = current.schemaVersion === undefined ? 0 : current.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new BaselineFileError(path, `schemaVersion is ${JSON.stringify(version)}, not a whole number`)
  }
  if (version > BASELINE_SCHEMA_VERSION) {
    throw new BaselineFileError(
      path,
      `it has schemaVersion ${version}, written by a newer vitest-ml-bench (this one reads up to ${BASELINE_SCHEMA_VERSION}); upgrade vitest-ml-bench`,
    )
  }
  while (version < BASELINE_SCHEMA_VERSION) {
    const step = MIGRATIONS[version]
    if (!step) throw new BaselineFileError(path, `no migration from schemaVersion ${version}`)
    current = step(current)
    version++
  }
  return current
}

function fail(path: string, where: string, problem: string): never {
  throw new BaselineFileError(path, `${where} ${problem}`)
}

function checkFiniteArray(path: string, where: string, value: unknown): void {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(path, where, 'must be an array of finite numbers')
  }
}

function checkEntry(path: string, key: string, entry: unknown): asserts entry is BaselineEntry {
  const at = `entry "${key}":`
  if (!isObject(entry)) fail(path, at, 'is not an object')
  for (const field of ['kind', 'name', 'recordedAt'] as const) {
    if (typeof entry[field] !== 'string') fail(path, at, `${field} must be a string`)
  }
  if (entry.commit !== null && typeof entry.commit !== 'string') fail(path, at, 'commit must be a string or null')
  if (!isObject(entry.env) || typeof entry.env.cpuModel !== 'string' || !isObject(entry.env.packages)) {
    fail(path, at, 'env must be an environment fingerprint (cpuModel, cores, os, arch, packages, …)')
  }
  if (!isObject(entry.metrics)) fail(path, at, 'metrics must be an object')
  for (const [id, metric] of Object.entries(entry.metrics)) {
    if (!isObject(metric)) fail(path, at, `metrics["${id}"] is not an object`)
    if (!(METRIC_RULE_NAMES as readonly unknown[]).includes(metric.rule)) {
      fail(path, at, `metrics["${id}"].rule is ${JSON.stringify(metric.rule)}; known rules: ${METRIC_RULE_NAMES.join(', ')}`)
    }
    if (typeof metric.value !== 'number' || !Number.isFinite(metric.value)) fail(path, at, `metrics["${id}"].value must be a finite number`)
  }
  if (!isObject(entry.samples)) fail(path, at, 'samples must be an object of latency arrays')
  for (const [group, samples] of Object.entries(entry.samples)) checkFiniteArray(path, `${at} samples["${group}"]`, samples)
  if (entry.perExample !== undefined) {
    const pe = entry.perExample
    if (!isObject(pe) || typeof pe.n !== 'number' || typeof pe.examples !== 'string') {
      fail(path, at, 'perExample must have n (number) and examples (hash)')
    }
    // byte lengths must match n, or a paired test would read past the data
    const bytesPerField = { correct: Math.ceil(pe.n / 8), absErrors: 4 * pe.n } as const
    for (const field of ['correct', 'absErrors'] as const) {
      const value = pe[field]
      if (value === undefined) continue
      if (typeof value !== 'string' || Buffer.from(value, 'base64').length !== bytesPerField[field]) {
        fail(path, at, `perExample.${field} must be base64 of ${bytesPerField[field]} bytes for n = ${pe.n}`)
      }
    }
    const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string')
    if (pe.outputs !== undefined && !(strings(pe.outputs) && pe.outputs.length === pe.n)) fail(path, at, `perExample.outputs must be ${pe.n} strings`)
    if (pe.references !== undefined && !(Array.isArray(pe.references) && pe.references.length === pe.n && pe.references.every(strings))) {
      fail(path, at, `perExample.references must be ${pe.n} arrays of strings`)
    }
  }
}

/**
 * Parses and validates the text of a baseline file, migrating older versions. Throws
 * {@link BaselineFileError} naming `path` for invalid JSON, a foreign file, a newer schema or a
 * malformed entry.
 */
export function parseBaselineFile(text: string, path: string): BaselineFile {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new BaselineFileError(path, `it is not valid JSON (${(error as Error).message})`)
  }
  if (!isObject(parsed) || parsed.generator !== BASELINE_GENERATOR) {
    throw new BaselineFileError(path, `it is not a vitest-ml-bench baseline (no "generator": "${BASELINE_GENERATOR}" field), so it is foreign to this directory`)
  }
  const file = migrateBaselineFile(parsed, path)
  if (typeof file.benchFile !== 'string') fail(path, 'benchFile', 'must be a string')
  if (!isObject(file.entries)) fail(path, 'entries', 'must be an object keyed by suite › test › name')
  for (const [key, entry] of Object.entries(file.entries)) checkEntry(path, key, entry)
  return file as unknown as BaselineFile
}
