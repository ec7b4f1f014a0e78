import { describe, it, expect } from 'vitest'
import {
  accuracy,
  accuracyConfidenceInterval,
  classificationReport,
  confusionMatrix,
  logLoss,
  macroF1ConfidenceInterval,
  rocAuc,
  rocAucOneVsRest,
  topKAccuracy,
} from '../../src/analyse/metrics/classification.js'
import { bootstrapStatistic } from '../../src/analyse/bootstrap.js'
import { createRandom } from '../../src/analyse/random.js'

describe('confusionMatrix', () => {
  it('matches the sklearn confusion_matrix doc examples', () => {
    // sklearn doc: y_true = [2, 0, 2, 2, 0, 1], y_pred = [0, 0, 2, 2, 0, 2] → [[2,0,0],[0,0,1],[1,0,2]]
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])).toEqual({
      labels: [0, 1, 2],
      matrix: [
        [2, 0, 0],
        [0, 0, 1],
        [1, 0, 2],
      ],
    })
    const yTrue = ['cat', 'ant', 'cat', 'cat', 'ant', 'bird']
    const yPred = ['ant', 'ant', 'cat', 'cat', 'ant', 'cat']
    expect(confusionMatrix(yTrue, yPred, ['ant', 'bird', 'cat']).matrix).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ])
    // sklearn doc, binary: tn, fp, fn, tp = confusion_matrix([0, 1, 0, 1], [1, 1, 1, 0]).ravel() → (0, 2, 1, 1)
    expect(confusionMatrix([0, 1, 0, 1], [1, 1, 1, 0]).matrix.flat()).toEqual([0, 2, 1, 1])
  })

  it('sorts numbers before strings, honours label order, drops pairs outside labels', () => {
    expect(confusionMatrix<string | number>([10, 2, 'b', 'a'], [10, 2, 'b', 'a']).labels).toEqual([2, 10, 'a', 'b'])
    expect(confusionMatrix(['a', 'b'], ['b', 'b'], ['b', 'a']).matrix).toEqual([
      [1, 0],
      [1, 0],
    ])
    expect(confusionMatrix(['a', 'x'], ['a', 'a'], ['a']).matrix).toEqual([[1]])
    expect(confusionMatrix([], [], ['a'])).toEqual({ labels: ['a'], matrix: [[0]] })
    expect(() => confusionMatrix(['a'], [])).toThrow(/same length/)
    expect(() => confusionMatrix(['a'], ['a'], ['a', 'a'])).toThrow(/twice/)
  })
})

