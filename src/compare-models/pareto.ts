/** A model as a point to trade off: lower cost (latency) and higher quality (accuracy) are better. */
export interface TradeOff {
  cost: number
  quality: number
}

/**
 * Which points are Pareto-optimal: no other point is at least as good on both axes and strictly
 * better on one. Ties (identical points) are all optimal.
 */
export function paretoOptimal(points: readonly TradeOff[]): boolean[] {
  return points.map((p) =>
    !points.some((q) => q.cost <= p.cost && q.quality >= p.quality && (q.cost < p.cost || q.quality > p.quality)),
  )
}
