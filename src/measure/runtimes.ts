/** The ML runtime packages in use, noted by the loaders; every later fingerprint lists them. */
const runtimes = new Map<string, string>()

/**
 * Notes that a runtime package is in use, so its version becomes part of every later result's
 * fingerprint. The model loaders call this; call it yourself for a runtime you load by hand.
 */
export function noteRuntime(name: string, version: string): void {
  runtimes.set(name, version)
}

/** The runtime packages noted so far, sorted by name. */
export function notedRuntimes(): Record<string, string> {
  return Object.fromEntries([...runtimes].sort(([a], [b]) => a.localeCompare(b)))
}
