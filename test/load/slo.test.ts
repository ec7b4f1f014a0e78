import { describe, expect, test } from 'vitest'
import { summarizeLatency } from '../../src/analyse/latency.js'
import { loadTest } from '../../src/load/load-test.js'
import { maxThroughputWithinSlo, meetsSlo, parseSlo } from '../../src/load/slo.js'
import type { LoadLevelResult } from '../../src/results/load-test.js'
import { sleep } from '../../benches/support/busy.js'

function level(concurrency: number, latencies: number[], throughput: number, errorRate = 0): LoadLevelResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    concurrency,
    requests: 100,
    completed: 100,
    errors: 0,
    errorRate,
    errorMessages: [],
    otherErrors: 0,
    durationMs: 1000,
    throughput,
    latency: summarizeLatency(sorted),
    samples: sorted,
  }
}

describe('SLO', () => {
  test('parseSlo converts units and defaults the error rate to 0', () => {
    expect(parseSlo({ p99: '50ms', p50: '800us' })).toEqual({ p99: 50, p50: 0.8, errorRate: 0 })
    expect(parseSlo({ mean: 5, errorRate: '1%' })).toEqual({ mean: 5, errorRate: 0.01 })
    expect(() => parseSlo({ errorRate: 2 })).toThrow(/between 0 and 1/)
  })

  test('a level meets the SLO only with every limit and the error rate within bounds', () => {
    const limits = parseSlo({ p50: 10, p99: 30 })
    expect(meetsSlo(level(1, [5, 6, 7, 8, 20], 100), limits)).toBe(true)
    expect(meetsSlo(level(1, [5, 6, 7, 8, 40], 100), limits)).toBe(false) // p99 ≈ 39.2
    expect(meetsSlo(level(1, [5, 6, 7, 8, 20], 100, 0.01), limits)).toBe(false)
    expect(meetsSlo(level(1, [5, 6, 7, 8, 20], 100, 0.01), { ...limits, errorRate: 0.01 })).toBe(true)
    expect(meetsSlo({ ...level(1, [5], 0), latency: null }, limits)).toBe(false)
  })

  test('maxThroughputWithinSlo picks the highest throughput among levels meeting it', () => {
    const levels = [level(1, [5, 5, 5], 100), level(2, [9, 9, 9], 180), level(4, [25, 25, 25], 200)]
    expect(maxThroughputWithinSlo(levels, parseSlo({ p99: '10ms' }), 'closed')).toEqual({ level: 2, throughput: 180 })
    expect(maxThroughputWithinSlo(levels, parseSlo({ p99: '1ms' }), 'closed')).toBeNull()
  })

  test('SLO search on a target whose latency grows with load finds the right level', async () => {
    // latency 40 ms + 10 ms per request in flight: ≈ 50, 60, 80, 120, 200 ms at 1, 2, 4, 8, 16 users,
    // while throughput still rises (≈ 20, 33, 50, 67, 80/s); p95 ≤ 160 ms holds up to 8 users. The
    // 40 ms margins on both sides of the limit absorb timer jitter on a loaded machine.
    let active = 0
    const target = async () => {
      active++
      try {
        await sleep(40 + 10 * active)
      } finally {
        active--
      }
    }
    const result = await loadTest(target, {
      concurrency: [1, 2, 4, 8, 16],
      duration: '800ms',
      warmup: { duration: '50ms' },
      slo: { p95: '160ms' },
      record: false,
    })
    expect(result.slo).toEqual({ p95: 160, errorRate: 0 })
    expect(result.levels.map((l) => l.withinSlo)).toEqual([true, true, true, true, false])
    expect(result.maxThroughputWithinSlo?.level).toBe(8)
  })
})
