import { describe, it, expect } from 'vitest'
import {
  characterErrorRate,
  corpusBleu,
  corpusChrf,
  corpusRougeL,
  exactMatch,
  normalizeSquadAnswer,
  pairedBootstrapTest,
  rougeL,
  rougeTokenize,
  sentenceBleu,
  sentenceChrf,
  textMetricInterval,
  tokenize13a,
  wordErrorRate,
} from '../../src/analyse/metrics/text.js'
import type { SufficientStatistics } from '../../src/analyse/metrics/text.js'

// Every expected value below is copied from the reference tool's own test suite or documentation;
// the comment above each names the repository, file and test. Tolerances are the reference test's
// own, or the printed precision of a documented value.

/** The rows of `stats` listed in `indices`, summed. */
function sumOf(stats: SufficientStatistics, indices: readonly number[]): Float64Array {
  const summed = new Float64Array(stats.width)
  for (const i of indices) {
    for (let j = 0; j < stats.width; j++) {
      summed[j] = (summed[j] as number) + (stats.values[i * stats.width + j] as number)
    }
  }
  return summed
}

/** sacreBLEU takes one stream per reference; these functions take each example's references. */
const perExample = (streams: readonly (readonly string[])[]): string[][] =>
  (streams[0] ?? []).map((_, i) => streams.map((stream) => stream[i] as string))

// mjpost/sacrebleu README.md ("Using SacreBLEU from Python") and test/test_bleu.py (_hyps, _refs)
const README_HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']
const README_REFS = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
]

describe('corpusBleu (sacreBLEU 2.x)', () => {
  it('matches test_bleu.py test_corpus_bleu and the README on the two-reference corpus', () => {
    // test/test_bleu.py test_corpus_bleu: default settings and tokenize='13a' → 48.530827, EPSILON 1e-8
    const BLEU_DEFAULT = 48.530827
    // README: "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"
    const README_PRECISIONS = [82.4, 50.0, 45.5, 37.5]
    const bleu = corpusBleu(README_HYPS, perExample(README_REFS))
    expect(bleu.score).toBeCloseTo(BLEU_DEFAULT, 6)
    expect(corpusBleu(README_HYPS, perExample(README_REFS), { tokenize: '13a' }).score).toBeCloseTo(BLEU_DEFAULT, 6)
    bleu.precisions.forEach((p, k) => expect(p).toBeCloseTo(README_PRECISIONS[k] as number, 1))
    expect(bleu.bp).toBeCloseTo(0.943, 3)
    expect(bleu.sysLen / bleu.refLen).toBeCloseTo(0.944, 3)
    expect([bleu.sysLen, bleu.refLen]).toEqual([17, 18])
    // test_corpus_bleu: tokenize='none' → 49.1919566; smooth_method='none' → 48.530827
    expect(corpusBleu(README_HYPS, perExample(README_REFS), { tokenize: 'none' }).score).toBeCloseTo(49.1919566, 6)
    const unsmoothed = corpusBleu(README_HYPS, perExample(README_REFS), { smoothMethod: 'none' })
    expect(unsmoothed.score).toBeCloseTo(BLEU_DEFAULT, 6)
  })

  it('scores empty hypotheses 0 without dropping them (test_corpus_bleu)', () => {
    // test/test_bleu.py test_corpus_bleu: (('', '', ''), _refs, {}, 0.0)
    const bleu = corpusBleu(['', '', ''], perExample(README_REFS))
    expect(bleu.score).toBe(0)
    expect(bleu.sysLen).toBe(0)
    expect(bleu.perExample).toEqual([0, 0, 0])
  })

  it('matches test_bleu.py test_max_ngram_order', () => {
    // test/test_bleu.py test_bleu_max_order: f"{score:.2f}" for max_ngram_order 1 … 6
    const EXPECTED = ['77.65', '60.50', '53.93', '48.53', '46.14', '43.28']
    EXPECTED.forEach((expected, k) => {
      const bleu = corpusBleu(README_HYPS, perExample(README_REFS), { maxNgramOrder: k + 1 })
      expect(bleu.score.toFixed(2)).toBe(expected)
    })
  })

  it('drops empty references as the README "Variable Number of References" example', () => {
    // README: first reference of sentence 1 replaced by '' →
    // "BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)"
    const refs = [['', 'It was not unexpected.', 'The man bit him first.'], README_REFS[1] as string[]]
    const bleu = corpusBleu(README_HYPS, perExample(refs))
    expect(bleu.score).toBeCloseTo(29.44, 2)
    bleu.precisions.forEach((p, k) => expect(p).toBeCloseTo([82.4, 42.9, 27.3, 12.5][k] as number, 1))
    expect(bleu.bp).toBeCloseTo(0.889, 3)
    expect([bleu.sysLen, bleu.refLen]).toEqual([17, 19])
    expect(() => corpusBleu(['x'], [['', '']])).toThrow(/only empty references/)
  })

  it('matches the Hugging Face evaluate sacrebleu examples', () => {
    // huggingface/evaluate metrics/sacrebleu/sacrebleu.py docstring, Example 1 → round(score, 1) = 100.0
    const example1 = corpusBleu(
      ['hello there general kenobi', 'foo bar foobar'],
      [
        ['hello there general kenobi', 'hello there !'],
        ['foo bar foobar', 'foo bar foobar'],
      ],
    )
    expect(example1.score).toBeCloseTo(100.0, 1)
    // Example 2 → round(score, 1) = 39.8
    const example2 = corpusBleu(
      ['hello there general kenobi', 'on our way to ankh morpork'],
      [
        ['hello there general kenobi', 'hello there !'],
        ['goodbye ankh morpork', 'ankh morpork'],
      ],
    )
    expect(Math.round(example2.score * 10) / 10).toBe(39.8)
  })

  it('matches test_bleu.py raw_corpus_bleu cases (no tokenization, floor smoothing, effective order)', () => {
    // sacrebleu.raw_corpus_bleu = corpus_bleu(smooth_method='floor', tokenize='none', use_effective_order=True)
    const raw = (hyp: string, ref: string, smoothValue = 0.01) =>
      corpusBleu([hyp], [ref], { tokenize: 'none', smoothMethod: 'floor', smoothValue, effectiveOrder: true })
    // test_raw_bleu_cases, EPSILON 1e-8 on score / 100
    expect(raw('this is a test', 'this is a test').score / 100).toBeCloseTo(1.0, 8)
    expect(raw('this is a fest', 'this is a test').score / 100).toBeCloseTo(0.223606797749979, 8)
    // test_case_effective_order
    expect(raw('test', 'a test').score / 100).toBeCloseTo(0.3678794411714425, 8)
    expect(raw('a test', 'a test').score / 100).toBeCloseTo(1.0, 8)
    expect(raw('a little test', 'a test').score / 100).toBeCloseTo(0.03218297948685433, 8)
    // test_case_statistics: common [4, 2, 1, 0], total [6, 5, 4, 3]
    const stats = raw('am I am a character sequence', 'I am a symbol string sequence a a')
    expect([stats.counts, stats.totals]).toEqual([
      [4, 2, 1, 0],
      [6, 5, 4, 3],
    ])
    // test_case_offset: smooth_value 0.0 → 0, default 0.1 → 0.1555722182
    expect(raw('am I am a character sequence', 'I am a symbol string sequence a a', 0).score).toBe(0)
    expect(raw('am I am a character sequence', 'I am a symbol string sequence a a', 0.1).score / 100).toBeCloseTo(
      0.1555722182,
      8,
    )
  })

  it('keeps per-example statistics that sum to the corpus statistics', () => {
    const bleu = corpusBleu(README_HYPS, perExample(README_REFS))
    const summed = sumOf(bleu.statistics, [0, 1, 2])
    expect(Array.from(summed)).toEqual([bleu.sysLen, bleu.refLen, ...bleu.counts, ...bleu.totals])
    expect(bleu.statistics.score(summed)).toBe(bleu.score)
  })

  it('refuses unpaired or empty input', () => {
    expect(() => corpusBleu(['a'], [])).toThrow(/same length/)
    expect(() => corpusBleu([], [])).toThrow(/empty/)
    expect(() => corpusBleu(['a'], [[]])).toThrow(/no reference/)
    expect(() => corpusBleu(['a'], ['a'], { maxNgramOrder: 0 })).toThrow(/positive integer/)
  })
})

