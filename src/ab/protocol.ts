/**
 * The A/B coordinator's wire protocol: newline-delimited JSON over a local socket, between the
 * coordinator (in the `vitest-ml-bench ab` process) and the test worker of each side.
 */
import type { Socket } from 'node:net'
import type { ABSide } from '../measure/interleave.js'

export type { ABSide }

/** A side's messages. Every request carries an id; replies name it. */
export type ClientMessage =
  | { t: 'hello'; side: ABSide }
  | { t: 'pair'; id: number; key: string; timeMs: number }
  | { t: 'times'; id: number; times: number[] }
  | { t: 'exclusive'; id: number; key: string }
  | { t: 'release'; id: number }

/** The coordinator's messages. A warm-up slice runs like any other; its calls are never kept. */
export type CoordinatorMessage = { t: 'slice'; id: number; ms: number; warmup?: boolean } | { t: 'done'; id: number } | { t: 'go'; id: number }

/** Writes one message as a JSON line. */
export function send(socket: Socket, message: ClientMessage | CoordinatorMessage): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`)
}

/** Calls `onMessage` for every JSON line that arrives on `socket`. */
export function onLines<T>(socket: Socket, onMessage: (message: T) => void): void {
  let buffered = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    buffered += chunk
    let newline = buffered.indexOf('\n')
    while (newline >= 0) {
      const line = buffered.slice(0, newline)
      buffered = buffered.slice(newline + 1)
      if (line.trim() !== '') onMessage(JSON.parse(line) as T)
      newline = buffered.indexOf('\n')
    }
  })
}
