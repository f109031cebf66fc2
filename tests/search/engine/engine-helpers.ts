import { Bm25IndexBuilder } from '../../../src/search/engine/index-builder.js';
import type { Bm25Index, Bm25IndexParams } from '../../../src/search/engine/bm25-index.js';
import type { StreamParams } from '../../../src/search/engine/bm25-formula.js';
import type { Bm25Query } from '../../../src/search/engine/query.js';
import type { Bm25Params } from '../../../src/search/ranking-options.js';
import type { RandomDoc } from './random-corpus.js';

/** An engine over documents given as `text` and `phrases` terms, as PaperIndex builds it. */
export function engineOf(docs: readonly RandomDoc[], params: Bm25Params): Bm25Index {
  const builder = new Bm25IndexBuilder(['text', 'phrases']);
  for (const doc of docs) builder.add([doc.text, doc.phrases]);
  return builder.build(params);
}

/** The clauses PaperIndex asks for: each weighted term in `text`, each phrase in `phrases` at `phraseWeight · phraseUnit`. */
export function clausesOf(weights: ReadonlyMap<string, number>, phrases: readonly string[], phraseWeight: number, phraseUnit = 1): Bm25Query {
  const clauses = [...weights].map(([term, weight]) => ({ field: 'text', term, weight }));
  if (phraseWeight > 0) for (const term of phrases) clauses.push({ field: 'phrases', term, weight: phraseWeight * phraseUnit });
  return clauses;
}

/** An engine whose `text` field scores title and abstract as two BM25F streams with these weights and b's. */
export function bm25fEngineOf(docs: readonly RandomDoc[], params: Bm25Params, streams: readonly [StreamParams, StreamParams]): Bm25Index {
  const builder = new Bm25IndexBuilder([{ name: 'text', streams: ['title', 'abstract'] }, 'phrases']);
  for (const doc of docs) builder.add([[doc.title ?? [], doc.abstract ?? []], doc.phrases]);
  const indexParams: Bm25IndexParams = { ...params, streams: { text: streams } };
  return builder.build(indexParams);
}
