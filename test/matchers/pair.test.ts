import { describe, expect, test } from 'vitest'
import { pairResult } from '../report/pair-synthetic.js'

describe('toHaveRegressed', () => {
  test('passes on a regressed pair; .not fails it with the ratio, interval and evidence', () => {
    const regressed = pairResult('regressed', 1.092, [1.052, 1.137])
    expect(regressed).toHaveRegressed()
    expect(() => expect(regressed).not.toHaveRegressed()).toThrow(
      /^benchmarkPair "q8 vs fp32 \(regressed\)": head regressed against base: p50 latency regressed: 100 µs → 109 µs: \+9\.2% .*beyond the tolerance 5%.*\(head\/base 1\.092× \[1\.052, 1\.137\], 64 slice pairs, 2\.63 s, decided\)$/,
    )
    const unchanged = pairResult('unchanged', 1.01, [0.98, 1.03])
    expect(unchanged).not.toHaveRegressed()
    expect(() => expect(unchanged).toHaveRegressed()).toThrow(/head did not regress against base: p50 latency unchanged/)
  })

  test('anything but a benchmarkPair() result is refused with what to pass', () => {
    expect(() => expect({ kind: 'benchmark', name: 'x' }).not.toHaveRegressed()).toThrow(/toHaveRegressed: expected the result of benchmarkPair\(\), got a benchmark result/)
    expect(() => expect(Promise.resolve(1)).not.toHaveRegressed()).toThrow(/Await it first/)
  })
})
