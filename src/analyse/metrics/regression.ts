/**
 * Regression metrics with scikit-learn's definitions, so benchmark numbers can be compared with a
 * Python evaluation of the same predictions. Pure functions; invalid input throws.
 */
import { bootstrapStatistic, percentileInterval } from '../bootstrap.js'
import type { BootstrapOptions, ConfidenceInterval } from '../bootstrap.js'
import { mean } from '../stats.js'

/** Point estimates of `regressionReport`. */
export interface RegressionReport {
  n: number
  /** Mean absolute error. */
  mae: number
  /** Mean squared error. */
  mse: number
  /** √mse. */
  rmse: number
  /** Coefficient of determination (sklearn `r2_score`, force_finite=True). */
  r2: number
  /** Mean absolute percentage error as a fraction (sklearn: |y − ŷ| / max(|y|, ε)), not ×100. */
  mape: number
}

/** Bootstrap confidence intervals of `regressionConfidenceIntervals`. */
export interface RegressionConfidenceIntervals {
  mae: ConfidenceInterval
  rmse: ConfidenceInterval
  r2: ConfidenceInterval
}

/** Throws unless both arrays are non-empty, equally long and entirely finite. */
function validate(targets: readonly number[], predictions: readonly number[]): void {
  if (targets.length !== predictions.length) {
    throw new Error(
      `targets has ${targets.length} values but predictions has ${predictions.length}; they must be the same length`,
    )
  }
  if (targets.length === 0) throw new Error('targets is empty: regression metrics need at least one value')
  for (const [name, values] of [['targets', targets], ['predictions', predictions]] as const) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`${name}[${i}] is ${String(v)}; all values must be finite numbers`)
      }
    }
  }
}

function isConstant(values: ArrayLike<number>): boolean {
  const first = values[0]
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false
  return true
}

/**
 * MAE, MSE, RMSE, R² and MAPE of predictions against targets.
 * - R² follows sklearn `r2_score` with force_finite=True: for a constant target (where R² is 0/0)
 *   it is 1 if the predictions are perfect, else 0. Constancy is tested exactly, not via a
 *   floating-point variance, so [0.1, 0.1, 0.1] is recognised.
 * - MAPE follows sklearn `mean_absolute_percentage_error`: mean of |y − ŷ| / max(|y|, ε) with
 *   ε = Number.EPSILON, so a zero target with a wrong prediction gives a huge but finite value.
 */
export function regressionReport(targets: readonly number[], predictions: readonly number[]): RegressionReport {
  validate(targets, predictions)
  const n = targets.length
  const targetMean = mean(targets)
  let absSum = 0
  let sqSum = 0
  let totSum = 0
  let apeSum = 0
  for (let i = 0; i < n; i++) {
    const y = targets[i] as number
    const err = y - (predictions[i] as number)
    absSum += Math.abs(err)
    sqSum += err * err
    totSum += (y - targetMean) ** 2
    apeSum += Math.abs(err) / Math.max(Math.abs(y), Number.EPSILON)
  }
  const mse = sqSum / n
  const r2 = isConstant(targets) ? (sqSum === 0 ? 1 : 0) : 1 - sqSum / totSum
  return { n, mae: absSum / n, mse, rmse: Math.sqrt(mse), r2, mape: apeSum / n }
}

/**
 * Seeded percentile-bootstrap CIs of MAE, RMSE and R², all from the same resamples. A resample
 * whose target happens to be constant has no R² and is skipped, unless the whole target is
 * constant, in which case the force_finite convention of the point estimate holds.
 */
export function regressionConfidenceIntervals(
  targets: readonly number[],
  predictions: readonly number[],
  options: BootstrapOptions = {},
): RegressionConfidenceIntervals {
  validate(targets, predictions)
  const n = targets.length
  const targetMean = mean(targets)
  // Targets centred on the full-data mean: shift-invariant sums stay numerically stable.
  const centred = new Float64Array(n)
  const absErr = new Float64Array(n)
  const sqErr = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const y = targets[i] as number
    const err = y - (predictions[i] as number)
    centred[i] = y - targetMean
    absErr[i] = Math.abs(err)
    sqErr[i] = err * err
  }
  const targetConstant = isConstant(targets)

  // One resampling pass for all three: the statistic returns R² to bootstrapStatistic and records
  // MAE and RMSE of the same resample on the side (they always exist), a third of the cost.
  const maeReplicates: number[] = []
  const rmseReplicates: number[] = []
  const r2 = bootstrapStatistic(
    n,
    (idx) => {
      let abs = 0
      let res = 0
      let sum = 0
      let sumSq = 0
      for (let i = 0; i < n; i++) {
        const j = idx[i] as number
        const y = centred[j] as number
        abs += absErr[j] as number
        res += sqErr[j] as number
        sum += y
        sumSq += y * y
      }
      maeReplicates.push(abs / n)
      rmseReplicates.push(Math.sqrt(res / n))
      if (targetConstant) return res === 0 ? 1 : 0
      // A resample of one repeated target has no variance (up to rounding): R² undefined, skipped.
      // Tested on the sums rather than per element, which would cost a compare per draw.
      const ssTot = sumSq - (sum * sum) / n
      if (!(ssTot > 1e-12 * sumSq)) return Number.NaN
      return 1 - res / ssTot
    },
    options,
  )
  const level = options.level ?? 0.95
  const mae = percentileInterval(Float64Array.from(maeReplicates), level)
  const rmse = percentileInterval(Float64Array.from(rmseReplicates), level)
  return { mae, rmse, r2 }
}