describe('accuracy and classificationReport', () => {
  it('matches the sklearn precision_recall_fscore_support doc example', () => {
    // y_true = [cat, dog, pig, cat, dog, pig], y_pred = [cat, pig, dog, cat, cat, dog]
    // cat: tp 2, predicted 3, support 2 → P 2/3, R 1, F1 = 2·2/(3+2) = 0.8; dog, pig: tp 0 → 0, 0, 0
    // macro = weighted (equal supports) = (2/9, 1/3, 0.8/3 = 0.2667); micro = 2/6 everywhere
    const yTrue = ['cat', 'dog', 'pig', 'cat', 'dog', 'pig']
    const yPred = ['cat', 'pig', 'dog', 'cat', 'cat', 'dog']
    const r = classificationReport(yTrue, yPred)
    expect(r.n).toBe(6)
    expect(r.accuracy).toBeCloseTo(1 / 3, 12)
    expect(accuracy(yTrue, yPred)).toBeCloseTo(1 / 3, 12)
    expect(r.perClass.map((c) => c.label)).toEqual(['cat', 'dog', 'pig'])
    expect(r.perClass[0]!.precision).toBeCloseTo(2 / 3, 12)
    expect(r.perClass[0]!.recall).toBe(1)
    expect(r.perClass[0]!.f1).toBeCloseTo(0.8, 12)
    expect(r.perClass.map((c) => c.support)).toEqual([2, 2, 2])
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 })
    for (const avg of [r.macro, r.weighted]) {
      expect(avg.precision).toBeCloseTo(0.2222222222, 9)
      expect(avg.recall).toBeCloseTo(0.3333333333, 9)
      expect(avg.f1).toBeCloseTo(0.2666666667, 9)
    }
    for (const v of Object.values(r.micro)) expect(v).toBeCloseTo(0.3333333333, 9)
    expect(r.binary).toBeUndefined()
  })

  it('computes binary scores for the positive label', () => {
    // [0,1,0,1] vs [1,1,1,0]: tp 1, fp 2, fn 1 → P 1/3, R 1/2, F1 = 2/(2+2+1) = 0.4
    const r = classificationReport([0, 1, 0, 1], [1, 1, 1, 0], { positiveLabel: 1 })
    expect(r.binary!.precision).toBeCloseTo(1 / 3, 12)
    expect(r.binary!.recall).toBe(0.5)
    expect(r.binary!.f1).toBeCloseTo(0.4, 12)
    expect(r.confusion.matrix).toEqual([
      [0, 2],
      [1, 1],
    ])
  })

  it('counts an empty class in labels as 0 in the macro average (zero_division = 0)', () => {
    // a: tp 1, pred 1, support 2 → P 1, R 1/2, F1 2/3; b: tp 1, pred 2, support 1 → P 1/2, R 1, F1 2/3
    // c: never seen → 0, 0, 0, support 0
    // macro P = (1 + 1/2 + 0)/3 = 1/2, R = 1/2, F1 = (4/3)/3 = 4/9
    // weighted P = (1·2 + 1/2·1)/3 = 5/6, R = (1/2·2 + 1·1)/3 = 2/3, F1 = 2/3; micro = 2/3
    const r = classificationReport(['a', 'a', 'b'], ['a', 'b', 'b'], { labels: ['a', 'b', 'c'] })
    expect(r.perClass[2]).toEqual({ label: 'c', precision: 0, recall: 0, f1: 0, support: 0 })
    expect(r.macro.precision).toBeCloseTo(0.5, 12)
    expect(r.macro.recall).toBeCloseTo(0.5, 12)
    expect(r.macro.f1).toBeCloseTo(4 / 9, 12)
    expect(r.weighted.precision).toBeCloseTo(5 / 6, 12)
    expect(r.weighted.recall).toBeCloseTo(2 / 3, 12)
    expect(r.weighted.f1).toBeCloseTo(2 / 3, 12)
    for (const v of Object.values(r.micro)) expect(v).toBeCloseTo(2 / 3, 12)
  })

  it('keeps labels outside `labels` as errors of the reported classes, like sklearn', () => {
    // labels [a, b]; pair (x → b) is a false positive of b, (b → x) a false negative of b.
    // a: 1, 1, 1; b: tp 0 → 0. micro: tp 1, predicted 2, support 2 → 1/2. accuracy over all 3: 1/3
    const r = classificationReport(['a', 'b', 'x'], ['a', 'x', 'b'], { labels: ['a', 'b'] })
    expect(r.perClass.map((c) => [c.label, c.precision, c.support])).toEqual([
      ['a', 1, 1],
      ['b', 0, 1],
    ])
    expect(r.micro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 })
    expect(r.accuracy).toBeCloseTo(1 / 3, 12)
    expect(r.confusion.matrix).toEqual([
      [1, 0],
      [0, 0],
    ])
  })

  it('handles one class only, all-correct and all-wrong', () => {
    const one = classificationReport(['a', 'a'], ['a', 'a'])
    expect(one.perClass).toEqual([{ label: 'a', precision: 1, recall: 1, f1: 1, support: 2 }])
    expect(one.macro).toEqual({ precision: 1, recall: 1, f1: 1 })
    expect(one.accuracy).toBe(1)
    // a positive label that never occurs: every ratio is 0/0 → 0
    expect(classificationReport(['n', 'n'], ['n', 'n'], { positiveLabel: 'p' }).binary).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    })
    const wrong = classificationReport([0, 1], [1, 0], { positiveLabel: 1 })
    expect(wrong.accuracy).toBe(0)
    expect(wrong.macro).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(wrong.binary).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('rejects empty and unpaired input', () => {
    expect(() => accuracy([], [])).toThrow(/empty/)
    expect(() => classificationReport(['a'], ['a', 'b'])).toThrow(/actual has 1 values but predicted has 2/)
  })
})