describe('sentenceBleu (sacreBLEU 2.x sentence_bleu)', () => {
  // mjpost/sacrebleu test/test_sentence_bleu.py, example from issue #98 (Romanian, non-ASCII), EPSILON 1e-3
  const REF = 'producţia de zahăr brut se exprimă în zahăr alb;'
  const SYS = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;'

  it('matches test_api_sentence_bleu for every smoothing and tokenizer', () => {
    // test_cases: (smooth_method, smooth_value, lowercase=False, tok, expected)
    const CASES = [
      [{ smoothMethod: 'exp' }, 8.493],
      [{ smoothMethod: 'none' }, 0.0],
      [{ smoothMethod: 'floor' }, 4.51688],
      [{ smoothMethod: 'floor', smoothValue: 0.1 }, 4.51688],
      [{ smoothMethod: 'floor', smoothValue: 0.5 }, 10.1],
      [{ smoothMethod: 'add-k' }, 14.882],
      [{ smoothMethod: 'add-k', smoothValue: 1 }, 14.882],
      [{ smoothMethod: 'add-k', smoothValue: 2 }, 21.389],
      [{ smoothMethod: 'exp', tokenize: 'none' }, 7.347],
    ] as const
    for (const [options, expected] of CASES) {
      expect(Math.abs(sentenceBleu(SYS, [REF], options).score - expected)).toBeLessThan(1e-3)
    }
  })

  it('matches test_api_sentence_bleu_zero (issue #141)', () => {
    // REF_0 = "okay thanks", SYS_0 = "this is a cat" → 0.0 for every smoothing
    for (const smoothMethod of ['exp', 'none', 'floor', 'add-k'] as const) {
      expect(sentenceBleu('this is a cat', ['okay thanks'], { smoothMethod }).score).toBe(0)
    }
  })

  it('is the per-example score of corpusBleu', () => {
    const corpus = corpusBleu([SYS, 'this is a cat'], [REF, 'okay thanks'])
    expect(corpus.perExample).toEqual([sentenceBleu(SYS, REF).score, 0])
  })
})

