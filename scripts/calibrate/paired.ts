/**
 * Calibration of the in-process paired measurement (`benchmarkPair`): how often unchanged code
 * (A/A) is called `regressed` and how often a true slowdown is caught, for a pure-JS function and an
 * onnxruntime-node session, next to the sequential design it replaces (one `benchmark()` of each
 * side after the other in the time the pair took, judged by the within-run Mann–Whitney ratio test
 * at the same tolerance and alpha: what `compareModels` did before). With `--noise`, `scripts/noise.ts` runs in its own process for the whole
 * measurement (random 50–500 ms CPU bursts on both cores).
 *
 *   npx tsx scripts/calibrate/paired.ts [--runs 50] [--noise] [--slowdowns 0,0.1] [--workloads js,onnx] [--json out.json]
 */
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import ort from 'onnxruntime-node'
import { ratioOfMediansTests } from '../../src/analyse/change.js'
import { decideVerdict, verdictPValues, type PairedVerdict } from '../../src/analyse/paired.js'
import { mean, standardDeviation as sd } from '../../src/analyse/stats.js'
import { benchmark, benchmarkPair } from '../../src/index.js'
import { workloadsNamed, type Workload } from './workloads.js'
import { invokedDirectly } from '../invoked-directly.js'

/** Verdict counts of one cell. */
export interface PairedCell {
  workload: string
  noise: boolean
  slowdown: number
  runs: number
  paired: Record<PairedVerdict, number>
  /** Mean time a paired measurement took, ms. */
  pairedMeanMs: number
  sequential: Record<PairedVerdict, number>
  /** Mean estimated ratio: paired, sequential. */
  pairedRatioMean: number
  sequentialRatioMean: number
  /** Spread (SD) of the estimated ratio: paired, sequential. */
  pairedRatioSd: number
  sequentialRatioSd: number
}

const TOLERANCE = 0.05
const ALPHA = 0.01


/** One cell: `runs` paired and sequential measurements of the workload against itself slowed by `slowdown`. */
async function cell(w: Workload, slowdown: number, runs: number, noise: boolean, log: (line: string) => void): Promise<PairedCell> {
  const empty = (): Record<PairedVerdict, number> => ({ regressed: 0, improved: 0, unchanged: 0, inconclusive: 0 })
  const out: PairedCell = { workload: w.name, noise, slowdown, runs, paired: empty(), pairedMeanMs: 0, sequential: empty(), pairedRatioMean: 0, sequentialRatioMean: 0, pairedRatioSd: 0, sequentialRatioSd: 0 }
  const base = w.make(0)
  const head = w.make(slowdown)
  const pairedRatios: number[] = []
  const sequentialRatios: number[] = []
  for (let r = 0; r < runs; r++) {
    const pair = await benchmarkPair('calibration', { base, head }, { tolerance: TOLERANCE, alpha: ALPHA, seed: r + 1, record: false })
    out.paired[pair.verdict]++
    out.pairedMeanMs += pair.elapsedMs / runs
    pairedRatios.push(pair.ratio)
    // the sequential design in the same time: one benchmark() after the other, a within-run test of the two samples
    const half = pair.elapsedMs / 2
    const sequential = { record: false, memory: false, time: 0.8 * half, maxTime: half }
    const a = await benchmark('base', base, sequential)
    const b = await benchmark('head', head, sequential)
    const tests = ratioOfMediansTests(b.samples, a.samples)
    out.sequential[decideVerdict(verdictPValues(tests, TOLERANCE), ALPHA)]++
    sequentialRatios.push(1 + tests.estimate)
    if ((r + 1) % 10 === 0) log(`  ${w.name} +${slowdown * 100}%: ${r + 1}/${runs} runs`)
  }
  out.pairedRatioMean = mean(pairedRatios)
  out.sequentialRatioMean = mean(sequentialRatios)
  out.pairedRatioSd = sd(pairedRatios)
  out.sequentialRatioSd = sd(sequentialRatios)
  return out
}

/** Runs the noise injector in its own process until the returned function is called. */
function startNoiseProcess(seconds: number): () => void {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'noise.ts'), '--seconds', String(seconds)], { stdio: 'ignore' })
  return () => {
    child.kill('SIGTERM')
  }
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`

/** The cells as a Markdown table. */
export function pairedMarkdown(cells: readonly PairedCell[]): string {
  const rows = cells.map((c) =>
    [
      c.workload,
      c.noise ? 'on' : 'off',
      c.slowdown === 0 ? 'A/A' : `+${c.slowdown * 100} %`,
      String(c.runs),
      pct(c.paired.regressed, c.runs),
      `${pct(c.paired.unchanged, c.runs)} / ${pct(c.paired.inconclusive, c.runs)}`,
      `${(c.pairedMeanMs / 1000).toFixed(1)} s`,
      `${c.pairedRatioMean.toFixed(3)} ± ${c.pairedRatioSd.toFixed(3)}`,
      pct(c.sequential.regressed, c.runs),
      `${pct(c.sequential.unchanged, c.runs)} / ${pct(c.sequential.inconclusive, c.runs)}`,
      `${c.sequentialRatioMean.toFixed(3)} ± ${c.sequentialRatioSd.toFixed(3)}`,
    ].join(' | '),
  )
  return [
    '| workload | noise | change | runs | paired regressed | paired unchanged / inconclusive | paired time | paired ratio (mean ± SD) | sequential regressed | sequential unchanged / inconclusive | sequential ratio (mean ± SD) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n')
}

if (invokedDirectly(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '50' },
      noise: { type: 'boolean', default: false },
      slowdowns: { type: 'string', default: '0,0.1' },
      workloads: { type: 'string', default: 'js,onnx' },
      json: { type: 'string' },
    },
  })
  const runs = Number(values.runs)
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a positive whole number, got ${values.runs}`)
  const slowdowns = values.slowdowns.split(',').map(Number)
  const workloads = await workloadsNamed(values.workloads.split(','), (line) => console.log(line))
  const started = performance.now()
  console.log(`paired calibration: ${runs} runs per cell, noise ${values.noise ? 'on' : 'off'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  // bounded even if this process is killed: a paired and a sequential run take at most 2 × 10 s
  const stopNoise = values.noise ? startNoiseProcess(workloads.length * slowdowns.length * runs * 20 + 60) : () => undefined
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopNoise()
      process.exit(130)
    })
  }
  const cells: PairedCell[] = []
  try {
    for (const w of workloads) for (const s of slowdowns) cells.push(await cell(w, s, runs, values.noise, (line) => console.log(line)))
  } finally {
    stopNoise()
  }
  console.log(`\n${pairedMarkdown(cells)}\n\ntook ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (values.json) writeFileSync(values.json, `${JSON.stringify(cells, null, 2)}\n`)
}