/** Trapezoidal area under the ROC curve, thresholds at every distinct score: an independent check. */
function trapezoidAuc(truth: readonly number[], scores: readonly number[]): number {
  const order = scores.map((s, i) => [s, truth[i]!] as const).sort((a, b) => b[0] - a[0])
  const pos = truth.filter((t) => t === 1).length
  const neg = truth.length - pos
  let tp = 0
  let fp = 0
  let area = 0
  let i = 0
  while (i < order.length) {
    const s = order[i]![0]
    const [tp0, fp0] = [tp, fp]
    while (i < order.length && order[i]![0] === s) {
      if (order[i]![1] === 1) tp++
      else fp++
      i++
    }
    area += ((fp - fp0) / neg) * ((tp + tp0) / 2 / pos)
  }
  return area
}

describe('rocAuc', () => {
  it('matches the sklearn roc_auc_score doc example', () => {
    // positives 0.35, 0.8 vs negatives 0.1, 0.4: 3 of 4 pairs ranked right → 0.75
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75)
  })

  it('counts ties as ½ and accepts booleans', () => {
    // positives 0.5, 0.7, 0.2 vs negatives 0.1, 0.5: (1 + ½) + 2 + 1 = 4.5 of 6 → 0.75
    expect(rocAuc([false, false, true, true, true], [0.1, 0.5, 0.5, 0.7, 0.2])).toBe(0.75)
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5)
    expect(rocAuc([1, 1, 0], [0.9, 0.8, 0.1])).toBe(1)
    expect(rocAuc([1, 1, 0], [0.1, 0.2, 0.9])).toBe(0)
  })

  it('equals the trapezoidal ROC area on random tied data', () => {
    const random = createRandom(7)
    const truth = Array.from({ length: 500 }, () => (random() < 0.4 ? 1 : 0))
    const scores = truth.map((t) => Math.round((random() + 0.3 * t) * 20) / 20) // many ties
    expect(rocAuc(truth as (0 | 1)[], scores)).toBeCloseTo(trapezoidAuc(truth, scores), 12)
  })

  it('is NaN with one class only and rejects bad input', () => {
    expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN()
    expect(rocAuc([0, 0], [0.2, 0.4])).toBeNaN()
    expect(() => rocAuc([0, 1], [0.2, Number.NaN])).toThrow(/scores\[1\] is NaN/)
    expect(() => rocAuc([0, 2 as 1], [0.2, 0.3])).toThrow(/binaryTruth\[1\] is 2/)
  })
})

describe('rocAucOneVsRest', () => {
  // a: positives 0.6, 0.2 vs 0.2, 0.1 → 1 + 1 + ½ + 1 = 3.5/4 = 0.875
  // b: positive 0.5 vs 0.3, 0.3, 0.5 → 2.5/3;  c: positive 0.6 vs 0.1, 0.3, 0.3 → 1
  // macro = (7/8 + 5/6 + 1)/3 = 65/72
  const actual = ['a', 'b', 'c', 'a']
  const probabilities = [
    [0.6, 0.3, 0.1],
    [0.2, 0.5, 0.3],
    [0.1, 0.3, 0.6],
    [0.2, 0.5, 0.3],
  ]

  it('matches hand-counted pairs', () => {
    const r = rocAucOneVsRest(actual, probabilities, ['a', 'b', 'c'])
    expect(r.perClass.map((p) => p.label)).toEqual(['a', 'b', 'c'])
    expect(r.perClass[0]!.auc).toBeCloseTo(0.875, 12)
    expect(r.perClass[1]!.auc).toBeCloseTo(5 / 6, 12)
    expect(r.perClass[2]!.auc).toBe(1)
    expect(r.macro).toBeCloseTo(65 / 72, 12)
  })

  it('leaves a class without positives out of the macro average', () => {
    const r = rocAucOneVsRest(
      actual,
      probabilities.map((row) => [...row, 0]),
      ['a', 'b', 'c', 'd'],
    )
    expect(r.perClass[3]!.auc).toBeNaN()
    expect(r.macro).toBeCloseTo(65 / 72, 12)
    expect(() => rocAucOneVsRest(['z'], [[1, 0, 0]], ['a', 'b', 'c'])).toThrow(/actual\[0\] = "z" is not in labels/)
    expect(() => rocAucOneVsRest(['a'], [[1, 0]], ['a', 'b', 'c'])).toThrow(/2 columns but there are 3 labels/)
  })
})

