/**
 * Text-generation quality metrics that reproduce their reference Python tools number for number, so
 * a benchmark's BLEU, chrF, ROUGE-L, WER or exact match can be quoted next to a paper's:
 *
 * - BLEU and chrF/chrF++ as sacreBLEU 2.x (`sacrebleu/metrics/bleu.py`, `chrf.py`, tokenizer `13a`);
 * - ROUGE-L as Google's `rouge-score` 0.1.2 (`rouge_scorer.RougeScorer(['rougeL'])`);
 * - WER and CER as jiwer 3.x with its default transforms, aligned as rapidfuzz aligns;
 * - exact match strict, or normalised as the official SQuAD v1.1 `evaluate-v1.1.py`.
 *
 * Every corpus function takes `hypotheses` first and `references` second (sacreBLEU's order; jiwer
 * and rouge-score take the reference first), returns a score per example for paired analyses, and
 * keeps per-example sufficient statistics, so bootstrap resamples recompute the corpus statistic
 * exactly as the point estimate does (corpus BLEU from summed n-gram counts, never from averaged
 * sentence scores). Pure functions; invalid input throws.
 *
 * Text is handled in Unicode code points and Python's whitespace, as the Python tools see it.
 */
import { bootstrapStatistic, percentileInterval } from '../bootstrap.js'
import type { BootstrapOptions, ConfidenceInterval } from '../bootstrap.js'
import { DEFAULT_SEED, fillRandomIndices } from '../random.js'

/** The references of one example: one string, or several alternatives. */
export type ExampleReferences = string | readonly string[]

/**
 * Per-example sufficient statistics of a corpus metric: what bootstraps and paired tests resample.
 * Summing the rows of any set of examples and passing the sums to `score` gives that set's corpus
 * score, exactly as the metric's own corpus function computes it.
 */
export interface SufficientStatistics {
  /** The metric and the options that change its value, e.g. `BLEU|tok:13a|smooth:exp|…`. */
  readonly metric: string
  /** Number of examples. */
  readonly n: number
  /** Statistics per example. */
  readonly width: number
  /** Row-major n × width matrix: example i is `values[i·width … (i+1)·width)`. */
  readonly values: Float64Array
  /** Corpus score from statistics summed over examples. */
  readonly score: (summed: Float64Array) => number
}

// ---------------------------------------------------------------------------------------------
// Python string semantics the reference tools rely on.

// Python's str.split()/strip() whitespace (Py_UNICODE_ISSPACE, also re's \s): unlike JS \s it
// includes U+001C–U+001F and U+0085 and excludes U+FEFF.
const PY_SPACE = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const PY_WORDS = new RegExp(`[^${PY_SPACE}]+`, 'gu')
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu')
const PY_RSTRIP = new RegExp(`[${PY_SPACE}]+$`, 'u')
/** Python's string.punctuation: the 32 ASCII punctuation characters. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')

/** Python `s.split()`. */
const pySplit = (s: string): string[] => s.match(PY_WORDS) ?? []
/** Python `s.strip()`. */
const pyStrip = (s: string): string => s.replace(PY_STRIP, '')

function checkCorpus(hypotheses: readonly string[], references: readonly unknown[]): void {
  if (hypotheses.length !== references.length) {
    throw new Error(
      `hypotheses has ${hypotheses.length} values but references has ${references.length}; ` +
        'they must be the same length',
    )
  }
  if (hypotheses.length === 0) throw new Error('hypotheses is empty: metrics need at least one example')
}

/** The alternatives of one example (named `where` in errors), as a non-empty list. */
function alternatives(references: ExampleReferences, where: string): readonly string[] {
  const list = typeof references === 'string' ? [references] : references
  if (list.length === 0) throw new Error(`${where} has no reference`)
  return list
}

/** sacreBLEU drops empty reference strings (a variable number of references per segment). */
function nonEmptyAlternatives(references: ExampleReferences, where: string): string[] {
  const list = alternatives(references, where).filter((r) => r !== '')
  if (list.length === 0) throw new Error(`${where} has only empty references (sacreBLEU refuses them too)`)
  return list
}

/** Packs per-example rows into a {@link SufficientStatistics}. */
function statistics(
  metric: string,
  width: number,
  rows: readonly ArrayLike<number>[],
  score: (summed: Float64Array) => number,
): SufficientStatistics {
  const values = new Float64Array(rows.length * width)
  rows.forEach((row, i) => values.set(row, i * width))
  return { metric, n: rows.length, width, values, score }
}

/** Column sums of the given rows (all rows when `indices` is left out). */
function sumRows(stats: SufficientStatistics, indices?: ArrayLike<number>, into?: Float64Array): Float64Array {
  const { width, values } = stats
  const summed = into ?? new Float64Array(width)
  summed.fill(0)
  const count = indices ? indices.length : stats.n
  for (let k = 0; k < count; k++) {
    const offset = (indices ? (indices[k] as number) : k) * width
    for (let j = 0; j < width; j++) summed[j] = (summed[j] as number) + (values[offset + j] as number)
  }
  return summed
}

/** The corpus score of all examples of `stats`. */
const corpusScore = (stats: SufficientStatistics): number => stats.score(sumRows(stats))

