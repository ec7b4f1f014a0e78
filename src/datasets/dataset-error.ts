/** Where a record came from: a file and its line (or item index), or an index in memory. */
export interface RecordLocation {
  /** File path, or undefined for records in memory. */
  file?: string
  /** 1-based line of a .jsonl/.csv file. */
  line?: number
  /** 0-based index in a .json array or an in-memory source. */
  item?: number
}

/** 'data.jsonl line 12', 'data.json item 3', 'dataset item 3'. */
export function describeLocation(location: RecordLocation): string {
  const source = location.file ?? 'dataset'
  if (location.line !== undefined) return `${source} line ${location.line}`
  if (location.item !== undefined) return `${source} item ${location.item}`
  return source
}

/** A dataset that cannot be read as asked: says where (file, line) and, when it applies, which field. */
export class DatasetError extends Error {
  override name = 'DatasetError'
  readonly location: RecordLocation
  readonly field: string | undefined

  constructor(location: RecordLocation, problem: string, field?: string) {
    super(`${describeLocation(location)}: ${problem}`)
    this.location = location
    this.field = field
  }
}
