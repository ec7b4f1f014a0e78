import { accuracyMatchers } from './accuracy.js'
import { baselineMatchers } from './baseline.js'
import { coldStartMatchers } from './cold-start.js'
import { generationMatchers } from './generation.js'
import { loadMatchers } from './load.js'
import { pairMatchers } from './pair.js'
import { performanceMatchers } from './performance.js'
import { sweepMatchers } from './sweep.js'

/** Every matcher vitest-ml-bench registers, keyed by name (pass to `expect.extend`). */
export const mlBenchMatchers = {
  ...performanceMatchers,
  ...pairMatchers,
  ...accuracyMatchers,
  ...coldStartMatchers,
  ...loadMatchers,
  ...sweepMatchers,
  ...generationMatchers,
  ...baselineMatchers,
}