/** Counts of the n-grams of `items`, one map per order 1 … maxOrder; keys join the items with `separator`. */
function ngramCounts(items: readonly string[], maxOrder: number, separator: string): Map<string, number>[] {
  const orders: Map<string, number>[] = []
  for (let n = 1; n <= maxOrder; n++) {
    const counts = new Map<string, number>()
    for (let i = 0; i + n <= items.length; i++) {
      const gram = items.slice(i, i + n).join(separator)
      counts.set(gram, (counts.get(gram) ?? 0) + 1)
    }
    orders.push(counts)
  }
  return orders
}

// ---------------------------------------------------------------------------------------------
// BLEU (sacreBLEU 2.x, sacrebleu/metrics/bleu.py)

// TokenizerRegexp (sacrebleu/tokenizers/tokenizer_re.py). The first class is Python's
// [\{-\~\[-\` -\&\(-\+\:-\@\/] spelled as code-point ranges; it leaves ' - . , out on purpose.
const TOKENIZER_13A_RULES: readonly [RegExp, string][] = [
  [/([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40\x2F])/gu, ' $1 '],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/gu, '$1 $2 '],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // dash when preceded by a digit
  [/([0-9])(-)/gu, '$1 $2 '],
]

/**
 * sacreBLEU's default `13a` tokenizer (mteval-v13a.pl), as `sacrebleu/tokenizers/tokenizer_13a.py`
 * and `tokenizer_re.py` of sacreBLEU 2.x: drops `<skipped>` and `-\n`, turns newlines into spaces,
 * unescapes `&quot; &amp; &lt; &gt;` (in that order), splits punctuation and symbols off, then
 * joins the tokens with single spaces.
 */
export function tokenize13a(line: string): string {
  let text = line
    .replaceAll('<skipped>', '')
    .replaceAll('-\n', '')
    .replaceAll('\n', ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
  text = ` ${text} `
  for (const [pattern, replacement] of TOKENIZER_13A_RULES) text = text.replace(pattern, replacement)
  return pySplit(text).join(' ')
}

/** BLEU smoothing methods of sacreBLEU (Chen & Cherry 2014): 'exp' is NIST's, the default. */
export type BleuSmoothing = 'exp' | 'none' | 'floor' | 'add-k'

/** Options of the BLEU functions; defaults are sacreBLEU's `BLEU()`. */
export interface BleuOptions {
  /** '13a' (sacreBLEU's default) or 'none' (whitespace split only) ['13a']. */
  tokenize?: '13a' | 'none'
  /** Lowercase hypotheses and references first [false]. */
  lowercase?: boolean
  /** ['exp']. */
  smoothMethod?: BleuSmoothing
  /** Value of 'floor' [0.1] and 'add-k' [1]; unused by the others. */
  smoothValue?: number
  /** Highest n-gram order [4]. */
  maxNgramOrder?: number
  /**
   * Average only the orders the hypotheses have n-grams of [false for corpus BLEU, true for
   * sentence BLEU, as sacreBLEU's `corpus_bleu` and `sentence_bleu`].
   */
  effectiveOrder?: boolean
}

/** A BLEU score with sacreBLEU's `BLEUScore` fields. */
export interface BleuScore {
  /** BLEU on sacreBLEU's 0–100 scale. */
  score: number
  /** Clipped n-gram matches per order 1 … max order (raw under 'add-k': sacreBLEU returns them + k). */
  counts: number[]
  /** Hypothesis n-grams per order (raw under 'add-k', as `counts`). */
  totals: number[]
  /** Precision per order, 0–100, smoothed as the method says (0 beyond an order without n-grams). */
  precisions: number[]
  /** Brevity penalty. */
  bp: number
  /** Hypothesis tokens. */
  sysLen: number
  /** Closest reference length per segment, summed (ties go to the shorter reference). */
  refLen: number
}

/** Corpus BLEU, each example's sentence BLEU, and the statistics to resample. */
export interface CorpusBleu extends BleuScore {
  /** Sentence BLEU of every example (effective order on, as sacreBLEU's `sentence_bleu`). */
  perExample: number[]
  /** Per example: sys_len, ref_len, counts, totals (sacreBLEU's segment statistics). */
  statistics: SufficientStatistics
}

interface ResolvedBleu {
  tokenize: '13a' | 'none'
  lowercase: boolean
  smoothMethod: BleuSmoothing
  smoothValue: number
  maxOrder: number
  effectiveOrder: boolean
}

function resolveBleu(options: BleuOptions, effectiveOrder: boolean): ResolvedBleu {
  const smoothMethod = options.smoothMethod ?? 'exp'
  const maxOrder = options.maxNgramOrder ?? 4
  if (!Number.isInteger(maxOrder) || maxOrder < 1) {
    throw new Error(`maxNgramOrder is ${maxOrder}; it must be a positive integer`)
  }
  return {
    tokenize: options.tokenize ?? '13a',
    lowercase: options.lowercase ?? false,
    smoothMethod,
    smoothValue: options.smoothValue ?? (smoothMethod === 'add-k' ? 1 : 0.1),
    maxOrder,
    effectiveOrder: options.effectiveOrder ?? effectiveOrder,
  }
}

/** sacreBLEU's `my_log`: log floored so a zero precision zeroes the score instead of giving NaN. */
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x))

/**
 * `BLEU.compute_bleu` of sacreBLEU 2.x from summed statistics. 'add-k' adds k to the order-2+ counts
 * for the precisions only: the returned counts and totals stay the raw ones (sacreBLEU returns the
 * incremented lists).
 */
