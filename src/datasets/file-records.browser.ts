/**
 * Dataset files in a browser page (the browser twin of `file-records.ts`): fetched from the dev
 * server, which serves the datasets folder, then parsed exactly as Node parses them. A page has no
 * file system, so a name maps to a URL: a path under the datasets or models folder (as Node would
 * give it) to where that folder is served, a bare relative name to the datasets folder, and an
 * http(s) URL or a served path to itself.
 */
import { parse } from 'csv-parse/browser/esm/sync'
import { pageContext, SERVED_PATHS } from '../core/page-context.js'
import { servedUrl } from '../models/model-location.browser.js'
import { DatasetError } from './dataset-error.js'
import { csvError, csvOptions, defaultDelimiter, jsonArrayRecords, parseJsonlLine, type FileFormat, type LocatedRecord } from './record-formats.js'

export { formatOf, type FileFormat, type LocatedRecord } from './record-formats.js'

/** The URL a dataset name is fetched from in the page (see the module comment), or a DatasetError saying what works. */
export function datasetUrl(file: string): string {
  if (/^https?:\/\//.test(file) || Object.values(SERVED_PATHS).some((prefix) => file.startsWith(prefix))) return file
  const { datasets, models } = pageContext()
  const served = servedUrl(file, datasets) ?? servedUrl(file, models)
  if (served) return served
  const relative = !file.startsWith('/') && !/^\.\.?[\\/]/.test(file)
  if (relative && datasets) return datasets.url + file.split('/').map(encodeURIComponent).join('/')
  throw new DatasetError(
    { file },
    `a browser page reads datasets over HTTP from the datasets folder the plugin serves (${datasets ? `${datasets.dir}, at ${datasets.url}` : 'none: set ML_BENCH_DATASETS_DIR or ML_BENCH_MODELS_DIR'}): ` +
      'give a path inside it, a name relative to it, or an http(s) URL',
  )
}

async function fetchText(file: string, url: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(url)
  } catch (error) {
    throw new DatasetError({ file }, `could not fetch ${url}: ${(error as Error).message}`)
  }
  if (!response.ok) throw new DatasetError({ file }, `fetching ${url} gave HTTP ${response.status} ${response.statusText}`.trim())
  return response.text()
}

function* csvRecords(text: string, file: string, delimiter: string): Generator<LocatedRecord> {
  let rows: { record: Record<string, string>; info: { lines: number } }[]
  try {
    rows = parse(text, csvOptions(delimiter)) as unknown as typeof rows
  } catch (error) {
    throw csvError(error, file)
  }
  for (const { record, info } of rows) yield { record, location: { file, line: info.lines }, textual: true }
}

/** The raw records of a dataset file, fetched whole (pages read small evaluation sets; no streaming parser is needed). */
export async function* fileRecords(name: string, format: FileFormat, delimiter?: string): AsyncGenerator<LocatedRecord> {
  const text = await fetchText(name, datasetUrl(name))
  if (format === 'jsonl') {
    const lines = text.split(/\r?\n/)
    for (let i = 0; i < lines.length; i++) {
      const located = parseJsonlLine(lines[i]!, name, i + 1)
      if (located) yield located
    }
  } else if (format === 'json') yield* jsonArrayRecords(text, name)
  else yield* csvRecords(text, name, delimiter ?? defaultDelimiter(name))
}
