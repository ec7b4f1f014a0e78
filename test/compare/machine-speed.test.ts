import { describe, expect, test } from 'vitest'
import { compareToBaseline } from '../../src/gate/compare.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { machineDrift, machineSpeedShift } from '../../src/gate/environment.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import { cgroupCpuStatFrom } from '../../src/measure/cpu-limit.js'
import { machineState, probeMachine, stealCountersFrom } from '../../src/measure/machine.js'
import type { MachineState } from '../../src/results/env.js'
import { describeMetric } from '../../reporters/text/verdict.js'
import { machineText } from '../../reporters/text/machine.js'
import { machineSummary, type MachineSummary } from '../../src/gate/results-json.js'
import { correctness, latencySamples, syntheticBenchmark, syntheticClassification, TEST_ENV } from '../baseline/synthetic.js'

const machine = (probeJsMs: number, probeOrtMs: number | null = null, probeSpread = 0.01): MachineState => ({
  probeJsMs,
  probeOrtMs,
  probeSpread,
  probedAt: '2026-01-01T00:00:00.000Z',
  loadAverage: 0.5,
  stealShare: 0,
  throttledShare: null,
})
const entryOn = (m: MachineState | undefined, median = 2, seed = 1, packages: Record<string, string> = {}) =>
  baselineEntryOf(syntheticBenchmark('a', latencySamples(2000, median, seed), { env: { ...TEST_ENV, packages, ...(m ? { machine: m } : {}) } }))