describe('logLoss', () => {
  it('matches the sklearn log_loss doc example', () => {
    // −(ln 0.9 + ln 0.9 + ln 0.8 + ln 0.65)/4 = 0.21616187468057912 (columns follow [ham, spam])
    const loss = logLoss(
      ['spam', 'ham', 'ham', 'spam'],
      [
        [0.1, 0.9],
        [0.9, 0.1],
        [0.8, 0.2],
        [0.35, 0.65],
      ],
      ['ham', 'spam'],
    )
    expect(loss).toBeCloseTo(0.21616187468057912, 12)
  })

  it('clips to [eps, 1 − eps] and normalises rows', () => {
    // p(actual) = 0 → clipped to 1e-15 → −ln(1e-15) = 34.538776394910684
    expect(logLoss(['x'], [[0, 1]], ['x', 'y'])).toBeCloseTo(34.538776394910684, 6)
    expect(logLoss(['x'], [[0, 1]], ['x', 'y'], { eps: 1e-7 })).toBeCloseTo(-Math.log(1e-7), 6)
    // [0.2, 0.6] → [0.25, 0.75] → −ln 0.25 = ln 4
    expect(logLoss(['x'], [[0.2, 0.6]], ['x', 'y'])).toBeCloseTo(Math.log(4), 12)
    expect(logLoss([1], [[0, 1]], [0, 1])).toBeCloseTo(0, 12)
  })
})

describe('topKAccuracy', () => {
  it('matches the sklearn top_k_accuracy_score doc example', () => {
    // row 4: true label 2 scores 0.1, below 0.7 and 0.2 → miss; the rest hit → 3/4
    const scores = [
      [0.5, 0.2, 0.2],
      [0.3, 0.4, 0.2],
      [0.2, 0.4, 0.3],
      [0.7, 0.2, 0.1],
    ]
    expect(topKAccuracy([0, 1, 2, 2], scores, [0, 1, 2], 2)).toBe(0.75)
    // k = 1: hits on rows 1 and 2 only → 1/2; k ≥ number of labels → 1
    expect(topKAccuracy([0, 1, 2, 2], scores, [0, 1, 2], 1)).toBe(0.5)
    expect(topKAccuracy([0, 1, 2, 2], scores, [0, 1, 2], 3)).toBe(1)
  })

  it('counts a tie at the boundary as a hit (fewer than k labels strictly higher)', () => {
    expect(topKAccuracy(['b'], [[0.5, 0.5, 0]], ['a', 'b', 'c'], 1)).toBe(1)
    expect(topKAccuracy(['c'], [[0.5, 0.5, 0]], ['a', 'b', 'c'], 2)).toBe(0)
    expect(() => topKAccuracy(['a'], [[1]], ['a'], 0)).toThrow(/k is 0/)
  })
})

