import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../../src/answer/answer.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { loadCorpus, type LoadedCorpus } from '../../../src/corpus/index.js';
import type { Paper } from '../../../src/corpus/paper.js';
import { ErrorCode } from '../../../src/errors.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { decodeIndexSnapshot, encodeIndexSnapshot, type IndexSnapshot } from '../../../src/search/snapshot/paper-index-snapshot.js';
import { SnapshotError } from '../../../src/search/snapshot/snapshot-error.js';
import { SeededRandom } from '../engine/random-corpus.js';

const KEY = '0123456789abcdef'.repeat(4);

const QUESTIONS = [
  'which papers speed up diffusion sampling?',
  'label smoothing',
  'how do vision transformers handle high resolution images',
  'RLHF reward model overoptimization',
  'DDIM solver',
  'does contrastive pretraining help speech recognition',
  'what is classifier-free guidance',
  'Gausian splating', // misspelt: the vocabulary's spelling suggestions
];

function roundTrip(index: PaperIndex, corpus?: LoadedCorpus): IndexSnapshot {
  const summary = corpus ? { files: corpus.files, issues: corpus.issues, skipped: corpus.skipped, merged: corpus.merged } : undefined;
  return decodeIndexSnapshot(Buffer.concat(encodeIndexSnapshot(index, KEY, summary)), KEY);
}

/** Everything observable of an index, as plain data. */
function behaviour(index: PaperIndex, questions: readonly string[]) {
  return {
    searches: questions.map((q) => index.search(q, { limit: 20 })),
    pages: questions.map((q) => index.search(q, { offset: 5, limit: 5 })),
    answers: questions.map((q) => answer(index, q)),
    similar: index.all().slice(0, 5).map((paper) => index.similar(paper.id, { limit: 10 })),
    ranked: index.rankTerms(['diffus', 'sampl'], ['diffus_sampl'], 50),
  };
}

/** The error `fn` throws (fails the test if it throws none). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('a snapshot of the seeds', () => {
  let corpus: LoadedCorpus;
  let built: PaperIndex;
  let restored: IndexSnapshot;
  beforeAll(async () => {
    corpus = await loadCorpus(defaultCorpusPath());
    built = PaperIndex.build(corpus.papers);
    restored = roundTrip(built, corpus);
  });

  it('gives back every paper exactly, fields in the same order (JSON output unchanged)', () => {
    expect(restored.index.all()).toStrictEqual(built.all());
    expect(JSON.stringify(restored.index.all())).toBe(JSON.stringify(built.all()));
  });

  it('gives back the analysed terms, the vocabulary, the engine arrays and the options', () => {
    const a = built.parts();
    const b = restored.index.parts();
    expect(b.terms).toStrictEqual(a.terms);
    expect(b.vocabulary.toJSON()).toStrictEqual(a.vocabulary.toJSON());
    expect(b.engine.toJSON()).toStrictEqual(a.engine.toJSON());
    expect(b.options).toStrictEqual(a.options);
  });

  it('searches, pages, answers and finds similar papers exactly as the freshly built index', () => {
    expect(behaviour(restored.index, QUESTIONS)).toStrictEqual(behaviour(built, QUESTIONS));
  });

  it('keeps what loading the corpus said: files, issues, skipped and merged counts', () => {
    expect(restored.corpus).toStrictEqual({ ...corpus, papers: built.all() });
    expect(restored.key).toBe(KEY);
  });

  it('is smaller than the JSON form', () => {
    const binary = encodeIndexSnapshot(built, KEY).reduce((sum, part) => sum + part.length, 0);
    expect(binary).toBeLessThan(JSON.stringify(built.toJSON()).length);
  });
});

/** Random papers with every optional field sometimes present, odd text included. */
function randomPapers(seed: number, count: number): Paper[] {
  const random = new SeededRandom(seed);
  const words = ['diffusion', 'sampling', 'transformer', 'attention', 'naïve', 'Schrödinger', 'graph', 'neural', 'reward', 'model',
    'RLHF', 'ViT', 'label', 'smoothing', 'κ-means', '拡散', 'emoji🚀', 'solver', 'speech', 'robustness', 'PTQ', 'quantization'];
  const text = (n: number) => Array.from({ length: n }, () => random.pick(words)).join(' ');
  const papers: Paper[] = [];
  for (let i = 0; i < count; i++) {
    const paper: Paper = { id: `p${i}`, title: `${text(random.int(1, 8))} ${i}`, abstract: '', links: [], sources: [] };
    // An acronym definition now and then, for the vocabulary's acronym table.
    paper.abstract = `${text(random.int(0, 60))}.${random.next() < 0.2 ? ' We use post-training quantization (PTQ).' : ''}${random.next() < 0.05 ? ' odd \ud800 surrogate' : ''}`;
    if (random.next() < 0.5) paper.authors = Array.from({ length: random.int(0, 4) }, (_, a) => `Author ${a} ${random.pick(words)}`);
    if (random.next() < 0.3) paper.authorCount = random.int(1, 40);
    if (random.next() < 0.5) paper.published = `202${random.int(0, 5)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    else if (random.next() < 0.5) paper.dateText = `Jul ${random.int(1, 31)}`;
    if (random.next() < 0.3) paper.upvotes = random.int(0, 500);
    if (random.next() < 0.4) paper.url = `https://arxiv.org/abs/${2400 + i}.${random.int(10000, 99999)}`;
    for (let l = random.int(0, 3); l > 0; l--) paper.links.push({ kind: random.pick(['github', 'project', 'paper'] as const), url: `https://github.com/x/${random.int(0, 99)}` });
    for (let s = random.int(1, 3); s > 0; s--) paper.sources.push({ file: random.pick(['a.jsonl', 'b.txt', 'dir/ü.json']), line: random.int(1, 100000) });
    papers.push(paper);
  }
  return papers;
}

