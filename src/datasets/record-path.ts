/**
 * The value at `path` in a record: an own key first (so a column named 'a.b' works), else a dotted
 * path through objects and arrays ('meta.text', 'pixels.0'). Undefined when any step is missing.
 */
export function getPath(record: unknown, path: string): unknown {
  if (!isObject(record)) return undefined
  if (Object.hasOwn(record, path)) return record[path]
  let value: unknown = record
  for (const part of path.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, part)) return undefined
    value = value[part]
  }
  return value
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
