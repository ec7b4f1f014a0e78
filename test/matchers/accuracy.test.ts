import { beforeAll, describe, expect, test } from 'vitest'
import { evaluate, type ClassificationEvaluation, type EvaluationResult, type RegressionEvaluation } from '../../src/index.js'
import { failureOf } from '../helpers/failure.js'

let digits: ClassificationEvaluation
let three: ClassificationEvaluation
let fit: RegressionEvaluation

function asClassification(result: EvaluationResult): ClassificationEvaluation {
  if (result.task !== 'classification') throw new Error('expected classification')
  return result
}

function asRegression(result: EvaluationResult): RegressionEvaluation {
  if (result.task !== 'regression') throw new Error('expected regression')
  return result
}

beforeAll(async () => {
  // 200 binary examples, 180 right: accuracy 0.9; the model is wrong on every tenth
  const binary = Array.from({ length: 200 }, (_, i) => ({ input: i, label: i % 2 }))
  const quiet = { record: false, progress: false } as const
  digits = asClassification(
    await evaluate((xs: number[]) => xs.map((x) => (x % 10 === 0 ? 1 - (x % 2) : x % 2)), binary, { ...quiet, name: 'digits-mlp' }),
  )
  // three classes, probabilities for ROC AUC
  const abc = Array.from({ length: 30 }, (_, i) => ({ input: i, label: ['a', 'b', 'c'][i % 3] as string }))
  three = asClassification(
    await evaluate(
      (xs: number[]) => xs.map((x) => [0, 1, 2].map((c) => (c === x % 3 ? 0.6 : 0.2))),
      abc,
      { ...quiet, name: 'abc', labels: ['a', 'b', 'c'] },
    ),
  )
  const targets = Array.from({ length: 50 }, (_, i) => ({ input: i, target: i }))
  fit = asRegression(await evaluate((xs: number[]) => xs.map((x) => x + (x % 2 === 0 ? 2 : -2)), targets, { ...quiet, name: 'line' }))
})

