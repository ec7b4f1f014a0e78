/**
 * The A/B coordinator: both sides' test workers connect to it; it lets exactly one measurement run
 * on the machine at a time, and runs each measurement the two sides share (same bench file and
 * result key) as interleaved slices (ABBA) until decided or out of budget. A measurement only one
 * side has — a new or removed benchmark, or a side that crashed — runs alone.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { interleave, type InterleaveOutcome } from '../measure/interleave.js'
import type { SliceRunner } from '../core/pairing.js'
import { onLines, send, type ABSide, type ClientMessage } from './protocol.js'

/** Settings of the paired measurements. */
export interface CoordinatorOptions {
  tolerance: number
  alpha: number
  /** Time budget of one paired measurement (both sides), ms. */
  budgetMs?: number
  /** Length of one slice, ms. */
  sliceMs?: number
  /** Gated metrics of the run, which its false-discovery control spreads alpha over (see `InterleaveOptions.family`). */
  family?: number
  /** How long a side may stay unconnected once the other waits for it, ms [60,000]: a tree whose vitest-ml-bench predates A/B runs never connects. */
  connectTimeoutMs?: number
  /** How long a measurement alone waits for the other side to stop and wait too, ms [10,000] (see `#otherSideWaiting`). */
  settleTimeoutMs?: number
}

/** What became of one key. */
export type KeyOutcome =
  | { key: string; paired: true; outcome: InterleaveOutcome }
  | { key: string; paired: false; side: ABSide; why: 'only-this-side' | 'partner-gone' | 'failed'; message?: string }

interface PairRequest {
  side: ABSide
  connection: Connection
  id: number
  key: string
  timeMs: number
}

interface Connection {
  side: ABSide
  socket: Socket
  /** Replies awaited by request id (slice times). */
  awaiting: Map<number, { resolve: (times: number[]) => void; reject: (error: Error) => void }>
  /** Exclusive grants waiting for their release. */
  releases: Map<number, () => void>
  /** Requests (pair or exclusive) this worker is blocked on: while any is open it runs nothing but what the coordinator asks. */
  open: number
}

const OTHER: Record<ABSide, ABSide> = { base: 'head', head: 'base' }
/** Slices of a measurement without partner. */
const ALONE_SLICE_MS = 100

/** A running coordinator. */
export class Coordinator {
  readonly outcomes: KeyOutcome[] = []
  /** What kept the run from pairing (a side that never connected). */
  readonly problems: string[] = []
  readonly #connectTimers = new Map<ABSide, NodeJS.Timeout>()
  readonly #server: Server
  readonly #connections = new Map<ABSide, Connection>()
  readonly #waiting = new Map<ABSide, PairRequest>()
  readonly #gone = new Set<ABSide>()
  #lock: Promise<void> = Promise.resolve()

  constructor(readonly options: CoordinatorOptions) {
    this.#server = createServer((socket) => this.#accept(socket))
  }

