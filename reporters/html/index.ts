/**
 * The HTML report: `<reportDir>/index.html`, one self-contained file (no network, no external
 * assets) rendered from results.json — handlebars templates, Vega-Lite charts rendered to inline SVG.
 *
 * results.json → `reportView` (pure view model with chart specs) → `SvgChartRenderer` (SVG) → templates.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../../src/gate/atomic-write.js'
import { parseCalibrationJson, type CalibrationJson } from '../calibration-json.js'
import { calibrationTables } from '../calibration-tables.js'
import type { ResultsJson } from '../../src/gate/results-json.js'
import type { Card } from './card.js'
import { SvgChartRenderer, type ChartSpec, type RenderedChart } from './svg-charts.js'
import { loadTemplates } from './templates.js'
import { reportView } from './view-model.js'

export { reportView, type ReportView } from './view-model.js'
export { defaultTemplatesDir } from './templates.js'

/** Options of {@link renderHtmlReport} and {@link writeHtmlReport}. */
export interface HtmlReportOptions {
  /** Folder with report.hbs, partials/, report.css and filter.js [the package's templates/]. */
  templatesDir?: string
  /** `npm run calibrate`'s results, shown as a Calibration section; an Error is shown as a note. */
  calibration?: CalibrationJson | Error
}

/** The Calibration section's view: its tables, or why calibration.json could not be shown. */
function calibrationView(calibration: HtmlReportOptions['calibration']) {
  if (calibration === undefined) return undefined
  if (calibration instanceof Error) return { error: calibration.message, tables: [] }
  const tables = calibrationTables(calibration).map((t) => ({ caption: t.title, columns: t.columns, rows: t.rows.map((r) => r.map((text) => ({ text }))) }))
  return { generatedAt: calibration.generatedAt, mode: calibration.mode, tables }
}

/** `<reportDir>/calibration.json` when present; a malformed one becomes an Error to show, not a failed report. */
export function readCalibration(reportDir: string): CalibrationJson | Error | undefined {
  const file = path.join(reportDir, 'calibration.json')
  if (!existsSync(file)) return undefined
  try {
    return parseCalibrationJson(JSON.parse(readFileSync(file, 'utf8')), file)
  } catch (error) {
    return error instanceof SyntaxError ? new Error(`${file} is not valid JSON (${error.message}); run \`npm run calibrate\` again.`) : (error as Error)
  }
}

/**
 * Renders the report page from a results.json document. Pure (its only I/O is reading the
 * templates, once per process); asynchronous because vega renders charts asynchronously.
 */
export async function renderHtmlReport(results: ResultsJson, options: HtmlReportOptions = {}): Promise<string> {
  const templates = loadTemplates(options.templatesDir)
  const view = reportView(results)
  const renderer = new SvgChartRenderer()
  const renderAll = async (specs: readonly ChartSpec[]) => {
    const charts: RenderedChart[] = []
    // One at a time: charts of the same shape share a view.
    for (const chart of specs) charts.push(await renderer.render(chart))
    return charts
  }
  try {
    const glance = { ...view.glance, charts: await renderAll(view.glance.charts) }
    const runtimes = view.runtimes && { ...view.runtimes, charts: await renderAll(view.runtimes.charts) }
    const sections = []
    for (const section of view.sections) {
      const cards: Array<Omit<Card, 'charts'> & { charts: RenderedChart[] }> = []
      for (const card of section.cards) cards.push({ ...card, charts: await renderAll(card.charts) })
      sections.push({ ...section, cards })
    }
    return templates.render({ ...view, glance, runtimes, sections, calibration: calibrationView(options.calibration) })
  } finally {
    renderer.finalize()
  }
}

/** Renders the report and writes it (atomically) to `<reportDir>/index.html`, creating the folder; returns that path. */
export async function writeHtmlReport(results: ResultsJson, reportDir: string, options: HtmlReportOptions = {}): Promise<string> {
  const file = path.join(reportDir, 'index.html')
  writeFileAtomic(file, await renderHtmlReport(results, { calibration: readCalibration(reportDir), ...options }))
  return file
}
