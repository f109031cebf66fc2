import MiniSearch from 'minisearch';
import type { Bm25Params, FeedbackOptions } from '../../../src/search/ranking-options.js';

/**
 * The ranking core PaperIndex had before its own engine (until SERIAL_VERSION 2), kept as the
 * reference the engine's scores are checked against: minisearch over a `text` field and a
 * `phrases` field of pre-analysed, space-joined terms; query terms boosted by their weight; the
 * phrase field boosted by `phraseWeight · phraseUnit`; each minisearch score divided by the
 * number of matched query terms (undoing minisearch's multiplication by it); the two fields'
 * scores added; every matching document, best first, ties by document index.
 */
export class MiniSearchReference {
  private readonly engine = new MiniSearch({
    fields: ['text', 'phrases'],
    idField: 'id',
    tokenize: (text: string) => (text ? text.split(' ') : []),
    processTerm: (term: string) => term,
  });

  constructor(docs: ReadonlyArray<{ text: readonly string[]; phrases: readonly string[] }>, private readonly bm25: Bm25Params) {
    docs.forEach((doc, id) => this.engine.add({ id, text: doc.text.join(' '), phrases: doc.phrases.join(' ') }));
  }

  rankWeighted(weights: ReadonlyMap<string, number>, phrases: readonly string[], phraseWeight: number, phraseUnit = 1): Array<{ doc: number; score: number }> {
    if (weights.size === 0) return [];
    const scores = new Map<number, number>();
    const accumulate = (query: string, options: Parameters<MiniSearch['search']>[1]) => {
      for (const result of this.engine.search(query, { ...options, bm25: this.bm25, combineWith: 'OR' })) {
        const doc = result.id as number;
        scores.set(doc, (scores.get(doc) ?? 0) + result.score / Math.max(1, result.queryTerms.length));
      }
    };
    accumulate([...weights.keys()].join(' '), { fields: ['text'], boostTerm: (term) => weights.get(term) ?? 1 });
    if (phrases.length > 0 && phraseWeight > 0) {
      accumulate(phrases.join(' '), { fields: ['phrases'], boost: { phrases: phraseWeight * phraseUnit } });
    }
    return [...scores].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

/**
 * The whole search ranking of the minisearch-based PaperIndex: a first pass, RM3 feedback from
 * its top documents, a second pass over the whole corpus with the expanded query, and only the
 * papers holding a concept of the question kept.
 */
export function referenceSearch(
  reference: MiniSearchReference,
  query: { weights: ReadonlyMap<string, number>; phrases: readonly string[] },
  options: { phraseWeight: number; feedback: FeedbackOptions | false },
  expand: (weights: ReadonlyMap<string, number>, top: ReadonlyArray<{ doc: number; score: number }>, feedback: FeedbackOptions) => Map<string, number>,
  keep: (doc: number) => boolean,
): Array<{ doc: number; score: number }> {
  if (query.weights.size === 0) return [];
  const first = reference.rankWeighted(query.weights, query.phrases, options.phraseWeight);
  if (!options.feedback || first.length === 0) return first.filter(({ doc }) => keep(doc));
  const total = [...query.weights.values()].reduce((sum, w) => sum + w, 0);
  const expanded = expand(query.weights, first.slice(0, options.feedback.docs), options.feedback);
  return reference.rankWeighted(expanded, query.phrases, options.phraseWeight, 1 / total).filter(({ doc }) => keep(doc));
}
