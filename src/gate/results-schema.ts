/**
 * The schema of a results.json document, checked when `vitest-ml-bench report` reads one: a file
 * edited by hand or by an attacker (a number replaced by `<img src=x onerror=…>`) is refused with
 * the field that is wrong, before any of it reaches summary.md or the HTML report.
 *
 * valibot: a schema library of small, tree-shaken functions with no dependencies, whose issues
 * carry the path of the offending value — what the error message needs. Objects are loose (fields
 * this version does not know pass through), but every field the reporters render is typed: the
 * strings they escape, the numbers they format, the verdicts they look up.
 */
import * as v from 'valibot'
import { VERDICTS } from './verdict.js'

const num = v.number()
const str = v.string()
const numOrNull = v.nullable(num)
const label = v.union([str, num])

const env = v.looseObject({
  node: str,
  os: str,
  arch: str,
  cpuModel: str,
  cores: num,
  cpuLimit: v.optional(numOrNull),
  totalMemory: num,
  packages: v.record(str, str),
  runtime: v.optional(
    v.looseObject({
      name: str,
      version: str,
      crossOriginIsolated: v.optional(v.boolean()),
      timerResolutionMs: v.optional(num),
      hardwareConcurrency: v.optional(num),
      wasmThreads: v.optional(num),
      webgpuAdapter: v.optional(v.nullable(str)),
      userAgent: v.optional(str),
    }),
  ),
  machine: v.optional(
    v.looseObject({ probeJsMs: num, probeOrtMs: numOrNull, probedAt: str, loadAverage: num, stealShare: numOrNull, throttledShare: numOrNull }),
  ),
})

const interval = v.looseObject({ lower: numOrNull, upper: numOrNull })
const latency = v.looseObject({
  min: num,
  max: num,
  mean: num,
  sd: num,
  p50: num,
  p75: num,
  p90: num,
  p95: num,
  p99: num,
  p999: num,
  mad: num,
  iqr: num,
  rme: numOrNull,
  // older documents lack p999 and meanMethod
  ci: v.looseObject({ p50: interval, p95: interval, p99: interval, p999: v.optional(interval), mean: interval, meanMethod: v.optional(str) }),
})
const memory = v.looseObject({ rssPeak: num, heapUsedPeak: num, externalPeak: num, rssDelta: num, rssPeakSource: str })
const model = v.looseObject({ id: v.optional(v.nullable(str)), sha256: v.optional(v.nullable(str)) })
const samples = v.array(num)

const common = { name: str, env, startedAt: str, model: v.optional(model) }

const benchmark = v.looseObject({
  ...common,
  kind: v.literal('benchmark'),
  samples,
  latency,
  throughput: v.looseObject({ itemsPerSecond: num, callsPerSecond: num }),
  iterations: num,
  batchSize: num,
  firstCallMs: num,
  memory: v.nullable(memory),
  device: str,
  stopReason: str,
})

const scores = v.looseObject({ precision: num, recall: num, f1: num })
const evaluation = v.looseObject({
  ...common,
  kind: v.literal('evaluation'),
  task: v.picklist(['classification', 'regression', 'generation']),
  n: num,
  timing: v.looseObject({ batches: num, batchSize: num, totalMs: num, itemsPerSecond: num, batchLatency: v.nullable(latency) }),
  labels: v.optional(v.array(label)),
  accuracy: v.optional(num),
  macro: v.optional(scores),
  perClass: v.optional(v.array(v.looseObject({ label, precision: num, recall: num, f1: num }))),
  confusionMatrix: v.optional(v.array(v.array(num))),
  rocAuc: v.optional(numOrNull),
  logLoss: v.optional(numOrNull),
  mae: v.optional(num),
  rmse: v.optional(num),
  r2: v.optional(num),
  exactMatch: v.optional(num),
  exactMatchSquad: v.optional(num),
  bleu: v.optional(num),
  chrf: v.optional(num),
  rougeL: v.optional(num),
  wer: v.optional(num),
  cer: v.optional(num),
  // a generation's texts reach the report (worst examples): typed, so a hand-edited file cannot inject markup
  predictions: v.optional(
    v.looseObject({
      prompts: v.optional(v.array(str)),
      references: v.optional(v.array(v.array(str))),
      outputs: v.optional(v.array(str)),
      scores: v.optional(v.looseObject({ exactMatch: v.optional(samples), chrf: v.optional(samples), wer: v.optional(samples) })),
    }),
  ),
})

const loadTest = v.looseObject({
  ...common,
  kind: v.literal('load-test'),
  mode: v.picklist(['closed', 'open']),
  target: v.looseObject({ kind: str }),
  levels: v.array(
    v.looseObject({
      concurrency: v.optional(num),
      rate: v.optional(num),
      requests: num,
      completed: num,
      errors: num,
      errorRate: num,
      errorMessages: v.array(v.looseObject({ message: str, count: num })),
      durationMs: num,
      throughput: num,
      latency: v.nullable(latency),
      samples,
      tokens: v.optional(v.looseObject({ ttft: latency, tpot: v.nullable(latency), outputTokensPerSecond: num, ttftSamples: samples, tpotSamples: samples })),
      goodput: v.optional(num),
    }),
  ),
  maxThroughputWithinSlo: v.nullable(v.looseObject({ level: num, throughput: num })),
})

