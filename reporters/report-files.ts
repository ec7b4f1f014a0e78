import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../src/gate/atomic-write.js'
import { readableJson } from '../src/gate/store.js'
import { writeHtmlReport } from './html/index.js'
import type { ResultsJson } from '../src/gate/results-json.js'
import { renderSummaryMarkdown } from './summary-md.js'

/** Paths of the report files written. */
export interface ReportFiles {
  results: string
  summary: string
  /** index.html; absent when rendering it failed (see `htmlError`). */
  html?: string
  /** Why the HTML report could not be rendered; results.json and summary.md are written regardless. */
  htmlError?: string
}

/**
 * Writes a run's report into `reportDir`: results.json and summary.md (atomically), appends
 * summary.md to `$GITHUB_STEP_SUMMARY` when that is set, and renders index.html. The reporter and
 * `vitest-ml-bench report` both write through here.
 */
export async function writeReportFiles(results: ResultsJson, reportDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ReportFiles> {
  const files: ReportFiles = { results: path.join(reportDir, 'results.json'), summary: path.join(reportDir, 'summary.md') }
  writeFileAtomic(files.results, readableJson(results) + '\n')
  const summary = renderSummaryMarkdown(results)
  writeFileAtomic(files.summary, summary)
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary)
  // HTML REPORT: the one place index.html is written (reporters/html), after the data files it is built from.
  try {
    files.html = await writeHtmlReport(results, reportDir)
  } catch (error) {
    files.htmlError = (error as Error).stack ?? String(error)
  }
  return files
}