function computeBleu(stats: ArrayLike<number>, o: ResolvedBleu): BleuScore {
  const sysLen = stats[0] as number
  const refLen = stats[1] as number
  const counts = Array.from({ length: o.maxOrder }, (_, k) => stats[2 + k] as number)
  const totals = Array.from({ length: o.maxOrder }, (_, k) => stats[2 + o.maxOrder + k] as number)
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1
  const precisions = new Array<number>(o.maxOrder).fill(0)
  const result = { counts, totals, precisions, bp, sysLen, refLen }
  // no match at any order: 0, whatever the smoothing (sacreBLEU #141)
  if (counts.every((c) => c === 0)) return { score: 0, ...result }
  let smoothMteval = 1
  let effectiveOrder = o.maxOrder
  for (let n = 1; n <= o.maxOrder; n++) {
    const extra = o.smoothMethod === 'add-k' && n > 1 ? o.smoothValue : 0
    const correct = (counts[n - 1] as number) + extra
    const total = (totals[n - 1] as number) + extra
    if (total === 0) break
    if (o.effectiveOrder) effectiveOrder = n
    if (correct === 0) {
      if (o.smoothMethod === 'exp') {
        smoothMteval *= 2
        precisions[n - 1] = 100 / (smoothMteval * total)
      } else if (o.smoothMethod === 'floor') {
        precisions[n - 1] = (100 * o.smoothValue) / total
      }
    } else {
      precisions[n - 1] = (100 * correct) / total
    }
  }
  let logSum = 0
  for (let k = 0; k < effectiveOrder; k++) logSum += myLog(precisions[k] as number)
  return { score: bp * Math.exp(logSum / effectiveOrder), ...result }
}

function bleuPreprocess(sentence: string, o: ResolvedBleu): string[] {
  const text = (o.lowercase ? sentence.toLowerCase() : sentence).replace(PY_RSTRIP, '')
  return pySplit(o.tokenize === '13a' ? tokenize13a(text) : text)
}

/** sacreBLEU's segment statistics: [hyp_len, ref_len, counts…, totals…]. */
function bleuSegment(hypothesis: string, references: readonly string[], o: ResolvedBleu): number[] {
  // n-gram counts clipped by their maximum count over the references
  const refMax = Array.from({ length: o.maxOrder }, () => new Map<string, number>())
  const refLens: number[] = []
  for (const reference of references) {
    const tokens = bleuPreprocess(reference, o)
    refLens.push(tokens.length)
    ngramCounts(tokens, o.maxOrder, ' ').forEach((counts, k) => {
      const max = refMax[k] as Map<string, number>
      for (const [gram, count] of counts) max.set(gram, Math.max(max.get(gram) ?? 0, count))
    })
  }
  const hypTokens = bleuPreprocess(hypothesis, o)
  const hypLen = hypTokens.length
  let closestDiff = -1
  let closestLen = -1
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len)
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff
      closestLen = len
    } else if (diff === closestDiff && len < closestLen) {
      closestLen = len
    }
  }
  const correct = new Array<number>(o.maxOrder).fill(0)
  const total = new Array<number>(o.maxOrder).fill(0)
  ngramCounts(hypTokens, o.maxOrder, ' ').forEach((counts, k) => {
    const max = refMax[k] as Map<string, number>
    for (const [gram, count] of counts) {
      total[k] = (total[k] as number) + count
      const ref = max.get(gram)
      if (ref !== undefined) correct[k] = (correct[k] as number) + Math.min(count, ref)
    }
  })
  return [hypLen, closestLen, ...correct, ...total]
}

/**
 * Corpus BLEU as sacreBLEU 2.x `corpus_bleu(hypotheses, references)` / `BLEU().corpus_score`
 * computes it by default: 13a tokenization, case-sensitive, n-grams up to 4, 'exp' smoothing,
 * effective order off, one or more references per example (n-gram counts clipped by their maximum
 * over the references; for the brevity penalty the reference length closest to the hypothesis,
 * ties to the shorter). Empty reference strings are dropped as sacreBLEU drops them; an example
 * left with none throws. Empty hypotheses count (all their statistics are 0).
 *
 * `references[i]` holds example i's references (sacreBLEU instead takes one stream per reference).
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly ExampleReferences[],
  options: BleuOptions = {},
): CorpusBleu {
  checkCorpus(hypotheses, references)
  const o = resolveBleu(options, false)
  const sentence = { ...o, effectiveOrder: true }
  const rows = hypotheses.map((h, i) =>
    bleuSegment(h, nonEmptyAlternatives(references[i] as ExampleReferences, `references[${i}]`), o),
  )
  const metric =
    `BLEU|tok:${o.tokenize}|case:${o.lowercase ? 'lc' : 'mixed'}|smooth:${o.smoothMethod}:${o.smoothValue}` +
    `|order:${o.maxOrder}|eff:${o.effectiveOrder}`
  const stats = statistics(metric, 2 + 2 * o.maxOrder, rows, (summed) => computeBleu(summed, o).score)
  return {
    ...computeBleu(sumRows(stats), o),
    perExample: rows.map((row) => computeBleu(row, sentence).score),
    statistics: stats,
  }
}

/**
 * Sentence BLEU as sacreBLEU 2.x `sentence_bleu(hypothesis, references)`: the corpus defaults with
 * effective order on, so a short hypothesis is not zeroed by its missing higher orders.
 */
