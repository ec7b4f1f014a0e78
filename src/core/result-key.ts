/** Separator of key parts, as vitest prints full test names. */
export const KEY_SEPARATOR = ' › '

/**
 * The identity of a result inside its bench file: suite › test › result name. Baselines, the
 * worker gate and the report all key results with this one function, so they always agree.
 */
export function entryKey(suite: readonly string[], test: string, name: string): string {
  return [...suite, test, name].join(KEY_SEPARATOR)
}
