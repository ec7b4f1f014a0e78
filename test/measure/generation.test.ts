import { describe, expect, it } from 'vitest'
import { benchmarkGeneration, cutRow, type GenerateFn } from '../../src/measure/generation.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { EOS, fakeGenerator } from '../helpers/fake-generator.js'

describe('benchmarkGeneration', () => {
  it('stamps TTFT at the first generated token and TPOT from the later ones (a fake generator with known step times)', async () => {
    const r = await benchmarkGeneration('fake', fakeGenerator(20, 4, { a: 6, b: 6 }), ['a', 'b'], { requests: 6, warmup: 1, eosTokenId: EOS, record: false })
    expect(r.requests).toHaveLength(6)
    // a shared CPU can stretch a busy-wait, never shorten it: exact lower bounds, and the 5:1 ratio
    // of prefill to step recovered within a wide margin
    expect(r.ttft.p50).toBeGreaterThanOrEqual(20)
    expect(r.tpot?.p50).toBeGreaterThanOrEqual(4)
    expect(r.itl?.p50).toBeGreaterThanOrEqual(4)
    const ratio = r.ttft.p50 / (r.tpot?.p50 as number)
    expect(ratio).toBeGreaterThan(2.5)
    expect(ratio).toBeLessThan(10)
    // e2e = TTFT + 5 steps; TPOT = (e2e − TTFT) / 5
    for (const q of r.requests) {
      expect(q.outputTokens).toBe(6)
      expect(q.tpotMs).toBeCloseTo((q.e2eMs - q.ttftMs) / 5, 9)
    }
    expect(r.outputTokens).toEqual({ total: 36, mean: 6 })
    expect(r.inputTokens).toEqual({ total: 6, mean: 1 })
    expect(r.timeline.tokenMs).toHaveLength(6)
    // 6 tokens in at least 40 ms: at most 150/s
    expect(r.tokensPerSecond.overall).toBeLessThan(6 / 0.04)
    expect(r.tokensPerSecond.overall).toBeCloseTo((1000 * 36) / r.perCall.ms.reduce((a, b) => a + b, 0), 9)
    expect(r.tokensPerSecond.ci.lower).toBeLessThanOrEqual(r.tokensPerSecond.overall)
  })

  it('cuts every row of a batch at its own first end token, though the call runs on', async () => {
    const r = await benchmarkGeneration('batched', fakeGenerator(5, 2, { short: 2, long: 8 }), ['short', 'long'], { batchSize: 2, requests: 2, warmup: 0, eosTokenId: [EOS], record: false })
    const [short, long] = r.requests
    expect(short?.outputTokens).toBe(2)
    expect(long?.outputTokens).toBe(8)
    // the short row's last token came at step 2, long before the call ended
    expect(short?.e2eMs).toBeLessThan((long?.e2eMs as number) / 2)
    expect(short?.ttftMs).toBe(long?.ttftMs)
    expect(r.perCall.outputTokens).toEqual([10])
    expect(cutRow([5, EOS, 7, 7], [1, 2, 3, 4], new Set([EOS]))).toEqual([1, 2])
    expect(cutRow([5, 6], [1, 2], new Set([EOS]))).toEqual([1, 2])
  })

  it('gates TTFT and TPOT percentiles and tokens/s, with their samples kept', async () => {
    const r = await benchmarkGeneration('gated', fakeGenerator(2, 1, { a: 3 }), ['a'], { requests: 5, warmup: 0, eosTokenId: EOS, record: false })
    const entry = baselineEntryOf(r)
    expect(Object.keys(entry.metrics).sort()).toEqual(['tokens throughput', 'tpot p50', 'tpot p95', 'ttft p50', 'ttft p95'])
    expect(entry.samples.ttft).toHaveLength(5)
    expect(entry.metrics['tokens throughput']?.value).toBe(r.tokensPerSecond.overall)
  })

  it('says what is wrong with its input', async () => {
    await expect(benchmarkGeneration('x', fakeGenerator(0, 0, { a: 1 }), [])).rejects.toThrow(/prompts must be a non-empty array/)
    await expect(benchmarkGeneration('x', {} as GenerateFn, ['a'])).rejects.toThrow(/pipeline or a function/)
    await expect(benchmarkGeneration('x', async () => undefined, ['a'], { record: false })).rejects.toThrow(/without reporting a token; call onStep/)
    await expect(benchmarkGeneration('x', async (_p, on) => on([1, 2]), ['a'], { record: false })).rejects.toThrow(/reported 2 token ids for a batch of 1/)
  })
})

describe('generation matchers', () => {
  it('check TTFT and TPOT percentiles, tokens/s, and exact bounds with { confidence }', async () => {
    const r = await benchmarkGeneration('m', fakeGenerator(3, 1, { a: 4 }), ['a'], { requests: 20, warmup: 0, eosTokenId: EOS, record: false })
    // every busy-wait lasts at least its time, so these directions are certain
    expect(r).toHaveTimeToFirstTokenBelow('10s')
    expect(r).not.toHaveTimeToFirstTokenBelow('2ms')
    expect(r).not.toHaveTimeToFirstTokenBelow('2ms', { percentile: 'p95' })
    expect(r).toHaveTimePerOutputTokenBelow('5s', { percentile: 'p99' })
    expect(r).not.toHaveTimePerOutputTokenBelow('0.5ms')
    expect(r).toHaveOutputTokensPerSecondAbove(1)
    expect(r).not.toHaveOutputTokensPerSecondAbove(4 / 0.006) // 4 tokens take ≥ 6 ms
    expect(r).toHaveOutputTokensPerSecondAbove(1, { confidence: 0.95 })
    // a 95 % upper bound on p95 over 20 requests: too few
    expect(() => expect(r).toHaveTimeToFirstTokenBelow('10s', { percentile: 'p95', confidence: 0.95 })).toThrow(/needs ≥ \d+ /)
    expect(() => expect(r).toHaveTimeToFirstTokenBelow('10s', { percentile: 'p90' as 'p95' })).toThrow(/percentile must be/)
    expect(() => expect({ kind: 'benchmark' }).toHaveTimeToFirstTokenBelow('1s')).toThrow(/expected the result of benchmarkGeneration\(\), got a benchmark result/)
  })
})
