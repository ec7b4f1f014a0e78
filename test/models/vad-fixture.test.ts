import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import type { VadLabels } from '../../benches/fixtures/vad/generate.js'
import { synthesiseSpeechLike } from '../../benches/fixtures/vad/synth.js'
import { decodeWav, encodeWav } from '../../benches/fixtures/vad/wav.js'

const fixture = (name: string) => new URL(`../../benches/fixtures/vad/${name}`, import.meta.url)
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('the committed VAD fixture', () => {
  test('is exactly what the generator makes (regenerate both files after changing it)', async () => {
    const audio = synthesiseSpeechLike()
    const committed = await readFile(fixture('speech-like.wav'))
    expect(sha256(encodeWav(audio.samples, audio.sampleRate))).toBe(sha256(committed))
    const labels = JSON.parse(await readFile(fixture('speech-like.labels.json'), 'utf8')) as VadLabels
    expect(labels.segments.map(({ kind, start, end }) => ({ kind, start, end }))).toEqual(audio.segments)
    expect(committed.byteLength).toBeLessThan(500_000)
  })

  test('alternates labelled speech and non-speech, covering the clip without gaps', () => {
    const { segments, samples } = synthesiseSpeechLike()
    expect(segments[0]?.start).toBe(0)
    expect(segments.at(-1)?.end).toBe(samples.length)
    segments.slice(1).forEach((s, i) => {
      expect(s.start).toBe(segments[i]?.end)
      expect(s.kind).not.toBe(segments[i]?.kind)
    })
  })
})

describe('WAV encoding', () => {
  test('round-trips 16-bit PCM within one quantisation step, with the canonical header', () => {
    const samples = Float32Array.of(0, 0.5, -0.5, 1, -1, 0.25)
    const bytes = encodeWav(samples, 16_000)
    expect(bytes.byteLength).toBe(44 + 2 * samples.length)
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF')
    const decoded = decodeWav(bytes)
    expect(decoded.sampleRate).toBe(16_000)
    decoded.samples.forEach((s, i) => expect(Math.abs(s - (samples[i] as number))).toBeLessThanOrEqual(1 / 32768))
  })

  test('anything but 16-bit PCM mono is refused with what was expected', () => {
    const stereo = encodeWav(new Float32Array(4), 16_000)
    new DataView(stereo.buffer).setUint16(22, 2, true)
    expect(() => decodeWav(stereo, 'a.wav')).toThrow('a.wav: expected 16-bit PCM mono, got 16-bit, 2 channel(s).')
    expect(() => decodeWav(new Uint8Array(12), 'b.wav')).toThrow('b.wav: not a RIFF/WAVE file.')
  })
})
