import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test, TestRunner, vi } from 'vitest'
import { createProgress } from '../../src/evaluate/progress.js'
import { evaluate, splitRows, type ClassificationEvaluation, type EvaluateOptions, type EvaluationResult, type RegressionEvaluation } from '../../src/index.js'
import { readRecordedResults } from '../../src/gate/recorded.js'

type Row = { input: number; label: number }

/** Four examples, labels 0 0 1 1; models below look at `input` only. */
const binary: Row[] = [
  { input: 0, label: 0 },
  { input: 1, label: 0 },
  { input: 2, label: 1 },
  { input: 3, label: 1 },
]

function classification(result: EvaluationResult): ClassificationEvaluation {
  if (result.task !== 'classification') throw new Error(`expected classification, got ${result.task}`)
  return result
}

function regression(result: EvaluationResult): RegressionEvaluation {
  if (result.task !== 'regression') throw new Error(`expected regression, got ${result.task}`)
  return result
}

const quiet: EvaluateOptions = { record: false, progress: false }

describe('evaluate() reads every output shape', () => {
  test('plain labels: metrics, confusion matrix, per-example predictions, no scores', async () => {
    // predicts 0 0 1 0: one positive missed
    const result = classification(await evaluate((xs: number[]) => xs.map((x) => (x === 2 ? 1 : 0)), binary, { ...quiet, name: 'labels' }))
    expect(result).toMatchObject({ kind: 'evaluation', name: 'labels', task: 'classification', n: 4, labels: [0, 1], accuracy: 0.75, positiveLabel: 1 })
    expect(result.confusionMatrix).toEqual([
      [2, 0],
      [1, 1],
    ])
    // positive class 1: precision 1/1, recall 1/2, F1 2/3
    expect(result.binary).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 })
    expect(result.predictions).toEqual({ actual: [0, 0, 1, 1], predicted: [0, 0, 1, 0], correct: [true, true, true, false] })
    expect(result.rocAuc).toBeNull()
    expect(result.logLoss).toBeNull()
    expect(result.topK).toBeNull()
    expect(result.ci.accuracy.lower).toBeLessThanOrEqual(0.75)
    expect(result.ci.accuracy.upper).toBeGreaterThanOrEqual(0.75)
  })

  test('string labels are inferred and sorted when not given', async () => {
    const data = [
      { input: 'a', label: 'cat' },
      { input: 'b', label: 'dog' },
      { input: 'c', label: 'bird' },
    ]
    const result = classification(await evaluate((xs: string[]) => xs.map((x) => (x === 'a' ? 'cat' : 'dog')), data, quiet))
    expect(result.labels).toEqual(['bird', 'cat', 'dog'])
    expect(result.accuracy).toBeCloseTo(2 / 3, 12)
    expect(result.positiveLabel).toBeUndefined()
  })

  test('{ label, score } (transformers.js default): binary scores come from score and 1 − score', async () => {
    // P(positive) = 0.9, 0.4, 0.6, 0.8 → scores rank positives 0.6, 0.8 against negatives 0.1 (=1−0.9 for 0), 0.4
    const outputs = [
      { label: 'NEG', score: 0.9 },
      { label: 'POS', score: 0.4 },
      { label: 'POS', score: 0.6 },
      { label: 'POS', score: 0.8 },
    ]
    const result = classification(
      await evaluate((xs: number[]) => xs.map((x) => outputs[x]), binary, { ...quiet, labelMap: { '0': 'NEG', '1': 'POS' } }),
    )
    expect(result.labels).toEqual(['NEG', 'POS'])
    expect(result.predictions.predicted).toEqual(['NEG', 'POS', 'POS', 'POS'])
    expect(result.predictions.scores).toEqual([
      [0.9, 1 - 0.9],
      [1 - 0.4, 0.4],
      [1 - 0.6, 0.6],
      [1 - 0.8, 0.8],
    ])
    // every positive (0.6, 0.8) outranks every negative (0.1, 0.4)
    expect(result.rocAuc).toBe(1)
    // −mean ln p(actual): ln .9, ln .6, ln .6, ln .8
    expect(result.logLoss).toBeCloseTo(-(Math.log(0.9) + 2 * Math.log(0.6) + Math.log(0.8)) / 4, 12)
  })

  test('arrays of { label, score } (top_k): argmax, and per-class probabilities in label order', async () => {
    const three = [
      { input: 0, label: 'a' },
      { input: 1, label: 'b' },
      { input: 2, label: 'c' },
    ]
    const ranked = [
      [{ label: 'a', score: 0.7 }, { label: 'c', score: 0.2 }, { label: 'b', score: 0.1 }],
      [{ label: 'c', score: 0.5 }, { label: 'b', score: 0.3 }, { label: 'a', score: 0.2 }],
      [{ label: 'c', score: 0.6 }, { label: 'a', score: 0.3 }, { label: 'b', score: 0.1 }],
    ]
    const result = classification(await evaluate((xs: number[]) => xs.map((x) => ranked[x]), three, { ...quiet, labels: ['a', 'b', 'c'] }))
    expect(result.predictions.predicted).toEqual(['a', 'c', 'c'])
    expect(result.predictions.scores).toEqual([
      [0.7, 0.1, 0.2],
      [0.2, 0.3, 0.5],
      [0.3, 0.1, 0.6],
    ])
    expect(result.topK).toEqual({ '1': 2 / 3 })
    // one-vs-rest: each class's own example has the highest score in its column (a .7, b .3, c .6)
    expect(result.rocAuc).toBe(1)
  })

  test('logit arrays get a softmax; labels default to 0 … k−1', async () => {
    const logits = [
      [2, 0, 0],
      [0, 3, 0],
      [0, 0, 1],
    ]
    const data = [0, 1, 2].map((i) => ({ input: i, label: i }))
    const result = classification(await evaluate((xs: number[]) => xs.map((x) => Float32Array.from(logits[x] as number[])), data, quiet))
    expect(result.labels).toEqual([0, 1, 2])
    expect(result.accuracy).toBe(1)
    const e = Math.E
    const first = result.predictions.scores?.[0] as number[]
    expect(first[0]).toBeCloseTo(e ** 2 / (e ** 2 + 2), 6)
    expect(first[1]).toBeCloseTo(1 / (e ** 2 + 2), 6)
    expect(result.rocAuc).toBe(1)
    // typed-array outputs leave no typed arrays in the result: it survives JSON unchanged
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })

  test('probability arrays are kept as they are', async () => {
    const probs = [
      [0.6, 0.4],
      [0.3, 0.7],
    ]
    const data = [
      { input: 0, label: 0 },
      { input: 1, label: 1 },
    ]
    const result = classification(await evaluate((xs: number[]) => xs.map((x) => probs[x]), data, quiet))
    expect(result.predictions.scores).toEqual(probs)
    expect(result.logLoss).toBeCloseTo(-(Math.log(0.6) + Math.log(0.7)) / 2, 12)
  })

  test('a single probability per example in a two-label task; a saturated 1 is still a probability', async () => {
    const p = [0.2, 0.55, 1, 0.45]
    const result = classification(await evaluate((xs: number[]) => xs.map((x) => p[x]), binary, quiet))
    expect(result.predictions.predicted).toEqual([0, 1, 1, 0])
    const expected = [
      [0.8, 0.2],
      [0.45, 0.55],
      [0, 1],
      [0.55, 0.45],
    ]
    result.predictions.scores?.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]?.[j] as number, 12)))
    expect(result.predictions.scores).toHaveLength(4)
    // positives 1, 0.45 vs negatives 0.2, 0.55: pairs won 1>0.2, 1>0.55, 0.45>0.2 → 3/4
    expect(result.rocAuc).toBe(0.75)
  })

  test('regression: numbers, one-element arrays, and a typed array of outputs', async () => {
    const data = [1, 2, 3, 4].map((x) => ({ input: x, target: 2 * x }))
    const fromNumbers = regression(await evaluate((xs: number[]) => xs.map((x) => 2 * x + 1), data, quiet))
    expect(fromNumbers).toMatchObject({ task: 'regression', n: 4, mae: 1, mse: 1, rmse: 1 })
    // targets 2 4 6 8, mean 5, SS_tot 20, SS_res 4 → R² 0.8
    expect(fromNumbers.r2).toBeCloseTo(0.8, 12)
    expect(fromNumbers.predictions).toEqual({ targets: [2, 4, 6, 8], predicted: [3, 5, 7, 9] })
    const fromRows = regression(await evaluate((xs: number[]) => xs.map((x) => [2 * x + 1]), data, quiet))
    expect(fromRows.mae).toBe(1)
    const fromTensor = regression(await evaluate((xs: number[]) => Float32Array.from(xs, (x) => 2 * x + 1), data, { ...quiet, batchSize: 3 }))
    expect(fromTensor.rmse).toBe(1)
    expect(fromTensor.ci.r2.lower).toBeLessThanOrEqual(0.8 + 1e-12)
  })

  test('an object with predict() and a loader-attached info', async () => {
    const model = { predict: (xs: number[]) => xs.map(() => 0), info: { id: 'constant', runtime: 'none', loadMs: 1 } }
    const result = await evaluate(model, binary, quiet)
    expect(result.model).toEqual({ id: 'constant', runtime: 'none', loadMs: 1 })
    expect((await evaluate(model, binary, { ...quiet, model: { id: 'given' } })).model).toEqual({ id: 'given' })
  })
})

