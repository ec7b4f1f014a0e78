import { describe, expect, test } from 'vitest'
import { formatBytes, formatDuration, parseBytes, parseDuration, parseFraction } from '../src/units.js'

describe('units', () => {
  test('durations', () => {
    expect(parseDuration('800us')).toBeCloseTo(0.8, 12)
    expect(parseDuration('800µs')).toBeCloseTo(0.8, 12)
    expect(parseDuration('40ms')).toBe(40)
    expect(parseDuration('1.5s')).toBe(1500)
    expect(parseDuration('2 m')).toBe(120_000)
    expect(parseDuration(12)).toBe(12)
  })

  test('sizes: decimal and binary units', () => {
    expect(parseBytes('512MB')).toBe(512e6)
    expect(parseBytes('2GiB')).toBe(2 * 1024 ** 3)
    expect(parseBytes('1.5 KiB')).toBe(1536)
    expect(parseBytes(1024)).toBe(1024)
  })

  test('fractions', () => {
    expect(parseFraction('5%')).toBeCloseTo(0.05, 12)
    expect(parseFraction(0.1)).toBe(0.1)
    expect(() => parseFraction('five')).toThrow(/percentage such as '5%'/)
  })

  test('clear errors instead of NaN', () => {
    expect(() => parseDuration('40 parsecs')).toThrow('Invalid duration "40 parsecs": unknown unit "parsecs". Known units:')
    expect(() => parseDuration('40')).toThrow(/missing unit/)
    expect(() => parseDuration('fast')).toThrow(/Expected a number followed by a unit, such as '800us', '40ms' or '1.5s'/)
    expect(() => parseDuration(Number.NaN)).toThrow(/non-negative finite number/)
    expect(() => parseDuration(-1)).toThrow(/non-negative/)
    expect(() => parseBytes('12 MBs')).toThrow(/unknown unit "MBs"/)
    expect(() => parseBytes({} as never)).toThrow(/Invalid memory size/)
  })

  test('formatting picks a readable unit', () => {
    expect(formatDuration(0.0042)).toBe('4.20 µs')
    expect(formatDuration(40)).toBe('40.0 ms')
    expect(formatDuration(1500)).toBe('1.50 s')
    expect(formatBytes(1536)).toBe('1.50 KiB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB')
  })
})
