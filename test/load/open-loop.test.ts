import { describe, expect, test } from 'vitest'
import { poissonGaps } from '../../src/load/arrivals.js'
import { loadTest } from '../../src/load/load-test.js'
import { busyWait, sleep } from '../../benches/support/busy.js'

/** A target that serves one request at a time, 10 ms each: capacity 100 requests/s. */
function serialTarget(serviceMs: number): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve()
  return () => {
    const done = tail.then(() => sleep(serviceMs))
    tail = done
    return done
  }
}

describe('poissonGaps', () => {
  test('exponential gaps with mean 1000 / rate, reproducible from the seed', () => {
    const gaps = poissonGaps(200, 7)
    const draws = Array.from({ length: 20_000 }, gaps)
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length
    // standard error of the mean is 5 ms / √20000 ≈ 0.035 ms
    expect(mean).toBeGreaterThan(4.85)
    expect(mean).toBeLessThan(5.15)
    // exponential: P(gap > mean) = e^-1 ≈ 0.368
    const above = draws.filter((g) => g > 5).length / draws.length
    expect(above).toBeGreaterThan(0.35)
    expect(above).toBeLessThan(0.385)
    const again = poissonGaps(200, 7)
    expect([again(), again()]).toEqual(draws.slice(0, 2))
    expect(() => poissonGaps(0)).toThrow(/positive number/)
  })
})

describe('loadTest, open loop', () => {
  test('beyond capacity, queueing shows in latency measured from the scheduled arrival', async () => {
    const result = await loadTest(serialTarget(10), { rate: [40, 200], duration: '1s', warmup: false, seed: 3, record: false })
    expect(result.mode).toBe('open')
    const [light, overload] = result.levels
    expect(light?.rate).toBe(40)
    expect(overload?.rate).toBe(200)
    // about rate × duration arrivals (Poisson: ±3 sd)
    expect(light?.requests).toBeGreaterThan(40 - 3 * Math.sqrt(40))
    expect(light?.requests).toBeLessThan(40 + 3 * Math.sqrt(40))
    expect(overload?.requests).toBeGreaterThan(200 - 3 * Math.sqrt(200))
    // at 2× capacity the backlog grows all second long: the median waits hundreds of ms, while at
    // 40 % load it waits little beyond its 10 ms of service. Late timers on a loaded CI machine
    // stretch the service time and with it both medians (a light-load p50 of 34 ms was seen), so
    // the light level is judged only against the overloaded one.
    expect(overload?.latency?.p50).toBeGreaterThan(150)
    expect(overload?.latency?.p50 ?? 0).toBeGreaterThan(5 * (light?.latency?.p50 ?? Infinity))
    // served throughput is capped near capacity (100/s), far below the offered 200/s
    expect(overload?.throughput).toBeLessThan(125)
  })

  test('the send lag shows arrivals held up by a target that blocks the thread, and the latency includes it', async () => {
    let calls = 0
    const blockOnce = async () => {
      if (calls++ === 0) busyWait(40) // as a synchronous session.run would
    }
    const result = await loadTest(blockOnce, { rate: 200, duration: '400ms', warmup: false, seed: 5, record: false })
    const [level] = result.levels
    const lag = level?.sendLag
    if (!lag || !level?.latency) throw new Error('open-loop level without send lag or latency')
    // the arrivals scheduled during the 40 ms block left when it ended: the first of them ≈ 40 ms late
    expect(lag.max).toBeGreaterThan(30)
    expect(level.latency.max).toBeGreaterThanOrEqual(lag.max)
    // most arrivals came after the block, on time
    expect(lag.p50).toBeLessThan(lag.max / 2)
    const closed = await loadTest(blockOnce, { concurrency: 1, requests: 5, warmup: false, record: false })
    expect(closed.levels[0]?.sendLag).toBeUndefined()
  })

  test('arrivals beyond maxInFlight are dropped and counted', async () => {
    const result = await loadTest(() => sleep(1000), { rate: 500, duration: '200ms', maxInFlight: 5, warmup: false, seed: 1, record: false })
    const [level] = result.levels
    expect(level?.completed).toBe(5)
    expect(level?.errors).toBe((level?.requests ?? 0) - 5)
    expect(level?.errorMessages[0]?.message).toMatch(/dropped: 5 requests already in flight/)
  })
})
