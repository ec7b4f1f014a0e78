import { createReadStream, existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse'
import { describeCandidates, localFolder, localPathHint, resolveLocal } from '../models/model-location.js'
import { DatasetError } from './dataset-error.js'
import { csvError, csvOptions, defaultDelimiter, jsonArrayRecords, parseJsonlLine, type FileFormat, type LocatedRecord } from './record-formats.js'

export { formatOf, type FileFormat, type LocatedRecord } from './record-formats.js'

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
      const located = parseJsonlLine(raw, file, ++line)
      if (located) yield located
    }
  } finally {
    lines.close()
    stream.destroy()
  }
}

/** A JSON file holding an array of records. */
async function* jsonRecords(file: string): AsyncGenerator<LocatedRecord> {
  yield* jsonArrayRecords(await readFile(file, 'utf8'), file)
}

/** CSV with a header row, streamed through csv-parse; quoted fields may hold delimiters and newlines. */
async function* csvRecords(file: string, delimiter: string): AsyncGenerator<LocatedRecord> {
  const stream = createReadStream(file)
  const parser = stream.pipe(parse(csvOptions(delimiter)))
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { record, location: { file, line: info.lines }, textual: true }
    }
  } catch (error) {
    throw csvError(error, file)
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
  else yield* csvRecords(file, delimiter ?? defaultDelimiter(file))
}
