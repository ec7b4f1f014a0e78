/**
 * Calibration of the A/B gate across processes, as `vitest-ml-bench ab` runs it: two child
 * processes (base and head), each holding its own copy of the workload, coordinated over the same
 * socket protocol and coordinator; the head made slower by a known fraction. Per cell: how often
 * the p50 verdict (paired slices, tolerance 5 %, alpha 0.01, the default 10 s budget) says
 * regressed, unchanged, improved or inconclusive, how long a measurement took, and the spread of
 * the estimated ratio. With --noise the noise injector runs on both cores for the whole cell.
 *
 *   npx tsx scripts/calibrate/ab.ts [--runs 100] [--noise] [--changes 0,0.02,0.1] [--workloads js,onnx,pipeline] [--cpus all] [--json out.json]
 *
 * Both sides are pinned to one CPU as `vitest-ml-bench ab` pins them (`--cpus all`: free to run anywhere).
 *
 * `npm run calibrate` runs it too (its A/B section).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { PairedVerdict } from '../../src/analyse/paired.js'
import { pairedMetric } from '../../src/gate/ab.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import { mean, standardDeviation } from '../../src/analyse/stats.js'
import { Coordinator } from '../../src/ab/coordinator.js'
import { onCpus, placeSides } from '../../src/ab/cpus.js'
import { startNoise } from '../noise.js'
import { invokedDirectly } from '../invoked-directly.js'
import type { AbRow } from '../../reporters/calibration-json.js'
import { abTable, markdownTable } from '../../reporters/calibration-tables.js'

const TOLERANCE = 0.05
const ALPHA = 0.01
const CHILD = path.join(import.meta.dirname, 'ab-child.ts')
/** A child's exit code when its workload cannot run here. */
export const SKIPPED = 3

function runChild(args: readonly string[], cpus: string | null): Promise<number | null> {
  const child = spawn(...onCpus(cpus, process.execPath, ['--import', 'tsx', CHILD, ...args]), { stdio: ['ignore', 'ignore', 'inherit'] })
  return new Promise((resolve) => child.once('exit', resolve))
}

/**
 * `runs` paired measurements of the workload against itself made slower by `change`, from
 * `processes` fresh pairs of processes (runs split evenly): a process's own speed — its JIT code
 * layout, its onnxruntime session — is part of what an A/B run's two sides differ by, so the runs
 * must sample it too, not reuse one draw.
 */
export async function abCell(workload: string, change: number, runs: number, noise: boolean, placement = placeSides(undefined), processes = Math.min(10, runs)): Promise<AbRow | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ab-calibration-'))
  const socket = path.join(dir, 'c.sock')
  const coordinator = new Coordinator({ tolerance: TOLERANCE, alpha: ALPHA })
  await coordinator.listen(socket)
  const injector = noise ? startNoise({ durationMs: 4 * 3600_000, cores: 2, seed: 11 }) : undefined
  try {
    for (let p = 0; p < processes; p++) {
      const share = String(Math.floor(runs / processes) + (p < runs % processes ? 1 : 0))
      const codes = await Promise.all([
        runChild([socket, 'base', workload, '0', share, String(p)], placement.cpus),
        runChild([socket, 'head', workload, String(change), share, String(p)], placement.cpus),
      ])
      // both sides exit 3 when the workload's model is missing (they said why on stderr)
      if (codes.every((c) => c === SKIPPED)) return undefined
      if (codes.some((c) => c !== 0)) throw new Error(`ab calibration: a side of ${workload} exited with ${codes.join(', ')}`)
    }
  } finally {
    await injector?.stop()
    await coordinator.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const verdicts: Record<PairedVerdict, number> = { regressed: 0, improved: 0, unchanged: 0, inconclusive: 0 }
  const times: number[] = []
  const ratios: number[] = []
  // as the gate judges them (src/gate/ab.ts): onnxruntime workloads whose sides were not pinned to
  // the same CPU get the between-process noise it allows them (default runNoise)
  const processNoise = workload === 'js' || placement.cpus !== null ? 0 : resolveThresholds().runNoise
  for (const o of coordinator.outcomes) {
    if (!o.paired) continue
    // the gate's own judgement of a paired p50 (src/gate/ab.ts), one metric: no false-discovery control to apply
    const m = pairedMetric('p50', 'p50', { file: '', key: o.key, outcome: o.outcome, tolerance: TOLERANCE }, 1, 1, ALPHA, processNoise)
    if (m) verdicts[m.verdict as PairedVerdict]++
    times.push(o.outcome.elapsedMs)
    ratios.push(o.outcome.analysis.ratio)
  }
  const n = times.length
  return {
    workload,
    noise,
    cpus: placement.cpus ?? 'any',
    change,
    runs: n,
    verdicts: Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, n === 0 ? 0 : v / n])) as Record<PairedVerdict, number>,
    meanMs: n === 0 ? 0 : mean(times),
    maxMs: n === 0 ? 0 : Math.max(...times),
    ratioMean: n === 0 ? Number.NaN : mean(ratios),
    ratioSd: n < 2 ? Number.NaN : standardDeviation(ratios),
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`

if (invokedDirectly(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100' },
      noise: { type: 'boolean', default: false },
      changes: { type: 'string', default: '0,0.02,0.1' },
      workloads: { type: 'string', default: 'js,onnx,pipeline' },
      cpus: { type: 'string' },
      json: { type: 'string' },
    },
  })
  const runs = Number(values.runs)
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a positive whole number, got ${values.runs}`)
  const started = performance.now()
  const placement = placeSides(values.cpus)
  console.log(`A/B calibration across processes: ${runs} runs per cell, noise ${values.noise ? 'on' : 'off'}, ${placement.note}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  const cells: AbRow[] = []
  for (const workload of values.workloads.split(',')) {
    for (const change of values.changes.split(',').map(Number)) {
      const cell = await abCell(workload, change, runs, values.noise, placement)
      if (!cell) break
      cells.push(cell)
      console.log(`  ${workload} ${change === 0 ? 'A/A' : `+${change * 100} %`}: regressed ${pct(cell.verdicts.regressed)}, unchanged ${pct(cell.verdicts.unchanged)}, ${(cell.meanMs / 1000).toFixed(1)} s a run`)
    }
  }
  console.log(`\n${markdownTable(abTable(cells))}\n\ntook ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (values.json) writeFileSync(values.json, `${JSON.stringify(cells, null, 2)}\n`)
}
