import { createReadStream, existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse'
import { describeCandidates, localFolder, localPathHint, resolveLocal } from '../models/model-location.js'
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

/** The format of `file` from its extension, or an error listing the supported ones. */
export function formatOf(file: string): FileFormat {
  const format = EXTENSIONS[path.extname(file).toLowerCase()]
  if (!format) {
    throw new DatasetError({ file }, `unknown dataset format; use a ${Object.keys(EXTENSIONS).join(', ')} file or pass the format option`)
  }
  return format
}

/**
 * The file `file` names, by the loaders' one rule (`localCandidates`: absolute; ./relative to the
 * working directory; else under the datasets folder, then the working directory), checked readable.
 */
async function locateFile(file: string): Promise<string> {
  const { found, tried } = resolveLocal(file, localFolder('dataset'), existsSync)
  if (!found) throw new DatasetError({ file }, `file not found at ${describeCandidates(tried)}. ${localPathHint('dataset')}`)
  const info = await stat(found)
  // a named pipe streams too (e.g. a decompressor writing into it)
  if (!info.isFile() && !info.isFIFO()) throw new DatasetError({ file: found }, 'is not a file')
  return found
}

/** JSON Lines, one record per line, streamed line by line; blank lines are skipped. */
async function* jsonlRecords(file: string): AsyncGenerator<LocatedRecord> {
  const stream = createReadStream(file, { encoding: 'utf8' })
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  let line = 0
  try {
    for await (const raw of lines) {
      line++
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw
      if (text.trim() === '') continue
      let record: unknown
      try {
        record = JSON.parse(text)
      } catch (error) {
        const preview = text.length > 80 ? `${text.slice(0, 77)}...` : text
        throw new DatasetError({ file, line }, `malformed JSON (${(error as Error).message}): ${preview}`)
      }
      yield { record, location: { file, line }, textual: false }
    }
  } finally {
    lines.close()
    stream.destroy()
  }
}

/** A JSON file holding an array of records (parsed whole: JSON has no record boundaries to stream on). */
async function* jsonRecords(file: string): AsyncGenerator<LocatedRecord> {
  let records: unknown
  try {
    records = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new DatasetError({ file }, `malformed JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(records)) {
    throw new DatasetError({ file }, `expected a JSON array of records, got ${records === null ? 'null' : typeof records}; use .jsonl for one record per line`)
  }
  for (let item = 0; item < records.length; item++) yield { record: records[item], location: { file, item }, textual: false }
}

/** CSV with a header row, streamed through csv-parse; quoted fields may hold delimiters and newlines. */
async function* csvRecords(file: string, delimiter: string): AsyncGenerator<LocatedRecord> {
  const stream = createReadStream(file)
  const parser = stream.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true, delimiter }))
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { record, location: { file, line: info.lines }, textual: true }
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error
    const line = (error as { lines?: unknown }).lines
    throw new DatasetError(typeof line === 'number' ? { file, line } : { file }, `malformed CSV: ${(error as Error).message}`)
  } finally {
    parser.destroy()
    stream.destroy()
  }
}

/** Streams the raw records of a dataset file. */
export async function* fileRecords(name: string, format: FileFormat, delimiter?: string): AsyncGenerator<LocatedRecord> {
  // errors name the file that was read, wherever the rule found it
  const file = await locateFile(name)
  if (format === 'jsonl') yield* jsonlRecords(file)
  else if (format === 'json') yield* jsonRecords(file)
  else yield* csvRecords(file, delimiter ?? (path.extname(file).toLowerCase() === '.tsv' ? '\t' : ','))
}