export function sentenceBleu(
  hypothesis: string,
  references: ExampleReferences,
  options: BleuOptions = {},
): BleuScore {
  const o = resolveBleu(options, true)
  return computeBleu(bleuSegment(hypothesis, nonEmptyAlternatives(references, 'references'), o), o)
}

// ---------------------------------------------------------------------------------------------
// chrF / chrF++ (sacreBLEU 2.x, sacrebleu/metrics/chrf.py)

/** Options of the chrF functions; defaults are sacreBLEU's `CHRF()`. */
export interface ChrfOptions {
  /** Character n-gram order [6]. */
  charOrder?: number
  /** Word n-gram order; 2 makes chrF++ [0]. */
  wordOrder?: number
  /** Weight of recall over precision [2]. */
  beta?: number
  /** Lowercase first [false]. */
  lowercase?: boolean
  /** Keep whitespace inside character n-grams [false: it is removed]. */
  whitespace?: boolean
  /**
   * Average F over all orders with ε = 1e-16 for empty ones (chrF++.py, NLTK, Moses) [false: average
   * precision and recall over the orders both sides have n-grams of, sacreBLEU's default].
   */
  epsSmoothing?: boolean
}

/** Corpus chrF, each example's sentence chrF, and the statistics to resample. */
export interface CorpusChrf {
  /** chrF on sacreBLEU's 0–100 scale. */
  score: number
  /** Sentence chrF of every example. */
  perExample: number[]
  /** Per example and order (characters, then words): hypothesis, reference and matching n-grams. */
  statistics: SufficientStatistics
}

interface ResolvedChrf {
  charOrder: number
  wordOrder: number
  beta: number
  lowercase: boolean
  whitespace: boolean
  epsSmoothing: boolean
}

function resolveChrf(options: ChrfOptions): ResolvedChrf {
  const o = {
    charOrder: options.charOrder ?? 6,
    wordOrder: options.wordOrder ?? 0,
    beta: options.beta ?? 2,
    lowercase: options.lowercase ?? false,
    whitespace: options.whitespace ?? false,
    epsSmoothing: options.epsSmoothing ?? false,
  }
  if (!Number.isInteger(o.charOrder) || o.charOrder < 0 || !Number.isInteger(o.wordOrder) || o.wordOrder < 0) {
    throw new Error(`charOrder ${o.charOrder} and wordOrder ${o.wordOrder} must be non-negative integers`)
  }
  if (o.charOrder + o.wordOrder === 0) throw new Error('charOrder + wordOrder is 0: chrF needs an n-gram order')
  return o
}

/** `CHRF._compute_f_score` of sacreBLEU 2.x, 0–100. */
function chrfScore(stats: ArrayLike<number>, o: ResolvedChrf): number {
  const eps = 1e-16
  const factor = o.beta ** 2
  const orders = o.charOrder + o.wordOrder
  let score = 0
  let effectiveOrder = 0
  let avgPrecision = 0
  let avgRecall = 0
  for (let i = 0; i < orders; i++) {
    const hyp = stats[3 * i] as number
    const ref = stats[3 * i + 1] as number
    const match = stats[3 * i + 2] as number
    const precision = hyp > 0 ? match / hyp : eps
    const recall = ref > 0 ? match / ref : eps
    const denominator = factor * precision + recall
    score += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : eps
    if (hyp > 0 && ref > 0) {
      avgPrecision += precision
      avgRecall += recall
      effectiveOrder++
    }
  }
  if (o.epsSmoothing) return (100 * score) / orders
  if (effectiveOrder === 0) return 0
  avgPrecision /= effectiveOrder
  avgRecall /= effectiveOrder
  if (avgPrecision + avgRecall === 0) return 0
  return (100 * ((1 + factor) * avgPrecision * avgRecall)) / (factor * avgPrecision + avgRecall)
}

/**
 * `CHRF._remove_punctuation`: splits one leading or trailing punctuation character off each word
 * ('(hi)' becomes '(hi' and ')', sacreBLEU issue #124).
 */
function chrfWords(sentence: string): string[] {
  const words: string[] = []
  for (const word of pySplit(sentence)) {
    const chars = Array.from(word)
    const last = chars[chars.length - 1] as string
    const first = chars[0] as string
    if (chars.length === 1) words.push(word)
    else if (PUNCTUATION.has(last)) words.push(chars.slice(0, -1).join(''), last)
    else if (PUNCTUATION.has(first)) words.push(first, chars.slice(1).join(''))
    else words.push(word)
  }
  return words
}

function chrfNgrams(sentence: string, o: ResolvedChrf): Map<string, number>[] {
  const text = o.lowercase ? sentence.toLowerCase() : sentence
  const chars = Array.from(o.whitespace ? text : pySplit(text).join(''))
  const orders = ngramCounts(chars, o.charOrder, '')
  if (o.wordOrder > 0) orders.push(...ngramCounts(chrfWords(text), o.wordOrder, ' '))
  return orders
}

