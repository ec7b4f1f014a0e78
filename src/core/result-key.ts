/** Separator of key parts, as vitest prints full test names. */
export const KEY_SEPARATOR = ' › '

/**
 * The identity of a result inside its bench file: suite › test › result name, and for a result
 * measured in a browser page the browser after the name ('… › sst2 one sentence (chromium)'), so
 * a bench file that runs in Node and in a browser keeps two baselines that are never compared.
 * Baselines, the worker gate and the report all key results with this one function, so they
 * always agree.
 */
export function entryKey(suite: readonly string[], test: string, name: string, runtime?: string): string {
  const label = runtime === undefined || runtime === 'node' ? name : `${name} (${runtime})`
  return [...suite, test, label].join(KEY_SEPARATOR)
}
