import { Bench } from 'tinybench'
import { benchmark } from '../../src/index.js'
import { mean } from '../../src/analyse/stats.js'

/** Per-call cost of one measuring method on one workload. */
export interface OverheadRow {
  workload: string
  method: 'bare performance.now() loop' | 'tinybench' | 'benchmark()'
  /** Mean of the timed samples, ms. */
  sampleMeanMs: number
  /**
   * Marginal real time per measured call (loop, hooks, sampling), ms: the slope between a run of
   * the budget and one of three times the budget, so fixed costs do not leak into it.
   */
  wallPerCallMs: number
  /** Fixed real time per run (analysis such as the bootstrap, set-up, reporting), ms. */
  fixedMs: number
}

interface Run {
  sampleMeanMs: number
  wallMs: number
  calls: number
}

/** A bare timing loop: the floor every harness is compared with. */
function bareLoop(fn: () => unknown, budgetMs: number): Run {
  const samples: number[] = []
  const start = performance.now()
  while (performance.now() - start < budgetMs) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  return { sampleMeanMs: mean(samples), wallMs: performance.now() - start, calls: samples.length }
}

async function tinybenchRun(workload: string, fn: () => unknown, budgetMs: number): Promise<Run> {
  const bench = new Bench({ time: budgetMs, warmup: false, iterations: 1 })
  bench.add(workload, fn)
  const start = performance.now()
  const [task] = await bench.run()
  const wallMs = performance.now() - start
  const result = task?.result
  if (!result || !('latency' in result)) throw new Error(`tinybench did not complete ${workload}`)
  return { sampleMeanMs: result.latency.mean, wallMs, calls: task?.runs ?? 0 }
}

async function benchmarkRun(workload: string, fn: () => unknown, budgetMs: number): Promise<Run> {
  const r = await benchmark(workload, fn, { time: budgetMs, warmup: false, targetRme: 1, record: false })
  // + 1: the first call, which the wall time includes
  return { sampleMeanMs: r.latency.mean, wallMs: r.wallTimeMs, calls: r.iterations + 1 }
}

function row(workload: string, method: OverheadRow['method'], short: Run, long: Run): OverheadRow {
  const wallPerCallMs = (long.wallMs - short.wallMs) / (long.calls - short.calls)
  return { workload, method, sampleMeanMs: long.sampleMeanMs, wallPerCallMs, fixedMs: Math.max(0, short.wallMs - short.calls * wallPerCallMs) }
}

/** Measures `fn` three ways in one run, each at `budgetMs` and 3 × `budgetMs`. */
export async function measureOverhead(workload: string, fn: () => unknown, budgetMs: number): Promise<OverheadRow[]> {
  bareLoop(fn, 100) // warm-up for the JIT, shared by all three
  return [
    row(workload, 'bare performance.now() loop', bareLoop(fn, budgetMs), bareLoop(fn, 3 * budgetMs)),
    row(workload, 'tinybench', await tinybenchRun(workload, fn, budgetMs), await tinybenchRun(workload, fn, 3 * budgetMs)),
    row(workload, 'benchmark()', await benchmarkRun(workload, fn, budgetMs), await benchmarkRun(workload, fn, 3 * budgetMs)),
  ]
}
