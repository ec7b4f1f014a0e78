/** Scale and axis of a quantitative x channel for levels such as concurrency or batch size. */
export interface LevelAxis {
  scale: { type: 'linear' | 'log'; base?: number; zero?: false; nice: false; padding: number }
  /** Ticks at the levels themselves, printed as they are ('1', '2', '250', not '1.0'). */
  axis: { values: number[]; labelFlush: false; format: string }
}

/**
 * Levels that grow geometrically (1, 2, 4 … 64) get a base-2 log axis, so the small levels are not
 * crammed into the corner; anything else a linear one. Ticks are the levels that were run.
 */
export function levelAxis(levels: readonly number[]): LevelAxis {
  const positive = levels.filter((l) => l > 0)
  const geometric = positive.length === levels.length && positive.length > 1 && Math.max(...positive) / Math.min(...positive) >= 8
  return {
    scale: geometric ? { type: 'log', base: 2, nice: false, padding: 12 } : { type: 'linear', zero: false, nice: false, padding: 12 },
    axis: { values: [...levels], labelFlush: false, format: ',.6~g' },
  }
}
