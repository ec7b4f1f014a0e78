import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { StoppedError } from '../core/sink.js'
import { formatDuration } from '../core/units.js'
import type { Dispatcher } from './dispatcher.js'

/**
 * A pool of worker threads, each running a handler made by a factory exported from `module`:
 * `export async function createHandler(data) { const session = await load(); return (input) => session.run(…) }`.
 * The factory runs once per worker (so each worker owns its model session); the handler runs once
 * per request, one request at a time per worker.
 */
export interface WorkerPoolTarget {
  /** Path or file URL of an ES module. A `.ts` module needs `tsx` installed in the project. */
  module: string | URL
  /** Name of the exported factory ['createHandler']. */
  export?: string
  /** Number of worker threads. */
  workers: number
  /** Passed to the factory in every worker (structured-cloned: plain data only). */
  data?: unknown
  /**
   * How long a worker may take to create its handler (model loading), ms [120,000]. The load
   * test's `timeout` covers requests only; this bounds the factory. The start is also abandoned
   * when the vitest test ends.
   */
  startupTimeoutMs?: number
}

type WorkerReply = { ready: true } | { fatal: string } | { id: number; ok: true } | { id: number; ok: false; error: string }

// CommonJS run with `eval`: no file to ship or resolve. A TypeScript handler module is loaded
// through tsx, resolved from the working directory (the user's project).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  if (/\\.[mc]?tsx?$/.test(workerData.module)) {
    let api
    try { api = await import('tsx/esm/api') } catch (error) {
      throw new Error('the handler module ' + workerData.module + ' is TypeScript: install tsx in this project (npm i -D tsx) so worker threads can load it, or point "module" at compiled JavaScript (' + error.message + ')')
    }
    api.register()
  }
  const mod = await import(workerData.module)
  const factory = mod[workerData.exportName]
  if (typeof factory !== 'function') {
    throw new Error(workerData.module + ' does not export a function "' + workerData.exportName + '" (exports: ' + Object.keys(mod).join(', ') + ')')
  }
  const handler = await factory(workerData.data)
  if (typeof handler !== 'function') throw new Error('"' + workerData.exportName + '" must return the request handler function, got ' + typeof handler)
  parentPort.on('message', async ({ id, input }) => {
    try {
      await handler(input)
      parentPort.postMessage({ id, ok: true })
    } catch (error) {
      parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message || error.name : String(error) })
    }
  })
  parentPort.postMessage({ ready: true })
})().catch((error) => parentPort.postMessage({ fatal: error instanceof Error ? error.message : String(error) }))
`

interface Job<I> {
  id: number
  input: I
  resolve: () => void
  reject: (error: Error) => void
}

interface PoolWorker<I> {
  index: number
  thread: Worker
  job?: Job<I>
}

function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href
  if (module.startsWith('file:')) return module
  return pathToFileURL(path.resolve(module)).href
}

function validate(target: WorkerPoolTarget): void {
  if (!Number.isInteger(target.workers) || target.workers < 1) {
    throw new TypeError(`loadTest: workers must be a positive integer, got ${JSON.stringify(target.workers)}.`)
  }
  if (!(typeof target.module === 'string' || target.module instanceof URL) || String(target.module) === '') {
    throw new TypeError('loadTest: a worker-pool target needs `module`: the path or file URL of a module exporting the handler factory.')
  }
}

/**
 * Starts the pool and waits until every worker has created its handler, at most
 * `startupTimeoutMs` (or until `stop` aborts): then every worker is terminated and the error names
 * the workers still starting and how long they had.
 */
export async function workerPoolDispatcher<I>(target: WorkerPoolTarget, stop?: AbortSignal): Promise<Dispatcher<I>> {
  validate(target)
  const url = moduleUrl(target.module)
  const exportName = target.export ?? 'createHandler'
  const label = `${path.basename(fileURLToPath(url))}#${exportName}`
  const startupTimeout = target.startupTimeoutMs ?? 120_000
  if (!(Number.isFinite(startupTimeout) && startupTimeout > 0)) {
    throw new TypeError(`loadTest: startupTimeoutMs must be a positive number of milliseconds, got ${JSON.stringify(target.startupTimeoutMs)}.`)
  }
  const idle: PoolWorker<I>[] = []
  const queue: Job<I>[] = []
  const alive = new Set<PoolWorker<I>>()
  let nextId = 0
  let closing = false

  const pump = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as PoolWorker<I>
      const job = queue.shift() as Job<I>
      worker.job = job
      worker.thread.postMessage({ id: job.id, input: job.input })
    }
  }
  const failAll = (message: string) => {
    for (const job of queue.splice(0)) job.reject(new Error(message))
  }

  const started = Array.from({ length: target.workers }, (_, index) => {
    const worker: PoolWorker<I> = {
      index,
      thread: new Worker(WORKER_SOURCE, { eval: true, workerData: { module: url, exportName, data: target.data } }),
    }
    alive.add(worker)
    return new Promise<void>((resolve, reject) => {
      let ready = false
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `worker ${index} of ${label} did not create its handler within ${formatDuration(startupTimeout)} (startupTimeoutMs; ` +
                `the "${exportName}" factory is still running: raise startupTimeoutMs if loading really takes that long)`,
            ),
          ),
        startupTimeout,
      )
      const stopped = () => reject(new Error(`worker ${index} of ${label} was still creating its handler when the test ended`))
      if (stop?.aborted) stopped()
      else stop?.addEventListener('abort', stopped, { once: true })
      worker.thread.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) {
          ready = true
          clearTimeout(timer)
          idle.push(worker)
          resolve()
          pump()
        } else if ('fatal' in reply) {
          clearTimeout(timer)
          reject(new Error(reply.fatal))
        } else {
          const job = worker.job
          if (job === undefined || job.id !== reply.id) return
          worker.job = undefined
          idle.push(worker)
          if (reply.ok) job.resolve()
          else job.reject(new Error(reply.error))
          pump()
        }
      })
      const lost = (why: string) => {
        clearTimeout(timer)
        alive.delete(worker)
        const index = idle.indexOf(worker)
        if (index >= 0) idle.splice(index, 1)
        if (closing) return
        // a worker whose event loop ran dry exits with 0: its factory's promise can never settle
        const starting = !ready && why === 'exited with code 0' ? ` before "${exportName}" returned a handler: its promise never settles (it waits on nothing)` : ''
        const message = `worker ${worker.index} of ${label} ${why}${starting}`
        worker.job?.reject(new Error(message))
        worker.job = undefined
        reject(new Error(message))
        if (alive.size === 0) failAll(`every worker of ${label} has stopped (last: ${message})`)
      }
      worker.thread.on('error', (error) => lost(`failed: ${error.message}`))
      worker.thread.on('exit', (code) => lost(`exited with code ${code}`))
    })
  })

  const close = async () => {
    closing = true
    failAll(`the worker pool of ${label} was closed`)
    await Promise.all([...alive].map((w) => w.thread.terminate()))
  }
  try {
    await Promise.all(started)
  } catch (error) {
    await close()
    const message = `loadTest: the worker pool could not start ${label}: ${(error as Error).message}`
    throw stop?.aborted ? new StoppedError('loadTest', stop.reason) : new Error(message)
  }

  return {
    info: { kind: 'worker-pool', workers: target.workers },
    defaultName: `${label} (${target.workers} workers)`,
    send: (input, signal) =>
      new Promise<void>((resolve, reject) => {
        if (alive.size === 0) return reject(new Error(`every worker of ${label} has stopped`))
        const job: Job<I> = { id: nextId++, input, resolve, reject }
        // a timed-out job still waiting in the queue is dropped; one already running cannot be stopped
        signal.addEventListener('abort', () => {
          const at = queue.indexOf(job)
          if (at >= 0) queue.splice(at, 1)
        }, { once: true })
        queue.push(job)
        pump()
      }),
    close,
  }
}
