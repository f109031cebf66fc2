import { describe, expect, it } from 'vitest';
import { ErrorCode, PaperbotError } from '../../../src/errors.js';
import { Bm25Index, type SerializedBm25Index } from '../../../src/search/engine/bm25-index.js';
import { Bm25IndexBuilder } from '../../../src/search/engine/index-builder.js';
import { bm25Idf } from '../../../src/search/engine/bm25-formula.js';
import { DEFAULT_BM25 } from '../../../src/search/ranking-options.js';
import { clausesOf, engineOf } from './engine-helpers.js';
import { randomCorpus, randomQuery, SeededRandom } from './random-corpus.js';

/** The error `fn` throws (fails the test if it throws none). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

function small(): Bm25Index {
  const builder = new Bm25IndexBuilder(['text', 'phrases']);
  builder.add([['label', 'smooth', 'label', 'smooth', 'regular'], ['label_smooth']]);
  builder.add([['random', 'smooth', 'certifi'], ['random_smooth']]);
  builder.add([[], []]);
  builder.add([['label', 'nois', 'label'], ['label_nois']]);
  return builder.build(DEFAULT_BM25);
}

describe('Bm25IndexBuilder', () => {
  it('lays each field out as a term dictionary, ascending postings with counts, and distinct-term lengths', () => {
    const index = small();
    expect(index.documentCount).toBe(4);
    expect(index.fieldNames).toEqual(['text', 'phrases']);
    const text = index.field('text');
    expect(text.terms).toEqual(['label', 'smooth', 'regular', 'random', 'certifi', 'nois']);
    expect([...text.offsets]).toEqual([0, 2, 4, 5, 6, 7, 8]);
    expect([...text.docs]).toEqual([0, 3, 0, 1, 0, 1, 1, 3]);
    expect([...text.freqs]).toEqual([2, 2, 2, 1, 1, 1, 1, 1]);
    // A field's length is its number of distinct terms (minisearch's), empty documents included in the mean.
    expect([...text.lengths]).toEqual([3, 3, 0, 2]);
    expect(text.averageLength).toBe(2);
    expect([...index.postings('phrases', 'label_smooth')]).toEqual([0]);
    expect([...index.postings('text', 'absent')]).toEqual([]);
  });

  it('rejects a document with the wrong number of fields, and duplicate field names, naming them', () => {
    const builder = new Bm25IndexBuilder(['text', 'phrases']);
    expect(caught(() => builder.add([['a']]))).toMatchObject({
      code: ErrorCode.InvalidOption,
      message: 'Bm25IndexBuilder: document 0 has 1 fields, the index has 2 (text, phrases)',
    });
    expect(caught(() => new Bm25IndexBuilder(['text', 'text']))).toMatchObject({
      code: ErrorCode.InvalidOption,
      message: 'Bm25IndexBuilder: duplicate field name in [text, text]',
    });
  });
});

/** Title and abstract as two streams of one BM25F field. */
function smallBm25f(): Bm25Index {
  const builder = new Bm25IndexBuilder([{ name: 'text', streams: ['title', 'abstract'] }, 'phrases']);
  builder.add([[['label', 'smooth'], ['label', 'smooth', 'regular', 'label']], ['label_smooth']]);
  builder.add([[['random'], ['smooth', 'certifi']], ['random_smooth']]);
  builder.add([[[], []], []]);
  builder.add([[[], ['label', 'nois']], ['label_nois']]);
  return builder.build({ ...DEFAULT_BM25, streams: { text: [{ weight: 2, b: 0.5 }, { weight: 1, b: 0.6 }] } });
}

describe('Bm25IndexBuilder with a BM25F field', () => {
  it('keeps one posting per document holding a term in any stream, with a count and a length per stream', () => {
    const text = smallBm25f().field('text');
    expect(text.streams).toEqual(['title', 'abstract']);
    expect(text.terms).toEqual(['label', 'smooth', 'regular', 'random', 'certifi', 'nois']);
    expect([...text.docs]).toEqual([0, 3, 0, 1, 0, 1, 1, 3]);
    // Counts per posting, title then abstract.
    expect([...text.freqs]).toEqual([1, 2, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1]);
    // Distinct terms per document, title then abstract; each stream has its own mean.
    expect([...text.lengths]).toEqual([2, 3, 1, 2, 0, 0, 0, 2]);
    expect(text.averageLengths).toEqual([0.75, 1.75]);
  });

  it('asks one term list per stream, naming the field', () => {
    const builder = new Bm25IndexBuilder([{ name: 'text', streams: ['title', 'abstract'] }]);
    expect(() => builder.add([['a', 'b']])).toThrow('Bm25IndexBuilder: document 0, field "text" needs 2 term lists (title, abstract)');
  });
});

