import type { BootstrapOptions } from '../analyse/bootstrap.js'
import {
  characterErrorRate,
  corpusBleu,
  corpusChrf,
  corpusRougeL,
  exactMatch,
  textMetricInterval,
  wordErrorRate,
} from '../analyse/metrics/text.js'
import type { EvaluationBase, GenerationEvaluation } from '../results/evaluation.js'

/** The scoring part of a generation evaluation. */
export type GenerationScores = Omit<GenerationEvaluation, keyof EvaluationBase | 'task'>

/**
 * Scores outputs against their references with every generation metric, each with its bootstrap
 * interval (seeded, so reruns agree). WER and CER compare with the first reference (jiwer takes one).
 * String inputs are kept as the examples' prompts, for the report.
 */
export function scoreGeneration(inputs: readonly unknown[], outputs: readonly string[], references: readonly string[][], bootstrap: BootstrapOptions): GenerationScores {
  const em = exactMatch(outputs, references)
  const squad = exactMatch(outputs, references, 'squad')
  const bleu = corpusBleu(outputs, references)
  const chrf = corpusChrf(outputs, references)
  const rouge = corpusRougeL(outputs, references)
  const first = references.map((r) => r[0] as string)
  const wer = wordErrorRate(outputs, first)
  const cer = characterErrorRate(outputs, first)
  const ci = (stats: Parameters<typeof textMetricInterval>[0]) => textMetricInterval(stats, bootstrap)
  return {
    exactMatch: em.score,
    exactMatchSquad: squad.score,
    bleu: bleu.score,
    chrf: chrf.score,
    rougeL: rouge.score,
    wer: wer.rate,
    cer: cer.rate,
    ci: { exactMatch: ci(em.statistics), bleu: ci(bleu.statistics), chrf: ci(chrf.statistics), rougeL: ci(rouge.statistics), wer: ci(wer.statistics), cer: ci(cer.statistics) },
    predictions: {
      ...(inputs.every((p): p is string => typeof p === 'string') ? { prompts: [...inputs] } : {}),
      references: references.map((r) => [...r]),
      outputs: [...outputs],
      scores: {
        exactMatch: em.perExample,
        bleu: bleu.perExample,
        chrf: chrf.perExample,
        rougeL: rouge.perExample.map((s) => s.fmeasure),
        wer: wer.perExample.map((e) => e.rate),
        cer: cer.perExample.map((e) => e.rate),
      },
    },
  }
}