describe('tokenize13a', () => {
  // Not reference output: worked by hand through the steps of sacrebleu/tokenizers/tokenizer_13a.py
  // and tokenizer_re.py (entities, then the four TokenizerRegexp rules, then whitespace).
  it('applies the 13a rules in order', () => {
    expect(tokenize13a('&quot;A&amp;B&quot; 3-4 1,000.5 end.')).toBe('" A & B " 3 - 4 1,000.5 end .')
    expect(tokenize13a('a-\nb\nc<skipped>')).toBe('ab c')
    expect(tokenize13a("It wasn't surprising.")).toBe("It wasn't surprising .")
  })
})

describe('corpusChrf / sentenceChrf (sacreBLEU 2.x CHRF)', () => {
  // huggingface/evaluate metrics/chrf/chrf.py docstring, Examples 1–3
  const HF_PREDICTIONS = [
    'The relationship between cats and dogs is not exactly friendly.',
    'a good bookshop is just a genteel black hole that knows how to read.',
  ]
  const HF_REFERENCES = [
    ['The relationship between dogs and cats is not exactly friendly.'],
    ['A good bookshop is just a genteel Black Hole that knows how to read.'],
  ]

  it('matches the Hugging Face evaluate chrf examples (chrF, chrF++, lowercase)', () => {
    const CHRF = 84.64214891738334 // Example 1: default CHRF
    const CHRF_PLUS_PLUS = 82.87263732906315 // Example 2: word_order=2
    const CHRF_PLUS_PLUS_LOWERCASE = 92.12853119829202 // Example 3: word_order=2, lowercase=True
    expect(corpusChrf(HF_PREDICTIONS, HF_REFERENCES).score).toBeCloseTo(CHRF, 10)
    expect(corpusChrf(HF_PREDICTIONS, HF_REFERENCES, { wordOrder: 2 }).score).toBeCloseTo(CHRF_PLUS_PLUS, 10)
    expect(corpusChrf(HF_PREDICTIONS, HF_REFERENCES, { wordOrder: 2, lowercase: true }).score).toBeCloseTo(
      CHRF_PLUS_PLUS_LOWERCASE,
      10,
    )
  })

  it('gives the sentence score per example (rageval docs)', () => {
    // gomate-community/rageval AnswerCHRFCorrectness docstring (CHRF defaults on the same pairs):
    // score 84.64214891738334, results[0] 84.41131092011067 — third-party docs, not sacreBLEU's own
    const chrf = corpusChrf(HF_PREDICTIONS, HF_REFERENCES)
    expect(chrf.perExample[0]).toBeCloseTo(84.41131092011067, 10)
    expect(chrf.perExample[0]).toBe(sentenceChrf(HF_PREDICTIONS[0] as string, HF_REFERENCES[0] as string[]))
  })

  it('picks the best reference per example as the README two-reference example', () => {
    // mjpost/sacrebleu README.md "Using SacreBLEU from Python": chrf.corpus_score(sys, refs) → chrF2 = 59.73
    expect(corpusChrf(README_HYPS, perExample(README_REFS)).score).toBeCloseTo(59.73, 2)
  })

  it('matches test_chrf.py test_chrf_eff_order (effective-order averaging, sacreBLEU default)', () => {
    // corpus_chrf(char_order=6, word_order=0, beta=3, eps_smoothing=False), EPSILON 1e-4
    const CASES: [string[], string[], number][] = [
      [['a'], ['a'], 100.0],
      [[''], ['reference'], 0.0],
      [['a b c'], ['a b c'], 100.0],
      [['a b c'], ['abc'], 100.0],
      [[''], ['c'], 0.0],
      [['a', 'b'], ['a', 'c'], 50.0],
      [['aa'], ['ab'], 25.0],
    ]
    for (const [hyps, refs, expected] of CASES) {
      expect(Math.abs(corpusChrf(hyps, refs, { beta: 3 }).score - expected)).toBeLessThan(1e-4)
    }
  })

  it('matches test_chrf.py test_chrf (epsilon smoothing, German with umlauts)', () => {
    // corpus_chrf(char_order=6, word_order=0, beta=3, eps_smoothing=True), EPSILON 1e-4
    const CASES: [string[], string[], number][] = [
      [['abcdefg'], ['hijklmnop'], 0.0],
      [['a'], ['b'], 0.0],
      [[''], ['b'], 0.0],
      [[''], ['ref'], 0.0],
      [[''], ['reference'], 0.0],
      [['aa'], ['ab'], 8.3333],
      [['a', 'b'], ['a', 'c'], 8.3333],
      [['a'], ['a'], 16.6667],
      [['a b c'], ['a b c'], 50.0],
      [['a b c'], ['abc'], 50.0],
      [
        [' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'],
        ['risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .'],
        63.36173,
      ],
      [
        [' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '],
        ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'],
        64.1302698,
      ],
      [['Niemand hat die Absicht, eine Mauer zu errichten'], ['Niemand hat die Absicht, eine Mauer zu errichten'], 100.0],
    ]
    for (const [hyps, refs, expected] of CASES) {
      expect(Math.abs(corpusChrf(hyps, refs, { beta: 3, epsSmoothing: true }).score - expected)).toBeLessThan(1e-4)
    }
  })

  it('matches test_chrf.py test_chrf_keep_whitespace', () => {
    // corpus_chrf(char_order=6, word_order=0, beta=3, remove_whitespace=False), EPSILON 1e-4
    const CASES: [string, string, number][] = [
      [
        'Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.',
        'Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.',
        67.3481606,
      ],
      [
        'risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .',
        'risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .',
        65.2414427,
      ],
    ]
    for (const [hyp, ref, expected] of CASES) {
      expect(Math.abs(corpusChrf([hyp], [ref], { beta: 3, whitespace: true }).score - expected)).toBeLessThan(1e-4)
    }
  })

  it('matches test_chrf.py test_chrf_sentence_level (Czech)', () => {
    // sentence_chrf(hypothesis, references, eps_smoothing=True), EPSILON 1e-4
    const CASES: [string, string, number][] = [
      [
        'Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.',
        'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.',
        39.14078509,
      ],
      [
        'Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.',
        'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.',
        31.22557079,
      ],
      [
        'Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.',
        'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.',
        57.15704367,
      ],
    ]
    for (const [hyp, ref, expected] of CASES) {
      expect(Math.abs(sentenceChrf(hyp, [ref], { epsSmoothing: true }) - expected)).toBeLessThan(1e-4)
    }
  })

  it('refuses impossible options', () => {
    expect(() => corpusChrf(['a'], ['a'], { charOrder: 0 })).toThrow(/needs an n-gram order/)
    expect(() => corpusChrf(['a'], ['a'], { wordOrder: -1 })).toThrow(/non-negative integers/)
  })
})

