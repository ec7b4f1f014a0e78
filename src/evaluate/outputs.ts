import type { Label } from '../analyse/metrics/classification.js'

/** A transformers.js-style classification output. */
export interface LabelScore {
  label: Label
  score: number
}

/**
 * One classification output, parsed but not yet interpreted (that needs the final label set):
 * - `label`: the predicted label itself;
 * - `top`: one `{ label, score }` (score = that label's probability);
 * - `ranked`: several `{ label, score }` (transformers.js `top_k`), argmax wins;
 * - `vector`: one score per label in `labels` order (probabilities, or logits to softmax);
 * - `number`: a label, or the positive class's probability in a binary task.
 */
export type ParsedOutput =
  | { kind: 'label'; label: string }
  | { kind: 'top'; label: Label; score: number }
  | { kind: 'ranked'; entries: LabelScore[] }
  | { kind: 'vector'; values: ArrayLike<number> }
  | { kind: 'number'; value: number }

function isNumericArray(value: unknown): value is ArrayLike<number> {
  if (ArrayBuffer.isView(value)) return !(value instanceof DataView) && typeof (value as unknown as ArrayLike<unknown>)[0] !== 'bigint'
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')
}

function isLabelScore(value: unknown): value is LabelScore {
  if (typeof value !== 'object' || value === null) return false
  const { label, score } = value as { label?: unknown; score?: unknown }
  return (typeof label === 'string' || typeof label === 'number') && typeof score === 'number'
}

/** Short JSON preview of a value for error messages. */
export function preview(value: unknown): string {
  let text: string
  try {
    // NaN and ±Infinity as themselves: JSON would print them as null, hiding what the model returned
    text = ArrayBuffer.isView(value)
      ? `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`
      : typeof value === 'number'
        ? String(value)
        : (JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}\u0000` : v))?.replace(/"\\u0000(.*?)\\u0000"/g, '$1') ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > 100 ? `${text.slice(0, 97)}...` : text
}

const CLASSIFICATION_SHAPES =
  'a label (string or number), { label, score }, an array of { label, score }, or an array of per-class scores'

/** Parses one classifier output; throws naming `where` and the accepted shapes. */
export function parseClassificationOutput(output: unknown, where: string): ParsedOutput {
  if (typeof output === 'string') return { kind: 'label', label: output }
  if (typeof output === 'number') {
    if (!Number.isFinite(output)) throw new TypeError(`${where}: the model output ${output}; expected ${CLASSIFICATION_SHAPES}.`)
    return { kind: 'number', value: output }
  }
  if (isNumericArray(output)) {
    for (let i = 0; i < output.length; i++) {
      if (!Number.isFinite(output[i])) throw new TypeError(`${where}: score ${i} of the model's output is ${output[i]}; scores must be finite.`)
    }
    // a [batch, 1] sigmoid head gives one-element rows: a binary probability
    return output.length === 1 ? { kind: 'number', value: output[0] as number } : { kind: 'vector', values: output }
  }
  if (isLabelScore(output)) return { kind: 'top', label: output.label, score: output.score }
  if (Array.isArray(output) && output.length > 0 && output.every(isLabelScore)) {
    const entries = output as LabelScore[]
    return entries.length === 1 ? { kind: 'top', label: entries[0]!.label, score: entries[0]!.score } : { kind: 'ranked', entries }
  }
  throw new TypeError(`${where}: cannot read the model output ${preview(output)}; expected ${CLASSIFICATION_SHAPES}.`)
}

/** Parses one regressor output: a number or a one-element numeric array. */
export function parseRegressionOutput(output: unknown, where: string): number {
  const value = isNumericArray(output) && output.length === 1 ? output[0] : output
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${where}: cannot read the model output ${preview(output)}; a regressor must output a finite number (or a one-element array) per input.`)
  }
  return value
}

/**
 * Parses one generator output: a string, a transformers.js text-generation output
 * (`{ generated_text }`, or an array of them: the first), trimmed of surrounding whitespace (a
 * GPT-2-style completion starts with a space token).
 */
export function parseGenerationOutput(output: unknown, where: string): string {
  const first = Array.isArray(output) ? output[0] : output
  const text = typeof first === 'object' && first !== null && 'generated_text' in first ? (first as { generated_text: unknown }).generated_text : first
  if (typeof text !== 'string') {
    throw new TypeError(
      `${where}: cannot read the model output ${preview(output)}; a generator must output a string or { generated_text } per input ` +
        '(for a pipeline that returns the prompt too, pass return_full_text: false).',
    )
  }
  return text.trim()
}

/**
 * Splits a flat row-major `[rows, columns]` tensor's data (e.g. ONNX logits) into one row per
 * example, as {@link evaluate} wants its outputs. Rows are views, not copies.
 */
export function splitRows(data: Float32Array | Float64Array | readonly number[], columns: number): ArrayLike<number>[] {
  if (!Number.isInteger(columns) || columns < 1 || data.length % columns !== 0) {
    throw new RangeError(`splitRows: ${data.length} values do not form rows of ${columns} columns.`)
  }
  const rows: ArrayLike<number>[] = []
  for (let start = 0; start < data.length; start += columns) {
    rows.push(Array.isArray(data) ? data.slice(start, start + columns) : (data as Float32Array).subarray(start, start + columns))
  }
  return rows
}