  /** Starts listening on `socketPath` (a Unix socket, or a named pipe on Windows). */
  listen(socketPath: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(socketPath, () => resolve())
    })
  }

  /** A side's process has exited: whatever waits for it measures alone from now on. */
  sideGone(side: ABSide): void {
    if (this.#gone.has(side)) return
    this.#gone.add(side)
    const connection = this.#connections.get(side)
    if (connection) this.#disconnected(connection)
    this.#waiting.delete(side)
    const partner = this.#waiting.get(OTHER[side])
    if (partner) {
      this.#waiting.delete(partner.side)
      this.#startAlone(partner, 'partner-gone')
    }
  }

  /**
   * A worker's connection closed (each bench file's worker connects anew, so this alone does not
   * mean the side is gone): what it was doing fails, what it held is released.
   */
  #disconnected(connection: Connection): void {
    for (const { reject } of connection.awaiting.values()) reject(new Error(`the ${connection.side} side disconnected`))
    connection.awaiting.clear()
    for (const release of connection.releases.values()) release()
    connection.releases.clear()
    // a worker that has exited waits for nothing
    connection.open = 0
    if (this.#waiting.get(connection.side)?.connection === connection) this.#waiting.delete(connection.side)
  }

  /** Stops listening; open connections are closed. */
  async close(): Promise<void> {
    for (const timer of this.#connectTimers.values()) clearTimeout(timer)
    for (const c of this.#connections.values()) c.socket.destroy()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #accept(socket: Socket): void {
    let connection: Connection | undefined
    onLines<ClientMessage>(socket, (message) => {
      if (message.t === 'hello') {
        connection = { side: message.side, socket, awaiting: new Map(), releases: new Map(), open: 0 }
        this.#connections.set(message.side, connection)
        return
      }
      if (connection) this.#handle(connection, message)
    })
    socket.on('close', () => {
      if (connection) this.#disconnected(connection)
    })
    socket.on('error', () => socket.destroy())
  }

  #handle(connection: Connection, message: ClientMessage): void {
    switch (message.t) {
      case 'pair':
        connection.open++
        this.#request({ side: connection.side, connection, id: message.id, key: message.key, timeMs: message.timeMs })
        return
      case 'times':
        connection.awaiting.get(message.id)?.resolve(message.times)
        connection.awaiting.delete(message.id)
        return
      case 'exclusive':
        connection.open++
        void this.#exclusively(
          () =>
            new Promise<void>((release) => {
              connection.releases.set(message.id, release)
              send(connection.socket, { t: 'go', id: message.id })
            }),
          connection.side,
        )
        return
      case 'release':
        if (connection.releases.has(message.id)) connection.open--
        connection.releases.get(message.id)?.()
        connection.releases.delete(message.id)
        return
      case 'hello':
        return
    }
  }

  /**
   * A side asks to measure `key`. Paired when the other side waits with the same key; alone when
   * the other side is gone, or waits with another key (each side measures one thing at a time, so
   * two different keys waiting means each is missing on the other side); otherwise it waits.
   */
  #request(request: PairRequest): void {
    const other = OTHER[request.side]
    if (this.#gone.has(other)) {
      this.#startAlone(request, 'partner-gone')
      return
    }
    const partner = this.#waiting.get(other)
    if (!partner) {
      this.#waiting.set(request.side, request)
      if (!this.#connections.has(other)) this.#expectConnection(other)
      return
    }
    this.#waiting.delete(other)
    if (partner.key === request.key) {
      const [base, head] = request.side === 'base' ? [request, partner] : [partner, request]
      void this.#exclusively(() => this.#pair(base, head))
      return
    }
    this.#startAlone(partner, 'only-this-side')
    this.#startAlone(request, 'only-this-side')
  }

  /** Gives `side` connectTimeoutMs to connect; then it counts as gone. */
  #expectConnection(side: ABSide): void {
    if (this.#connectTimers.has(side)) return
    const ms = this.options.connectTimeoutMs ?? 60_000
    const timer = setTimeout(() => {
      if (this.#connections.has(side) || this.#gone.has(side)) return
      this.problems.push(
        `the ${side} side never connected in ${Math.round(ms / 1000)} s (does its vitest config apply the mlBench() plugin of a vitest-ml-bench version with A/B runs?); the other side measured alone`,
      )
      this.sideGone(side)
    }, ms)
    timer.unref()
    this.#connectTimers.set(side, timer)
  }

  #runner(request: PairRequest): Required<SliceRunner> {
    const slice = (ms: number, warmup: boolean) => {
      const { connection } = request
      if (connection.socket.destroyed) return Promise.reject(new Error(`the ${request.side} side disconnected`))
      return new Promise<number[]>((resolve, reject) => {
        connection.awaiting.set(request.id, { resolve, reject })
        send(connection.socket, warmup ? { t: 'slice', id: request.id, ms, warmup } : { t: 'slice', id: request.id, ms })
      })
    }
    return { runSlice: (ms) => slice(ms, false), warmUp: async (ms) => void (await slice(ms, true)) }
  }

  #done(request: PairRequest): void {
    request.connection.open--
    send(request.connection.socket, { t: 'done', id: request.id })
  }

  async #pair(base: PairRequest, head: PairRequest): Promise<void> {
    try {
      const outcome = await interleave(this.#runner(base), this.#runner(head), {
        tolerance: this.options.tolerance,
        alpha: this.options.alpha,
        ...(this.options.budgetMs !== undefined ? { budgetMs: this.options.budgetMs } : {}),
        ...(this.options.sliceMs !== undefined ? { sliceMs: this.options.sliceMs } : {}),
        ...(this.options.family !== undefined ? { family: this.options.family } : {}),
      })
      this.outcomes.push({ key: base.key, paired: true, outcome })
    } catch (error) {
      // one side crashed mid-measurement: the other keeps what it measured
      for (const r of [base, head]) {
        if (!this.#gone.has(r.side)) this.outcomes.push({ key: r.key, paired: false, side: r.side, why: 'failed', message: (error as Error).message })
      }
    }
    this.#done(base)
    this.#done(head)
  }

  #startAlone(request: PairRequest, why: 'only-this-side' | 'partner-gone'): void {
    void this.#exclusively(async () => {
      const runner = this.#runner(request)
      try {
        await runner.warmUp(ALONE_SLICE_MS)
        for (let spent = 0; spent < request.timeMs; spent += ALONE_SLICE_MS) await runner.runSlice(Math.min(ALONE_SLICE_MS, request.timeMs - spent))
        this.outcomes.push({ key: request.key, paired: false, side: request.side, why })
      } catch (error) {
        this.outcomes.push({ key: request.key, paired: false, side: request.side, why: 'failed', message: (error as Error).message })
      }
      this.#done(request)
    }, request.side)
  }

  /**
   * Whether the side opposite `side` is stopped at the coordinator: gone, or its worker blocked on a
   * request of its own. Both sides share one CPU, and a side between measurements runs whatever its
   * test does next — loading a model, starting a worker, its reporter's work — on it: a generation
   * benchmark measured alone while the other side loaded its pipeline read TTFT and TPOT 2× slow.
   */
  #otherSideWaiting(side: ABSide): boolean {
    const other = OTHER[side]
    return this.#gone.has(other) || (this.#connections.get(other)?.open ?? 0) > 0
  }

  /**
   * Runs `work` when no other measurement runs, on either side. Work for one side alone (an
   * exclusive section, a measurement without partner) first waits, up to `settleTimeoutMs`, for
   * the other side to stop at the coordinator too; a side that never does (a long stretch of
   * unmeasured work) only delays it.
   */
  #exclusively(work: () => Promise<void>, alone?: ABSide): Promise<void> {
    const settled = async () => {
      if (alone === undefined) return
      const deadline = performance.now() + (this.options.settleTimeoutMs ?? 10_000)
      while (!this.#otherSideWaiting(alone) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const run = this.#lock.then(settled).then(work, work)
    this.#lock = run.catch(() => undefined)
    return run
  }
}
