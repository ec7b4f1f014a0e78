/** Whether a function's return value is a promise (or any thenable) to await: tells an async measured function from a sync one. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function'
}