describe('bootstrap confidence intervals', () => {
  function synthetic(n: number, classes: number, seed: number) {
    const random = createRandom(seed)
    const actual: string[] = []
    const predicted: string[] = []
    for (let i = 0; i < n; i++) {
      const t = Math.floor(random() * classes)
      const p = random() < 0.8 ? t : Math.floor(random() * classes)
      actual.push(`class-${t}`)
      predicted.push(`class-${p}`)
    }
    return { actual, predicted }
  }

  it('contains the point estimate and is reproducible with the same seed', () => {
    const { actual, predicted } = synthetic(500, 4, 1)
    const report = classificationReport(actual, predicted)
    const acc = accuracyConfidenceInterval(actual, predicted, { seed: 3 })
    expect(acc.level).toBe(0.95)
    expect(acc.lower).toBeLessThanOrEqual(report.accuracy)
    expect(acc.upper).toBeGreaterThanOrEqual(report.accuracy)
    expect(accuracyConfidenceInterval(actual, predicted, { seed: 3 })).toEqual(acc)
    expect(accuracyConfidenceInterval(actual, predicted, { seed: 4 })).not.toEqual(acc)

    const f1 = macroF1ConfidenceInterval(actual, predicted, undefined, { seed: 3, level: 0.9 })
    expect(f1.level).toBe(0.9)
    expect(f1.lower).toBeLessThanOrEqual(report.macro.f1)
    expect(f1.upper).toBeGreaterThanOrEqual(report.macro.f1)
    expect(f1.upper - f1.lower).toBeLessThan(0.2)
    expect(macroF1ConfidenceInterval(actual, predicted, undefined, { seed: 3, level: 0.9 })).toEqual(f1)
  })

  it('macro F1 replicates equal classificationReport on each resample (both code paths)', () => {
    // n = 200 with 4 classes uses the (actual, predicted) histogram; n = 20 with 5 classes
    // (25 cells > 20 examples) the direct counts. Both must match the naive definition.
    for (const [n, classes] of [
      [200, 4],
      [20, 5],
    ] as const) {
      const { actual, predicted } = synthetic(n, classes, 9)
      const labels = Array.from({ length: classes }, (_, c) => `class-${c}`)
      const naive = bootstrapStatistic(
        n,
        (idx) => {
          const a = Array.from(idx, (j) => actual[j]!)
          const p = Array.from(idx, (j) => predicted[j]!)
          return classificationReport(a, p, { labels }).macro.f1
        },
        { resamples: 200, seed: 8 },
      )
      const fast = macroF1ConfidenceInterval(actual, predicted, labels, { resamples: 200, seed: 8 })
      expect(fast.lower).toBeCloseTo(naive.lower, 12)
      expect(fast.upper).toBeCloseTo(naive.upper, 12)
    }
  })

  it('is degenerate for all-correct predictions', () => {
    const labels = ['a', 'b', 'a', 'b']
    expect(accuracyConfidenceInterval(labels, labels)).toMatchObject({ lower: 1, upper: 1 })
    // The class set is fixed: with the never-seen 'c' a resample holding both a and b scores
    // (1 + 1 + 0)/3 = 2/3, one missing b scores (1 + 0 + 0)/3 = 1/3 — never anything else.
    const f1 = macroF1ConfidenceInterval(labels, labels, ['a', 'b', 'c'])
    expect(f1.upper).toBeCloseTo(2 / 3, 12)
    expect(f1.lower).toBeGreaterThanOrEqual(1 / 3 - 1e-12)
  })

  it('bootstraps 10,000 examples × 10 classes quickly', () => {
    const { actual, predicted } = synthetic(10_000, 10, 2)
    const start = performance.now()
    const acc = accuracyConfidenceInterval(actual, predicted)
    const f1 = macroF1ConfidenceInterval(actual, predicted)
    const elapsed = performance.now() - start
    // about 350 ms here, 450 ms with the cores shared; the bound catches an accidental quadratic step, not a few % of speed
    expect(elapsed).toBeLessThan(2000)
    expect(acc.upper - acc.lower).toBeLessThan(0.03)
    expect(f1.upper - f1.lower).toBeLessThan(0.03)
  })
})