describe('evaluate() timing, batching and recording', () => {
  test('batches of batchSize, the short last batch left out of the latency summary', async () => {
    const sizes: number[] = []
    const data = Array.from({ length: 10 }, (_, i) => ({ input: i, label: i % 2 }))
    const result = await evaluate(
      (xs: number[]) => {
        sizes.push(xs.length)
        return xs.map((x) => x % 2)
      },
      data,
      { ...quiet, batchSize: 4 },
    )
    expect(sizes).toEqual([4, 4, 2])
    expect(result.timing.batches).toBe(3)
    expect(result.timing.batchSize).toBe(4)
    expect(result.timing.itemsPerSecond).toBeCloseTo((10 * 1000) / result.timing.totalMs, 6)
    expect(result.timing.batchLatency).not.toBeNull()
  })

  test('records the result on the current test as plain JSON', async () => {
    const result = await evaluate((xs: number[]) => xs.map(() => 1), binary, { name: 'recorded', progress: false })
    const recorded = readRecordedResults(TestRunner.getCurrentTest()?.meta as Record<string, unknown>)
    expect(recorded.at(-1)).toEqual(JSON.parse(JSON.stringify(result)))
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/)
  })

  test('reads a dataset file; the name defaults to the file name', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ml-bench-eval-'))
    try {
      const file = path.join(dir, 'reviews.csv')
      await writeFile(file, 'text,label\n"good, very",pos\nbad,neg\n')
      const result = await evaluate((xs: string[]) => xs.map((x) => (x.startsWith('good') ? 'pos' : 'neg')), file, { ...quiet, fields: { input: 'text' } })
      expect(result.name).toBe('reviews.csv')
      expect(classification(result).accuracy).toBe(1)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('a progress bar draws on stderr only when enabled', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const off = createProgress('x', 10, false)
      off.update(10)
      off.finish()
      expect(write).not.toHaveBeenCalled()
      const on = createProgress('evaluate "x"', 10, true)
      on.update(5)
      on.update(10)
      on.finish()
      expect(String(write.mock.calls[0]?.[0])).toMatch(/^\r\x1b\[2Kevaluate "x" \[█{12}░{12}\] 5\/10 /)
      expect(String(write.mock.calls.at(-1)?.[0])).toBe('\r\x1b[2K')
    } finally {
      write.mockRestore()
    }
  })
})

