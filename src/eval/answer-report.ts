/** Prints an answer-quality report (see `answer-metrics.ts`) as an aligned table. */
import type { AnswerEvalReport, AnswerMetrics, AnswerScore } from './answer-metrics.js';

/** The table's metric columns, in order, by the names the docs use. */
const METRIC_COLUMNS: ReadonlyArray<[header: string, metric: keyof AnswerMetrics]> = [
  ['key-hit', 'keyHit'],
  ['key-precision', 'keyPrecision'],
  ['useful-precision', 'usefulPrecision'],
  ['sentence-gain', 'sentenceGain'],
  ['papers-covered', 'papersCovered'],
];

/**
 * The report as a table: a header, one row per question (qid, the five metrics with 3 decimals,
 * then the answer's sentences and chars), and a final "mean" row (the metrics' macro means; the
 * mean sentences and chars with 1 decimal). The qid column is left-aligned, numbers right-aligned,
 * columns two spaces apart.
 */
export function formatAnswerReport(report: AnswerEvalReport): string {
  const header = ['qid', ...METRIC_COLUMNS.map(([name]) => name), 'sentences', 'chars'];
  const rows = report.perQuery.map((score) => [
    score.qid,
    ...METRIC_COLUMNS.map(([, metric]) => score[metric].toFixed(3)),
    String(score.sentences),
    String(score.chars),
  ]);
  const meanOf = (field: keyof AnswerScore) => report.perQuery.reduce((sum, score) => sum + score[field], 0) / report.queries;
  rows.push([
    'mean',
    ...METRIC_COLUMNS.map(([, metric]) => report.mean[metric].toFixed(3)),
    meanOf('sentences').toFixed(1),
    meanOf('chars').toFixed(1),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return (
    table
      .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
      .join('\n') + '\n'
  );
}