describe('rougeL / corpusRougeL (rouge-score)', () => {
  it('matches rouge_scorer_test.py LCS cases', () => {
    // google-research/google-research rouge/rouge_scorer_test.py, scorer.score(target, prediction)
    // testRougeLConsecutive: ("testing one two", "testing one") → P 1, R 2/3, F 4/5
    const consecutive = rougeL('testing one', 'testing one two')
    expect(consecutive.precision).toBeCloseTo(1, 7)
    expect(consecutive.recall).toBeCloseTo(2 / 3, 7)
    expect(consecutive.fmeasure).toBeCloseTo(4 / 5, 7)
    // testRougeLNonConsecutive: ("testing one two", "testing two") → P 1, R 2/3, F 4/5
    const gap = rougeL('testing two', 'testing one two')
    expect([gap.precision, gap.recall, gap.fmeasure].map((v) => v.toFixed(7))).toEqual(
      [1, 2 / 3, 4 / 5].map((v) => v.toFixed(7)),
    )
    // testRougeEmpty: ("testing one two", "") → 0, 0, 0
    expect(rougeL('', 'testing one two')).toEqual({ precision: 0, recall: 0, fmeasure: 0 })
  })

  it('matches testRougeLAgainstRouge155 on the testdata files', () => {
    // rouge/testdata/target.txt and prediction.txt, lines read with readlines() (newline kept);
    // expected recall, precision, F from ROUGE-1.5.5, assertAlmostEqual(places=5)
    const TARGETS = [
      "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
      "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
    ]
    const PREDICTIONS = [
      "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
      "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
    ]
    const EXPECTED = [
      { recall: 0.40741, precision: 0.6875, fmeasure: 0.51163 },
      { recall: 0.40476, precision: 0.65385, fmeasure: 0.5 },
    ]
    const corpus = corpusRougeL(PREDICTIONS, TARGETS)
    corpus.perExample.forEach((score, i) => {
      const expected = EXPECTED[i] as (typeof EXPECTED)[number]
      expect(score.recall).toBeCloseTo(expected.recall, 5)
      expect(score.precision).toBeCloseTo(expected.precision, 5)
      expect(score.fmeasure).toBeCloseTo(expected.fmeasure, 5)
    })
    // the corpus value is the mean F over the pairs
    expect(corpus.score).toBeCloseTo((0.51163 + 0.5) / 2, 5)
  })

  it('matches the Hugging Face evaluate rouge example and its non-Latin-script issue', () => {
    // huggingface/evaluate metrics/rouge/rouge.py docstring: identical pairs → rougeL 1.0
    expect(corpusRougeL(['hello there', 'general kenobi'], ['hello there', 'general kenobi']).score).toBe(1.0)
    // huggingface/evaluate issue #256: Devanagari p = r → rougeL 0.0 (the tokenizer keeps [a-z0-9] only)
    const nepali = 'पूर्व प्रधानमन्त्री शिंजो आबेको हत्याले जापान स्तब्ध छ।'
    expect(rougeTokenize(nepali)).toEqual([])
    expect(corpusRougeL([nepali], [nepali]).score).toBe(0.0)
  })

  it('takes the best reference as RougeScorer.score_multi (argmax of F)', () => {
    // score_multi keeps the reference with the highest F; with an unrelated first reference the
    // testRougeLConsecutive pair decides: F 4/5
    expect(rougeL('testing one', ['unrelated words', 'testing one two']).fmeasure).toBeCloseTo(4 / 5, 7)
  })
})

