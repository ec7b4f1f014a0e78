import { describe, expect, it } from 'vitest'
import { benchmarkGeneration, compareModels, evaluate, type GenerationEvaluation } from '../../src/index.js'
import { EOS, fakeGenerator } from '../helpers/fake-generator.js'
import { cardOf } from '../../reporters/html/view-model.js'
import { renderHtmlReport } from '../../reporters/html/index.js'
import { entry, resultsJson } from '../report/synthetic.js'
import { resultsJsonProblems } from '../../src/gate/results-schema.js'
import { loadTest } from '../../src/index.js'
import { baselineEntryOf } from '../../src/gate/entry.js'
import { compareToBaseline } from '../../src/gate/compare.js'
import { resolveThresholds } from '../../src/gate/thresholds.js'

// numbers as words, the task of shared/models' tiny-gpt-numwords
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const spell = (n: number) => String(n).split('').map((d) => WORDS[Number(d)]).join(' ')
const rows = Array.from({ length: 200 }, (_, i) => ({ prompt: `${i * 37 + 11}:`, reference: spell(i * 37 + 11) }))

/** A generator that answers with a leading space (as GPT-2 completions do) and gets every `every`-th example's last word wrong. */
const generator = (every: number) => (prompts: string[]) =>
  prompts.map((p) => {
    const n = Number(p.slice(0, -1))
    const words = spell(n).split(' ')
    if (n % every === 0) words[words.length - 1] = 'ten'
    return [{ generated_text: ` ${words.join(' ')}` }]
  })

const run = (every: number, name = `every ${every}`) =>
  evaluate(generator(every), rows, { name, fields: { input: 'prompt' }, record: false }) as Promise<GenerationEvaluation>

describe('evaluate() on a generation task', () => {
  it('reads references, trims outputs, and scores every metric with its interval', async () => {
    const perfect = await run(Number.POSITIVE_INFINITY, 'perfect')
    expect(perfect.task).toBe('generation')
    expect(perfect.exactMatch).toBe(1)
    expect(perfect.bleu).toBeCloseTo(100, 9)
    expect(perfect.chrf).toBeCloseTo(100, 9)
    expect(perfect.wer).toBe(0)
    expect(perfect.predictions.outputs[0]).toBe(rows[0]?.reference)
    const flawed = await run(3)
    // 11 + 37i is divisible by 3 for every third i: a third of the answers have one wrong word
    expect(flawed.exactMatch).toBeCloseTo(1 - 67 / 200, 9)
    expect(flawed.bleu).toBeLessThan(100)
    expect(flawed.ci.bleu.lower).toBeLessThan(flawed.bleu)
    expect(flawed.ci.bleu.upper).toBeGreaterThan(flawed.bleu)
    expect(flawed.wer).toBeGreaterThan(0)
    expect(flawed.predictions.scores.exactMatch.filter((m) => m === 0)).toHaveLength(67)
  })

  it('calls a pipeline of another task as a plain function (every transformers.js model has a generate method)', async () => {
    // a text-classification pipeline: a function with a tokenizer and a model whose generate throws
    const classifier = Object.assign(async (texts: string[]) => texts.map(() => ({ label: 'POSITIVE', score: 0.9 })), {
      task: 'text-classification',
      tokenizer: () => ({}),
      model: { generate: () => Promise.reject(new Error('not compatible with `.generate()`')) },
    })
    const result = await evaluate(classifier, [{ input: 'a fine film', label: 'POSITIVE' }], { record: false })
    expect(result.task === 'classification' && result.accuracy).toBe(1)
  })

  it('says what it needs from outputs and references', async () => {
    await expect(evaluate(() => [42], [{ input: 'a', reference: 'b' }], { record: false })).rejects.toThrow(/a generator must output a string or \{ generated_text \}/)
    await expect(evaluate(() => ['x'], [{ input: 'a', reference: [] }], { record: false })).rejects.toThrow(/not a string or a non-empty array of strings/)
  })

  it('the gate: the same outputs are unchanged; worse outputs on the same examples regress by paired tests', async () => {
    const thresholds = resolveThresholds()
    const base = baselineEntryOf(await run(7))
    expect(Object.keys(base.metrics).sort()).toEqual(['bleu', 'cer', 'chrf', 'exactMatch', 'rougeL', 'wer'])
    const same = compareToBaseline(base, baselineEntryOf(await run(7)), { thresholds })
    expect(same.verdict).toBe('unchanged')
    const worse = compareToBaseline(base, baselineEntryOf(await run(2)), { thresholds })
    expect(worse.verdict).toBe('regressed')
    const bleu = worse.metrics.find((m) => m.metric === 'bleu')
    expect(bleu).toMatchObject({ verdict: 'regressed', method: 'paired-bootstrap', tolerance: 1 })
    expect(worse.metrics.find((m) => m.metric === 'wer')?.verdict).toBe('regressed')
    expect(worse.metrics.find((m) => m.metric === 'exactMatch')).toMatchObject({ verdict: 'regressed', method: 'paired-proportion' })
  })

  it('compareModels: exact match by McNemar, every corpus metric by paired bootstrap', async () => {
    const cmp = compareModels({ worse: await run(2), better: await run(7) }, { record: false })
    const pair = cmp.pairs[0]
    expect(pair?.accuracy?.difference).toBeGreaterThan(0.3)
    expect(pair?.accuracy?.mcnemar.pValue).toBeLessThan(0.001)
    expect(pair?.text?.bleu?.difference).toBeGreaterThan(0)
    expect(pair?.text?.bleu?.pValue).toBeLessThan(0.01)
    expect(pair?.text?.wer?.difference).toBeLessThan(0)
    expect(cmp.models[1]?.bleu?.value).toBeGreaterThan(cmp.models[0]?.bleu?.value as number)
    expect(cmp.preference.model).toBe('better')
  })
})

