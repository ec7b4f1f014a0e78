import { createRandom } from '../analyse/random.js'

/**
 * Inter-arrival gaps (ms) of a Poisson process at `rate` requests per second: exponential with
 * mean 1000 / rate, drawn by inversion from a seeded generator so a run's schedule is reproducible.
 */
export function poissonGaps(rate: number, seed?: number): () => number {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`poissonGaps: rate must be a positive number of requests per second, got ${rate}.`)
  const random = createRandom(seed)
  const meanMs = 1000 / rate
  // 1 − u lies in (0, 1], so the logarithm is finite
  return () => -Math.log(1 - random()) * meanMs
}
