/**
 * `loadOnnx` in a browser page (the browser twin of `onnx.ts`): onnxruntime-node is a native Node
 * addon and cannot load in a page, so calling it says what to use instead.
 */
import type { LoadOnnxOptions, OnnxModel } from './onnx.js'

/** Refuses, naming the browser's loader: a page runs models through `loadPipeline` on onnxruntime-web. */
export async function loadOnnx<I extends string = string, O extends string = string>(
  source: string | Uint8Array,
  _options: LoadOnnxOptions = {},
): Promise<OnnxModel<I, O>> {
  const what = `loadOnnx(${typeof source === 'string' ? JSON.stringify(source) : 'bytes'})`
  throw new Error(
    `${what}: loadOnnx runs onnxruntime-node, which exists only in Node. In a browser page, load a transformers.js model folder with loadPipeline(task, model, { device: 'wasm' | 'webgpu' }), or keep this bench in a Node project.`,
  )
}
