/**
 * `loadOnnx`: an onnxruntime-node session with its metadata (hash, size, provider, threads,
 * input/output specs), load time, device selection and a typed `run(feeds)` that explains feeds
 * that do not fit the model.
 */
import os from 'node:os'
import path from 'node:path'
import ort, { type InferenceSession, type Tensor } from 'onnxruntime-node'
import { noteRuntime } from '../measure/fingerprint.js'
import { modelCallCounter } from './call-tracker.js'
import {
  createWithFallback,
  resolveExecution,
  type DeviceSelection,
  type ProviderEnvironment,
  type ResolvedExecution,
} from './execution-provider.js'
import { digestFiles, sha256OfBytes, type FileDigest } from './file-digest.js'
import { onnxruntimeProviderEnvironment } from './provider-environment.js'
import type { ModelDevice, ModelMetadata } from './model-info.js'
import { describeCandidates, isFile, localFolder, localPathHint, resolveLocal } from './model-location.js'
import { feedMismatch, tensorSpecs, type TensorSpec } from './onnx-io.js'

/** The part of an onnxruntime session the loader uses. */
export type OnnxSession = Pick<InferenceSession, 'inputNames' | 'outputNames' | 'inputMetadata' | 'outputMetadata' | 'run' | 'release'>

/** The onnxruntime binding the loader talks to; replaceable (tests inject a fake CUDA backend). */
export interface OnnxRuntime {
  /** onnxruntime-node version. */
  version: string
  providers(): ProviderEnvironment
  createSession(source: string | Uint8Array, options: InferenceSession.SessionOptions): Promise<OnnxSession>
}

/** The installed onnxruntime-node. */
export const onnxruntimeNode: OnnxRuntime = {
  version: ort.env.versions.node ?? ort.env.versions.common,
  providers: () => onnxruntimeProviderEnvironment(ort.listSupportedBackends),
  createSession: (source, options) =>
    typeof source === 'string' ? ort.InferenceSession.create(source, options) : ort.InferenceSession.create(source, options),
}

/** Thread and graph options both loaders pass to onnxruntime. */
export interface SessionTuning {
  /** Threads inside one operator [onnxruntime's default: one per physical core; in a process limited to fewer CPUs (`taskset`, an A/B run), that many]. */
  intraOpNumThreads?: number
  /** Threads across independent operators [onnxruntime's default]. */
  interOpNumThreads?: number
  /** Graph optimisation level ['all', onnxruntime's default]. */
  graphOptimizationLevel?: InferenceSession.SessionOptions['graphOptimizationLevel']
  /**
   * Any other onnxruntime session options, e.g. `preferredOutputLocation: 'gpu-buffer'` to keep
   * outputs on the GPU (then benchmark with `device: 'cuda'` so the clock waits for their download).
   * `executionProviders` is set from `device`.
   */
  sessionOptions?: InferenceSession.SessionOptions
}

/** Options of {@link loadOnnx}. */
export interface LoadOnnxOptions extends DeviceSelection, SessionTuning {
  /** Name recorded as `info.id` [the parent folder and file name; 'in-memory model' for bytes]. */
  id?: string
  /** The onnxruntime binding [onnxruntime-node]. */
  runtime?: OnnxRuntime
}

/** Feeds keyed by input name. */
export type OnnxFeeds<I extends string = string> = { readonly [K in I]: Tensor }

/** Outputs keyed by output name. */
export type OnnxOutputs<O extends string = string> = { readonly [K in O]: Tensor }

/** A model loaded by {@link loadOnnx}. */
export interface OnnxModel<I extends string = string, O extends string = string> {
  /** The onnxruntime session, for anything the wrapper does not cover. */
  readonly session: OnnxSession
  readonly inputs: readonly TensorSpec[]
  readonly outputs: readonly TensorSpec[]
  readonly info: ModelMetadata
  /** Where it runs; pass as benchmark()'s `device` when outputs stay on the GPU. */
  readonly device: ModelDevice
  /**
   * Runs the model. Feeds that do not fit (names, types, fixed dimensions) fail with a message
   * listing the model's inputs.
   */
  run(feeds: OnnxFeeds<I>, options?: InferenceSession.RunOptions): Promise<OnnxOutputs<O>>
  /** Frees the session. */
  release(): Promise<void>
}

/** How many CPUs this process may use (its affinity: `taskset`, cgroup cpusets) and how many the machine has. */
export interface CpuCounts {
  usable: number
  machine: number
}

const cpuCounts = (): CpuCounts => ({ usable: os.availableParallelism(), machine: os.cpus().length })

/**
 * Intra-op threads when the caller sets none. onnxruntime sizes its pool by the machine's cores,
 * not the CPUs the process may use: pinned to one of two CPUs (as `vitest-ml-bench ab` pins both
 * sides), a two-thread pool made a DistilBERT call's p95 4.4 ms instead of 0.55 ms with one thread
 * (p50 unchanged). So a process limited to fewer CPUs gets a pool of that size.
 */
export function defaultIntraOpThreads(counts: CpuCounts = cpuCounts()): number | undefined {
  return counts.usable < counts.machine ? counts.usable : undefined
}