describe('snapshots of random corpora', () => {
  const settings = [
    { seed: 1, count: 1, ranking: {} },
    { seed: 2, count: 300, ranking: {} },
    { seed: 3, count: 700, ranking: { feedback: false as const, titleWeight: 3, phraseWeight: 0.3, bm25: { k: 1.5, b: 0.6, d: 0.5 } } },
    { seed: 4, count: 200, ranking: { titleWeight: 0 } },
  ];
  for (const { seed, count, ranking } of settings) {
    it(`seed ${seed}: ${count} papers, ranking ${JSON.stringify(ranking)}: same papers, options and behaviour`, () => {
      const papers = randomPapers(seed, count);
      const built = PaperIndex.build(papers, ranking);
      const restored = roundTrip(built).index;
      expect(restored.all()).toStrictEqual(papers);
      expect(restored.options).toStrictEqual(built.options);
      expect(restored.parts().terms).toStrictEqual(built.parts().terms);
      expect(restored.vocabulary.toJSON()).toStrictEqual(built.vocabulary.toJSON());
      const questions = ['diffusion sampling', 'what is PTQ', 'naïve Schrödinger graph', 'transformer attention reward model', '拡散 emoji🚀'];
      expect(behaviour(restored, questions)).toStrictEqual(behaviour(built, questions));
    });
  }

  it('stores no corpus summary when given none', () => {
    expect(roundTrip(PaperIndex.build(randomPapers(5, 3))).corpus).toBeUndefined();
  });
});

describe('snapshots that are refused', () => {
  let built: PaperIndex;
  let bytes: Buffer;
  beforeAll(() => {
    built = PaperIndex.build(randomPapers(9, 50));
    bytes = Buffer.concat(encodeIndexSnapshot(built, KEY));
  });

  it('a snapshot of another PaperIndex version, whatever its format version', () => {
    const versioned = PaperIndex as unknown as { SERIAL_VERSION: number };
    const current = versioned.SERIAL_VERSION;
    versioned.SERIAL_VERSION = current - 1;
    let older: Buffer;
    try {
      older = Buffer.concat(encodeIndexSnapshot(built, KEY));
    } finally {
      versioned.SERIAL_VERSION = current;
    }
    expect(caught(() => decodeIndexSnapshot(older, KEY))).toMatchObject({
      problem: 'version',
      code: ErrorCode.IndexVersionMismatch,
      message: `index snapshot of another version: PaperIndex version ${current - 1}, this build reads version ${current}`,
    });
  });

  it('any damaged byte, and any truncation', () => {
    const random = new SeededRandom(11);
    for (let n = 0; n < 200; n++) {
      const at = random.int(0, bytes.length - 1);
      const bad = Buffer.from(bytes);
      bad[at]! ^= 1 << random.int(0, 7);
      expect(caught(() => decodeIndexSnapshot(bad, KEY)), `byte ${at}`).toBeInstanceOf(SnapshotError);
    }
    for (let n = 0; n < 50; n++) {
      const length = random.int(0, bytes.length - 1);
      expect(caught(() => decodeIndexSnapshot(bytes.subarray(0, length), KEY)), `length ${length}`).toBeInstanceOf(SnapshotError);
    }
  });

  it('a snapshot of other content (key)', () => {
    expect(caught(() => decodeIndexSnapshot(bytes, 'f'.repeat(64)))).toMatchObject({ problem: 'key' });
  });

  it('refuses to encode a paper with a field the format does not store, naming paper and field', () => {
    const odd = { ...randomPapers(1, 1)[0]!, venue: 'NeurIPS' } as Paper;
    expect(() => encodeIndexSnapshot(PaperIndex.build([odd]), KEY)).toThrow('snapshot: paper "p0" has a field "venue" that snapshots do not store');
  });
});