/** Segment statistics against the reference whose F is highest (the first on ties), as sacreBLEU. */
function chrfSegment(hypothesis: string, references: readonly string[], o: ResolvedChrf): number[] {
  const hyp = chrfNgrams(hypothesis, o)
  let best: number[] = []
  let bestScore = -1
  for (const reference of references) {
    const stats: number[] = []
    chrfNgrams(reference, o).forEach((ref, k) => {
      let hypCount = 0
      let match = 0
      for (const [gram, count] of hyp[k] as Map<string, number>) {
        hypCount += count
        match += Math.min(count, ref.get(gram) ?? 0)
      }
      let refCount = 0
      for (const count of ref.values()) refCount += count
      // hypothesis n-grams do not count for an order the reference has none of
      stats.push(ref.size > 0 ? hypCount : 0, refCount, match)
    })
    const score = chrfScore(stats, o)
    if (score > bestScore) {
      bestScore = score
      best = stats
    }
  }
  return best
}

/**
 * Corpus chrF as sacreBLEU 2.x `corpus_chrf` / `CHRF().corpus_score` computes it by default: character
 * n-grams up to 6 with whitespace removed, β = 2, statistics summed over the corpus, precision and
 * recall averaged over the orders present on both sides ("effective order", eps_smoothing=False).
 * `wordOrder: 2` gives chrF++. Several references per example: each example uses the reference with
 * the highest sentence chrF. Empty reference strings are dropped as sacreBLEU drops them.
 */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly ExampleReferences[],
  options: ChrfOptions = {},
): CorpusChrf {
  checkCorpus(hypotheses, references)
  const o = resolveChrf(options)
  const rows = hypotheses.map((h, i) =>
    chrfSegment(h, nonEmptyAlternatives(references[i] as ExampleReferences, `references[${i}]`), o),
  )
  const metric =
    `chrF|nc:${o.charOrder}|nw:${o.wordOrder}|beta:${o.beta}|case:${o.lowercase ? 'lc' : 'mixed'}` +
    `|space:${o.whitespace}|eps:${o.epsSmoothing}`
  const stats = statistics(metric, 3 * (o.charOrder + o.wordOrder), rows, (summed) => chrfScore(summed, o))
  return { score: corpusScore(stats), perExample: rows.map((row) => chrfScore(row, o)), statistics: stats }
}

/** Sentence chrF (0–100) as sacreBLEU 2.x `sentence_chrf(hypothesis, references)`. */
export function sentenceChrf(hypothesis: string, references: ExampleReferences, options: ChrfOptions = {}): number {
  const o = resolveChrf(options)
  return chrfScore(chrfSegment(hypothesis, nonEmptyAlternatives(references, 'references'), o), o)
}

// ---------------------------------------------------------------------------------------------
// ROUGE-L (rouge-score 0.1.2, rouge/rouge_scorer.py and rouge/tokenize.py)

/** Precision, recall and F-measure of one ROUGE-L comparison, each in [0, 1]. */
export interface RougeLScore {
  /** LCS length / hypothesis tokens. */
  precision: number
  /** LCS length / reference tokens. */
  recall: number
  /** Harmonic mean of precision and recall (0 when both are 0). */
  fmeasure: number
}

/** Corpus ROUGE-L: means over examples of the per-example scores. */
export interface CorpusRougeL {
  /** Mean F-measure over examples: the ROUGE-L people report. */
  score: number
  /** Mean precision. */
  precision: number
  /** Mean recall. */
  recall: number
  /** Scores of every example. */
  perExample: RougeLScore[]
  /** Per example: F-measure, 1. */
  statistics: SufficientStatistics
}

/**
 * rouge-score's default tokenizer without stemming: lowercase, every run of characters outside
 * [a-z0-9] is a separator. Text in other scripts therefore has no tokens (and scores 0), as with
 * rouge-score itself. Without the Porter stemmer: `use_stemmer=True` has no counterpart here.
 */
export function rougeTokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? []
}

/** Length of the longest common subsequence, row by row (rouge-score's `_lcs_table` corner). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Int32Array(b.length + 1)
  let current = new Int32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    const token = a[i - 1]
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        token === b[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[b.length] as number
}

/** scoring.fmeasure: the harmonic mean, 0 when precision + recall is 0. */
const fmeasure = (precision: number, recall: number): number =>
  precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0

function rougeLPair(hypothesis: readonly string[], reference: readonly string[]): RougeLScore {
  if (hypothesis.length === 0 || reference.length === 0) return { precision: 0, recall: 0, fmeasure: 0 }
  const lcs = lcsLength(reference, hypothesis)
  const precision = lcs / hypothesis.length
  const recall = lcs / reference.length
  return { precision, recall, fmeasure: fmeasure(precision, recall) }
}

/**
 * ROUGE-L of one hypothesis as rouge-score 0.1.2
 * `RougeScorer(['rougeL'], use_stemmer=False).score(reference, hypothesis)`
 * (LCS precision, recall, F; 0 when either side has no tokens). With several references, the one
 * with the highest F (the first on ties), as `RougeScorer.score_multi`.
 */
export function rougeL(hypothesis: string, references: ExampleReferences): RougeLScore {
  return bestRougeL(hypothesis, alternatives(references, 'references'))
}

function bestRougeL(hypothesis: string, references: readonly string[]): RougeLScore {
  const hyp = rougeTokenize(hypothesis)
  let best: RougeLScore | undefined
  for (const reference of references) {
    const score = rougeLPair(hyp, rougeTokenize(reference))
    if (best === undefined || score.fmeasure > best.fmeasure) best = score
  }
  return best as RougeLScore
}

