#!/usr/bin/env node
/**
 * `vitest-ml-bench report <results.json…> [--out <dir>]`: rebuilds summary.md (and the HTML
 * report) from one or more results.json files, merging them (e.g. the reports of several CI jobs)
 * into one report with one verdict. `vitest-ml-bench ab --base <ref>`: the A/B gate (src/ab/).
 */
import { realpathSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeReportFiles } from '../reporters/report-files.js'
import { mergeResultsJson, readResultsJson } from './gate/results-json.js'
import { visibleText } from '../reporters/text/terminal.js'
import { AB_USAGE, abCommand } from './ab/cli-ab.js'

const USAGE = `Usage: vitest-ml-bench report <results.json…> [--out <dir>] [--render-only]

Merges the given results.json files (written by the vitest-ml-bench reporter into its reportDir)
and writes results.json, summary.md and the HTML report into --out [ml-bench-report].
Exits 1 when the merged verdict fails the gate (a regression, an unusable baseline file), as the
test run does; --render-only only renders and exits 0 whatever the verdict. Exits 2 on a usage
error or an input that is not a valid results.json (the message names the field).`

/** Where the CLI writes its messages (injectable for tests). */
export interface CliIo {
  log(text: string): void
  error(text: string): void
  cwd: string
}

/**
 * Runs the CLI with `args` (without node and the script); returns the exit code: 0 done, 1 the
 * gate failed (unless `--render-only`) or the HTML report failed, 2 usage or input error.
 */
export async function runCli(args: readonly string[], io: CliIo = { log: console.log, error: console.error, cwd: process.cwd() }): Promise<number> {
  const [command, ...rest] = args
  if (command === '--help' || command === '-h' || command === 'help') {
    io.log(`${USAGE}\n\n${AB_USAGE}`)
    return 0
  }
  if (command === 'ab') return abCommand(rest, io)
  if (command !== 'report') {
    io.error(command === undefined ? USAGE : `Unknown command "${command}".\n\n${USAGE}`)
    return 2
  }
  let parsed: { values: { out?: string; 'render-only'?: boolean }; positionals: string[] }
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { out: { type: 'string', short: 'o', default: 'ml-bench-report' }, 'render-only': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const inputs = parsed.positionals
  const out = parsed.values.out ?? 'ml-bench-report'
  if (inputs.length === 0) {
    io.error(`No results.json given.\n\n${USAGE}`)
    return 2
  }
  try {
    const documents = inputs.map((file) => readResultsJson(path.resolve(io.cwd, file)))
    const merged = mergeResultsJson(documents, new Date().toISOString())
    const files = await writeReportFiles(merged, path.resolve(io.cwd, out))
    io.log(`vitest-ml-bench: ${merged.entries.length} results from ${inputs.length} file(s), verdict ${merged.verdict}${merged.failed ? ' (gate failed)' : ''}`)
    for (const f of [files.html, files.summary, files.results]) if (f) io.log(`  ${path.relative(io.cwd, f)}`)
    if (files.htmlError) {
      io.error(`vitest-ml-bench report: the HTML report could not be rendered:\n${files.htmlError}`)
      return 1
    }
    // a CI step running `report` is a gate like the test run: a failed verdict fails the step
    if (merged.failed && !parsed.values['render-only']) {
      io.error(`vitest-ml-bench report: gate failed:\n${merged.failures.map((f) => `  ${visibleText(f)}`).join('\n')}\n(--render-only renders without failing.)`)
      return 1
    }
    return 0
  } catch (error) {
    io.error(`vitest-ml-bench report: ${(error as Error).message}`)
    return 2
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (invokedDirectly()) process.exitCode = await runCli(process.argv.slice(2))
