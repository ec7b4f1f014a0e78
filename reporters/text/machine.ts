/** The words of the machine-speed sentinel's record of a run. */
import { formatDuration, formatPercent } from '../../src/core/units.js'
import type { MachineSummary } from '../../src/gate/results-json.js'

function range(values: number[]): string {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return lo === hi ? formatDuration(lo) : `${formatDuration(lo)}–${formatDuration(hi)}`
}

/**
 * 'speed probe: JS loop 2.21–2.30 ms, onnxruntime MatMul 19.1–33.4 µs over 12 probes (each bench
 * file's start and the run's end); load average up to 1.6, CPU steal 0%, cgroup throttling –'.
 */
export function machineText(m: MachineSummary): string {
  const ort = m.probes.flatMap((p) => (p.probeOrtMs === null ? [] : [p.probeOrtMs]))
  const share = (v: number | null) => (v === null ? '–' : formatPercent(v))
  const where = m.probes.some((p) => p.at === 'run end') ? "each bench file's start and the run's end" : "each bench file's start"
  return (
    `speed probe: JS loop ${range(m.probes.map((p) => p.probeJsMs))}${ort.length > 0 ? `, onnxruntime MatMul ${range(ort)}` : ''}` +
    ` over ${m.probes.length} probe${m.probes.length === 1 ? '' : 's'} (${where}); load average up to ${m.loadAverage.toFixed(1)},` +
    ` CPU steal ${share(m.stealShare)}, cgroup throttling ${share(m.throttledShare)}`
  )
}
