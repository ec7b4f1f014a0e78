/**
 * Parsing and formatting of the units users write in matchers and options: durations ('800us',
 * '40ms', '1.5s') and sizes ('512MB', '2GiB'). Bad input throws with what was expected, never NaN.
 * Every number shown to a user (messages, tables, the report) is formatted here, once.
 */

/** A duration: a number of milliseconds, or a string with a unit (ns, us/µs, ms, s, m). */
export type Duration = number | `${number}${DurationUnit}` | `${number} ${DurationUnit}`
/** Units accepted in a duration string. */
export type DurationUnit = 'ns' | 'us' | 'µs' | 'ms' | 's' | 'm' | 'min'
/** A size: a number of bytes, or a string with a decimal (kB, MB, GB) or binary (KiB, MiB, GiB) unit. */
export type ByteSize = number | `${number}${ByteUnit}` | `${number} ${ByteUnit}`
/** Units accepted in a size string. */
export type ByteUnit = 'B' | 'kB' | 'KB' | 'MB' | 'GB' | 'TB' | 'KiB' | 'MiB' | 'GiB' | 'TiB'
/** A fraction as a number (0.05) or a percentage string ('5%'). */
export type Fraction = number | `${number}%`

const DURATION_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
}

const BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
}

const NUMBER_WITH_UNIT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-zA-Zµμ%]*)\s*$/

function parseWithUnit(
  what: string,
  value: unknown,
  table: Record<string, number>,
  caseInsensitive: boolean,
  examples: string,
  option: string | undefined,
): number {
  // 'duration "abc" for maxTime': the option is named, so the user knows which value to fix
  const subject = (shown: string) => `${what} ${shown}${option ? ` for ${option}` : ''}`
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new TypeError(`Invalid ${what}${option ? ` for ${option}` : ''}: ${value}. Expected a non-negative finite number or a string such as ${examples}.`)
    }
    return value
  }
  if (typeof value !== 'string') {
    throw new TypeError(`Invalid ${what}${option ? ` for ${option}` : ''}: ${JSON.stringify(value)} (${typeof value}). Expected a number or a string such as ${examples}.`)
  }
  const match = NUMBER_WITH_UNIT.exec(value)
  if (!match) {
    throw new TypeError(`Invalid ${subject(`"${value}"`)}. Expected a number followed by a unit, such as ${examples}.`)
  }
  const amount = Number(match[1])
  const unit = match[2] ?? ''
  if (unit === '') {
    throw new TypeError(`Invalid ${subject(`"${value}"`)}: missing unit. Write it with a unit, such as ${examples}, or pass a plain number.`)
  }
  const factor = table[caseInsensitive ? unit.toLowerCase() : unit]
  if (factor === undefined) {
    const known = [...new Set(Object.keys(table))].join(', ')
    throw new TypeError(`Invalid ${subject(`"${value}"`)}: unknown unit "${unit}". Known units: ${known}.`)
  }
  if (amount < 0) throw new TypeError(`Invalid ${subject(`"${value}"`)}: must not be negative.`)
  return amount * factor
}

/** Parses a duration to milliseconds. Numbers are already milliseconds. `option` names it in errors ('maxTime'). */
export function parseDuration(value: Duration | string, option?: string): number {
  return parseWithUnit('duration', value, DURATION_MS, false, "'800us', '40ms' or '1.5s'", option)
}

/** Parses a size to bytes. Numbers are already bytes; 'MB' is 10^6 and 'MiB' is 2^20. `option` names it in errors. */
export function parseBytes(value: ByteSize | string, option?: string): number {
  return parseWithUnit('memory size', value, BYTES, true, "'512MB', '2GiB' or 1048576", option)
}

/** Parses a fraction: 0.05 or '5%'. `option` names it in errors ('thresholds.latency'). */
export function parseFraction(value: Fraction | string, option?: string): number {
  if (typeof value === 'string' && value.trim().endsWith('%')) {
    const n = Number(value.trim().slice(0, -1))
    if (Number.isFinite(n)) return n / 100
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    return value
  }
  throw new TypeError(`Invalid fraction ${JSON.stringify(value)}${option ? ` for ${option}` : ''}. Expected a number such as 0.05 or a percentage such as '5%'.`)
}

function trim(value: number): string {
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return value.toFixed(digits)
}

/** Formats milliseconds with a readable unit: 0.0042 → '4.20 µs', 40 → '40.0 ms', 1500 → '1.50 s'. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  const abs = Math.abs(ms)
  if (abs === 0) return '0 ms'
  if (abs < 1e-3) return `${trim(ms * 1e6)} ns`
  if (abs < 1) return `${trim(ms * 1e3)} µs`
  if (abs < 1000) return `${trim(ms)} ms`
  return `${trim(ms / 1000)} s`
}

/** Formats bytes with binary units: 1536 → '1.50 KiB'. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes)
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = bytes
  let i = 0
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${bytes} B` : `${trim(v)} ${units[i]}`
}

/** Formats a rate: 1234.5 → '1,235/s'. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return String(perSecond)
  const digits = perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : 2
  return `${perSecond.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}/s`
}

/** Formats a fraction as a percentage with 3 significant digits: 0.1 → '10%', 0.00125 → '0.125%'. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`
}

/** Formats a signed relative change: 0.123 → '+12.3%'. */
export function formatPercentChange(fraction: number): string {
  if (!Number.isFinite(fraction)) return String(fraction)
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`
}

/**
 * A metric value with 4 significant digits and no trailing zeros: 0.98148 → '0.9815', 53.1234 →
 * '53.12', 0.99 → '0.99'.
 */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (value === 0) return '0'
  const abs = Math.abs(value)
  // toPrecision switches to exponent notation from 1e4; keep whole numbers readable instead.
  return abs >= 1e4 ? Math.round(value).toLocaleString('en-US') : String(Number(value.toPrecision(4)))
}

/** Unit of a gated metric: what its value is formatted as. */
export type MetricUnit = 'ms' | 'items/s' | 'bytes' | 'fraction' | 'number'

/** A metric value in its unit: '1.58 ms', '24,134/s', '164 MiB', '0.8062'. */
export function formatMetricValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'ms':
      return formatDuration(value)
    case 'items/s':
      return formatRate(value)
    case 'bytes':
      return formatBytes(value)
    default:
      return formatMetric(value)
  }
}

/** A change: relative as '+31.2%', of a fraction as '−3.0 pp', other absolute changes as '+0.012'; '–' when unknown or infinite. */
export function formatChange(change: number | undefined, unit: MetricUnit, relative: boolean): string {
  if (change === undefined || !Number.isFinite(change)) return '–'
  if (relative) return formatPercentChange(change)
  const sign = change >= 0 ? '+' : '−'
  if (unit === 'fraction') return `${sign}${Math.abs(change * 100).toFixed(1)} pp`
  return `${sign}${formatMetric(Math.abs(change))}`
}

/** A tolerance: relative as '10%', of a fraction as '1 pp', otherwise the number ('0.01'). */
export function formatTolerance(tolerance: number, unit: MetricUnit, relative: boolean): string {
  if (relative) return formatPercent(tolerance)
  return unit === 'fraction' ? `${Number((tolerance * 100).toPrecision(3))} pp` : String(tolerance)
}

/** A p-value with two significant digits, its magnitude kept below 0.001: '0.035', '1', '4.9e-4'. */
export function formatPValue(p: number): string {
  return p >= 1e-3 ? String(Number(p.toPrecision(2))) : p.toExponential(1)
}