/** Session options for an execution choice: tuning first, then the providers (which always win). */
export function sessionOptionsFor(tuning: SessionTuning, execution: ResolvedExecution, counts?: CpuCounts): InferenceSession.SessionOptions {
  const intraOpNumThreads = tuning.intraOpNumThreads ?? tuning.sessionOptions?.intraOpNumThreads ?? defaultIntraOpThreads(counts)
  return {
    ...tuning.sessionOptions,
    ...(intraOpNumThreads !== undefined ? { intraOpNumThreads } : {}),
    ...(tuning.interOpNumThreads !== undefined ? { interOpNumThreads: tuning.interOpNumThreads } : {}),
    ...(tuning.graphOptimizationLevel !== undefined ? { graphOptimizationLevel: tuning.graphOptimizationLevel } : {}),
    executionProviders: execution.executionProviders,
  }
}

/** The execution and tuning part of {@link ModelMetadata}. */
export function executionMetadata(
  options: InferenceSession.SessionOptions,
  execution: ResolvedExecution,
): Pick<
  ModelMetadata,
  'executionProvider' | 'requestedDevice' | 'deviceId' | 'fallback' | 'fallbackReason' | 'intraOpThreads' | 'interOpThreads' | 'graphOptimizationLevel'
> {
  return {
    executionProvider: execution.device,
    requestedDevice: execution.requestedDevice,
    deviceId: execution.deviceId,
    fallback: execution.fallbackReason !== null,
    fallbackReason: execution.fallbackReason,
    intraOpThreads: options.intraOpNumThreads ?? null,
    interOpThreads: options.interOpNumThreads ?? null,
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
  }
}

function checkThreads(what: string, tuning: SessionTuning): void {
  for (const key of ['intraOpNumThreads', 'interOpNumThreads'] as const) {
    const value = tuning[key]
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new TypeError(`${what}: ${key} must be a whole number ≥ 0 (0 = onnxruntime's default), got ${value}.`)
    }
  }
}

/** The model file `source` names, by the rule of `localCandidates` (the folder: ML_BENCH_MODELS_DIR). */
function modelFile(what: string, source: string): string {
  const { found, tried } = resolveLocal(source, localFolder('model'), isFile)
  if (!found) throw new Error(`${what}: no ONNX model file at ${describeCandidates(tried)}. ${localPathHint('model')}`)
  return found
}

/**
 * Loads an ONNX model with onnxruntime-node from a file path or bytes. Times the load
 * (`info.loadMs`), hashes the model (`info.sha256`, `info.fileBytes`), records the execution
 * provider and threads, and notes onnxruntime-node's version in the env fingerprint.
 *
 * `device: 'cuda'` uses the CUDA execution provider (`deviceId`), and fails with the install
 * command when it is not installed — unless `fallbackToCpu: true`, which runs on the CPU and sets
 * `info.fallback`. A benchmark whose function calls `model.run` picks up `info` and the cold start
 * (load time, first inference) by itself.
 */
export async function loadOnnx<I extends string = string, O extends string = string>(
  source: string | Uint8Array,
  options: LoadOnnxOptions = {},
): Promise<OnnxModel<I, O>> {
  const what = `loadOnnx(${typeof source === 'string' ? JSON.stringify(source) : `${source?.byteLength} bytes`})`
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) {
    throw new TypeError(`${what}: the model must be a path to a .onnx file or its bytes (Uint8Array).`)
  }
  checkThreads(what, options)
  const runtime = options.runtime ?? onnxruntimeNode
  const file = typeof source === 'string' ? modelFile(what, source) : undefined
  const requested = resolveExecution(what, options, () => runtime.providers())

  const start = performance.now()
  const { value: session, execution } = await createWithFallback(what, requested, options, (ex) =>
    runtime.createSession(file ?? (source as Uint8Array), sessionOptionsFor(options, ex)),
  )
  const loadMs = performance.now() - start

  noteRuntime('onnxruntime-node', runtime.version)
  const digest: FileDigest = file
    ? await digestFiles(path.dirname(file), [path.basename(file)])
    : { files: '', bytes: (source as Uint8Array).byteLength, sha256: sha256OfBytes(source as Uint8Array) }
  const info: ModelMetadata = {
    id: options.id ?? (file ? `${path.basename(path.dirname(file))}/${path.basename(file)}` : 'in-memory model'),
    path: file ?? null,
    source: file ? 'local' : 'bytes',
    runtime: 'onnxruntime-node',
    runtimeVersion: runtime.version,
    onnxruntimeVersion: runtime.version,
    task: null,
    dtype: null,
    files: digest.files,
    fileBytes: digest.bytes,
    sha256: digest.sha256,
    ...executionMetadata(sessionOptionsFor(options, execution), execution),
    loadMs,
  }
  const inputs = tensorSpecs(session.inputMetadata)
  const outputs = tensorSpecs(session.outputMetadata)
  const model: OnnxModel<I, O> = {
    session,
    inputs,
    outputs,
    info,
    device: execution.device,
    run: async (feeds, runOptions) => {
      track()
      try {
        return (await session.run(feeds as InferenceSession.FeedsType, runOptions ?? {})) as OnnxOutputs<O>
      } catch (error) {
        const mismatch = feedMismatch(inputs, feeds as Readonly<Record<string, Tensor>>)
        if (mismatch === undefined) throw error
        const original = error instanceof Error ? error.message : String(error)
        throw new Error(`${info.id}: the feeds do not fit the model: ${mismatch} (onnxruntime: ${original.trim()})`, { cause: error })
      }
    },
    release: () => session.release(),
  }
  const track = modelCallCounter(model)
  return model
}
