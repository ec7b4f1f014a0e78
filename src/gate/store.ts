import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { filesUnder, writeFileAtomic } from './atomic-write.js'
import { BASELINE_GENERATOR, BASELINE_SCHEMA_VERSION, BaselineFileError, parseBaselineFile, type BaselineEntry, type BaselineFile } from './schema.js'

/**
 * Where the baseline of a bench file lives: `<baselineDir>/<bench file path>.json`, mirroring the
 * bench file's path relative to the project root (benches/onnx/x.bench.ts →
 * baselines/benches/onnx/x.bench.ts.json). A bench file outside the root has its `..` segments
 * spelled `_parent_`, so the baseline stays inside `baselineDir`.
 */
export function baselinePathFor(baselineDir: string, benchFile: string): string {
  const segments = benchFile.split(/[\\/]+/).filter((s) => s !== '' && s !== '.')
  return path.join(baselineDir, ...segments.map((s) => (s === '..' ? '_parent_' : s))) + '.json'
}

/**
 * Reads and validates a baseline file; undefined when it does not exist. A file that cannot be
 * used (invalid JSON, foreign, newer schema, malformed entry) throws {@link BaselineFileError}
 * naming the path; the file is never modified.
 */
export function readBaselineFile(file: string): BaselineFile | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new BaselineFileError(file, `it cannot be read (${code ?? (error as Error).message})`)
  }
  return parseBaselineFile(text, file)
}

/** An empty baseline file for `benchFile`. */
export function emptyBaselineFile(benchFile: string): BaselineFile {
  return { schemaVersion: BASELINE_SCHEMA_VERSION, generator: BASELINE_GENERATOR, benchFile, entries: {} }
}

/** JSON with objects one key per line and arrays of numbers/strings on one line, so diffs stay readable. */
export function readableJson(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value)
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  const inner = `${indent}  `
  const parts = Array.isArray(value)
    ? value.map((v) => `${inner}${readableJson(v, inner)}`)
    : Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${readableJson(v, inner)}`)
  if (parts.length === 0) return Array.isArray(value) ? '[]' : '{}'
  return Array.isArray(value) ? `[\n${parts.join(',\n')}\n${indent}]` : `{\n${parts.join(',\n')}\n${indent}}`
}

/** The text a baseline file is written as (entries sorted by key, so reruns give stable diffs). */
export function serializeBaselineFile(file: BaselineFile): string {
  const entries: Record<string, BaselineEntry> = {}
  for (const key of Object.keys(file.entries).sort()) entries[key] = file.entries[key] as BaselineEntry
  return `${readableJson({ ...file, entries })}\n`
}

/** What `baselines/.gitignore` holds: a write's temp files and lock directories never reach `git add baselines/`. */
export const BASELINE_GITIGNORE = `# written by vitest-ml-bench: temp files of interrupted writes and write locks, never baselines
.*.tmp
*.lock
`

/**
 * Creates `<baselineDir>/.gitignore` (ignoring temp files and locks) unless one exists — a file
 * of the user's is theirs to keep. Returns whether it wrote one.
 */
export function ensureBaselineGitignore(baselineDir: string): boolean {
  const file = path.join(baselineDir, '.gitignore')
  if (existsSync(file)) return false
  writeFileAtomic(file, BASELINE_GITIGNORE)
  return true
}

/** Writes a baseline file atomically (see `writeFileAtomic`). */
export function writeBaselineFile(file: string, content: BaselineFile): void {
  writeFileAtomic(file, serializeBaselineFile(content))
}

/**
 * Every usable baseline file under `baselineDir` (unreadable or foreign ones are skipped: the gate
 * reports those where it reads them for a bench file).
 */
export function readBaselineDirectory(baselineDir: string): BaselineFile[] {
  const files: BaselineFile[] = []
  for (const name of filesUnder(baselineDir)) {
    if (!name.endsWith('.json')) continue
    try {
      const file = readBaselineFile(path.join(baselineDir, name))
      if (file) files.push(file)
    } catch (error) {
      if (!(error instanceof BaselineFileError)) throw error
    }
  }
  return files
}
