import { performanceMatchers } from './performance.js'

/** Every matcher vitest-ml-bench registers, keyed by name (pass to `expect.extend`). */
export const mlBenchMatchers = {
  ...performanceMatchers,
}
