import { describe, expect, it } from 'vitest'
import { loadTest } from '../../src/index.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { EOS, fakeGenerator } from '../helpers/fake-generator.js'

// prefill 4 ms, then 1 ms per step, 5 tokens per answer
const target = { generate: fakeGenerator(4, 1, { a: 5, b: 5 }), eosTokenId: EOS }

describe('loadTest on a generator', () => {
  it('reports TTFT, TPOT, output tokens/s and goodput per level; queueing counts toward TTFT', async () => {
    const r = await loadTest(target, { concurrency: [1, 2], requests: 12, warmup: false, input: ['a', 'b'], goodput: { ttft: '6ms' }, slo: { ttftP99: '10s' }, record: false })
    expect(r.target.kind).toBe('generation')
    const [one, two] = r.levels
    // busy-waits only stretch: exact lower bounds
    expect(one?.tokens?.ttft.p50).toBeGreaterThanOrEqual(4)
    expect(one?.tokens?.tpot?.p50).toBeGreaterThanOrEqual(1)
    expect(one?.tokens?.outputTokensPerSecond).toBeGreaterThan(0)
    // two users take turns at the thread: a request waits for the other's prefill (≥ 4 + 4 ms)
    expect(two?.tokens?.ttft.p99).toBeGreaterThanOrEqual(8)
    // …so at least half its requests miss a 6 ms TTFT: goodput below throughput
    expect(two?.goodput).toBeLessThan(two?.throughput as number)
    expect(one?.goodput).toBeLessThanOrEqual(one?.throughput as number)
    expect(r.goodput).toEqual({ ttft: 6 })
    expect(r.maxThroughputWithinSlo).not.toBeNull()
    expect(r).toSustainThroughput(1, { ttftP99Below: '10s' })
    expect(r).not.toSustainThroughput(1, { ttftP99Below: '1ms' })
    expect(r).toHaveGoodputAbove(0)
    expect(r).not.toHaveGoodputAbove(1e6)
    const entry = baselineEntryOf(r)
    expect(Object.keys(entry.metrics)).toEqual(expect.arrayContaining(['concurrency 2 ttft p50', 'concurrency 2 ttft p95', 'concurrency 2 tpot p50']))
  })

  it('a level SLO on TTFT fails a target without token times; prompts must be strings', async () => {
    const plain = await loadTest(async () => undefined, { concurrency: 1, requests: 3, warmup: false, slo: { ttftP99: '1s' }, record: false })
    expect(plain.levels[0]?.withinSlo).toBe(false)
    const bad = await loadTest(target, { concurrency: 1, requests: 2, warmup: false, record: false })
    expect(bad.levels[0]?.errorMessages[0]?.message).toMatch(/takes prompts \(strings\) as input, got number/)
    await expect(loadTest(target, { concurrency: 1, requests: 1, goodput: {} })).rejects.toThrow(/goodput needs at least one limit/)
    expect(() => expect(plain).toHaveGoodputAbove(1)).toThrow(/was run without goodput limits/)
  })
})