const batchSweep = v.looseObject({
  ...common,
  kind: v.literal('batch-sweep'),
  sizes: v.array(v.looseObject({ batchSize: num, latency, itemsPerSecond: num, callsPerSecond: num, msPerItem: num, iterations: num, samples })),
  bestItemsPerSecond: v.looseObject({ batchSize: num, itemsPerSecond: num }),
  device: str,
})

const generation = v.looseObject({
  ...common,
  kind: v.literal('generation'),
  batchSize: num,
  requests: v.array(
    v.looseObject({ prompt: num, inputTokens: numOrNull, outputTokens: num, ttftMs: num, tpotMs: numOrNull, e2eMs: num, text: v.optional(str) }),
  ),
  ttft: latency,
  tpot: v.nullable(latency),
  itl: v.nullable(latency),
  e2e: latency,
  tokensPerSecond: v.looseObject({ perRequest: latency, overall: num, ci: interval }),
  outputTokens: v.looseObject({ total: num, mean: num }),
  inputTokens: v.nullable(v.looseObject({ total: num, mean: num })),
  timeline: v.looseObject({ request: num, tokenMs: samples }),
  perCall: v.looseObject({ ms: samples, outputTokens: samples }),
  device: str,
})

const withInterval = v.looseObject({ value: num })
const modelComparison = v.looseObject({
  ...common,
  kind: v.literal('model-comparison'),
  models: v.array(
    v.looseObject({
      name: str,
      accuracy: v.optional(withInterval),
      macroF1: v.optional(withInterval),
      p50: v.optional(withInterval),
      p95: v.optional(withInterval),
      throughput: v.optional(num),
    }),
  ),
  recommendation: str,
  alpha: num,
})

// Kinds this version renders are checked field by field; another kind (a newer producer) only
// needs what every result has.
const KNOWN_KINDS = ['benchmark', 'evaluation', 'load-test', 'batch-sweep', 'model-comparison', 'generation']
const otherKind = v.looseObject({ ...common, kind: v.pipe(str, v.check((kind) => !KNOWN_KINDS.includes(kind), 'another kind')) })
const result = v.variant('kind', [benchmark, evaluation, loadTest, batchSweep, modelComparison, generation, otherKind])

const verdict = v.picklist(VERDICTS)
const metricComparison = v.looseObject({
  metric: str,
  verdict,
  why: str,
  baseline: v.optional(num),
  current: num,
  change: v.optional(num),
  unit: str,
  tolerance: v.optional(num),
  alpha: v.optional(num),
  method: v.optional(str),
  interval: v.optional(v.looseObject({ lower: numOrNull, upper: numOrNull, level: num })),
  pWorse: v.optional(num),
  pBetter: v.optional(num),
  pWithin: v.optional(num),
  differences: v.optional(v.array(v.looseObject({ field: str }))),
  machineSpeedRatio: v.optional(num),
})

const entry = v.looseObject({
  file: str,
  project: str,
  suite: v.array(str),
  test: str,
  key: str,
  result,
  comparison: v.optional(v.looseObject({ verdict, metrics: v.array(metricComparison), incomparableBecause: v.optional(v.array(str)) })),
  baseline: v.optional(
    v.looseObject({ recordedAt: str, commit: v.nullable(str), env, metrics: v.record(str, num), samples: v.optional(samples), groupSamples: v.optional(v.record(str, samples)) }),
  ),
})

const ref = { file: str, key: str }
/** The schema of a current (version 2) results.json document. */
export const resultsJsonSchema = v.looseObject({
  schemaVersion: v.literal(2),
  generatedAt: str,
  verdict,
  counts: v.record(str, num),
  failed: v.boolean(),
  failures: v.array(str),
  entries: v.array(entry),
  env,
  commit: v.nullable(str),
  thresholds: v.record(str, v.unknown()),
  baselines: v.looseObject({
    dir: str,
    mode: v.picklist(['all', 'new', 'none']),
    written: v.array(str),
    unwritten: v.array(v.looseObject(ref)),
    stale: v.array(v.looseObject({ ...ref, removed: v.boolean() })),
    errors: v.array(v.looseObject({ file: str, message: str })),
    warnings: v.array(str),
  }),
  machine: v.optional(
    v.looseObject({
      probes: v.array(v.looseObject({ probedAt: str, probeJsMs: num, probeOrtMs: numOrNull, at: str })),
      loadAverage: num,
      stealShare: numOrNull,
      throttledShare: numOrNull,
    }),
  ),
})

/** `entries[3].result.latency.p50`: where an issue is, as a reader finds it in the file. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = ''
  for (const item of issue.path ?? []) {
    const key = item.key
    out += typeof key === 'number' ? `[${key}]` : typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key) ? `${out ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`
  }
  return out || '(the document)'
}

/** A short, quoted preview of a bad value (never the whole of it). */
function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/**
 * Checks `doc` against the results.json schema; returns one line per problem (at most `limit`),
 * each naming the field, what it must be and what it is — empty when the document is valid.
 */
export function resultsJsonProblems(doc: unknown, limit = 5): string[] {
  const parsed = v.safeParse(resultsJsonSchema, doc, { abortPipeEarly: true })
  if (parsed.success) return []
  const problems = parsed.issues.map((issue) =>
    issue.input === undefined ? `${pathOf(issue)}: missing` : `${pathOf(issue)}: expected ${issue.expected ?? 'a valid value'}, got ${preview(issue.input)}`,
  )
  const unique = [...new Set(problems)]
  return unique.length > limit ? [...unique.slice(0, limit), `… and ${unique.length - limit} more`] : unique
}
