/**
 * Dataset file formats and the parsing both runtimes share: Node streams a file from disk
 * (`file-records.ts`), a browser page fetches it from the dev server (`file-records.browser.ts`);
 * records, their locations and every error message are the same either way.
 */
import { DatasetError, type RecordLocation } from './dataset-error.js'

/** A raw record with where it came from. `textual`: every value is a string (CSV cells). */
export interface LocatedRecord {
  record: unknown
  location: RecordLocation
  textual: boolean
}

/** Formats read from files. */
export type FileFormat = 'jsonl' | 'json' | 'csv'

const EXTENSIONS: Record<string, FileFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.tsv': 'csv' }

/** The last segment of a path or URL path: its file name. */
export function fileNameOf(file: string): string {
  return file.split(/[?#]/)[0]!.split(/[\\/]/).pop() ?? ''
}

/** The extension of the last path (or URL path) segment, lower-cased, with its dot; '' for none. */
export function extensionOf(file: string): string {
  const base = fileNameOf(file)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot).toLowerCase() : ''
}

/** The format of `file` from its extension, or an error listing the supported ones. */
export function formatOf(file: string): FileFormat {
  const format = EXTENSIONS[extensionOf(file)]
  if (!format) {
    throw new DatasetError({ file }, `unknown dataset format; use a ${Object.keys(EXTENSIONS).join(', ')} file or pass the format option`)
  }
  return format
}

/** The CSV delimiter of `file` when none is given: a tab for .tsv, else a comma. */
export function defaultDelimiter(file: string): string {
  return extensionOf(file) === '.tsv' ? '\t' : ','
}

/** One JSON Lines line (1-based `line`); undefined for a blank line. */
export function parseJsonlLine(raw: string, file: string, line: number): LocatedRecord | undefined {
  const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw
  if (text.trim() === '') return undefined
  try {
    return { record: JSON.parse(text), location: { file, line }, textual: false }
  } catch (error) {
    const preview = text.length > 80 ? `${text.slice(0, 77)}...` : text
    throw new DatasetError({ file, line }, `malformed JSON (${(error as Error).message}): ${preview}`)
  }
}

/** A JSON file's text holding an array of records (parsed whole: JSON has no record boundaries to stream on). */
export function* jsonArrayRecords(text: string, file: string): Generator<LocatedRecord> {
  let records: unknown
  try {
    records = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new DatasetError({ file }, `malformed JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(records)) {
    throw new DatasetError({ file }, `expected a JSON array of records, got ${records === null ? 'null' : typeof records}; use .jsonl for one record per line`)
  }
  for (let item = 0; item < records.length; item++) yield { record: records[item], location: { file, item }, textual: false }
}

/** csv-parse's options: a header row, quoted fields may hold delimiters and newlines. */
export function csvOptions(delimiter: string) {
  return { columns: true, bom: true, skip_empty_lines: true, info: true, delimiter } as const
}

/** A csv-parse failure as a DatasetError (with the line when csv-parse knows it). */
export function csvError(error: unknown, file: string): DatasetError {
  if (error instanceof DatasetError) return error
  const line = (error as { lines?: unknown }).lines
  return new DatasetError(typeof line === 'number' ? { file, line } : { file }, `malformed CSV: ${(error as Error).message}`)
}
