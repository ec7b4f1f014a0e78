/**
 * Compact text encodings for per-example data kept in baseline files: correctness as a bitset and
 * absolute errors as float32, both base64. A 10,000-example evaluation costs 1.7 KB of bits
 * instead of 60 KB of `true,false,…`. Base64 through `btoa`/`atob`, not Node's Buffer: entries
 * are also built in browser pages.
 */

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // in chunks: String.fromCharCode takes its bytes as arguments
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Packs booleans into base64, eight per byte, least significant bit first. */
export function packBits(bits: readonly boolean[]): string {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8))
  for (let i = 0; i < bits.length; i++) if (bits[i]) bytes[i >> 3] = (bytes[i >> 3] as number) | (1 << (i & 7))
  return toBase64(bytes)
}

/** Inverse of {@link packBits}; `n` is the number of booleans packed. Throws when the text cannot hold them. */
export function unpackBits(base64: string, n: number): boolean[] {
  const bytes = fromBase64(base64)
  if (bytes.length !== Math.ceil(n / 8)) {
    throw new Error(`packed bits hold ${bytes.length} bytes but ${n} values need ${Math.ceil(n / 8)}`)
  }
  const out = new Array<boolean>(n)
  for (let i = 0; i < n; i++) out[i] = ((bytes[i >> 3] as number) & (1 << (i & 7))) !== 0
  return out
}

/** Packs numbers as little-endian float32 in base64 (about 7 significant digits are kept). */
export function packFloat32(values: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4))
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true)
  return toBase64(new Uint8Array(view.buffer))
}

/** Inverse of {@link packFloat32}. Throws when the byte length is not a multiple of 4. */
export function unpackFloat32(base64: string): number[] {
  const bytes = fromBase64(base64)
  if (bytes.length % 4 !== 0) throw new Error(`packed float32 data has ${bytes.length} bytes, not a multiple of 4`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Array<number>(bytes.length / 4)
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true)
  return out
}
