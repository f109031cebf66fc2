/**
 * Per-query retrieval metrics, computed as trec_eval computes them (ndcg_cut, map, P, recall,
 * recip_rank). Differences from trec_eval, on purpose:
 * - `ranked` is taken in the given order (best first). trec_eval re-sorts a run by score
 *   descending, then docid descending; our rankers already return their hits sorted, and keeping
 *   their order means ties are broken the way the bot shows them.
 * - A docid repeated in `ranked` counts only at its first rank; later copies keep their rank slot
 *   but gain nothing (trec_eval refuses such runs; here that would let recall exceed 1).
 * - MRR is cut at a depth (trec_eval's recip_rank is not).
 */
import type { Judgments } from './trec-files.js';

/** trec_eval's threshold: a judged doc with grade ≥ 1 is relevant for the binary metrics. */
const RELEVANT = 1;

/** The grade of each rank of `ranked` up to `depth`, with repeated docids graded 0. */
function gradesAt(ranked: readonly string[], judgments: Judgments, depth: number): number[] {
  const seen = new Set<string>();
  return ranked.slice(0, depth).map((docid) => {
    if (seen.has(docid)) return 0;
    seen.add(docid);
    return judgments.get(docid) ?? 0;
  });
}

/** Number of judged relevant docs (grade ≥ 1): the denominator of AP and recall. */
export function relevantCount(judgments: Judgments): number {
  let count = 0;
  for (const grade of judgments.values()) if (grade >= RELEVANT) count++;
  return count;
}

/** Discounted cumulative gain of grades in rank order, with linear gains and no negative gain. */
function dcg(grades: readonly number[]): number {
  return grades.reduce((sum, grade, index) => sum + Math.max(grade, 0) / Math.log2(index + 2), 0);
}

/** nDCG@k with linear gains (gain = grade, log2(rank+1) discount); 0 when nothing is relevant. */
export function ndcgAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const ideal = dcg([...judgments.values()].filter((grade) => grade > 0).sort((a, b) => b - a).slice(0, k));
  return ideal === 0 ? 0 : dcg(gradesAt(ranked, judgments, k)) / ideal;
}

/** Binary average precision over the first `depth` ranks, divided by all judged relevant docs. */
export function averagePrecision(ranked: readonly string[], judgments: Judgments, depth = 1000): number {
  const relevant = relevantCount(judgments);
  if (relevant === 0) return 0;
  let found = 0;
  let sum = 0;
  gradesAt(ranked, judgments, depth).forEach((grade, index) => {
    if (grade >= RELEVANT) sum += ++found / (index + 1);
  });
  return sum / relevant;
}

/** Precision@k: relevant docs in the first k ranks over k, even when fewer than k were retrieved. */
export function precisionAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  return gradesAt(ranked, judgments, k).filter((grade) => grade >= RELEVANT).length / k;
}

/** Recall@k: relevant docs in the first k ranks over all judged relevant docs; 0 when there are none. */
export function recallAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const relevant = relevantCount(judgments);
  if (relevant === 0) return 0;
  return gradesAt(ranked, judgments, k).filter((grade) => grade >= RELEVANT).length / relevant;
}

/** Reciprocal rank of the first relevant doc within the first k ranks, else 0 (MRR@k per query). */
export function reciprocalRankAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const index = gradesAt(ranked, judgments, k).findIndex((grade) => grade >= RELEVANT);
  return index < 0 ? 0 : 1 / (index + 1);
}
