import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { digestSubject } from './digest-manifest.js'

/** Size and SHA-256 of a set of model files. */
export interface FileDigest {
  /** Relative paths, sorted, comma-separated. */
  files: string
  /** Total bytes. */
  bytes: number
  /** The single file's SHA-256, or that of the sorted `sha256sum`-style manifest of several. */
  sha256: string
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  // streamed: model files can be gigabytes
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** SHA-256 (hex) of bytes held in memory. */
export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Hashes the files `relativePaths` under `base` by the rule of {@link digestSubject}. */
export async function digestFiles(base: string, relativePaths: readonly string[]): Promise<FileDigest> {
  if (relativePaths.length === 0) throw new RangeError('digestFiles: no files to hash.')
  const sorted = [...new Set(relativePaths)].sort()
  const entries = await Promise.all(
    sorted.map(async (rel) => {
      const file = path.join(base, rel)
      const [info, sha256] = await Promise.all([stat(file), sha256OfFile(file)])
      return { rel, bytes: info.size, sha256 }
    }),
  )
  const bytes = entries.reduce((sum, e) => sum + e.bytes, 0)
  const subject = digestSubject(entries)
  const sha256 = 'single' in subject ? subject.single : createHash('sha256').update(subject.manifest).digest('hex')
  return { files: sorted.join(','), bytes, sha256 }
}