describe('wordErrorRate (jiwer 3.x wer_default)', () => {
  const wer = (hyps: string[], refs: string[]) => wordErrorRate(hyps, refs).rate

  it('matches jiwer tests/test_measures.py TestMeasuresDefaultTransform', () => {
    // test_input_gt_string_h_string: (reference, hypothesis, wer); the second has an empty hypothesis
    expect(wer(['This is a test'], ['This is a test'])).toBe(0)
    expect(wer([''], ['This is a test'])).toBe(1)
    expect(wer(['This test'], ['This is a test'])).toBe(0.5)
    // test_known_values (Morris et al. 2004)
    const KNOWN: [string, string, number][] = [
      ['X', 'X', 0],
      ['X', 'X X Y Y', 3],
      ['X Y X', 'X Z', 2 / 3],
      ['X', 'Y', 1],
      ['X', 'Y Z', 2],
    ]
    for (const [reference, hypothesis, expected] of KNOWN) {
      expect(wer([hypothesis], [reference])).toBeCloseTo(expected, 15)
    }
    // test_permutations_invariance: references ["i", "am i good"], hypotheses ["i am", "i good"] → 0.5
    expect(wer(['i am', 'i good'], ['i', 'am i good'])).toBe(0.5)
    expect(wer(['i good', 'i am'], ['am i good', 'i'])).toBe(0.5)
  })

  it('treats Unicode as jiwer does (hand-counted from jiwer\'s transforms.py: no published Unicode WER case was found)', () => {
    // ReduceToListOfListOfWords splits on ' ' only (`s.split(self.word_delimiter)`), while
    // RemoveMultipleSpaces turns runs of 2+ Unicode whitespace (`\\s\\s+`) into ' ': a single
    // U+3000 or U+00A0 joins its neighbours into one word; "Grüße" and "Grüsse" are different words.
    // "Grüße aus München" → "Grüsse aus München": 1 substitution of 3 words
    expect(wer(['Grüsse aus München'], ['Grüße aus München'])).toBeCloseTo(1 / 3, 15)
    // "東京\u3000大阪" (one word) → "東京 京都": 1 substitution + 1 insertion; "café\u00a0crème" (one word) → "": 1 deletion
    const corpus = wordErrorRate(['東京 京都', ''], ['東京\u3000大阪', 'café\u00a0crème'])
    expect([corpus.substitutions, corpus.deletions, corpus.insertions, corpus.referenceLength]).toEqual([1, 1, 1, 2])
    expect(corpus.rate).toBe(1.5)
    // two ideographic spaces are a run: "東京\u3000\u3000大阪" is two words, matched exactly
    expect(wer(['東京 大阪'], ['東京\u3000\u3000大阪'])).toBe(0)
  })

  it('splits edits as jiwer tests/test_alignment.py shows them', () => {
    // test_all_three: "this is a test of skill" → "this was a messy test": S I D D
    const allThree = wordErrorRate(['this was a messy test'], ['this is a test of skill'])
    expect([allThree.substitutions, allThree.insertions, allThree.deletions, allThree.hits]).toEqual([1, 1, 2, 3])
    // test_show_measures: "substitutions=3 deletions=5 insertions=0 hits=1", "wer=88.89%"
    const show = wordErrorRate(['no it will not'], ['this test will  have a high word error rate'])
    expect([show.substitutions, show.deletions, show.insertions, show.hits]).toEqual([3, 5, 0, 1])
    expect((100 * show.rate).toFixed(2)).toBe('88.89')
    // test_empty_hypothesis: "empty" → "": one deletion
    expect(wordErrorRate([''], ['empty']).deletions).toBe(1)
  })

  it('matches the Hugging Face evaluate wer examples and jiwer test_large_vocab', () => {
    // huggingface/evaluate metrics/wer/wer.py docstring and README.md examples: 0.5, 0.0, 1.0
    const predictions = ['this is the prediction', 'there is an other sample']
    expect(wer(predictions, ['this is the reference', 'there is another one'])).toBe(0.5)
    expect(wer(['hello world', 'good night moon'], ['hello world', 'good night moon'])).toBe(0.0)
    expect(wer(['hello world', 'good night moon'], ['hi everyone', 'have a great day'])).toBe(1.0)
    // jitsi/jiwer tests/test_large_vocab.py test_basic_word_mapping: 100 sentences → wer 0.5, hits 50
    const references = [...Array<string>(50).fill('same'), ...Array<string>(50).fill('ref_only')]
    const hypotheses = [...Array<string>(50).fill('same'), ...Array<string>(50).fill('hyp_only')]
    const result = wordErrorRate(hypotheses, references)
    expect([result.rate, result.hits]).toEqual([0.5, 50])
  })

  it('sums edits over the corpus instead of averaging per-example rates', () => {
    // test_permutations_invariance above: per-example rates 1 and 1/3, corpus 2 edits / 4 words
    const result = wordErrorRate(['i am', 'i good'], ['i', 'am i good'])
    expect(result.perExample.map((e) => e.rate)).toEqual([1, 1 / 3])
    expect([result.substitutions + result.deletions + result.insertions, result.referenceLength]).toEqual([2, 4])
  })

  it('scores empty references as jiwer 4.0 does (tests/test_empty_ref.py; jiwer 3.x raises)', () => {
    // test_empty_ref: ("", "hello") → insertions 1, wer 1
    const one = wordErrorRate(['hello'], [''])
    expect([one.insertions, one.rate]).toEqual([1, 1])
    // test_empty_ref_more: reference "", hypothesis of i words → insertions i, wer i
    for (let i = 2; i <= 10; i++) {
      const words = Array.from({ length: i }, (_, j) => String(j)).join(' ')
      const result = wordErrorRate([words], [''])
      expect([result.insertions, result.rate]).toEqual([i, i])
    }
    // test_empty_hyp: ("hello", "") → deletions 1, wer 1
    const empty = wordErrorRate([''], ['hello'])
    expect([empty.deletions, empty.rate]).toEqual([1, 1])
    // test_multiple_one_empty_ref: (["hello world", ""], ["hello world", "done"]) → insertions 1, wer 1/2
    const mixed = wordErrorRate(['hello world', 'done'], ['hello world', ''])
    expect([mixed.insertions, mixed.rate]).toEqual([1, 0.5])
    // test_empty_ref_empty_hyp: all empty → 0
    expect(wer([''], [''])).toBe(0)
    expect(wer(['', '', ''], ['', '', ''])).toBe(0)
  })
})

