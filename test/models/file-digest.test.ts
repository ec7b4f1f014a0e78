import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { digestFiles, sha256OfBytes } from '../../src/models/file-digest.js'

// Reference values: FIPS 180-2 "abc" and empty-string vectors; the manifest hash was computed with
// `printf '<hash>  a\n<hash>  b/c\n' | sha256sum`.
const SHA_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const SHA_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const SHA_MANIFEST = '6eba35d7428180154eea7332bad049a6c0105a4bbd23c3a7542600305d2cbedb'

describe('digestFiles', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ml-bench-digest-'))
    await mkdir(path.join(dir, 'b'))
    await writeFile(path.join(dir, 'a'), 'abc')
    await writeFile(path.join(dir, 'b', 'c'), '')
  })

  test("one file hashes to the file's own SHA-256", async () => {
    expect(await digestFiles(dir, ['a'])).toEqual({ files: 'a', bytes: 3, sha256: SHA_ABC })
    expect(sha256OfBytes(new Uint8Array())).toBe(SHA_EMPTY)
  })

  test('several files hash as the sorted sha256sum manifest, whatever the order given', async () => {
    const digest = await digestFiles(dir, ['b/c', 'a', 'a'])
    expect(digest).toEqual({ files: 'a,b/c', bytes: 3, sha256: SHA_MANIFEST })
  })

  test('no files is an error', async () => {
    await expect(digestFiles(dir, [])).rejects.toThrow(/no files/)
  })
})
