import { describe, expect, test } from 'vitest'
import { sharedHistogram } from '../../reporters/html/histogram.js'
import { paretoOptimal } from '../../src/compare-models/pareto.js'

describe('sharedHistogram', () => {
  test('equal-width bins from the minimum to the maximum, shares of each sample', () => {
    const h = sharedHistogram([[0, 1, 2, 3, 4]], { bins: 2 })
    expect(h.scale).toBe('linear')
    expect(h.edges).toEqual([0, 2, 4])
    // [0, 2) holds 0 and 1; the last bin is closed: [2, 4] holds 2, 3 and 4.
    expect(h.series).toEqual([{ counts: [2, 3], shares: [0.4, 0.6], beyond: 0, n: 5 }])
  })

  test('samples above `upper` are counted as beyond and still weigh in the shares', () => {
    const h = sharedHistogram([[0, 1, 2, 3, 4]], { bins: 2, upper: 3 })
    expect(h.edges).toEqual([0, 1.5, 3])
    expect(h.series[0]).toEqual({ counts: [2, 2], shares: [0.4, 0.4], beyond: 1, n: 5 })
  })

  test('several samples share one set of edges', () => {
    const h = sharedHistogram([[1, 2], [3, 4]], { bins: 3 })
    expect(h.edges).toEqual([1, 2, 3, 4])
    expect(h.series.map((s) => s.counts)).toEqual([[1, 1, 0], [0, 0, 2]])
  })

  test('a range wider than `logAbove` gets bins of equal width in log(x)', () => {
    const h = sharedHistogram([[1, 5, 100]], { bins: 2, logAbove: 10 })
    expect(h.scale).toBe('log')
    expect(h.edges[0]).toBe(1)
    expect(h.edges[1]).toBeCloseTo(10, 12)
    expect(h.edges[2]).toBe(100)
    expect(h.series[0]?.counts).toEqual([2, 1])
    expect(sharedHistogram([[1, 5, 100]], { bins: 2, logAbove: 200 }).scale).toBe('linear')
  })

  test('a constant sample gets one visible bin; no sample at all is an error', () => {
    const h = sharedHistogram([[2, 2, 2]], { bins: 4 })
    expect(h.series[0]?.counts).toEqual([3, 0, 0, 0])
    expect(h.edges[4]).toBeGreaterThan(2)
    expect(() => sharedHistogram([[], []])).toThrow(/every sample is empty/)
  })
})

describe('paretoOptimal', () => {
  test('keeps the points no other point beats on both cost and quality', () => {
    const points = [
      { cost: 1, quality: 0.9 },
      { cost: 2, quality: 0.95 },
      { cost: 3, quality: 0.94 }, // slower and worse than the second
      { cost: 2, quality: 0.95 }, // a tie with the second: both optimal
      { cost: 1, quality: 0.8 }, // as fast as the first, less accurate
    ]
    expect(paretoOptimal(points)).toEqual([true, true, false, true, false])
  })
})