describe('characterErrorRate (jiwer 3.x cer_default)', () => {
  const cer = (hyps: string[], refs: string[]) => characterErrorRate(hyps, refs).rate

  it('matches jiwer tests/test_cer.py', () => {
    // test_input_ref_string_hyp_string: 0/14, 14/14 (empty hypothesis), 5/14
    expect(cer(['This is a test'], ['This is a test'])).toBe(0)
    expect(cer([''], ['This is a test'])).toBe(1)
    expect(cer(['This test'], ['This is a test'])).toBeCloseTo(5 / 14, 15)
    // test_known_values
    const KNOWN: [string, string, number][] = [
      ['X', 'X', 0],
      ['X', 'X X Y Y', 6],
      ['X Y X', 'X Z', 3 / 5],
      ['X', 'Y', 1],
      ['X', 'Y Z', 3],
    ]
    for (const [reference, hypothesis, expected] of KNOWN) {
      expect(cer([hypothesis], [reference])).toBeCloseTo(expected, 15)
    }
    // test_permutations_invariance → 0.6
    expect(cer(['i am', 'i good'], ['i', 'am i good'])).toBeCloseTo(0.6, 15)
    // test_return_dict: cer(["i", "am i good"], ["i am", "y good"]) →
    // {"cer": 0.7, "hits": 6, "substitutions": 1, "deletions": 3, "insertions": 3}
    const counts = characterErrorRate(['i am', 'y good'], ['i', 'am i good'])
    expect(counts.rate).toBeCloseTo(0.7, 15)
    expect([counts.hits, counts.substitutions, counts.deletions, counts.insertions]).toEqual([6, 1, 3, 3])
  })

  it('splits character edits as jiwer tests/test_alignment.py shows them', () => {
    // TestAlignmentVisualizationCharacters.test_all_three: marks "IS S IS SSD SDDD" → I 2, S 6, D 4
    const allThree = characterErrorRate(['this was a messy test'], ['this is a test of skill'])
    expect([allThree.insertions, allThree.substitutions, allThree.deletions]).toEqual([2, 6, 4])
    // test_show_measures: "substitutions=4 deletions=29 insertions=0 hits=10", "cer=76.74%" (double space kept)
    const show = characterErrorRate(['no it will not'], ['this test will  have a high word error rate'])
    expect([show.substitutions, show.deletions, show.insertions, show.hits]).toEqual([4, 29, 0, 10])
    expect((100 * show.rate).toFixed(2)).toBe('76.74')
    // test_multiple_sentences: "one" → "1" and "two" → "2": S D D each
    const multiple = characterErrorRate(['1', '2'], ['one', 'two'])
    expect(multiple.perExample.map((e) => [e.substitutions, e.deletions])).toEqual([
      [1, 2],
      [1, 2],
    ])
    // test_empty_hypothesis: "empty" → "": DDDDD
    expect(characterErrorRate([''], ['empty']).deletions).toBe(5)
  })

  it('matches the Hugging Face evaluate cer tests, Chinese included', () => {
    // huggingface/evaluate metrics/cer/cer.py docstring → 0.34146341463414637
    const predictions = ['this is the prediction', 'there is an other sample']
    const references = ['this is the reference', 'there is another one']
    expect(cer(predictions, references)).toBeCloseTo(0.34146341463414637, 15)
    // metrics/cer/test_cer.py (its transform also collapses runs of spaces, so only cases without
    // such runs are used), tolerance 1e-6
    expect(Math.abs(cer(['white house'], ['White House']) - 0.1818181818)).toBeLessThan(1e-6) // test_cer_case_sensitive
    expect(Math.abs(cer(['werewolf'], ['were wolf']) - 0.1111111)).toBeLessThan(1e-6) // test_cer_whitespace
    expect(Math.abs(cer(['weaewolf'], ['werewolf']) - 0.125)).toBeLessThan(1e-6) // test_cer_sub
    expect(Math.abs(cer(['wereawolf'], ['werewolf']) - 0.125)).toBeLessThan(1e-6) // test_cer_del
    expect(Math.abs(cer(['wereolf'], ['werewolf']) - 0.125)).toBeLessThan(1e-6) // test_cer_insert
    // test_cer_unicode: "我能吞下玻璃而不伤身体" ← " 能吞虾玻璃而 不霜身体啦" → 0.4545454545
    expect(Math.abs(cer([' 能吞虾玻璃而 不霜身体啦'], ['我能吞下玻璃而不伤身体']) - 0.4545454545)).toBeLessThan(1e-6)
  })

  it('scores empty references as jiwer 4.0 does (tests/test_empty_ref.py test_cer_empty_ref)', () => {
    // ("", "") → 0, ("", "a") → 1, ("", "abd") → 3, ("a", "") → 1, ("abc", "") → 1
    const CASES: [string, string, number][] = [
      ['', '', 0],
      ['', 'a', 1],
      ['', 'abd', 3],
      ['a', '', 1],
      ['abc', '', 1],
    ]
    for (const [reference, hypothesis, expected] of CASES) expect(cer([hypothesis], [reference])).toBe(expected)
  })
})