describe('Bm25Index scoring', () => {
  it('scores a BM25F term once: idf · tf~·(k+1) / (tf~ + k), tf~ = Σ streams w·tf / (1 − b + b·len/avglen)', () => {
    const index = smallBm25f();
    const { k } = DEFAULT_BM25;
    const idf = bm25Idf(2, 4);
    const title = (tf: number, len: number) => (2 * tf) / (1 - 0.5 + (0.5 * len) / 0.75);
    const abstract = (tf: number, len: number) => tf / (1 - 0.6 + (0.6 * len) / 1.75);
    const saturate = (tf: number) => 0.5 * idf * ((tf * (k + 1)) / (tf + k));
    const [first, second] = index.scoreAll([{ field: 'text', term: 'label', weight: 0.5 }]);
    expect(first!.doc).toBe(0);
    expect(first!.score).toBeCloseTo(saturate(title(1, 2) + abstract(2, 3)), 12);
    expect(second!.doc).toBe(3);
    expect(second!.score).toBeCloseTo(saturate(abstract(1, 2)), 12);
    // A title match and an abstract match of the same term saturate together, below two separate scores.
    expect(first!.score).toBeLessThan(saturate(title(1, 2)) + saturate(abstract(2, 3)));
  });

  it('rejects stream parameters that do not fit the field, naming it', () => {
    const builder = new Bm25IndexBuilder([{ name: 'text', streams: ['title', 'abstract'] }]);
    builder.add([[['a'], ['b']]]);
    expect(() => builder.build({ streams: { text: [{ weight: 1, b: 0.5 }] } })).toThrow(
      'Bm25Index: field "text" has 2 streams (title, abstract), its parameters give 1',
    );
  });

  it('scores one term as minisearch’s BM25: idf · tf·(k+1) / (tf + k·(1 − b + b·len/avglen)), times the weight', () => {
    const index = small();
    const idf = bm25Idf(2, 4);
    const { k, b } = DEFAULT_BM25;
    const expected = (tf: number, len: number) => 0.5 * idf * ((tf * (k + 1)) / (tf + k * (1 - b + (b * len) / 2)));
    expect(index.scoreAll([{ field: 'text', term: 'label', weight: 0.5 }])).toEqual([
      { doc: 3, score: expected(2, 2) },
      { doc: 0, score: expected(2, 3) },
    ]);
  });

  it('adds the fields’ scores, and counts a clause given twice twice', () => {
    const index = small();
    const text = index.scoreAll([{ field: 'text', term: 'smooth', weight: 1 }]);
    const phrase = index.scoreAll([{ field: 'phrases', term: 'label_smooth', weight: 0.15 }]);
    const both = index.scoreAll([
      { field: 'text', term: 'smooth', weight: 1 },
      { field: 'phrases', term: 'label_smooth', weight: 0.15 },
    ]);
    expect(both.find((hit) => hit.doc === 0)!.score).toBe(text.find((hit) => hit.doc === 0)!.score + phrase[0]!.score);
    const twice = index.scoreAll([
      { field: 'phrases', term: 'label_smooth', weight: 0.15 },
      { field: 'phrases', term: 'label_smooth', weight: 0.15 },
    ]);
    expect(twice[0]!.score).toBe(2 * phrase[0]!.score);
  });

  it('rejects an unknown field and a negative or non-finite weight, naming them', () => {
    const index = small();
    expect(caught(() => index.topK([{ field: 'title', term: 'label', weight: 1 }], 10))).toMatchObject({
      code: ErrorCode.InvalidOption,
      message: 'Bm25Index: no field "title" (fields: text, phrases)',
    });
    expect(caught(() => index.scoreAll([{ field: 'text', term: 'label', weight: -1 }]))).toMatchObject({
      code: ErrorCode.InvalidOption,
      message: 'Bm25Index: weight of "label" in field "text" must be a finite number ≥ 0, got -1',
    });
    expect(() => index.topK([{ field: 'text', term: 'label', weight: Number.NaN }], 1)).toThrow('must be a finite number ≥ 0, got NaN');
  });
});

describe('Bm25Index.scoreDocs', () => {
  it('gives the exhaustive scores of the chosen documents only, 0 for a document holding no query term', () => {
    const random = new SeededRandom(31);
    const docs = randomCorpus(random, 800, 600);
    const index = engineOf(docs, DEFAULT_BM25);
    for (let q = 0; q < 20; q++) {
      const { weights, phrases } = randomQuery(random, docs, 600, true);
      const query = clausesOf(weights, phrases, 0.15, 0.3);
      const all = new Map(index.scoreAll(query).map(({ doc, score }) => [doc, score]));
      const candidates = Array.from({ length: 800 }, (_, doc) => doc).filter(() => random.next() < 0.1);
      const scores = index.scoreDocs(query, candidates);
      candidates.forEach((doc, i) => expect(scores[i]).toBe(all.get(doc) ?? 0));
    }
  });

  it('requires ascending document ids', () => {
    expect(() => small().scoreDocs([{ field: 'text', term: 'label', weight: 1 }], [3, 0])).toThrow(
      'Bm25Index.scoreDocs: document ids must ascend, got 3 then 0',
    );
  });
});

