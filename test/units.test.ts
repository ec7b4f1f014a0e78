import { describe, expect, test } from 'vitest'
import {
  formatBytes,
  formatChange,
  formatDuration,
  formatMetric,
  formatMetricValue,
  formatPValue,
  formatTolerance,
  parseBytes,
  parseDuration,
  parseFraction,
} from '../src/core/units.js'

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

  test('metric values: 4 significant digits, whole numbers from 10,000, or in their unit', () => {
    expect(formatMetric(0.98148)).toBe('0.9815')
    expect(formatMetric(53.1234)).toBe('53.12')
    expect(formatMetric(0.99)).toBe('0.99')
    expect(formatMetric(123456.7)).toBe('123,457')
    expect(formatMetric(0)).toBe('0')
    expect(formatMetricValue(1.58, 'ms')).toBe('1.58 ms')
    expect(formatMetricValue(24134.4, 'items/s')).toBe('24,134/s')
    expect(formatMetricValue(164 * 1024 ** 2, 'bytes')).toBe('164 MiB')
    expect(formatMetricValue(0.80621, 'fraction')).toBe('0.8062')
  })

  test('changes and tolerances: relative in percent, of a fraction in points, else the number', () => {
    expect(formatChange(0.3167, 'ms', true)).toBe('+31.7%')
    expect(formatChange(-0.25, 'items/s', true)).toBe('-25.0%')
    expect(formatChange(-0.03, 'fraction', false)).toBe('−3.0 pp')
    expect(formatChange(0.012, 'number', false)).toBe('+0.012')
    expect(formatChange(undefined, 'ms', true)).toBe('–')
    expect(formatChange(Number.POSITIVE_INFINITY, 'ms', true)).toBe('–')
    expect(formatTolerance(0.1, 'ms', true)).toBe('10%')
    expect(formatTolerance(0.01, 'fraction', false)).toBe('1 pp')
    expect(formatTolerance(0.01, 'number', false)).toBe('0.01')
  })

  test('p-values keep two significant digits and their magnitude', () => {
    expect(formatPValue(0.03515625)).toBe('0.035')
    expect(formatPValue(1)).toBe('1')
    expect(formatPValue(2 * 0.5 ** 12)).toBe('4.9e-4')
  })
})
