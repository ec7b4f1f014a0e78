/**
 * One run of the between-run calibration, in its own process as a CI run would be: probes the
 * machine, measures one workload with benchmark(), probes again (as the reporter does at a run's
 * end) and prints what a baseline keeps of the result with the probes (one JSON line on stdout).
 *
 *   npx tsx scripts/calibrate/between-runs-child.ts <js|onnx> <slowdown> <time ms>
 */
import ort from 'onnxruntime-node'
import { busyWait } from '../../benches/support/busy.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { benchmark, buildMatMulModel, loadOnnx } from '../../src/index.js'
import { probeHistory, probeMachine } from '../../src/measure/machine.js'
import type { ProbeTimes } from '../../src/gate/environment.js'

/** What one run prints: what a baseline keeps of its result, and the run's probes. */
export interface ChildRun {
  entry: ReturnType<typeof baselineEntryOf>
  probes: ProbeTimes[]
}

const [workload = 'js', slowdownArg = '0', timeArg = '500'] = process.argv.slice(2)
const slowdown = Number(slowdownArg)
const time = Number(timeArg)

/** A fixed amount of integer work (speed-sensitive, unlike a busy-wait on the clock), ≈ 0.3 ms. */
function compute(iterations: number): number {
  let x = 1
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0
  return x
}

async function measure(): Promise<unknown> {
  if (workload === 'js') {
    const iterations = Math.round(300_000 * (1 + slowdown))
    return benchmark('js compute', () => compute(iterations), { time, record: false })
  }
  const session = await loadOnnx(buildMatMulModel({ size: 256, layers: 4 }), { intraOpNumThreads: 1 })
  const feeds = { input: new ort.Tensor('float32', new Float32Array(8 * 256).fill(0.5), [8, 256]) }
  // the added cost is CPU work proportional to the call's own median, measured first
  const times: number[] = []
  for (let i = 0; i < 100; i++) {
    const t = performance.now()
    await session.run(feeds)
    times.push(performance.now() - t)
  }
  const extra = (times.sort((a, b) => a - b)[50] as number) * slowdown
  return benchmark(
    'onnx matmul 256×4, batch 8',
    async () => {
      const out = await session.run(feeds)
      if (extra > 0) busyWait(extra)
      return out
    },
    { time, record: false },
  )
}

await probeMachine()
const result = await measure()
// the run's end probe, as the reporter takes one: with the first, the run's machine drift
await probeMachine()
const run: ChildRun = { entry: baselineEntryOf(result as Parameters<typeof baselineEntryOf>[0]), probes: [...probeHistory()] }
process.stdout.write(`${JSON.stringify(run)}\n`)
