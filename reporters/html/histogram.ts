/** Counts of one sample over the shared bins. */
export interface BinnedSeries {
  /** Samples per bin. */
  counts: number[]
  /** counts / n: comparable between samples of different sizes. */
  shares: number[]
  /** Samples above the upper edge (left out of the bins). */
  beyond: number
  n: number
}

/** Bins shared by several samples, so their distributions overlay on one axis. */
export interface SharedHistogram {
  /** bins + 1 ascending edges; bin i is [edges[i], edges[i+1]), the last bin is closed. */
  edges: number[]
  /** 'log': edges are geometrically spaced (equal width on a log axis). */
  scale: 'linear' | 'log'
  series: BinnedSeries[]
}

/** Options of {@link sharedHistogram}. */
export interface SharedHistogramOptions {
  /** Number of bins [40]. */
  bins?: number
  /**
   * Upper edge [the largest sample]; samples above it are counted in `beyond`. Latency tails are
   * long: one extreme call would otherwise squeeze the whole distribution into the first bins.
   */
  upper?: number
  /**
   * Above this ratio of upper to lower edge, bins are equal-width in log(x) [10]: a regression from
   * 30 µs to 300 µs, or a tail at 100× the median, stays readable on one axis.
   */
  logAbove?: number
}

/**
 * Bins ascending samples on common bins from the lowest sample to `upper`, equal-width in x or,
 * over a wide range, in log(x). Charts need a few dozen points however many samples there are;
 * the exact statistics stay in the tables.
 */
export function sharedHistogram(sortedSamples: ReadonlyArray<ArrayLike<number>>, options: SharedHistogramOptions = {}): SharedHistogram {
  const bins = options.bins ?? 40
  const present = sortedSamples.filter((s) => s.length > 0)
  if (present.length === 0) throw new Error('sharedHistogram: every sample is empty')
  const lo = Math.min(...present.map((s) => s[0] as number))
  let hi = Math.min(options.upper ?? Number.POSITIVE_INFINITY, Math.max(...present.map((s) => s[s.length - 1] as number)))
  // Constant samples: give the single spike a visible width.
  if (!(hi > lo)) hi = lo + Math.max(Math.abs(lo) * 0.01, 1e-9)
  const scale = lo > 0 && hi / lo > (options.logAbove ?? 10) ? 'log' : 'linear'
  // Positions in the binned space: x itself, or ln x.
  const at = scale === 'log' ? Math.log : (x: number) => x
  const start = at(lo)
  const width = (at(hi) - start) / bins
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === 0 ? lo : i === bins ? hi : scale === 'log' ? Math.exp(start + i * width) : start + i * width))
  const series = sortedSamples.map((sample): BinnedSeries => {
    const counts = new Array<number>(bins).fill(0)
    let beyond = 0
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i] as number
      if (x > hi) beyond++
      else {
        const bin = Math.min(bins - 1, Math.floor((at(x) - start) / width))
        counts[bin] = (counts[bin] as number) + 1
      }
    }
    const n = sample.length
    return { counts, shares: counts.map((c) => (n === 0 ? 0 : c / n)), beyond, n }
  })
  return { edges, scale, series }
}