describe('Bm25Index.matches and matchingDocs', () => {
  it('tell which documents hold some clause’s term, without scoring', () => {
    const index = small();
    const query = [
      { field: 'text', term: 'nois', weight: 1 },
      { field: 'phrases', term: 'random_smooth', weight: 1 },
    ];
    expect(index.matchingDocs(query).toArray()).toEqual([1, 3]);
    expect([0, 1, 2, 3].map((doc) => index.matches(doc, query))).toEqual([false, true, false, true]);
    expect(index.matchingDocs([]).count()).toBe(0);
  });
});

describe('Bm25Index pruning', () => {
  it('does not look at most documents holding only common, lightly weighted terms', () => {
    // 3000 documents hold the common terms; 300 hold the rare, heavily weighted one.
    const docs = Array.from({ length: 3000 }, (_, i) => ({ text: i % 10 === 7 ? ['rare', 'common', 'often'] : ['common', 'often', `own${i}`], phrases: [] }));
    const index = engineOf(docs, DEFAULT_BM25);
    const query = clausesOf(new Map([['common', 0.05], ['often', 0.05], ['rare', 3]]), [], 0);
    let asked = 0;
    const top = index.topK(query, 10, { accept: () => (asked++, true) });
    expect(top).toEqual(index.scoreAll(query).slice(0, 10));
    expect(top.every(({ doc }) => doc % 10 === 7)).toBe(true);
    // Without pruning every one of the 3000 matching documents would be a candidate; once ten
    // rare-term documents are held (by document 97), only the rare term's postings are walked.
    expect(asked).toBeLessThan(400);
  });
});

describe('Bm25Index.toJSON and Bm25Index.loadJSON', () => {
  it('round-trips through JSON text to an index that ranks identically', () => {
    const random = new SeededRandom(41);
    const docs = randomCorpus(random, 300, 200);
    const index = engineOf(docs, { k: 1.5, b: 0.6, d: 0.2 });
    const json = JSON.parse(JSON.stringify(index)) as SerializedBm25Index;
    expect(json.version).toBe(Bm25Index.SERIAL_VERSION);
    const loaded = Bm25Index.loadJSON(json, { k: 1.5, b: 0.6, d: 0.2 });
    expect(loaded.documentCount).toBe(300);
    expect(loaded.field('phrases').terms).toEqual(index.field('phrases').terms);
    expect(loaded.field('text').lengths).toEqual(index.field('text').lengths);
    for (let q = 0; q < 10; q++) {
      const { weights, phrases } = randomQuery(random, docs, 200, true);
      const query = clausesOf(weights, phrases, 0.15);
      expect(loaded.topK(query, 10)).toEqual(index.topK(query, 10));
    }
  });

  it('round-trips a BM25F field, streams and all', () => {
    const index = smallBm25f();
    const json = JSON.parse(JSON.stringify(index)) as SerializedBm25Index;
    expect(json.fields[0]!.streams).toEqual(['title', 'abstract']);
    expect(json.fields[1]!.streams).toBeUndefined();
    const loaded = Bm25Index.loadJSON(json, index.params);
    const query = [{ field: 'text', term: 'label', weight: 1 }, { field: 'text', term: 'smooth', weight: 0.4 }];
    expect(loaded.scoreAll(query)).toEqual(index.scoreAll(query));
  });

  it('refuses another version, and arrays that do not fit together, with messages naming them', () => {
    const json = small().toJSON();
    const error = caught(() => Bm25Index.loadJSON({ ...json, version: 99 }));
    expect(error).toBeInstanceOf(PaperbotError);
    expect(error).toMatchObject({
      code: ErrorCode.IndexVersionMismatch,
      message: `Bm25Index: serialised index has version 99, this build reads version ${Bm25Index.SERIAL_VERSION}`,
    });
    const [text, phrases] = json.fields;
    expect(() => Bm25Index.loadJSON({ ...json, fields: [{ ...text!, terms: ['one'] }, phrases!] })).toThrow(
      'FieldPostings "text": 7 offsets for 1 terms (expected 2)',
    );
    expect(() => Bm25Index.loadJSON({ ...json, fields: [{ ...text!, docs: 'AAA=' }, phrases!] })).toThrow(
      'Bm25Index field "text" docs: 2 bytes is not a whole number of Uint32Array elements',
    );
    expect(() => Bm25Index.loadJSON({ ...json, documentCount: 5 })).toThrow('Bm25Index: field "text" has 4 document lengths for 5 documents');
  });
});
