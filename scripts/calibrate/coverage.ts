/**
 * Coverage of the latency percentile intervals by simulation: draw n samples from a distribution
 * whose quantiles are known exactly, compute the interval, count how often it contains the true
 * quantile. Used by the unit test (few repetitions) and by `npx tsx scripts/calibrate/coverage.ts`
 * for README's table (many).
 */
import { createRandom, type Random } from '../../src/analyse/random.js'
import { normalCdf } from '../../src/analyse/significance.js'
import { quantileInterval, type QuantileInterval } from '../../src/analyse/quantile-bounds.js'
import { invokedDirectly } from '../invoked-directly.js'

/** A distribution to draw latencies from, with its exact CDF (for the true quantiles). */
export interface Distribution {
  name: string
  draw(random: Random): number
  cdf(x: number): number
}

function normal(random: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Log-normal with median 1 ms and σ = 0.5: the right skew of a typical latency sample. */
export const LOGNORMAL: Distribution = {
  name: 'lognormal',
  draw: (random) => Math.exp(0.5 * normal(random)),
  cdf: (x) => (x <= 0 ? 0 : normalCdf(Math.log(x) / 0.5)),
}

/** 80 % fast calls around 1 ms, 20 % slow ones around 3 ms (a cache miss, a GC pause): two modes. */
export const BIMODAL: Distribution = {
  name: 'bimodal',
  draw: (random) => (random() < 0.8 ? 1 + 0.05 * normal(random) : 3 + 0.3 * normal(random)),
  cdf: (x) => 0.8 * normalCdf((x - 1) / 0.05) + 0.2 * normalCdf((x - 3) / 0.3),
}

/** The q-quantile of `d`, by bisection on its CDF. */
export function trueQuantile(d: Distribution, q: number): number {
  let lo = 0
  let hi = 100
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (d.cdf(mid) < q) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** One cell of the coverage table. */
export interface CoverageCell {
  distribution: string
  n: number
  quantile: number
  repetitions: number
  /** Share of repetitions whose interval contained the true quantile (an open bound contains everything on its side). */
  coverage: number
  /** Share of repetitions with an open bound. */
  open: number
}

/** Coverage of `interval` (default: the exact order-statistic interval at 95 %) for each n and quantile. */
export function simulateCoverage(options: {
  distributions: readonly Distribution[]
  sizes: readonly number[]
  quantiles: readonly number[]
  repetitions: number
  seed?: number
  interval?: (sorted: Float64Array, q: number) => QuantileInterval
}): CoverageCell[] {
  const interval = options.interval ?? ((sorted, q) => quantileInterval(sorted, q, 0.95))
  const random = createRandom(options.seed ?? 1)
  const cells: CoverageCell[] = []
  for (const d of options.distributions) {
    const truth = options.quantiles.map((q) => trueQuantile(d, q))
    for (const n of options.sizes) {
      const covered = options.quantiles.map(() => 0)
      const open = options.quantiles.map(() => 0)
      const sample = new Float64Array(n)
      for (let rep = 0; rep < options.repetitions; rep++) {
        for (let i = 0; i < n; i++) sample[i] = d.draw(random)
        sample.sort()
        options.quantiles.forEach((q, j) => {
          const { lower, upper } = interval(sample, q)
          const t = truth[j] as number
          if (lower === null || upper === null) open[j] = (open[j] as number) + 1
          if ((lower === null || lower <= t) && (upper === null || t <= upper)) covered[j] = (covered[j] as number) + 1
        })
      }
      options.quantiles.forEach((q, j) => {
        cells.push({
          distribution: d.name,
          n,
          quantile: q,
          repetitions: options.repetitions,
          coverage: (covered[j] as number) / options.repetitions,
          open: (open[j] as number) / options.repetitions,
        })
      })
    }
  }
  return cells
}

/** The cells as a Markdown table: one row per distribution and n, one column per quantile. */
export function coverageMarkdown(cells: readonly CoverageCell[]): string {
  const quantiles = [...new Set(cells.map((c) => c.quantile))]
  const rows = [...new Set(cells.map((c) => `${c.distribution}\0${c.n}`))]
  const name = (q: number) => `p${String(q * 100).replace('.', '')}`
  const lines = [
    `| distribution | n | ${quantiles.map(name).join(' | ')} |`,
    `| --- | ---: | ${quantiles.map(() => '---:').join(' | ')} |`,
  ]
  for (const row of rows) {
    const [distribution, n] = row.split('\0')
    const cellText = (q: number) => {
      const c = cells.find((x) => x.distribution === distribution && String(x.n) === n && x.quantile === q) as CoverageCell
      const pct = `${(c.coverage * 100).toFixed(1)} %`
      return c.open === 1 ? `open (${pct})` : c.open > 0 ? `${pct} (${(c.open * 100).toFixed(0)} % open)` : pct
    }
    lines.push(`| ${distribution} | ${Number(n).toLocaleString('en-US')} | ${quantiles.map(cellText).join(' | ')} |`)
  }
  return lines.join('\n')
}


if (invokedDirectly(import.meta.url)) {
  const repetitions = Number(process.argv[2] ?? 2000)
  const cells = simulateCoverage({ distributions: [LOGNORMAL, BIMODAL], sizes: [30, 200, 2000, 20000], quantiles: [0.5, 0.95, 0.99], repetitions })
  console.log(coverageMarkdown(cells))
}