describe('exactMatch and normalizeSquadAnswer', () => {
  it('normalises as the SQuAD v1.1 script (T5 qa_utils_test.py test_normalize_squad)', () => {
    // google-research/text-to-text-transfer-transformer t5/evaluation/qa_utils_test.py: normalize_squad
    // is "Normalization used in official SQuAD evaluation script"; ‘ (U+2018) is not ASCII punctuation
    expect(normalizeSquadAnswer("`Needs\tA_LOT of the 'normalization'.\"‘")).toBe('needs alot of normalization‘')
    expect(normalizeSquadAnswer('needs no normalization')).toBe('needs no normalization')
  })

  it('matches the Hugging Face evaluate exact_match examples (strict)', () => {
    // huggingface/evaluate metrics/exact_match/exact_match.py docstring, no options: round(…, 2) = 0.25, 0.33
    const first = exactMatch(['cat?', 'theater', 'yelling', 'agent'], ['the cat', 'theater', 'YELLING', 'agent007'])
    expect(first.score).toBe(0.25)
    const second = exactMatch(
      ['The cat sat on the mat?', 'Theaters are great.', "It's like comparing apples and oranges."],
      ['The cat sat on the mat.', 'Theaters are great.', "It's like comparing oranges and apples."],
    )
    expect(second.score.toFixed(2)).toBe('0.33')
    expect(second.perExample).toEqual([0, 1, 0])
  })

  it('takes the best of several answers (T5 qa_utils_test.py test_qa_metrics)', () => {
    // qa_metrics on unnormalised text with several targets per prediction → em 25.0; all equal → 100.0
    const targets = [['big moose', 'hippo'], ['correct1'], ['correct2.1', 'correct2.2'], ['a', 'b']]
    expect(exactMatch(['a big moose‘', 'wrong', 'correct2.2', 'c'], targets).score * 100).toBe(25)
    expect(exactMatch(Array<string>(5).fill('answer'), Array<string[]>(5).fill(['answer'])).score * 100).toBe(100)
  })

  it('matches the SQuAD examples of torchmetrics and Hugging Face evaluate (normalised)', () => {
    // Lightning-AI/torchmetrics tests/unittests/text/_inputs.py BATCH: exact_match [100.0, 0.0];
    // the first pair is also huggingface/evaluate metrics/squad docstring's example (exact_match 100.0)
    const squad = exactMatch(['1976', 'Hello'], [['1976'], ['World']], 'squad')
    expect(squad.perExample).toEqual([1, 0])
    expect(squad.score).toBe(0.5)
  })

  it('never matches an empty hypothesis to a non-empty answer', () => {
    // Not a reference value: string equality as exact_match_score defines it
    expect(exactMatch([''], ['World']).score).toBe(0)
    expect(exactMatch([''], ['World'], 'squad').score).toBe(0)
  })
})

