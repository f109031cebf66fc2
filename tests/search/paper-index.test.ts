import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, PaperbotError, UnknownPaperError } from '../../src/errors.js';
import { PaperIndex, type SearchHit, type SerializedPaperIndex } from '../../src/search/paper-index.js';
import { fixturePapers, paper } from '../fixtures/papers.js';

const ids = (hits: readonly SearchHit[]): string[] => hits.map((hit) => hit.paper.id);
const ranking = (index: PaperIndex, question: string) =>
  index.search(question, { limit: 100 }).hits.map((hit) => ({ id: hit.paper.id, score: hit.score, matched: hit.matched }));

const QUESTIONS = ['which papers speed up diffusion sampling?', 'label smoothing', 'contrastive speech pretraining', 'DDIM solver', 'certified robustness'];

/** The error `fn` throws (fails the test if it throws none). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

/** What a missing paper id is reported as. */
const unknownPaper = (ref: string) => `No paper "${ref}" in the corpus. Use an id from a result list, or its number (1, 2, …).`;

describe('PaperIndex.build', () => {
  it('indexes every paper, in corpus order', () => {
    const papers = fixturePapers();
    const index = PaperIndex.build(papers);
    expect(index.size).toBe(papers.length);
    expect(index.all().map((p) => p.id)).toEqual(papers.map((p) => p.id));
    expect(index.get('label-smoothing')?.title).toBe('Understanding Label Smoothing');
    expect(index.require('bilevel').title).toBe('A Penalty Method for Bilevel Optimization');
  });

  it('rejects duplicate ids with a corpus error naming the id', () => {
    const papers = [...fixturePapers(), paper('bilevel', 'Another Bilevel Paper', 'Bilevel problems again.')];
    const error = caught(() => PaperIndex.build(papers));
    expect(error).toBeInstanceOf(PaperbotError);
    expect(error).toMatchObject({ code: ErrorCode.CorpusInvalid, message: 'PaperIndex: duplicate paper id "bilevel"' });
  });

  it('does not keep a reference to the caller’s array', () => {
    const papers = fixturePapers();
    const index = PaperIndex.build(papers);
    papers.pop();
    expect(index.size).toBe(10);
  });

  it('builds an empty index that finds nothing', () => {
    const index = PaperIndex.build([]);
    expect(index.size).toBe(0);
    expect(index.search('diffusion')).toMatchObject({ hits: [], total: 0 });
  });

  it('keeps the analyzed title and abstract terms of each paper', () => {
    const index = PaperIndex.build(fixturePapers());
    expect(index.termsOf('label-smoothing')?.title).toEqual(['understand', 'label', 'smooth']);
    expect(index.termsOf('label-smoothing')?.abstract).toContain('regular');
    expect(index.termsOf('nope')).toBeUndefined();
  });
});

describe('PaperIndex.require', () => {
  it('throws an UnknownPaperError with the exact message for an unknown id', () => {
    const index = PaperIndex.build(fixturePapers());
    const error = caught(() => index.require('nope'));
    expect(error).toBeInstanceOf(UnknownPaperError);
    expect(error).toMatchObject({ code: ErrorCode.UnknownPaper, ref: 'nope', message: unknownPaper('nope') });
    expect(index.get('nope')).toBeUndefined();
  });
});

describe('PaperIndex.idf', () => {
  it('gives a rarer term a higher idf, and an unseen term the highest', () => {
    const index = PaperIndex.build(fixturePapers());
    // Of the ten papers, "label" is in one, "smooth" in two (label smoothing, randomized smoothing).
    expect(index.idf('label')).toBeGreaterThan(index.idf('smooth'));
    expect(index.idf('unseen')).toBeGreaterThan(index.idf('label'));
    expect(index.idf('unseen')).toBeCloseTo(Math.log(1 + 10.5 / 0.5), 10);
  });
});

