/**
 * Inputs and outputs of an ONNX session as plain data, and the check that explains a feed that
 * does not match them (names, element types, ranks and fixed dimensions).
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node'

/** One input or output of a model. Symbolic (dynamic) dimensions are strings, e.g. 'batch'. */
export interface TensorSpec {
  name: string
  /** Element type, e.g. 'float32', 'int64'; 'non-tensor' for sequences and maps. */
  type: string
  shape: Array<number | string>
}

/** Converts onnxruntime's value metadata into {@link TensorSpec}s. */
export function tensorSpecs(metadata: readonly InferenceSession.ValueMetadata[]): TensorSpec[] {
  return metadata.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: 'non-tensor', shape: [] }))
}

/** 'input float32 [batch, 64]'. A symbolic dimension without a name prints as '?'. */
export function describeSpec(spec: TensorSpec): string {
  return `${spec.name} ${spec.type} [${spec.shape.map((d) => (d === '' ? '?' : String(d))).join(', ')}]`
}

/** Whether `dims` fits `shape` (fixed dimensions equal, symbolic ones anything). */
function shapeFits(shape: ReadonlyArray<number | string>, dims: readonly number[]): boolean {
  return shape.length === dims.length && shape.every((d, i) => typeof d !== 'number' || d === dims[i])
}

type FeedLike = Pick<Tensor, 'type' | 'dims'>

/**
 * What is wrong with `feeds` for a model with `inputs`, or undefined when they fit. Lists the
 * model's expected inputs so the fix is obvious.
 */
export function feedMismatch(inputs: readonly TensorSpec[], feeds: Readonly<Record<string, FeedLike>>): string | undefined {
  const problems: string[] = []
  const given = Object.keys(feeds)
  const missing = inputs.filter((spec) => !(spec.name in feeds)).map((s) => s.name)
  const unknown = given.filter((name) => !inputs.some((spec) => spec.name === name))
  if (missing.length > 0) problems.push(`missing ${missing.map((n) => `'${n}'`).join(', ')}`)
  if (unknown.length > 0) problems.push(`not inputs of this model: ${unknown.map((n) => `'${n}'`).join(', ')}`)
  for (const spec of inputs) {
    const feed = feeds[spec.name]
    if (!feed || spec.type === 'non-tensor') continue
    if (feed.type !== spec.type) problems.push(`'${spec.name}' is ${feed.type}, expected ${spec.type}`)
    // onnxruntime reports an unknown shape as [] (same as a scalar): nothing to check then
    else if (spec.shape.length > 0 && !shapeFits(spec.shape, feed.dims)) problems.push(`'${spec.name}' has shape [${feed.dims.join(', ')}], expected [${spec.shape.join(', ')}]`)
  }
  if (problems.length === 0) return undefined
  return `${problems.join('; ')}. The model expects ${inputs.map(describeSpec).join(', ')}.`
}
