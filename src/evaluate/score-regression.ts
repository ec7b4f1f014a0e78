import { scaledResamples, type BootstrapOptions } from '../analyse/bootstrap.js'
import { regressionConfidenceIntervals, regressionReport } from '../analyse/metrics/regression.js'
import type { EvaluationBase, RegressionEvaluation } from '../results/evaluation.js'

/** The regression-specific part of an evaluation result. */
export type RegressionScores = Omit<RegressionEvaluation, keyof EvaluationBase>

/** MAE, MSE, RMSE, R², MAPE (sklearn definitions) with bootstrap CIs of MAE, RMSE and R² [scaledResamples(n) resamples]. */
export function scoreRegression(targets: readonly number[], predicted: readonly number[], options: Pick<BootstrapOptions, 'seed' | 'resamples'> = {}): RegressionScores {
  const { mae, mse, rmse, r2, mape } = regressionReport(targets, predicted)
  return {
    mae,
    mse,
    rmse,
    r2,
    mape,
    ci: regressionConfidenceIntervals(targets, predicted, { ...options, resamples: options.resamples ?? scaledResamples(targets.length) }),
    predictions: { targets: [...targets], predicted: [...predicted] },
  }
}
