/** An interval with bounds that may be open: null where the data cannot bound that side. */
export interface OpenInterval {
  lower: number | null
  upper: number | null
}

/**
 * An interval as text, each bound formatted, an open bound written 'open' (never a number the
 * data cannot support): '1.20 ms – 1.41 ms', '2.01 ms – open'.
 */
export function formatInterval(interval: OpenInterval, format: (value: number) => string, between = ' – '): string {
  const bound = (v: number | null) => (v === null ? 'open' : format(v))
  return `${bound(interval.lower)}${between}${bound(interval.upper)}`
}
