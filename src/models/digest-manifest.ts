/** The one rule for a model's SHA-256 over several files, shared by Node (`file-digest.ts`) and browser pages. */

/** One hashed file: its path relative to the model folder, size and SHA-256 (hex). */
export interface HashedFile {
  rel: string
  bytes: number
  sha256: string
}

/**
 * What a model's SHA-256 is computed over: one file's hash is the file's own (what `sha256sum`
 * prints, returned as `{ single }`); several files hash as the manifest `<hash>  <path>\n` sorted
 * by path, so the digest changes when any file or name changes.
 */
export function digestSubject(entries: readonly HashedFile[]): { single: string } | { manifest: string } {
  const sorted = [...entries].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
  if (sorted.length === 1) return { single: sorted[0]!.sha256 }
  return { manifest: sorted.map((e) => `${e.sha256}  ${e.rel}\n`).join('') }
}