/**
 * Corpus ROUGE-L: the mean over examples of rouge-score's per-pair F-measure (what `evaluate`'s
 * `rouge` reports with `use_aggregator=False` then averaged; its default aggregator reports the
 * median of bootstrap means instead, which is close to but not exactly the mean).
 */
export function corpusRougeL(hypotheses: readonly string[], references: readonly ExampleReferences[]): CorpusRougeL {
  checkCorpus(hypotheses, references)
  const perExample = hypotheses.map((h, i) =>
    bestRougeL(h, alternatives(references[i] as ExampleReferences, `references[${i}]`)),
  )
  const n = perExample.length
  const mean = (key: keyof RougeLScore): number => perExample.reduce((s, p) => s + p[key], 0) / n
  const stats = statistics(
    'ROUGE-L|rouge-score|stem:no',
    2,
    perExample.map((p) => [p.fmeasure, 1]),
    (summed) => (summed[0] as number) / (summed[1] as number),
  )
  return {
    score: mean('fmeasure'),
    precision: mean('precision'),
    recall: mean('recall'),
    perExample,
    statistics: stats,
  }
}

// ---------------------------------------------------------------------------------------------
// WER and CER (jiwer 3.x with rapidfuzz's alignment)

/** Edit operations turning a reference into a hypothesis. */
export interface EditCounts {
  /** Reference tokens matched. */
  hits: number
  /** Reference tokens replaced by another hypothesis token. */
  substitutions: number
  /** Reference tokens missing from the hypothesis. */
  deletions: number
  /** Hypothesis tokens not in the reference. */
  insertions: number
  /** Reference tokens (hits + substitutions + deletions). */
  referenceLength: number
}

/** Edit counts and their error rate. */
export interface ErrorRate extends EditCounts {
  /**
   * (substitutions + deletions + insertions) / referenceLength; with an empty reference the number
   * of insertions (jiwer ≥ 4.0's rule: 0 for an empty hypothesis, ≥ 1 otherwise).
   */
  rate: number
}

/** Corpus error rate from total edits over total reference length, with every example's counts. */
export interface CorpusErrorRate extends ErrorRate {
  /** Counts and rate of every example. */
  perExample: ErrorRate[]
  /** Per example: edits, reference length. */
  statistics: SufficientStatistics
}

/**
 * Minimal edits from `ref` to `hyp`, split into substitutions, deletions and insertions the way
 * rapidfuzz's `Levenshtein.editops` (which jiwer calls) splits them: common prefix and suffix
 * removed first, then the backtrace of `recover_alignment` from the bottom-right corner, which
 * prefers a deletion, then an insertion, then the diagonal. Its total is always the Levenshtein
 * distance; the split is rapidfuzz's whenever rapidfuzz aligns on the full matrix. (For pairs whose
 * remainders exceed 64 reference tokens rapidfuzz aligns on a band, and on huge ones splits the
 * problem Hirschberg-style; ties may then be split differently.)
 */
function alignCounts(ref: readonly string[], hyp: readonly string[]): EditCounts {
  let start = 0
  while (start < ref.length && start < hyp.length && ref[start] === hyp[start]) start++
  let refEnd = ref.length
  let hypEnd = hyp.length
  while (refEnd > start && hypEnd > start && ref[refEnd - 1] === hyp[hypEnd - 1]) {
    refEnd--
    hypEnd--
  }
  const s1 = ref.slice(start, refEnd)
  const s2 = hyp.slice(start, hypEnd)
  const n1 = s1.length
  const n2 = s2.length
  let substitutions = 0
  let deletions = 0
  let insertions = 0
  if (n1 === 0 || n2 === 0) {
    deletions = n1
    insertions = n2
  } else {
    // D[c][r] = distance between s1[:c] and s2[:r]. Only the sign of D[c][r] − D[c−1][r] is kept
    // (rapidfuzz's VP/VN bits): 1 byte per cell instead of a 4-byte distance.
    const width = n1 + 1
    const VP = 1
    const VN = 2
    const flags = new Uint8Array((n2 + 1) * width)
    let previous = new Int32Array(width)
    let current = new Int32Array(width)
    for (let c = 0; c <= n1; c++) previous[c] = c
    for (let r = 1; r <= n2; r++) {
      current[0] = r
      const token = s2[r - 1]
      for (let c = 1; c <= n1; c++) {
        const left = current[c - 1] as number
        const diagonal = (previous[c - 1] as number) + (s1[c - 1] === token ? 0 : 1)
        const d = Math.min(diagonal, (previous[c] as number) + 1, left + 1)
        current[c] = d
        if (d - left === 1) flags[r * width + c] = VP
        else if (d - left === -1) flags[r * width + c] = VN
      }
      ;[previous, current] = [current, previous]
    }
    let c = n1
    let r = n2
    while (r > 0 && c > 0) {
      if (flags[r * width + c] === VP) {
        deletions++
        c--
      } else {
        r--
        if (r > 0 && flags[r * width + c] === VN) {
          insertions++
        } else {
          c--
          if (s1[c] !== s2[r]) substitutions++
        }
      }
    }
    deletions += c
    insertions += r
  }
  return {
    hits: ref.length - substitutions - deletions,
    substitutions,
    deletions,
    insertions,
    referenceLength: ref.length,
  }
}