describe('bootstrap over sufficient statistics', () => {
  it('scores a resample as the corpus function scores the resampled corpus', () => {
    // a resample with repeats: examples 0, 0, 2
    const pick = <T>(xs: readonly T[]) => [xs[0], xs[0], xs[2]] as T[]
    const refs = perExample(README_REFS)
    const bleu = corpusBleu(README_HYPS, refs).statistics
    expect(bleu.score(sumOf(bleu, [0, 0, 2]))).toBe(corpusBleu(pick(README_HYPS), pick(refs)).score)
    const chrf = corpusChrf(README_HYPS, refs, { wordOrder: 2 }).statistics
    expect(chrf.score(sumOf(chrf, [0, 0, 2]))).toBe(corpusChrf(pick(README_HYPS), pick(refs), { wordOrder: 2 }).score)
    const hyps = ['i am', 'i good', 'x']
    const words = ['i', 'am i good', 'y z']
    const wer = wordErrorRate(hyps, words).statistics
    expect(wer.score(sumOf(wer, [0, 0, 2]))).toBe(wordErrorRate(pick(hyps), pick(words)).rate)
    const rouge = corpusRougeL(hyps, words).statistics
    expect(rouge.score(sumOf(rouge, [0, 0, 2]))).toBeCloseTo(corpusRougeL(pick(hyps), pick(words)).score, 15)
  })

  it('gives a seeded, reproducible interval around the corpus score', () => {
    const hyps = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0 ? `the cat sat on mat ${i}` : `a cat sat on the mat ${i}`,
    )
    const refs = Array.from({ length: 40 }, (_, i) => `the cat sat on the mat ${i}`)
    const bleu = corpusBleu(hyps, refs)
    const interval = textMetricInterval(bleu.statistics, { seed: 7 })
    expect(interval).toEqual(textMetricInterval(bleu.statistics, { seed: 7 }))
    expect(interval.level).toBe(0.95)
    expect(interval.lower).toBeLessThan(bleu.score)
    expect(interval.upper).toBeGreaterThan(bleu.score)
    const em = exactMatch(hyps, refs)
    const emInterval = textMetricInterval(em.statistics, { seed: 7, resamples: 500 })
    expect(emInterval.lower).toBeLessThanOrEqual(em.score)
    expect(emInterval.upper).toBeGreaterThanOrEqual(em.score)
  })

  it('compares two systems on the same resamples (sacreBLEU paired_bs)', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `the quick brown fox number ${i} jumps`)
    const weak = refs.map((r, i) => (i % 2 === 0 ? r : `a slow red dog ${i} sleeps`))
    const strong = refs.map((r, i) => (i % 5 === 0 ? `a slow red dog ${i} sleeps` : r))
    const base = corpusChrf(weak, refs).statistics
    const head = corpusChrf(strong, refs).statistics
    const result = pairedBootstrapTest(base, head, { seed: 3, resamples: 500 })
    expect(result).toEqual(pairedBootstrapTest(base, head, { seed: 3, resamples: 500 }))
    expect(result.difference).toBeCloseTo(result.head - result.base, 12)
    expect(result.head).toBeGreaterThan(result.base)
    expect(result.pValue).toBeLessThan(0.01)
    expect(result.pValue).toBeGreaterThanOrEqual(1 / 501)
    expect(result.interval.lower).toBeGreaterThan(0)
    expect(result.baseInterval.upper).toBeLessThan(result.headInterval.upper)
    // swapping the systems mirrors the difference and keeps the two-sided p-value
    const swapped = pairedBootstrapTest(head, base, { seed: 3, resamples: 500 })
    expect(swapped.pValue).toBe(result.pValue)
    expect(swapped.interval.upper).toBeCloseTo(-result.interval.lower, 12)
  })

  it('reports p = 1 for systems that never differ, and refuses unpaired statistics', () => {
    const refs = ['a b c', 'd e f', 'g h i']
    const hyps = ['a b x', 'd e f', 'g y i']
    const same = pairedBootstrapTest(corpusBleu(hyps, refs).statistics, corpusBleu(hyps, refs).statistics)
    expect([same.difference, same.pValue]).toEqual([0, 1])
    expect(() => pairedBootstrapTest(corpusBleu(hyps, refs).statistics, corpusChrf(hyps, refs).statistics)).toThrow(
      /cannot pair/,
    )
    expect(() =>
      pairedBootstrapTest(corpusBleu(hyps, refs).statistics, corpusBleu(hyps.slice(1), refs.slice(1)).statistics),
    ).toThrow(/paired/)
    const unsmoothed = corpusBleu(hyps, refs, { smoothMethod: 'none' }).statistics
    expect(() => pairedBootstrapTest(corpusBleu(hyps, refs).statistics, unsmoothed)).toThrow(/cannot pair/)
  })
})
