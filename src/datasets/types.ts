import type { Label } from '../analyse/metrics/classification.js'

/** One labelled example, as classification reads it. */
export interface LabeledExample<I = unknown> {
  input: I
  label: Label
}

/** One example with a numeric target, as regression reads it. */
export interface TargetExample<I = unknown> {
  input: I
  target: number
}

/** One example with reference texts, as generation reads it (a string reference becomes a list of one). */
export interface ReferenceExample<I = unknown> {
  input: I
  references: string[]
}

/** One example of a dataset. */
export type Example<I = unknown> = LabeledExample<I> | TargetExample<I> | ReferenceExample<I>

/**
 * Where examples come from: records in memory (an array or a sync/async iterable), or the path of a
 * `.jsonl`, `.json` or `.csv` file. Records are mapped to examples with {@link DatasetOptions}.
 */
export type DatasetSource = string | Iterable<unknown> | AsyncIterable<unknown>

/**
 * Which record fields hold the input and the label or target. A field is a key or a dotted path
 * (`'meta.text'`, `'pixels.0'`); a list of fields as `input` gives an array of their values.
 */
export interface FieldMapping {
  /** ['input'] */
  input?: string | readonly string[]
  /** ['label'] */
  label?: string
  /** ['target'] */
  target?: string
  /** A string or an array of strings: the reference text(s) of a generation task ['reference'] */
  reference?: string
}

/**
 * Turns a dataset's raw label into the label the model predicts: a table keyed by the raw label
 * as a string (`{ POSITIVE: 1 }`, `{ '0': 'NEGATIVE' }`) or a function.
 */
export type LabelMapping = Readonly<Record<string, Label>> | ((raw: unknown) => Label)

/** Keeps a record: field values it must equal (dotted paths allowed), or a predicate on the raw record. */
export type RecordFilter = Readonly<Record<string, unknown>> | ((record: unknown) => boolean)

/** How {@link readDataset} maps records to examples. */
export interface DatasetOptions {
  /** Read `label` (classification), `target` (regression) or `reference` (generation) [whichever field the first record has]. */
  task?: 'classification' | 'regression' | 'generation'
  fields?: FieldMapping
  /** Applied to every raw label before it is checked against `labels`. */
  labelMap?: LabelMapping
  /** Known labels: any other label is an error naming the file, line and the known labels. */
  labels?: readonly Label[]
  /** Keep only matching records, e.g. `{ split: 'test' }`. Applied before `limit`. */
  filter?: RecordFilter
  /** Stop after this many examples. */
  limit?: number
  /** File format [from the extension: .jsonl/.ndjson, .json, .csv, .tsv]. */
  format?: 'jsonl' | 'json' | 'csv'
  /** CSV field delimiter [',' ('\t' for .tsv)]. */
  delimiter?: string
}