describe('generation matchers on evaluate()', () => {
  it('exact match, BLEU, chrF and WER against limits, with intervals; another task is refused', async () => {
    const r = await run(3)
    expect(r).toHaveExactMatchAbove(0.6)
    expect(r).not.toHaveExactMatchAbove('70%')
    expect(r).toHaveBleuAbove(50)
    expect(r).not.toHaveBleuAbove(99)
    expect(r).toHaveChrfAbove(80, { confidence: 0.95 })
    expect(r).toHaveWerBelow('20%')
    expect(r).not.toHaveWerBelow(0.01)
    expect(() => expect(r).toHaveAccuracyAbove(0.5)).toThrow(/is a generation evaluation; toHaveAccuracyAbove needs a classification one. Use toHaveExactMatchAbove/)
  })
})

describe('compareModels with generation benchmarks', () => {
  it('puts TTFT, TPOT, e2e latency and tokens/s beside the quality metrics, and tests e2e latency', async () => {
    const fast = await benchmarkGeneration('fast', fakeGenerator(1, 0.2, { a: 4 }), ['a'], { requests: 30, warmup: 0, eosTokenId: EOS, record: false })
    const slow = await benchmarkGeneration('slow', fakeGenerator(3, 0.6, { a: 4 }), ['a'], { requests: 30, warmup: 0, eosTokenId: EOS, record: false })
    const cmp = compareModels({ slow: { evaluation: await run(7, 'slow'), generation: slow }, fast: { evaluation: await run(7, 'fast'), generation: fast } }, { record: false })
    expect(cmp.models[0]?.ttft?.value).toBeGreaterThanOrEqual(3)
    expect(cmp.models[1]?.tpot?.value).toBeGreaterThanOrEqual(0.2)
    expect(cmp.models[0]?.throughput).toBe(slow.tokensPerSecond.overall)
    // ≥ 4.8 ms against ≥ 1.6 ms per request, 30 requests each: faster by Mann–Whitney
    expect(cmp.pairs[0]?.latency?.ratio).toBeLessThan(1)
    expect(cmp.pairs[0]?.latency?.pValue).toBeLessThan(0.001)
    expect(cmp.preference).toMatchObject({ model: 'fast', why: 'faster' })
    expect(() => compareModels({ a: { benchmark: undefined, generation: { kind: 'x' } as never }, b: fast }, { record: false })).toThrow(/generation must be the result of benchmarkGeneration/)
  })
})

describe('the report of a generation evaluation', () => {
  it('shows every metric with its interval and the worst examples (prompt, reference, output), escaped', async () => {
    const outputs = (prompts: string[]) => prompts.map((p) => (p === '11:' ? '<script>alert(1)</script>' : spell(Number(p.slice(0, -1)))))
    const result = (await evaluate(outputs, rows, { name: 'escaped', fields: { input: 'prompt' }, record: false })) as GenerationEvaluation
    const card = cardOf(entry('a.bench.ts', 'quality', result), 0)
    expect(card.metrics.map((m) => m.label)).toEqual(['exact match', 'exact match (SQuAD-normalised)', 'BLEU (sacreBLEU, 13a)', 'chrF2', 'ROUGE-L F', 'WER', 'CER'])
    expect(card.metrics.find((m) => m.label === 'chrF2')?.ci).not.toBe('')
    const worst = card.tables[0]
    expect(worst?.columns).toEqual(['example', 'prompt', 'reference', 'output', 'chrF', 'WER'])
    expect(worst?.rows).toHaveLength(1)
    expect(worst?.rows[0]?.map((c) => c.text).slice(0, 4)).toEqual(['0', '11:', 'one one', '<script>alert(1)</script>'])
    const html = await renderHtmlReport(resultsJson([entry('a.bench.ts', 'quality', result)]))
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)</script>')
  })
})

describe('results.json with generation results', () => {
  it('passes the schema the report command reads it with; markup in place of a text is refused', async () => {
    const target = { generate: fakeGenerator(1, 0.2, { a: 3 }), eosTokenId: EOS }
    const results = [
      await benchmarkGeneration('speed', target.generate, ['a'], { requests: 4, warmup: 0, eosTokenId: EOS, record: false }),
      await run(3),
      await loadTest(target, { concurrency: 1, requests: 3, warmup: false, input: ['a'], goodput: { ttft: '1s' }, record: false }),
    ]
    const doc = JSON.parse(JSON.stringify(resultsJson(results.map((r, i) => entry('a.bench.ts', `t${i}`, r)))))
    expect(resultsJsonProblems(doc)).toEqual([])
    doc.entries[1].result.predictions.outputs[0] = { toString: '<img src=x onerror=alert(1)>' }
    expect(resultsJsonProblems(doc).join('\n')).toMatch(/entries\[1\]\.result\.predictions\.outputs\[0\]/)
  })
})
