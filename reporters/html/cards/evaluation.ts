import type { ClassificationEvaluation, EvaluationResult, GenerationEvaluation, RegressionEvaluation } from '../../../src/results/evaluation.js'
import { formatDuration, formatMetric, formatRate } from '../../../src/core/units.js'
import type { ResultsJsonEntry } from '../../../src/gate/results-json.js'
import type { CardContent, Fact, TableView } from '../card.js'
import { confusionMatrixChart, MAX_HEATMAP_CLASSES } from '../charts/confusion-matrix.js'
import { metricRows, type KnownMetric } from '../metric-rows.js'

function classificationMetrics(r: ClassificationEvaluation): KnownMetric[] {
  const known: KnownMetric[] = [
    { id: 'accuracy', label: 'accuracy', value: r.accuracy, unit: 'fraction', ci: r.ci.accuracy },
    { id: 'macroF1', label: 'macro F1', value: r.macro.f1, unit: 'fraction', ci: r.ci.macroF1 },
    { id: 'macroPrecision', label: 'macro precision', value: r.macro.precision, unit: 'fraction' },
    { id: 'macroRecall', label: 'macro recall', value: r.macro.recall, unit: 'fraction' },
    { id: 'microF1', label: 'micro F1', value: r.micro.f1, unit: 'fraction' },
    { id: 'weightedF1', label: 'weighted F1', value: r.weighted.f1, unit: 'fraction' },
  ]
  if (r.binary && r.positiveLabel !== undefined) {
    const positive = String(r.positiveLabel)
    known.push(
      { id: 'binaryPrecision', label: `precision (${positive})`, value: r.binary.precision, unit: 'fraction' },
      { id: 'binaryRecall', label: `recall (${positive})`, value: r.binary.recall, unit: 'fraction' },
      { id: 'binaryF1', label: `F1 (${positive})`, value: r.binary.f1, unit: 'fraction' },
    )
  }
  if (r.rocAuc !== null) known.push({ id: 'rocAuc', label: 'ROC AUC', value: r.rocAuc, unit: 'fraction' })
  if (r.logLoss !== null) known.push({ id: 'logLoss', label: 'log loss', value: r.logLoss, unit: 'number' })
  for (const [k, value] of Object.entries(r.topK ?? {})) if (k !== '1') known.push({ id: `top${k}`, label: `top-${k} accuracy`, value, unit: 'fraction' })
  return known
}

function regressionMetrics(r: RegressionEvaluation): KnownMetric[] {
  return [
    { id: 'mae', label: 'MAE', value: r.mae, unit: 'number', ci: r.ci.mae },
    { id: 'rmse', label: 'RMSE', value: r.rmse, unit: 'number', ci: r.ci.rmse },
    { id: 'r2', label: 'R²', value: r.r2, unit: 'number', ci: r.ci.r2 },
    { id: 'mse', label: 'MSE', value: r.mse, unit: 'number' },
    { id: 'mape', label: 'MAPE', value: r.mape, unit: 'fraction' },
  ]
}

function generationMetrics(r: GenerationEvaluation): KnownMetric[] {
  return [
    { id: 'exactMatch', label: 'exact match', value: r.exactMatch, unit: 'fraction', ci: r.ci.exactMatch },
    { id: 'exactMatchSquad', label: 'exact match (SQuAD-normalised)', value: r.exactMatchSquad, unit: 'fraction' },
    { id: 'bleu', label: 'BLEU (sacreBLEU, 13a)', value: r.bleu, unit: 'number', ci: r.ci.bleu },
    { id: 'chrf', label: 'chrF2', value: r.chrf, unit: 'number', ci: r.ci.chrf },
    { id: 'rougeL', label: 'ROUGE-L F', value: r.rougeL, unit: 'fraction', ci: r.ci.rougeL },
    { id: 'wer', label: 'WER', value: r.wer, unit: 'fraction', ci: r.ci.wer },
    { id: 'cer', label: 'CER', value: r.cer, unit: 'fraction', ci: r.ci.cer },
  ]
}

/** Examples shown as the worst of a generation: the lowest sentence chrF. */
const WORST_SHOWN = 5

/** The examples with the lowest sentence chrF (ties: the higher WER first), with reference and output. */
function worstExamplesTable(r: GenerationEvaluation): TableView {
  const { scores, references, outputs, prompts } = r.predictions
  const order = outputs.map((_, i) => i).sort((a, b) => (scores.chrf[a] as number) - (scores.chrf[b] as number) || (scores.wer[b] as number) - (scores.wer[a] as number))
  const shown = order.slice(0, WORST_SHOWN).filter((i) => scores.exactMatch[i] !== 1)
  return {
    caption: shown.length === 0 ? 'Worst examples: every output matched a reference exactly' : `Worst examples by sentence chrF (${shown.length} of ${outputs.length})`,
    columns: ['example', ...(prompts ? ['prompt'] : []), 'reference', 'output', 'chrF', 'WER'],
    rows: shown.map((i) => [
      { text: String(i) },
      ...(prompts ? [{ text: prompts[i] as string }] : []),
      { text: (references[i] as string[])[0] as string },
      { text: outputs[i] as string },
      { text: (scores.chrf[i] as number).toFixed(1) },
      { text: formatMetric(scores.wer[i] as number) },
    ]),
  }
}

function perClassTable(r: ClassificationEvaluation): TableView {
  return {
    caption: 'Per-class precision, recall and F1',
    columns: ['class', 'precision', 'recall', 'F1', 'support'],
    rows: r.perClass.map((c) => [
      { text: String(c.label) },
      { text: formatMetric(c.precision) },
      { text: formatMetric(c.recall) },
      { text: formatMetric(c.f1) },
      { text: c.support.toLocaleString('en-US') },
    ]),
  }
}

/** Card content of an `evaluate()` result: metrics with CIs vs baseline; per-class scores and confusion matrix for a classifier. */
export function evaluationContent(entry: ResultsJsonEntry, result: EvaluationResult): CardContent {
  const { timing } = result
  const facts: Fact[] = [
    { label: 'examples', value: result.n.toLocaleString('en-US') },
    { label: 'model time', value: `${formatDuration(timing.totalMs)} in ${timing.batches} calls of ≤ ${timing.batchSize}` },
  ]
  if (timing.batchLatency) facts.push({ label: 'per call p50 / p95', value: `${formatDuration(timing.batchLatency.p50)} / ${formatDuration(timing.batchLatency.p95)}` })
  const summary = `${result.task} · ${result.n.toLocaleString('en-US')} examples · ${formatRate(timing.itemsPerSecond)}`
  if (result.task === 'regression') {
    return { summary, facts, metrics: metricRows(regressionMetrics(result), entry.comparison), tables: [], charts: [], notes: [] }
  }
  if (result.task === 'generation') {
    return { summary, facts, metrics: metricRows(generationMetrics(result), entry.comparison), tables: [worstExamplesTable(result)], charts: [], notes: [] }
  }
  const labels = result.labels.map(String)
  const fits = labels.length <= MAX_HEATMAP_CLASSES
  return {
    summary,
    facts,
    metrics: metricRows(classificationMetrics(result), entry.comparison),
    tables: [perClassTable(result)],
    charts: fits ? [confusionMatrixChart(labels, result.confusionMatrix)] : [],
    notes: fits ? [] : [`The confusion matrix has ${labels.length} classes, more than the ${MAX_HEATMAP_CLASSES} a heatmap can show; it is in results.json.`],
  }
}
