/** Scores a whole run against a collection's qrels and prints the result as a small table. */
import { EvalInputError } from '../errors.js';
import { averagePrecision, ndcgAt, precisionAt, recallAt, reciprocalRankAt, relevantCount } from './metrics.js';
import type { Qrels, Run } from './trec-files.js';

/** The metrics of one query (the benchmark README's set). */
export interface QueryMetrics {
  ndcg10: number;
  ap: number;
  p10: number;
  recall100: number;
  mrr10: number;
}

/** Means over the evaluated queries, plus each query's own metrics. */
export interface EvalReport {
  /** Number of queries averaged: those in the qrels with at least one relevant doc. */
  queries: number;
  ndcg10: number;
  map: number;
  p10: number;
  recall100: number;
  mrr10: number;
  perQuery: Map<string, QueryMetrics>;
}

/** One query's metrics at the README's cut-offs. */
function queryMetrics(ranked: readonly string[], judgments: ReadonlyMap<string, number>): QueryMetrics {
  return {
    ndcg10: ndcgAt(ranked, judgments, 10),
    ap: averagePrecision(ranked, judgments, 1000),
    p10: precisionAt(ranked, judgments, 10),
    recall100: recallAt(ranked, judgments, 100),
    mrr10: reciprocalRankAt(ranked, judgments, 10),
  };
}

/**
 * Evaluates a run over every qrels query with at least one relevant doc. A judged query missing
 * from the run scores 0 everywhere (trec_eval -c), so a ranker cannot gain by answering nothing;
 * run queries absent from the qrels are ignored, as trec_eval ignores them.
 */
export function evaluateRun(run: Run, qrels: Qrels): EvalReport {
  const perQuery = new Map<string, QueryMetrics>();
  for (const [qid, judgments] of qrels) {
    // Without a relevant doc every metric is 0 or undefined whatever the ranker does: skip it.
    if (relevantCount(judgments) === 0) continue;
    perQuery.set(qid, queryMetrics(run.get(qid) ?? [], judgments));
  }
  const queries = perQuery.size;
  if (queries === 0) {
    throw new EvalInputError('qrels judge no document relevant (grade ≥ 1) for any query: nothing to evaluate');
  }
  const mean = (metric: keyof QueryMetrics): number => {
    let sum = 0;
    for (const metrics of perQuery.values()) sum += metrics[metric];
    return sum / queries;
  };
  return {
    queries,
    ndcg10: mean('ndcg10'),
    map: mean('ap'),
    p10: mean('p10'),
    recall100: mean('recall100'),
    mrr10: mean('mrr10'),
    perQuery,
  };
}

/** The report as an aligned two-column table: query count, then each mean with 4 decimals. */
export function formatReport(report: EvalReport): string {
  const rows: [string, string][] = [
    ['queries', String(report.queries)],
    ['nDCG@10', report.ndcg10.toFixed(4)],
    ['MAP', report.map.toFixed(4)],
    ['P@10', report.p10.toFixed(4)],
    ['Recall@100', report.recall100.toFixed(4)],
    ['MRR@10', report.mrr10.toFixed(4)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return rows.map(([name, value]) => name.padEnd(width) + value).join('\n') + '\n';
}
