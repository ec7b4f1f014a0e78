/**
 * The connection of an A/B run's side to its coordinator, as a pairing hook: every measurement
 * runs when, and for as long as, the coordinator says. A measurement is known to the coordinator
 * by bench file and result key, the same key on both sides; `keyOf` turns a producer's result name
 * into it (from the running test in a test worker; a browser page sends the key itself).
 */
import { connect, type Socket } from 'node:net'
import type { PairingHook, SliceRunner } from '../core/pairing.js'
import { onLines, send, type ABSide, type CoordinatorMessage } from '../ab/protocol.js'

/** The pairing hook over a connection to the coordinator. */
function clientHook(socket: Socket, keyOf: (name: string) => string): PairingHook {
  let nextId = 0
  const handlers = new Map<number, (message: CoordinatorMessage) => void>()
  // measurements under way on this side: one nested in another (evaluate() inside a benchmarked
  // function) runs within the outer one's turn, never asking again (the coordinator would wait for
  // the outer to finish: a deadlock)
  let inside = 0
  const within = async <T>(work: () => Promise<T>): Promise<T> => {
    inside++
    try {
      return await work()
    } finally {
      inside--
    }
  }
  // the connection keeps the process alive only while a request waits on it
  let pending = 0
  const hold = async <T>(request: Promise<T>): Promise<T> => {
    if (pending++ === 0) socket.ref()
    try {
      return await request
    } finally {
      if (--pending === 0) socket.unref()
    }
  }
  onLines<CoordinatorMessage>(socket, (message) => handlers.get(message.id)?.(message))
  const closed = new Promise<never>((_, reject) => socket.once('close', () => reject(new Error('vitest-ml-bench ab: the coordinator went away (the ab command ended or crashed).'))))
  closed.catch(() => undefined)
  return {
    pair(name: string, runner: SliceRunner, timeMs: number): Promise<number[] | undefined> {
      if (inside > 0) return Promise.resolve(undefined)
      const id = nextId++
      const times: number[] = []
      const finished = new Promise<number[]>((resolve, reject) => {
        handlers.set(id, (message) => {
          if (message.t === 'done') {
            handlers.delete(id)
            resolve(times)
          } else if (message.t === 'slice') {
            within(() => runner.runSlice(message.ms)).then(
              (slice) => {
                if (!message.warmup) times.push(...slice)
                send(socket, { t: 'times', id, times: slice })
              },
              (error: unknown) => {
                handlers.delete(id)
                reject(error as Error)
              },
            )
          }
        })
      })
      send(socket, { t: 'pair', id, key: keyOf(name), timeMs })
      return hold(Promise.race([finished, closed]))
    },
    async exclusive<T>(name: string, measure: () => Promise<T>): Promise<T> {
      if (inside > 0) return measure()
      const id = nextId++
      const granted = new Promise<void>((resolve) => handlers.set(id, () => resolve()))
      send(socket, { t: 'exclusive', id, key: keyOf(name) })
      await hold(Promise.race([granted, closed]))
      handlers.delete(id)
      try {
        return await within(measure)
      } finally {
        send(socket, { t: 'release', id })
      }
    },
  }
}

/** Connects to the coordinator at `socketPath` as `side`; the hook every measurement of this process then goes through. */
export async function connectPairing(socketPath: string, side: ABSide, keyOf: (name: string) => string): Promise<PairingHook> {
  const socket = connect(socketPath)
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', (error) => reject(new Error(`vitest-ml-bench ab: cannot reach the coordinator at ${socketPath}: ${error.message}`)))
  })
  // idle, the connection must not keep the worker from exiting
  socket.unref()
  send(socket, { t: 'hello', side })
  return clientHook(socket, keyOf)
}