describe('evaluate() explains what is wrong', () => {
  test('an output count that differs from the batch size', async () => {
    await expect(evaluate((xs: number[]) => xs.slice(1), binary, quiet)).rejects.toThrow(
      'evaluate "evaluation": batch 0: the model returned 3 outputs for 4 inputs; it must return one output per input.',
    )
    await expect(evaluate((xs: number[]) => new Float32Array(xs.length * 2), binary, quiet)).rejects.toThrow(/split it with splitRows\(data, 2\)/)
    await expect(evaluate(() => ({ label: 1 }) as unknown as unknown[], binary, quiet)).rejects.toThrow(/it must return an array with one output per input/)
  })

  test('outputs it cannot read, predictions outside the labels, label naming mismatches', async () => {
    await expect(evaluate((xs: number[]) => xs.map(() => ({ cls: 1 })), binary, quiet)).rejects.toThrow(
      'evaluate "evaluation": example 0: cannot read the model output {"cls":1}; expected a label (string or number), { label, score }, an array of { label, score }, or an array of per-class scores.',
    )
    await expect(evaluate((xs: number[]) => xs.map(() => 2), binary, { ...quiet, labels: [0, 1] })).rejects.toThrow(
      /example 0: the model output 2, which is neither one of the labels \[0, 1\] nor a probability/,
    )
    await expect(evaluate((xs: number[]) => xs.map(() => 'POSITIVE'), binary, quiet)).rejects.toThrow(
      /the model predicts \["POSITIVE"\] but the dataset's labels are \[0, 1\]; map the dataset's labels to the model's with labelMap/,
    )
    await expect(evaluate((xs: number[]) => xs.map(() => [0.5, 0.5, 0]), binary, { ...quiet, labels: [0, 1] })).rejects.toThrow(
      /outputs 3 scores per example but labels has 2 entries/,
    )
    await expect(evaluate((xs: number[]) => xs.map(() => 'x'), [{ input: 1, target: 2 }], quiet)).rejects.toThrow(/a regressor must output a finite number/)
  })

  test('bad options and empty datasets', async () => {
    await expect(evaluate((xs: number[]) => xs, binary, { ...quiet, batchSize: 0 })).rejects.toThrow('evaluate: batchSize must be a positive integer, got 0.')
    await expect(evaluate('nope' as never, binary, quiet)).rejects.toThrow(/model must be a function/)
    await expect(evaluate((xs: number[]) => xs, binary, { ...quiet, filter: () => false })).rejects.toThrow(
      'evaluate "evaluation": the dataset gave no examples (check filter and limit).',
    )
    await expect(evaluate((xs: number[]) => xs, binary, { ...quiet, positiveLabel: 5 })).rejects.toThrow(/positiveLabel 5 is not one of the labels \[0, 1\]/)
  })
})

test('splitRows cuts a [rows, columns] tensor into row views', () => {
  const data = Float32Array.from([1, 2, 3, 4, 5, 6])
  expect(splitRows(data, 3).map((r) => Array.from(r))).toEqual([
    [1, 2, 3],
    [4, 5, 6],
  ])
  expect(() => splitRows(data, 4)).toThrow('splitRows: 6 values do not form rows of 4 columns.')
})
