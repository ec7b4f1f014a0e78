/**
 * The report's handlebars templates, read at run time from the package's `templates/` folder:
 * `report.hbs`, `partials/*.hbs` (registered under their file names), `report.css` and `filter.js`.
 * Every value is inserted with `{{ }}` (escaped); only markup the report makes itself (chart SVG,
 * the stylesheet and script) is passed as a SafeString.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Handlebars from 'handlebars'
import type { CardVerdict } from './card.js'

const VERDICT_LABELS: Record<CardVerdict, string> = {
  regressed: 'regressed',
  incomparable: 'incomparable',
  improved: 'improved',
  inconclusive: 'inconclusive',
  new: 'new',
  unchanged: 'unchanged',
  none: 'not compared',
}

/**
 * The package's templates folder. This module is `reporters/html/templates.ts` in the sources and
 * `dist/reporters/html/templates.js` when built; `templates/` sits at the package root in both cases.
 */
export function defaultTemplatesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.resolve(here, '../../templates'), path.resolve(here, '../../../templates')]
  const found = candidates.find((dir) => existsSync(path.join(dir, 'report.hbs')))
  if (!found) {
    throw new Error(
      `vitest-ml-bench: the HTML report templates are missing (looked for report.hbs in ${candidates.join(' and ')}). ` +
        'The package\'s templates/ folder ships with it: reinstall vitest-ml-bench.',
    )
  }
  return found
}

/** The compiled report template. */
export interface ReportTemplates {
  /** Renders the page from a view model, adding the stylesheet, script and Content-Security-Policy. */
  render(context: object): string
}

function unreadable(what: string, error: unknown): Error {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error)
  return new Error(`vitest-ml-bench: cannot read the report template ${what} (${reason}). Point templatesDir at a folder with report.hbs, partials/, report.css and filter.js, or reinstall vitest-ml-bench.`)
}

function read(dir: string, file: string): string {
  const full = path.join(dir, file)
  try {
    return readFileSync(full, 'utf8')
  } catch (error) {
    throw unreadable(full, error)
  }
}

function partialFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.hbs'))
  } catch (error) {
    throw unreadable(dir, error)
  }
}

const cache = new Map<string, ReportTemplates>()

/** Loads and compiles the templates of `dir` (once per folder per process). */
export function loadTemplates(dir: string = defaultTemplatesDir()): ReportTemplates {
  const cached = cache.get(dir)
  if (cached) return cached
  const hbs = Handlebars.create()
  hbs.registerHelper('verdict-label', (verdict: CardVerdict) => VERDICT_LABELS[verdict] ?? String(verdict))
  hbs.registerHelper('is-compared', (verdict: CardVerdict) => verdict !== 'none')
  const partials = path.join(dir, 'partials')
  for (const file of partialFiles(partials)) {
    hbs.registerPartial(file.slice(0, -'.hbs'.length), read(partials, file))
  }
  // strict: a misspelt field fails loudly instead of rendering as an empty string.
  const page = hbs.compile(read(dir, 'report.hbs'), { strict: true })
  const styles = new hbs.SafeString(read(dir, 'report.css'))
  const script = read(dir, 'filter.js')
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    // Only this exact script runs: injected markup (inline handlers, other scripts) would not.
    `script-src 'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`,
  ].join('; ')
  const templates: ReportTemplates = {
    render: (context) => page({ ...context, styles, script: new hbs.SafeString(script), csp }),
  }
  cache.set(dir, templates)
  return templates
}