describe('the machine-speed sentinel', () => {
  test('a machine 1.4× slower than when the baseline was recorded makes timings incomparable, with the ratio', () => {
    const c = compareToBaseline(entryOn(machine(2)), entryOn(machine(2.8), 2.8, 2), { thresholds: resolveThresholds() })
    expect(c.verdict).toBe('incomparable')
    expect(c.incomparableBecause).toEqual(['machine-speed'])
    const p50 = c.metrics.find((m) => m.metric === 'p50')
    expect(p50).toMatchObject({ verdict: 'incomparable', why: 'machine-speed', machineSpeedRatio: expect.closeTo(1.4, 10) })
    expect(describeMetric(p50 as never)).toMatch(/this machine ran the speed probe 1\.40× slower than when the baseline was recorded/)
  })

  test('a drift the tolerance absorbs (≤ half of it), or within the probe’s own noise, keeps timings comparable', () => {
    const thresholds = resolveThresholds({ runNoise: 0 })
    expect(machineSpeedShift(entryOn(machine(2)), entryOn(machine(2.08)), 0.1)).toBeUndefined() // +4 % < 5 %
    expect(machineSpeedShift(entryOn(machine(2)), entryOn(machine(2.2)), 0.1)).toBeCloseTo(1.1, 10) // +10 % > 5 %
    expect(machineSpeedShift(entryOn(machine(2, null, 0.05)), entryOn(machine(2.2, null, 0.05)), 0.1)).toBeUndefined() // 3 standard errors of 5 %
    expect(compareToBaseline(entryOn(machine(2)), entryOn(machine(2.08), 2, 2), { thresholds }).verdict).toBe('unchanged')
    // no probe on either side (a baseline recorded before the sentinel, a run outside the plugin): no judgement
    expect(machineSpeedShift(entryOn(undefined), entryOn(machine(3)), 0.1)).toBeUndefined()
  })

  test('a result that used onnxruntime-node is judged by the onnxruntime probe, which moves while pure JS stays put', () => {
    const ort = { 'onnxruntime-node': '1.30.0' }
    // the JS loop unchanged, the MatMul call 23 µs → 40 µs
    const base = entryOn(machine(2, 0.023), 2, 1, ort)
    const cur = entryOn(machine(2, 0.04), 2, 2, ort)
    expect(machineSpeedShift(base, cur, 0.1)).toBeCloseTo(0.04 / 0.023, 10)
    // without onnxruntime-node the JS probe decides: unchanged machine
    expect(machineSpeedShift(entryOn(machine(2, 0.023)), entryOn(machine(2, 0.04)), 0.1)).toBeUndefined()
  })

  test('probes of different MatMuls are never compared: the JS probe decides instead', () => {
    const ort = { 'onnxruntime-node': '1.30.0' }
    // a baseline from the first probe (128 wide, no model recorded) against today's 256-wide probe
    const base = entryOn(machine(2, 0.017), 2, 1, ort)
    const cur = entryOn({ ...machine(2, 0.027), probeOrtModel: 'matmul 256×4, batch 1' }, 2, 2, ort)
    expect(machineSpeedShift(base, cur, 0.1)).toBeUndefined()
    const same = (probeOrtMs: number) => entryOn({ ...machine(2, probeOrtMs), probeOrtModel: 'matmul 256×4, batch 1' }, 2, 1, ort)
    expect(machineSpeedShift(same(0.027), same(0.04), 0.1)).toBeCloseTo(0.04 / 0.027, 10)
  })

  test('a machine whose probes flipped speed within the run widens timing intervals: a 2× slowdown is inconclusive, not regressed', () => {
    const ort = { 'onnxruntime-node': '1.30.0' }
    // the CI run this reproduces: one probe per bench file, the MatMul call at 19.5 µs and at 46.8 µs
    const drift = machineDrift([0.0195, 0.0468, 0.021, 0.044].map((probeOrtMs) => ({ probeJsMs: 2.3, probeOrtMs })))
    expect(drift.ort).toBeCloseTo(Math.log(0.0468 / 0.0195) / 2, 12)
    expect(drift.js).toBe(0)
    const thresholds = resolveThresholds()
    const base = entryOn(machine(2.3, 0.021), 0.11, 1, ort)
    const cur = entryOn(machine(2.3, 0.021), 0.22, 2, ort)
    expect(compareToBaseline(base, cur, { thresholds }).verdict).toBe('regressed')
    const widened = compareToBaseline(base, cur, { thresholds, drift })
    expect(widened.verdict).toBe('inconclusive')
    const p50 = widened.metrics.find((m) => m.metric === 'p50') as never
    expect(describeMetric(p50)).toMatch(/the machine's speed moved ±55% during this run/)
    // pure JS results are judged by the JS probe, which did not move: still regressed
    expect(compareToBaseline(entryOn(machine(2.3)), entryOn(machine(2.3), 4, 2), { thresholds, drift }).verdict).toBe('regressed')
    // a steady machine (probes within 2 %) barely widens anything: a 2× slowdown still regresses
    const steady = machineDrift([0.021, 0.0214, 0.0211].map((probeOrtMs) => ({ probeJsMs: 2.3, probeOrtMs })))
    expect(compareToBaseline(base, cur, { thresholds, drift: steady }).verdict).toBe('regressed')
  })

  test('the drift is monotone: more probes never narrow it', () => {
    const probes = [2, 2.1, 1.9, 2.4].map((probeJsMs) => ({ probeJsMs, probeOrtMs: null }))
    for (let k = 1; k < probes.length; k++) expect(machineDrift(probes.slice(0, k + 1)).js).toBeGreaterThanOrEqual(machineDrift(probes.slice(0, k)).js)
    expect(machineDrift(probes.slice(0, 1))).toEqual({ js: 0, ort: 0 })
  })

  test('accuracy is unaffected by machine speed', async () => {
    const on = async (m: MachineState) => ({ ...(await syntheticClassification('clf', correctness(400, 60))), env: { ...TEST_ENV, machine: m } })
    const c = compareToBaseline(baselineEntryOf(await on(machine(2))), baselineEntryOf(await on(machine(4))), { thresholds: resolveThresholds() })
    expect(c.verdict).toBe('unchanged')
  })
})

describe('probing the machine', () => {
  test('the probe times a JS loop and a MatMul call; results then carry load, steal and throttling since the probe', async () => {
    const reading = await probeMachine()
    expect(reading.probeJsMs).toBeGreaterThan(0)
    expect(reading.probeOrtMs).toBeGreaterThan(0)
    expect(reading.probeOrtModel).toBe('matmul 256×4, batch 1')
    expect(reading.probeSpread).toBeGreaterThanOrEqual(0)
    const state = machineState()
    expect(state).toMatchObject({ probeJsMs: reading.probeJsMs, probedAt: reading.probedAt })
    expect(state?.loadAverage).toBeGreaterThanOrEqual(0)
    if (process.platform === 'linux') expect(state?.stealShare).not.toBeUndefined()
  })

  test('/proc/stat: steal is the 8th field of the cpu line; the first eight are the total', () => {
    expect(stealCountersFrom('cpu  100 5 50 800 10 2 3 30 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n')).toEqual({ steal: 30, total: 1000 })
    expect(stealCountersFrom('intr 1 2 3')).toBeUndefined()
    expect(stealCountersFrom(undefined)).toBeUndefined()
  })

  test('cgroup cpu.stat: periods and throttled periods of the innermost cgroup that has them (v2 and v1)', () => {
    const files: Record<string, string> = {
      '/sys/fs/cgroup/ci/job/cpu.stat': 'usage_usec 100\nnr_periods 200\nnr_throttled 50\nthrottled_usec 9000\n',
      '/sys/fs/cgroup/cpu/docker/abc/cpu.stat': 'nr_periods 10\nnr_throttled 1\nthrottled_time 5\n',
    }
    const read = (p: string) => files[p]
    expect(cgroupCpuStatFrom('0::/ci/job\n', read)).toEqual({ periods: 200, throttled: 50 })
    expect(cgroupCpuStatFrom('4:cpu,cpuacct:/docker/abc\n', read)).toEqual({ periods: 10, throttled: 1 })
    // no limit: the kernel counts no periods
    expect(cgroupCpuStatFrom('0::/\n', () => 'nr_periods 0\nnr_throttled 0\n')).toBeUndefined()
  })
})

describe('the machine over a run (results.json, console, summary, report)', () => {
  test('one probe per bench file (results of a file share it) and the run end; the busiest load any result saw', () => {
    const a = { ...machine(2.2, 0.019), probedAt: '2026-01-01T00:00:01.000Z', loadAverage: 1.2, stealShare: 0.01 }
    const b = { ...machine(2.3, 0.033), probedAt: '2026-01-01T00:00:09.000Z', loadAverage: 1.9, stealShare: 0 }
    const end = { probedAt: '2026-01-01T00:00:20.000Z', probeJsMs: 2.25, probeOrtMs: 0.02, at: 'run end' as const }
    const summary = machineSummary([a, a, undefined, b], [end])
    expect(summary?.probes.map((p) => [p.at, p.probeJsMs])).toEqual([
      ['bench file', 2.2],
      ['bench file', 2.3],
      ['run end', 2.25],
    ])
    expect(summary).toMatchObject({ loadAverage: 1.9, stealShare: 0.01, throttledShare: null })
    expect(machineText(summary as MachineSummary)).toBe(
      "speed probe: JS loop 2.20 ms–2.30 ms, onnxruntime MatMul 19.0 µs–33.0 µs over 3 probes (each bench file's start and the run's end); load average up to 1.9, CPU steal 1%, cgroup throttling –",
    )
    expect(machineSummary([undefined], [])).toBeUndefined()
  })
})
