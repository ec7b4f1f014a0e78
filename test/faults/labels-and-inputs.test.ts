/**
 * Finding 5 of issue 16: no silent wrong label, option or message. (The HTTP 3xx bullet is in
 * load-start.test.ts, the terminal bullet in cli-and-escaping.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { runBaselineGate } from '../../src/gate/gate-run.js'
import { planBaselineUpdate } from '../../src/gate/policy.js'
import { emptyBaselineFile, readBaselineFile } from '../../src/gate/store.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'
import { benchmark } from '../../src/measure/benchmark.js'
import { resolveDevice, verifiedDeviceName } from '../../src/measure/device.js'
import { evaluate } from '../../src/evaluate/evaluate.js'
import { loadTest } from '../../src/load/load-test.js'
import { cudaUnavailableReason, type ProviderEnvironment } from '../../src/models/execution-provider.js'
import { onnxruntimeProviderEnvironment } from '../../src/models/provider-environment.js'
import type { HasModelInfo, ModelMetadata } from '../../src/models/model-info.js'
import * as ort from 'onnxruntime-node'
import { latencySamples, syntheticBenchmark, syntheticClassification } from '../baseline/synthetic.js'

const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-labels-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const quick = { time: 20, iterations: 5, warmup: false, record: false } as const

describe("device: 'cuda' is a label only when the work can have run there", () => {
  const linux = (installed: boolean): ProviderEnvironment => ({
    platform: 'linux',
    arch: 'x64',
    backends: [{ name: 'cpu', bundled: true }, { name: 'cuda', bundled: false }],
    hasBinary: () => installed,
    binaryDir: '/ort/bin',
  })
  const model = (executionProvider: 'cpu' | 'cuda', fallbackReason: string | null = null): HasModelInfo => ({
    info: { id: 'mlp', executionProvider, requestedDevice: 'cuda', fallback: fallbackReason !== null, fallbackReason } as unknown as ModelMetadata,
  })
  const cuda = resolveDevice('cuda')

  test('no CUDA provider: refused, saying the function ran on the CPU (before: recorded as cuda)', async () => {
    await expect(verifiedDeviceName('benchmark "x"', cuda, [], async () => linux(false))).rejects.toThrow(
      /^benchmark "x": device 'cuda' was given, but the CUDA provider is not installed \(\/ort\/bin\/libonnxruntime_providers_cuda\.so is missing\), so the function ran on the CPU\. Use device: 'cpu'/,
    )
  })

  test('a model that fell back to the CPU: refused, naming it; a model on CUDA, or the provider installed: cuda', async () => {
    await expect(verifiedDeviceName('benchmark "x"', cuda, [{ model: model('cpu', 'no driver'), firstInference: true }], async () => linux(true))).rejects.toThrow(
      "the model it ran is not on CUDA (mlp on cpu (fallback: no driver))",
    )
    expect(await verifiedDeviceName('b', cuda, [{ model: model('cuda'), firstInference: true }], async () => linux(false))).toBe('cuda')
    expect(await verifiedDeviceName('b', cuda, [], async () => linux(true))).toBe('cuda')
    expect(await verifiedDeviceName('b', resolveDevice('cpu'), [], async () => linux(false))).toBe('cpu')
  })

  const installed = cudaUnavailableReason(onnxruntimeProviderEnvironment(ort.listSupportedBackends)) === undefined
  test.skipIf(installed)('benchmark() on this machine (no CUDA provider) refuses the cuda label', async () => {
    await expect(benchmark('plain js', () => 1, { ...quick, device: 'cuda' })).rejects.toThrow(/device 'cuda' was given, but .* so the function ran on the CPU/)
  })
})

test('memory: false is honoured: no memory figures (before: tracked anyway)', async () => {
  const run = await benchmark('no memory', () => 1, { ...quick, memory: false })
  expect(run.memory).toBeNull()
  const tracked = await benchmark('memory', () => 1, quick)
  expect(tracked.memory?.rssPeak).toBeGreaterThan(0)
})

describe('baselines', () => {
  test('a key stored by another kind of result is rewritten as new, not "new" forever', async () => {
    const key = 's › t › model'
    const existing = emptyBaselineFile('benches/x.bench.ts')
    existing.entries[key] = baselineEntryOf(syntheticBenchmark('model', latencySamples(100, 2, 1)))
    const evaluation = baselineEntryOf(await syntheticClassification('model', Array.from({ length: 50 }, (_, i) => i % 5 !== 0)))
    const plan = planBaselineUpdate({ mode: 'new', benchFile: 'benches/x.bench.ts', existing, current: new Map([[key, evaluation]]), complete: true })
    expect(plan.added).toEqual([key])
    expect(plan.write?.entries[key]?.kind).toBe('evaluation')
  })

  test('a result from fewer than 5 calls (maxTime shorter than a call) is compared but not stored, with a warning', () => {
    const thin = syntheticBenchmark('slow', [120])
    const thick = syntheticBenchmark('fine', latencySamples(50, 2, 3))
    const entries = [thin, thick].map((result) => ({ file: 'benches/x.bench.ts', project: '', suite: [], test: 't', key: `t › ${result.name}`, result }))
    const baselineDir = path.join(work, 'baselines')
    const out = runBaselineGate({
      root: work,
      baselineDir,
      thresholds: resolveThresholds(),
      mode: 'new',
      commit: null,
      entries,
      files: new Map([['benches/x.bench.ts', true]]),
      checks: new Map(),
    })
    expect(Object.keys(readBaselineFile(path.join(baselineDir, 'benches/x.bench.ts.json'))?.entries ?? {})).toEqual(['t › fine'])
    expect(out.baselines.warnings).toEqual([
      'benches/x.bench.ts › t › slow: not recorded as a baseline, because it rests on 1 measured calls (at least 5 are needed): raise maxTime (it ended before enough calls) or iterations.',
    ])
    expect(out.entries.map((e) => e.comparison?.verdict)).toEqual(['new', 'new'])
  })
})

test('a regressor returning NaN is reported as NaN, not "output null"', async () => {
  const data = [1, 2, 3].map((x) => ({ input: x, target: x }))
  await expect(evaluate((xs: number[]) => xs.map(() => Number.NaN), data, { record: false })).rejects.toThrow(
    'evaluate "evaluation": example 0: cannot read the model output NaN; a regressor must output a finite number',
  )
})

test('an invalid duration names its option', async () => {
  await expect(benchmark('x', () => 1, { ...quick, maxTime: 'abc' as '1s' })).rejects.toThrow('Invalid duration "abc" for maxTime.')
  await expect(benchmark('x', () => 1, { ...quick, time: '2 minutes' as '1s' })).rejects.toThrow('Invalid duration "2 minutes" for time: unknown unit "minutes"')
  await expect(loadTest(() => undefined, { concurrency: 1, timeout: 'soon' as '1s', record: false })).rejects.toThrow('Invalid duration "soon" for timeout.')
  await expect(loadTest(() => undefined, { concurrency: 1, slo: { p99: 'fast' as '1s' }, record: false })).rejects.toThrow('Invalid duration "fast" for slo.p99.')
})

test('an unknown label fails in the batch it is in, not after the whole dataset ran', async () => {
  let batches = 0
  const data = Array.from({ length: 10_000 }, (_, i) => ({ text: `x${i}`, label: i === 40 ? 7 : i % 2 }))
  const model = (xs: string[]) => {
    batches++
    return xs.map(() => [0.4, 0.6])
  }
  await expect(evaluate(model, data, { fields: { input: 'text' }, record: false })).rejects.toThrow(
    'the model outputs 2 scores per example, read as labels 0…1, but the dataset has the label 7',
  )
  // item 40 is in the second batch of 32 (before: all 313 batches ran first)
  expect(batches).toBe(2)
})
