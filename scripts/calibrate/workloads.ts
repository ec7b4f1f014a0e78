/**
 * Workloads of the paired calibrations (`paired.ts` in one process, `ab.ts` across two): a pure-JS
 * loop, an onnxruntime-node session and a transformers.js pipeline, each made slower by a known
 * fraction of its own cost.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import ort from 'onnxruntime-node'
import { loadOnnx, loadPipeline, modelsDir } from '../../src/index.js'
import { busyWait } from '../../benches/support/busy.js'

/** A function to measure, made slower by `fraction` of its own cost. */
export interface Workload {
  name: string
  make(fraction: number): () => unknown
}

/** A fixed amount of integer work (speed-sensitive, unlike a busy-wait on the clock). */
function compute(iterations: number): number {
  let x = 1
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0
  return x
}

export function jsWorkload(): Workload {
  const iterations = 150_000
  return { name: 'pure-JS loop', make: (fraction) => () => compute(Math.round(iterations * (1 + fraction))) }
}

/** An async call made slower by spinning for `fraction` of its own time: head/base is exactly 1 + fraction, however fast the machine runs at that moment. */
function slowedBy(call: () => Promise<unknown>): (fraction: number) => () => Promise<unknown> {
  return (fraction) => async () => {
    const start = performance.now()
    const out = await call()
    if (fraction > 0) busyWait((performance.now() - start) * fraction)
    return out
  }
}

function missing(file: string | undefined, what: string): string {
  return `${what} skipped: ${file ?? 'ML_BENCH_MODELS_DIR'} not found (set ML_BENCH_MODELS_DIR to the shared models folder)`
}

/** digits-mlp, batch 8, one intra-op thread; a string saying why when the model is not there. */
export async function onnxWorkload(): Promise<Workload | string> {
  const dir = modelsDir()
  const file = dir === undefined ? undefined : path.join(dir, 'digits-mlp', 'model.onnx')
  if (file === undefined || !existsSync(file)) return missing(file, 'onnx workload')
  const session = await loadOnnx(file, { intraOpNumThreads: 1 })
  const feeds = { input: new ort.Tensor('float32', new Float32Array(8 * 64).fill(3), [8, 64]) }
  return { name: 'onnxruntime digits-mlp batch 8', make: slowedBy(() => session.run(feeds)) }
}

/** The distilbert-sst2-tiny text-classification pipeline on one sentence; a string saying why when the model is not there. */
export async function pipelineWorkload(): Promise<Workload | string> {
  const dir = modelsDir()
  if (dir === undefined || !existsSync(path.join(dir, 'distilbert-sst2-tiny'))) return missing(dir && path.join(dir, 'distilbert-sst2-tiny'), 'pipeline workload')
  const classify = await loadPipeline('text-classification', 'distilbert-sst2-tiny', { intraOpNumThreads: 1 })
  return { name: 'transformers.js distilbert-sst2-tiny, one sentence', make: slowedBy(() => classify('a gripping, beautifully made film')) }
}

/** The workloads named (js, onnx, pipeline); missing models are reported through `log` and skipped. */
export async function workloadsNamed(names: readonly string[], log: (line: string) => void): Promise<Workload[]> {
  const out: Workload[] = []
  for (const name of names) {
    const w = name === 'js' ? jsWorkload() : name === 'onnx' ? await onnxWorkload() : name === 'pipeline' ? await pipelineWorkload() : undefined
    if (w === undefined) throw new Error(`unknown workload "${name}" (js, onnx, pipeline)`)
    if (typeof w === 'string') log(w)
    else out.push(w)
  }
  return out
}
