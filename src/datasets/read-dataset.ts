import { DatasetError, type RecordLocation } from './dataset-error.js'
import { fileRecords, formatOf, type LocatedRecord } from './file-records.js'
import { RecordMapper } from './record-mapper.js'
import type { DatasetOptions, DatasetSource, Example } from './types.js'

/** Records taken from an in-memory iterable per await: one await per chunk rather than per record. */
const CHUNK = 256

/**
 * Raw records in chunks. A sync iterable (an array) is cut into chunks synchronously; an async
 * source or file yields each record as it arrives, so a slow stream is never held back.
 */
async function* recordChunks(source: DatasetSource, options: DatasetOptions): AsyncGenerator<LocatedRecord[]> {
  if (typeof source === 'string') {
    for await (const located of fileRecords(source, options.format ?? formatOf(source), options.delimiter)) yield [located]
    return
  }
  let item = 0
  const locate = (record: unknown): LocatedRecord => ({ record, location: { item: item++ } satisfies RecordLocation, textual: false })
  if (Symbol.iterator in source) {
    let chunk: LocatedRecord[] = []
    for (const record of source) {
      chunk.push(locate(record))
      if (chunk.length === CHUNK) {
        yield chunk
        chunk = []
      }
    }
    if (chunk.length > 0) yield chunk
    return
  }
  for await (const record of source) yield [locate(record)]
}

/**
 * The examples of a dataset in arrays of `size` (the last may be shorter), as {@link readDataset}
 * reads them; evaluate() uses it so a batch costs one await, not one per example.
 */
export async function* readDatasetBatches(source: DatasetSource, options: DatasetOptions, size: number): AsyncGenerator<Example[]> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  if (!(limit >= 0) || (Number.isFinite(limit) && !Number.isInteger(limit))) {
    throw new DatasetError({}, `limit must be a whole number ≥ 0, got ${limit}`)
  }
  if (limit === 0) return
  const mapper = new RecordMapper(options)
  let count = 0
  let batch: Example[] = []
  for await (const chunk of recordChunks(source, options)) {
    for (const located of chunk) {
      if (!mapper.keeps(located)) continue
      batch.push(mapper.toExample(located))
      // returning runs the file reader's finally: the stream closes without reading further
      if (++count >= limit) {
        yield batch
        return
      }
      if (batch.length === size) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * Streams the examples of a dataset: records from memory or a .jsonl/.json/.csv file, filtered,
 * mapped to `{ input, label }` or `{ input, target }` and cut at `limit`. Files are read as they
 * are consumed (.json excepted), so a dataset larger than memory can be evaluated; stopping early
 * closes the file. Errors are {@link DatasetError}s naming the file, line and field.
 */
export async function* readDataset(source: DatasetSource, options: DatasetOptions = {}): AsyncGenerator<Example> {
  for await (const batch of readDatasetBatches(source, options, 1)) yield batch[0] as Example
}
