import type { FeedbackOptions } from './ranking-options.js';

/** A document's analyzed terms, title and abstract together. */
export interface DocTerms {
  title: readonly string[];
  abstract: readonly string[];
}

/**
 * Builds an RM3 expansion: the question's terms mixed with the terms most typical of the top
 * results of a first pass. A term's expansion weight is its relative frequency in each top
 * document, weighted by that document's share of the top scores. Terms that occur in most of
 * the corpus would only add noise and are left out; numbers too.
 *
 * @returns term → weight; the weights sum to 1.
 */
export function expandQuery(
  queryWeights: ReadonlyMap<string, number>,
  top: ReadonlyArray<{ terms: DocTerms; score: number }>,
  documentFrequency: (term: string) => number,
  documentCount: number,
  options: FeedbackOptions,
): Map<string, number> {
  // The question's own weights, normalised to sum to 1.
  const original = new Map<string, number>();
  const total = [...queryWeights.values()].reduce((sum, w) => sum + w, 0) || 1;
  for (const [term, weight] of queryWeights) original.set(term, weight / total);
  const docs = top.slice(0, options.docs);
  const scoreSum = docs.reduce((sum, doc) => sum + doc.score, 0);
  if (docs.length === 0 || scoreSum <= 0 || options.terms <= 0) return original;

  const relevance = new Map<string, number>();
  for (const doc of docs) {
    // The title counts twice: it is what the paper is about, in few words.
    const terms = [...doc.terms.title, ...doc.terms.title, ...doc.terms.abstract];
    if (terms.length === 0) continue;
    const docWeight = doc.score / scoreSum / terms.length;
    for (const term of terms) relevance.set(term, (relevance.get(term) ?? 0) + docWeight);
  }
  const maxDocumentFrequency = documentCount * MAX_EXPANSION_DF;
  const expansion = [...relevance]
    .filter(([term]) => !/^\d+$/.test(term) && documentFrequency(term) <= maxDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.terms);
  const expansionSum = expansion.reduce((sum, [, weight]) => sum + weight, 0);

  const mixed = new Map<string, number>();
  for (const [term, weight] of original) mixed.set(term, options.originalWeight * weight);
  if (expansionSum <= 0) return original;
  for (const [term, weight] of expansion) {
    mixed.set(term, (mixed.get(term) ?? 0) + (1 - options.originalWeight) * (weight / expansionSum));
  }
  return mixed;
}

/** Expansion terms found in more than this share of the documents are skipped. */
const MAX_EXPANSION_DF = 0.5;