const errorRate = (edits: number, referenceLength: number): number =>
  referenceLength === 0 ? edits : edits / referenceLength

function withRate(counts: EditCounts): ErrorRate {
  const edits = counts.substitutions + counts.deletions + counts.insertions
  return { ...counts, rate: errorRate(edits, counts.referenceLength) }
}

function corpusErrorRate(
  metric: string,
  hypotheses: readonly string[],
  references: readonly string[],
  tokens: (text: string) => string[],
): CorpusErrorRate {
  checkCorpus(hypotheses, references)
  const perExample = hypotheses.map((h, i) => withRate(alignCounts(tokens(references[i] as string), tokens(h))))
  const total: EditCounts = { hits: 0, substitutions: 0, deletions: 0, insertions: 0, referenceLength: 0 }
  for (const e of perExample) {
    total.hits += e.hits
    total.substitutions += e.substitutions
    total.deletions += e.deletions
    total.insertions += e.insertions
    total.referenceLength += e.referenceLength
  }
  const stats = statistics(
    metric,
    2,
    perExample.map((e) => [e.substitutions + e.deletions + e.insertions, e.referenceLength]),
    (summed) => errorRate(summed[0] as number, summed[1] as number),
  )
  return { ...withRate(total), perExample, statistics: stats }
}

const MULTIPLE_SPACES = new RegExp(`[${PY_SPACE}]{2,}`, 'gu')

/** jiwer's `wer_default`: RemoveMultipleSpaces (≥ 2 whitespace → ' '), Strip, split on ' '. */
function werWords(text: string): string[] {
  return pyStrip(text.replace(MULTIPLE_SPACES, ' '))
    .split(' ')
    .filter((w) => w.length > 0)
}

/** jiwer's `cer_default`: Strip, then code points (inner whitespace counts as characters). */
const cerChars = (text: string): string[] => Array.from(pyStrip(text))

/**
 * Word error rate as jiwer 3.x `process_words(references, hypotheses)` with its default transform
 * (`wer_default`: RemoveMultipleSpaces, Strip, ReduceToListOfListOfWords; case and punctuation
 * kept): total substitutions + deletions + insertions over total reference words, not a mean of
 * per-example rates. An empty hypothesis is all deletions. An empty reference, which jiwer 3.x
 * refuses with a ValueError, is scored as jiwer ≥ 4.0 scores it: its hypothesis words are
 * insertions, and a corpus with no reference words at all has rate = insertions.
 */
export function wordErrorRate(hypotheses: readonly string[], references: readonly string[]): CorpusErrorRate {
  return corpusErrorRate('WER|jiwer:wer_default', hypotheses, references, werWords)
}

/**
 * Character error rate as jiwer 3.x `process_characters(references, hypotheses)` with its default
 * transform (`cer_default`: Strip, ReduceToListOfListOfChars; spaces inside count as characters,
 * characters are Unicode code points). Corpus rate and empty references as {@link wordErrorRate}.
 */
export function characterErrorRate(hypotheses: readonly string[], references: readonly string[]): CorpusErrorRate {
  return corpusErrorRate('CER|jiwer:cer_default', hypotheses, references, cerChars)
}

// ---------------------------------------------------------------------------------------------
// Exact match

/** 'strict': string equality; 'squad': equality after SQuAD v1.1's `normalize_answer`. */
export type ExactMatchMode = 'strict' | 'squad'

/** Fraction of exact matches, with the match of every example. */
export interface CorpusExactMatch {
  /** Fraction of examples matching one of their references, in [0, 1] (SQuAD prints it × 100). */
  score: number
  /** 1 for a match, 0 otherwise, per example. */
  perExample: number[]
  /** Per example: match, 1. */
  statistics: SufficientStatistics
}

// Python's \b around the articles: a word character is one Python's str \w matches (letters,
// numbers, underscore), not ASCII-only as JS \b.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu

/**
 * `normalize_answer` of the official SQuAD v1.1 evaluation script: lowercase, remove ASCII
 * punctuation (string.punctuation), replace the words a / an / the by a space, collapse whitespace.
 */
export function normalizeSquadAnswer(text: string): string {
  const withoutPunctuation = Array.from(text.toLowerCase())
    .filter((ch) => !PUNCTUATION.has(ch))
    .join('')
  return pySplit(withoutPunctuation.replace(ARTICLES, ' ')).join(' ')
}

/**
 * Exact match: an example matches when the hypothesis equals one of its references, compared as
 * they are ('strict') or after {@link normalizeSquadAnswer} ('squad', the official SQuAD v1.1
 * `exact_match_score` with `metric_max_over_ground_truths`).
 */
export function exactMatch(
  hypotheses: readonly string[],
  references: readonly ExampleReferences[],
  mode: ExactMatchMode = 'strict',
): CorpusExactMatch {
  checkCorpus(hypotheses, references)
  const prepare = mode === 'squad' ? normalizeSquadAnswer : (s: string) => s
  const perExample = hypotheses.map((h, i) => {
    const hyp = prepare(h)
    return alternatives(references[i] as ExampleReferences, `references[${i}]`).some((r) => prepare(r) === hyp) ? 1 : 0
  })
  const stats = statistics(
    `EM|${mode}`,
    2,
    perExample.map((m) => [m, 1]),
    (summed) => (summed[0] as number) / (summed[1] as number),
  )
  return { score: corpusScore(stats), perExample, statistics: stats }
}

