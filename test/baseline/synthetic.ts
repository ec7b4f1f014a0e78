/**
 * Deterministic results for baseline and gate tests: seeded latency samples summarised by the
 * real statistics code, and real evaluate() results of scripted predictions.
 */
import { summarizeLatency } from '../../src/analyse/latency.js'
import { createRandom } from '../../src/analyse/random.js'
import { sortAscending, tukeyOutliersSorted } from '../../src/analyse/stats.js'
import { evaluate } from '../../src/evaluate/evaluate.js'
import type { ClassificationEvaluation, RegressionEvaluation } from '../../src/results/evaluation.js'
import type { EnvFingerprint } from '../../src/results/env.js'
import type { BenchmarkResult } from '../../src/results/benchmark.js'

/** A fixed machine, so comparisons do not depend on where the tests run. */
export const TEST_ENV: EnvFingerprint = {
  node: 'v20.20.0',
  os: 'linux 6.1.0',
  arch: 'x64',
  cpuModel: 'Test CPU @ 3.0GHz',
  cores: 2,
  totalMemory: 8 * 1024 ** 3,
  packages: { 'onnxruntime-node': '1.30.0' },
}

/** n log-normal latencies (ms) around `median` with log-sd `sigma`, ascending; seeded. */
export function latencySamples(n: number, median: number, seed: number, sigma = 0.15): number[] {
  const random = createRandom(seed)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    // Box–Muller
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    out.push(median * Math.exp(sigma * z))
  }
  return out.sort((a, b) => a - b)
}

/** A benchmark result built from `samples` exactly as benchmark() summarises them. */
export function syntheticBenchmark(name: string, samples: number[], overrides: Partial<BenchmarkResult> = {}): BenchmarkResult {
  const sorted = sortAscending(samples)
  const latency = summarizeLatency(sorted)
  return {
    kind: 'benchmark',
    name,
    samples: sorted,
    latency,
    throughput: { itemsPerSecond: 1000 / latency.mean, callsPerSecond: 1000 / latency.mean },
    iterations: sorted.length,
    warmupIterations: 10,
    batchSize: 1,
    firstCallMs: latency.max,
    outliers: tukeyOutliersSorted(sorted),
    memory: { rssPeak: 200 * 1024 ** 2, heapUsedPeak: 20e6, externalPeak: 1e6, rssDelta: 0, rssPeakSource: 'kernel-hwm' },
    cpu: { userMs: 100, systemMs: 5, utilization: 1 },
    device: 'cpu',
    env: TEST_ENV,
    wallTimeMs: sorted.reduce((s, x) => s + x, 0),
    stopReason: 'target-rme',
    startedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  }
}

/** A real classification evaluation of labels 0/1 where example i is predicted right iff `correct[i]`. */
export async function syntheticClassification(name: string, correct: readonly boolean[]): Promise<ClassificationEvaluation> {
  const data = correct.map((_, i) => ({ input: i, label: i % 2 }))
  const result = await evaluate((inputs: number[]) => inputs.map((i) => (correct[i] ? i % 2 : 1 - (i % 2))), data, {
    name,
    task: 'classification',
    labels: [0, 1],
    record: false,
    progress: false,
    resamples: 50,
  })
  return { ...(result as ClassificationEvaluation), env: TEST_ENV, startedAt: '2025-01-01T00:00:00.000Z' }
}

/** A real regression evaluation: targets 0…n−1 predicted with the given errors. */
export async function syntheticRegression(name: string, errors: readonly number[]): Promise<RegressionEvaluation> {
  const data = errors.map((_, i) => ({ input: i, target: i }))
  const result = await evaluate((inputs: number[]) => inputs.map((i) => i + (errors[i] as number)), data, {
    name,
    task: 'regression',
    record: false,
    progress: false,
    resamples: 50,
  })
  return { ...(result as RegressionEvaluation), env: TEST_ENV, startedAt: '2025-01-01T00:00:00.000Z' }
}

/** `n` booleans, `wrong` of them false, spread evenly (deterministic). */
export function correctness(n: number, wrong: number): boolean[] {
  const out = new Array<boolean>(n).fill(true)
  for (let k = 0; k < wrong; k++) out[Math.floor((k * n) / wrong)] = false
  return out
}