describe('classification matchers', () => {
  test('pass when above the limit; fractions or percentages', () => {
    expect(digits.accuracy).toBe(0.9)
    expect(digits).toHaveAccuracyAbove(0.85)
    expect(digits).toHaveAccuracyAbove('85%')
    expect(digits).not.toHaveAccuracyAbove(0.95)
    expect(digits).toHaveF1Above(0.85)
    expect(digits).toHavePrecisionAbove(0.85)
    expect(digits).toHaveRecallAbove(0.85)
    expect(three).toHaveRocAucAbove(0.99)
  })

  test('a failure names the evaluation, the metric, value, CI, n and the limit', () => {
    const message = failureOf(() => expect(digits).toHaveAccuracyAbove(0.99))
    const { lower, upper } = digits.ci.accuracy
    const fmt = (v: number) => String(Number(v.toPrecision(4)))
    expect(message).toBe(`evaluation "digits-mlp": accuracy 0.9 (95% CI ${fmt(lower)} – ${fmt(upper)}, n=200) is not above the limit 0.99`)
    expect(failureOf(() => expect(digits).not.toHaveAccuracyAbove(0.5))).toMatch(/accuracy 0\.9 \(.*\) is above 0\.5, expected it not to be$/)
  })

  test('{ confidence: 0.95 } asserts on the lower CI bound', () => {
    const { lower } = digits.ci.accuracy
    expect(lower).toBeLessThan(0.9)
    const between = (lower + 0.9) / 2
    expect(digits).toHaveAccuracyAbove(between)
    expect(digits).not.toHaveAccuracyAbove(between, { confidence: 0.95 })
    expect(failureOf(() => expect(digits).toHaveAccuracyAbove(between, { confidence: 0.95 }))).toMatch(/\(tested: 95 % lower bound [\d.]+\) is not above the limit/)
    expect(() => expect(digits).toHaveAccuracyAbove(0.5, { confidence: 0.99 })).toThrow(/only the 95% interval is stored/)
  })

  test('F1, precision and recall by average; a CI for macro F1 only', () => {
    // positive class 1 (the odd x): the 20 misses are x = 0, 10, …, 190, negatives predicted 1,
    // so tp 100, fp 20, fn 0: precision 100/120, recall 1, F1 200/220
    expect(digits.binary?.precision).toBeCloseTo(100 / 120, 12)
    expect(digits.binary?.f1).toBeCloseTo(200 / 220, 12)
    expect(digits).toHaveF1Above(0.9, { average: 'binary' })
    expect(digits).not.toHavePrecisionAbove(0.85, { average: 'binary' })
    expect(digits).toHaveF1Above(0.85, { average: 'micro' })
    expect(digits).toHaveRecallAbove(0.85, { average: 'weighted' })
    expect(failureOf(() => expect(digits).toHaveF1Above(0.99, { average: 'micro' }))).toMatch(/^evaluation "digits-mlp": micro F1 0\.9 \(n=200\) is not above the limit 0\.99$/)
    expect(digits).toHaveF1Above(0.8, { confidence: 0.95 })
    expect(() => expect(digits).toHavePrecisionAbove(0.8, { confidence: 0.95 })).toThrow(/has no confidence interval for macro precision/)
    expect(() => expect(three).toHaveF1Above(0.5, { average: 'binary' })).toThrow(/has no binary scores: it has 3 labels and no positiveLabel/)
    expect(() => expect(digits).toHaveF1Above(0.5, { average: 'samples' as never })).toThrow(/average must be one of 'macro', 'micro', 'weighted', 'binary'/)
  })

  test('ROC AUC needs scores', () => {
    expect(digits.rocAuc).toBeNull()
    expect(() => expect(digits).toHaveRocAucAbove(0.5)).toThrow(/evaluation "digits-mlp" has no ROC AUC: the model's outputs carried no score for every label/)
  })

  test('limits outside [0, 1] are rejected', () => {
    expect(() => expect(digits).toHaveAccuracyAbove(1.5)).toThrow(/the limit is a fraction between 0 and 1/)
    expect(() => expect(digits).toHaveAccuracyAbove('high' as never)).toThrow(/Invalid fraction/)
  })
})

describe('regression matchers', () => {
  test('R² above, RMSE and MAE below, with CIs', () => {
    expect(fit.mae).toBe(2)
    expect(fit.rmse).toBe(2)
    expect(fit).toHaveR2Above(0.9)
    expect(fit).toHaveRmseBelow(2.5)
    expect(fit).toHaveMaeBelow(2.01, { confidence: 0.95 })
    expect(fit).not.toHaveRmseBelow(1.5)
    const message = failureOf(() => expect(fit).toHaveRmseBelow(1.5))
    expect(message).toMatch(/^evaluation "line": RMSE 2 \(95% CI 2 – 2, n=50\) is not below the limit 1\.5$/)
    expect(() => expect(fit).toHaveRmseBelow(-1)).toThrow(/the limit is a RMSE ≥ 0/)
  })
})

describe('wrong kinds of received value', () => {
  test('a regression result for a classification matcher, and the reverse', () => {
    expect(() => expect(fit).toHaveAccuracyAbove(0.5)).toThrow(
      new TypeError('toHaveAccuracyAbove: evaluation "line" is a regression evaluation; toHaveAccuracyAbove needs a classification one. Use toHaveR2Above, toHaveRmseBelow or toHaveMaeBelow.'),
    )
    expect(() => expect(digits).toHaveR2Above(0.5)).toThrow(/is a classification evaluation; toHaveR2Above needs a regression one\. Use toHaveAccuracyAbove/)
  })

  test('a benchmark result, a promise, or anything else', () => {
    expect(() => expect({ kind: 'benchmark', name: 'bert' }).toHaveAccuracyAbove(0.5)).toThrow(
      new TypeError('toHaveAccuracyAbove: expected the result of evaluate() on a classification task, got a benchmark result "bert".'),
    )
    expect(() => expect(Promise.resolve(digits)).toHaveF1Above(0.5)).toThrow(/received a Promise\. Await the evaluation first/)
    expect(() => expect(0.93).toHaveAccuracyAbove(0.5)).toThrow(/expected the result of evaluate\(\) on a classification task, got 0\.93/)
  })
})