describe('PaperIndex.search', () => {
  let index: PaperIndex;
  beforeAll(() => {
    index = PaperIndex.build(fixturePapers());
  });

  it('ranks the two versions of the diffusion sampling paper first', () => {
    const { hits } = index.search('which papers speed up diffusion sampling?');
    expect(ids(hits).slice(0, 2).sort()).toEqual(['fast-sampling', 'fast-sampling-v2']);
  });

  it('ranks the paper whose title and abstract name the topic first', () => {
    expect(ids(index.search('label smoothing').hits)[0]).toBe('label-smoothing');
    expect(ids(index.search('certified robustness').hits)[0]).toBe('certified-robustness');
    expect(ids(index.search('bilevel optimization').hits)[0]).toBe('bilevel');
    expect(ids(index.search('neural radiance fields').hits)[0]).toBe('radiance-fields');
  });

  it('returns hits best first', () => {
    const scores = index.search('diffusion sampling solver').hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const score of scores) expect(score).toBeGreaterThan(0);
  });

  it('weighs a title match: of two abstracts that match alike, the one whose title names the term ranks first', () => {
    const hits = index.search('contrastive').hits;
    expect(ids(hits).slice(0, 2)).toEqual(['contrastive-title', 'contrastive-abstract']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('scores title and abstract alike when the title weight is 0', () => {
    const flat = PaperIndex.build(fixturePapers(), { titleWeight: 0 });
    const [first, second] = flat.search('contrastive').hits;
    expect(first!.score).toBeCloseTo(second!.score, 10);
  });

  it('lists the question’s words each paper contains, in question order', () => {
    const hits = index.search('label smoothing').hits;
    expect(hits.find((hit) => hit.paper.id === 'label-smoothing')?.matched).toEqual(['label', 'smoothing']);
    expect(hits.find((hit) => hit.paper.id === 'certified-robustness')?.matched).toEqual(['smoothing']);
    expect(index.search('smoothing label').hits.find((hit) => hit.paper.id === 'label-smoothing')?.matched).toEqual(['smoothing', 'label']);
  });

  it('returns the question’s keywords', () => {
    expect(index.search('which papers speed up diffusion sampling?').keywords.phrases).toEqual(['speed', 'diffusion sampling']);
  });

  it('pages with limit and offset, reporting the same total on every page', () => {
    const all = index.search('diffusion models images training', { limit: 100 });
    expect(all.hits.length).toBe(all.total);
    expect(all.total).toBeGreaterThan(3);
    const first = index.search('diffusion models images training', { limit: 2 });
    const second = index.search('diffusion models images training', { limit: 2, offset: 2 });
    expect(ids(first.hits)).toEqual(ids(all.hits.slice(0, 2)));
    expect(ids(second.hits)).toEqual(ids(all.hits.slice(2, 4)));
    expect(first.total).toBe(all.total);
    expect(second.total).toBe(all.total);
    expect(index.search('diffusion models images training', { offset: all.total }).hits).toEqual([]);
  });

  it('returns at most 10 hits by default', () => {
    const papers = Array.from({ length: 12 }, (_, i) => paper(`p${i}`, `Diffusion paper number ${i}`, 'Diffusion models sample images.'));
    const result = PaperIndex.build(papers).search('diffusion');
    expect(result.hits).toHaveLength(10);
    expect(result.total).toBe(12);
  });

  it('finds nothing for a question without topic words', () => {
    const result = index.search('which of the what is it?');
    expect(result).toMatchObject({ keywords: { tokens: [], phrases: [] }, hits: [], total: 0 });
    // The understood query says why: no concept, nothing to weigh.
    expect(result.query.concepts).toEqual([]);
    expect(result.query.weights).toEqual(new Map());
    expect(index.search('')).toMatchObject({ hits: [], total: 0 });
  });

  it('finds nothing for a question whose words no paper contains', () => {
    expect(index.search('quantum chromodynamics lattice')).toMatchObject({ hits: [], total: 0 });
  });

  it('ranks identically when built twice from the same papers', () => {
    const again = PaperIndex.build(fixturePapers());
    expect(ranking(again, 'label smoothing')).toEqual(ranking(index, 'label smoothing'));
  });

  // BUG (src/search/paper-index.ts, build): `weightedText(doc, options.titleWeight ??
  // DEFAULT_RANKING.titleWeight)` indexes the title with the RAW option, while `this.options`
  // holds the resolved (rounded) one. With titleWeight 2.4 the loop `for (i = 0; i < 2.4; i++)`
  // repeats the title 3 times although `index.options.titleWeight` is 2, so the index ranks
  // unlike what its options (and a rebuilt index from its saved options) say. Fix: resolve the
  // options first and pass `resolved.titleWeight` to weightedText.
  it('indexes the title as often as its resolved title weight says (2.4 → 2) when it is repeated in one field', () => {
    const fractional = PaperIndex.build(fixturePapers(), { fieldB: false, titleWeight: 2.4 });
    expect(fractional.options.titleWeight).toBe(2);
    expect(ranking(fractional, 'contrastive')).toEqual(ranking(PaperIndex.build(fixturePapers(), { fieldB: false }), 'contrastive'));
  });

  // BUG (src/search/paper-index.ts, search: `total: ranked.length`): with feedback on, the
  // second pass also ranks papers that contain none of the question's words, only expansion
  // terms, so `total` ("how many papers matched in all", what "more" pages through) counts them:
  // here "label smoothing" has total 6 (4 hits with matched: []), on the seed corpus "what is the
  // capital of France?" has total 212 of 231 although only 3 papers contain "capital"/"France",
  // and "label smoothing" has total 231. Fix: count (or keep) only the ranked papers that contain
  // at least one question term (non-empty `matched`), e.g. filter the second pass to the papers
  // of the first pass plus those the expansion ranks above some score share.
  it('counts in total only the papers that contain a word of the question', () => {
    const result = index.search('label smoothing', { limit: 100 });
    expect(result.hits.every((hit) => hit.matched.length > 0)).toBe(true);
    expect(result.total).toBe(2);
  });
});

describe('PaperIndex.search with pseudo-relevance feedback', () => {
  it('without feedback finds only the papers containing a question word', () => {
    const index = PaperIndex.build(fixturePapers(), { feedback: false });
    const result = index.search('DDIM', { limit: 100 });
    expect(ids(result.hits).sort()).toEqual(['fast-sampling', 'fast-sampling-v2']);
    expect(result.total).toBe(2);
  });

  it('with feedback still lists only papers that share a word with the question', () => {
    const index = PaperIndex.build(fixturePapers());
    const result = index.search('DDIM', { limit: 100 });
    expect(ids(result.hits).sort()).toEqual(['fast-sampling', 'fast-sampling-v2']);
    expect(result.total).toBe(2);
    for (const hit of result.hits) expect(hit.matched).not.toEqual([]);
  });

  it('keeps the best paper first either way', () => {
    const on = PaperIndex.build(fixturePapers());
    const off = PaperIndex.build(fixturePapers(), { feedback: false });
    for (const question of ['label smoothing', 'certified robustness', 'bilevel optimization']) {
      expect(ids(on.search(question).hits)[0]).toBe(ids(off.search(question).hits)[0]);
    }
  });
});

describe('PaperIndex.similar', () => {
  let index: PaperIndex;
  beforeAll(() => {
    index = PaperIndex.build(fixturePapers());
  });

  it('ranks the near-duplicate first and never returns the paper itself', () => {
    const { hits } = index.similar('fast-sampling');
    expect(hits[0]!.paper.id).toBe('fast-sampling-v2');
    expect(ids(hits)).not.toContain('fast-sampling');
    expect(index.similar('contrastive-title').hits[0]!.paper.id).toBe('contrastive-abstract');
  });

  it('returns hits best first, without matched words', () => {
    const { hits } = index.similar('fast-sampling');
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const hit of hits) expect(hit.matched).toEqual([]);
  });

  it('pages with limit and offset', () => {
    const { hits: all, total } = index.similar('fast-sampling', { limit: 100 });
    expect(total).toBe(all.length);
    expect(ids(index.similar('fast-sampling', { limit: 1 }).hits)).toEqual(ids(all.slice(0, 1)));
    expect(ids(index.similar('fast-sampling', { limit: 2, offset: 1 }).hits)).toEqual(ids(all.slice(1, 3)));
  });

  it('throws an UnknownPaperError with the exact message for an unknown id', () => {
    const error = caught(() => index.similar('nope'));
    expect(error).toBeInstanceOf(UnknownPaperError);
    expect(error).toMatchObject({ code: ErrorCode.UnknownPaper, ref: 'nope', message: unknownPaper('nope') });
  });
});

describe('PaperIndex.toJSON and PaperIndex.loadJSON', () => {
  let index: PaperIndex;
  beforeAll(() => {
    index = PaperIndex.build(fixturePapers(), { titleWeight: 3, phraseWeight: 0.2 });
  });

  it('round-trips to an index that ranks identically', () => {
    const loaded = PaperIndex.loadJSON(index.toJSON());
    expect(loaded.size).toBe(index.size);
    expect(loaded.options).toEqual(index.options);
    for (const question of QUESTIONS) expect(ranking(loaded, question)).toEqual(ranking(index, question));
    expect(loaded.similar('fast-sampling')).toEqual(index.similar('fast-sampling'));
  });

  it('round-trips through JSON text', () => {
    const json = JSON.parse(JSON.stringify(index)) as SerializedPaperIndex;
    expect(json.version).toBe(PaperIndex.SERIAL_VERSION);
    const loaded = PaperIndex.loadJSON(json);
    expect(loaded.all()).toEqual(index.all());
    expect(loaded.termsOf('bilevel')).toEqual(index.termsOf('bilevel'));
    for (const question of QUESTIONS) expect(ranking(loaded, question)).toEqual(ranking(index, question));
    expect(loaded.similar('label-smoothing')).toEqual(index.similar('label-smoothing'));
    expect(() => loaded.require('nope')).toThrow(unknownPaper('nope'));
  });

  it('keeps feedback switched off', () => {
    const off = PaperIndex.build(fixturePapers(), { feedback: false });
    const loaded = PaperIndex.loadJSON(JSON.parse(JSON.stringify(off)) as SerializedPaperIndex);
    expect(loaded.options.feedback).toBe(false);
    expect(ranking(loaded, 'DDIM')).toEqual(ranking(off, 'DDIM'));
  });

  it('refuses an index whose parts disagree on the number of papers, naming the counts', () => {
    const json = index.toJSON();
    const error = caught(() => PaperIndex.loadJSON({ ...json, papers: json.papers.slice(1) }));
    expect(error).toBeInstanceOf(PaperbotError);
    expect(error).toMatchObject({
      code: ErrorCode.CorpusInvalid,
      message: 'PaperIndex: serialised index has 9 papers, 10 term lists and 10 indexed documents',
    });
  });

  it('refuses an index of another version with the exact message', () => {
    const json = { ...index.toJSON(), version: PaperIndex.SERIAL_VERSION + 1 };
    const message = `PaperIndex: serialised index has version ${PaperIndex.SERIAL_VERSION + 1}, this build reads version ${PaperIndex.SERIAL_VERSION}`;
    const error = caught(() => PaperIndex.loadJSON(json));
    expect(error).toBeInstanceOf(PaperbotError);
    expect(error).toMatchObject({ code: ErrorCode.IndexVersionMismatch, message });
  });
});