// ---------------------------------------------------------------------------------------------
// Bootstrap

/** Result of {@link pairedBootstrapTest}. */
export interface PairedTextBootstrap {
  /** Corpus score of the base system. */
  base: number
  /** Corpus score of the head system. */
  head: number
  /** head − base. */
  difference: number
  /**
   * Two-sided p-value of sacreBLEU's paired bootstrap (Koehn 2004, as Moses'
   * bootstrap-hypothesis-difference-significance.pl): the resampled |head − base| are centred on
   * their mean, and p = (1 + #{centred > |observed difference|}) / (1 + resamples). One departure:
   * when no resample differs at all (identical systems) p is 1, where sacreBLEU reports its minimum
   * 1/(1 + resamples), which would flag identical outputs as significantly different.
   */
  pValue: number
  /** Percentile interval of head − base over the resamples. */
  interval: ConfidenceInterval
  /** Percentile interval of the base score over the same resamples. */
  baseInterval: ConfidenceInterval
  /** Percentile interval of the head score over the same resamples. */
  headInterval: ConfidenceInterval
  /** Number of resamples drawn. */
  resamples: number
}

/**
 * Seeded percentile-bootstrap interval of a corpus metric: each resample of the examples is scored
 * from its summed sufficient statistics, as the point estimate is (corpus BLEU and chrF from summed
 * n-gram counts, WER from summed edits). 1000 resamples by default, as sacreBLEU's `--confidence`.
 */
export function textMetricInterval(
  statistics: SufficientStatistics,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const summed = new Float64Array(statistics.width)
  return bootstrapStatistic(statistics.n, (indices) => statistics.score(sumRows(statistics, indices, summed)), options)
}

/**
 * Paired bootstrap comparison of two systems on the same examples, as sacreBLEU's `--paired-bs`
 * (`_paired_bs_test`): every resample draws example indices once (seeded mulberry32, so the
 * draws, unlike the procedure, differ from numpy's) and recomputes both corpus scores on them.
 * Statistics must come from the same metric and options over the same examples, in the same order.
 */
export function pairedBootstrapTest(
  base: SufficientStatistics,
  head: SufficientStatistics,
  options: BootstrapOptions = {},
): PairedTextBootstrap {
  if (base.metric !== head.metric) throw new Error(`cannot pair ${base.metric} with ${head.metric}`)
  if (base.n !== head.n) throw new Error(`base has ${base.n} examples but head has ${head.n}; they must be paired`)
  if (base.n === 0) throw new Error('no examples to resample')
  const resamples = options.resamples ?? 1000
  const level = options.level ?? 0.95
  const baseScore = corpusScore(base)
  const headScore = corpusScore(head)
  const observed = Math.abs(headScore - baseScore)
  const indices = new Uint32Array(base.n)
  const baseSummed = new Float64Array(base.width)
  const headSummed = new Float64Array(head.width)
  const baseReplicates = new Float64Array(resamples)
  const headReplicates = new Float64Array(resamples)
  const differences = new Float64Array(resamples)
  let state = (options.seed ?? DEFAULT_SEED) >>> 0
  let meanAbsolute = 0
  for (let r = 0; r < resamples; r++) {
    state = fillRandomIndices(indices, base.n, state)
    const b = base.score(sumRows(base, indices, baseSummed))
    const h = head.score(sumRows(head, indices, headSummed))
    baseReplicates[r] = b
    headReplicates[r] = h
    differences[r] = h - b
    meanAbsolute += Math.abs(h - b)
  }
  meanAbsolute /= resamples
  let exceed = 0
  for (let r = 0; r < resamples; r++) if (Math.abs(differences[r] as number) - meanAbsolute > observed) exceed++
  // Systems that never differ would get sacreBLEU's minimum p, 1/(resamples + 1): report 1.
  const identical = observed === 0 && meanAbsolute === 0
  return {
    base: baseScore,
    head: headScore,
    difference: headScore - baseScore,
    pValue: identical ? 1 : (exceed + 1) / (resamples + 1),
    interval: percentileInterval(differences, level),
    baseInterval: percentileInterval(baseReplicates, level),
    headInterval: percentileInterval(headReplicates, level),
    resamples,
  }
}

/** The corpus generation metrics that have sufficient statistics to resample. */
export type TextMetricName = 'bleu' | 'chrf' | 'rougeL' | 'wer' | 'cer'

/**
 * Sufficient statistics of one corpus metric (sacreBLEU's defaults for BLEU and chrF) for outputs
 * against references, for paired tests. WER and CER, as jiwer, take one reference per example:
 * the first.
 */
export function textMetricStatistics(metric: TextMetricName, outputs: readonly string[], references: readonly (readonly string[])[]): SufficientStatistics {
  switch (metric) {
    case 'bleu':
      return corpusBleu(outputs, references).statistics
    case 'chrf':
      return corpusChrf(outputs, references).statistics
    case 'rougeL':
      return corpusRougeL(outputs, references).statistics
    case 'wer':
      return wordErrorRate(outputs, references.map((r) => r[0] as string)).statistics
    case 'cer':
      return characterErrorRate(outputs, references.map((r) => r[0] as string)).statistics
  }
}
