import type { Label } from '../analyse/metrics/classification.js'
import { DatasetError, type RecordLocation } from './dataset-error.js'
import type { LocatedRecord } from './file-records.js'
import { getPath } from './record-path.js'
import type { DatasetOptions, Example, LabelMapping, RecordFilter } from './types.js'

/** A CSV cell that is a number written canonically ('3', '-0.5', not '03' or '1e3') becomes that number. */
function numberFromText(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value
  const n = Number(value)
  return Number.isFinite(n) && String(n) === value ? n : value
}

function keysOf(record: unknown): string {
  if (typeof record !== 'object' || record === null) return `the record is ${JSON.stringify(record)}, not an object`
  const keys = Object.keys(record)
  return `fields present: ${keys.length > 12 ? `${keys.slice(0, 12).join(', ')}, …` : keys.join(', ') || 'none'}`
}

function listLabels(labels: Iterable<Label>): string {
  const all = [...labels].map((l) => JSON.stringify(l))
  return `[${all.length > 20 ? `${all.slice(0, 20).join(', ')}, … (${all.length} in all)` : all.join(', ')}]`
}

function mapLabel(raw: unknown, labelMap: LabelMapping | undefined, location: RecordLocation, field: string): unknown {
  if (labelMap === undefined) return raw
  if (typeof labelMap === 'function') return labelMap(raw)
  const key = String(raw)
  if (!Object.hasOwn(labelMap, key)) {
    throw new DatasetError(location, `label ${JSON.stringify(raw)} is not in labelMap (keys: ${listLabels(Object.keys(labelMap))})`, field)
  }
  return labelMap[key]
}

function matchesFilter(filter: RecordFilter, located: LocatedRecord): boolean {
  if (typeof filter === 'function') return filter(located.record)
  for (const [path, expected] of Object.entries(filter)) {
    const value = getPath(located.record, path)
    // CSV cells are strings: compare { fold: 1 } with the cell '1' as text
    if (located.textual ? String(value) !== String(expected) : value !== expected) return false
  }
  return true
}

/** The field each task reads. */
const READS = { classification: 'label', regression: 'target', generation: 'reference' } as const

/** Maps raw records to examples per the options; one instance per pass over a dataset. */
export class RecordMapper {
  readonly #options: DatasetOptions
  readonly #input: string | readonly string[]
  readonly #known: Set<Label> | undefined
  #reads: 'label' | 'target' | 'reference' | undefined

  constructor(options: DatasetOptions) {
    this.#options = options
    this.#input = options.fields?.input ?? 'input'
    this.#known = options.labels ? new Set(options.labels) : undefined
    if (options.task) this.#reads = READS[options.task]
    else if (options.fields?.label) this.#reads = 'label'
    else if (options.fields?.target) this.#reads = 'target'
    else if (options.fields?.reference) this.#reads = 'reference'
  }

  /** True when the record passes the filter. */
  keeps(located: LocatedRecord): boolean {
    return this.#options.filter === undefined || matchesFilter(this.#options.filter, located)
  }

  /** The example of a record, or a DatasetError saying which field is wrong where. */
  toExample(located: LocatedRecord): Example {
    const { record, location, textual } = located
    const field = (path: string): unknown => {
      const value = getPath(record, path)
      if (value === undefined) throw new DatasetError(location, `missing field "${path}" (${keysOf(record)})`, path)
      return value
    }
    const input =
      typeof this.#input === 'string'
        ? field(this.#input)
        : this.#input.map((path) => (textual ? numberFromText(field(path)) : field(path)))
    const reads = (this.#reads ??= this.#inferReads(record, location))
    if (reads === 'reference') {
      const path = this.#options.fields?.reference ?? 'reference'
      const raw = field(path)
      const references = typeof raw === 'string' ? [raw] : raw
      if (!Array.isArray(references) || references.length === 0 || references.some((r) => typeof r !== 'string')) {
        throw new DatasetError(location, `reference ${JSON.stringify(raw)} in field "${path}" is not a string or a non-empty array of strings`, path)
      }
      return { input, references: references as string[] }
    }
    if (reads === 'target') {
      const path = this.#options.fields?.target ?? 'target'
      const raw = field(path)
      const target = textual && typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw
      if (typeof target !== 'number' || !Number.isFinite(target)) {
        throw new DatasetError(location, `target ${JSON.stringify(raw)} in field "${path}" is not a finite number`, path)
      }
      return { input, target }
    }
    const path = this.#options.fields?.label ?? 'label'
    const raw = field(path)
    const label = mapLabel(textual ? numberFromText(raw) : raw, this.#options.labelMap, location, path)
    if (typeof label !== 'string' && !(typeof label === 'number' && Number.isFinite(label))) {
      throw new DatasetError(location, `label ${JSON.stringify(label)} in field "${path}" is not a string or a number; map it with labelMap`, path)
    }
    if (this.#known && !this.#known.has(label)) {
      const twin = [...this.#known].find((k) => String(k) === String(label))
      const hint = twin === undefined ? '' : ` (the known ${JSON.stringify(twin)} is a ${typeof twin}, this label a ${typeof label}; map it with labelMap)`
      throw new DatasetError(location, `label ${JSON.stringify(label)} is not one of the known labels ${listLabels(this.#known)}${hint}`, path)
    }
    return { input, label }
  }

  #inferReads(record: unknown, location: RecordLocation): 'label' | 'target' | 'reference' {
    if (getPath(record, 'label') !== undefined) return 'label'
    if (getPath(record, 'target') !== undefined) return 'target'
    if (getPath(record, 'reference') !== undefined) return 'reference'
    throw new DatasetError(location, `no "label", "target" or "reference" field (${keysOf(record)}); name it with fields: { label }, { target } or { reference }`, 'label')
  }
}
