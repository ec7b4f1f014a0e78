import { Bench } from 'tinybench'
import { benchmark } from '../../src/index.js'
import { mean } from '../../src/analyse/stats.js'
import type { OverheadRow } from '../../reporters/calibration-json.js'

interface Run {
  sampleMeanMs: number
  wallMs: number
  calls: number
}

/** A bare timing loop of `calls` calls: the floor every harness is compared with. */
function bareLoop(fn: () => unknown, calls: number): Run {
  const samples = new Array<number>(calls)
  const start = performance.now()
  for (let i = 0; i < calls; i++) {
    const t = performance.now()
    fn()
    samples[i] = performance.now() - t
  }
  return { sampleMeanMs: mean(samples), wallMs: performance.now() - start, calls }
}

async function tinybenchRun(workload: string, fn: () => unknown, calls: number): Promise<Run> {
  const bench = new Bench({ time: 0, warmup: false, iterations: calls })
  bench.add(workload, fn)
  const start = performance.now()
  const [task] = await bench.run()
  const wallMs = performance.now() - start
  const result = task?.result
  if (!result || !('latency' in result)) throw new Error(`tinybench did not complete ${workload}`)
  return { sampleMeanMs: result.latency.mean, wallMs, calls: task?.runs ?? 0 }
}

async function benchmarkRun(workload: string, fn: () => unknown, calls: number): Promise<Run> {
  const r = await benchmark(workload, fn, { iterations: calls, maxIterations: calls, time: 0, warmup: false, targetRme: 1, record: false })
  // + 1: the first call, which the wall time includes
  return { sampleMeanMs: r.latency.mean, wallMs: r.wallTimeMs, calls: r.iterations + 1 }
}

function row(workload: string, method: OverheadRow['method'], short: Run, long: Run): OverheadRow {
  const wallPerCallMs = (long.wallMs - short.wallMs) / (long.calls - short.calls)
  return { workload, method, sampleMeanMs: long.sampleMeanMs, wallPerCallMs, fixedMs: Math.max(0, short.wallMs - short.calls * wallPerCallMs) }
}

/** Measures `fn` three ways in one run, each with `calls` and 3 × `calls` calls. */
export async function measureOverhead(workload: string, fn: () => unknown, calls: number): Promise<OverheadRow[]> {
  bareLoop(fn, calls) // warm-up for the JIT, shared by all three
  return [
    row(workload, 'bare performance.now() loop', bareLoop(fn, calls), bareLoop(fn, 3 * calls)),
    row(workload, 'tinybench', await tinybenchRun(workload, fn, calls), await tinybenchRun(workload, fn, 3 * calls)),
    row(workload, 'benchmark()', await benchmarkRun(workload, fn, calls), await benchmarkRun(workload, fn, 3 * calls)),
  ]
}
