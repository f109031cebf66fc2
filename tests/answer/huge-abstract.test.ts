import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { loadCorpus } from '../../src/corpus/index.js';
import type { Paper } from '../../src/corpus/paper.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import type { RankingOptions } from '../../src/search/ranking-options.js';
import { recordLine, tempCorpus } from '../corpus/corpus-fixtures.js';
import { fixturePapers, paper } from '../fixtures/papers.js';

const QUILTED = 'Our quilted gradient estimator halves the memory needed to train sparse mixture models.';
const QUESTION = 'what is a quilted gradient estimator?';

/**
 * About `chars` characters of short-worded sentences (~150,000 terms in 0.9 MB, past the ~120,000
 * arguments a spread call takes before the stack overflows), with {@link QUILTED} as sentence `at`.
 */
function hugeAbstract(chars: number, at: number): string {
  const sentences: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const sentence = i === at ? QUILTED : `Run ${i % 977} of the big grid: low loss, fast step, new data, old code, same task.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

/** Every way the index lays out its text field: BM25F streams (the default), and title repeated plus abstract. */
const LAYOUTS: [string, Partial<RankingOptions>][] = [
  ['BM25F title and abstract streams', {}],
  ['one text field, title repeated', { fieldB: false, titleWeight: 2 }],
];

describe('an index and answers over a 0.9 MB abstract', () => {
  const huge = hugeAbstract(900_000, 5_000);

  for (const [layout, options] of LAYOUTS) {
    it(`builds and answers from the huge paper, unclipped (${layout})`, () => {
      const papers: Paper[] = [...fixturePapers(), paper('huge', 'Training Sparse Mixtures on a Budget', huge)];
      const index = PaperIndex.build(papers, options);
      const result = answer(index, QUESTION);
      expect(result.found).toBe(true);
      expect(result.sources.map((source) => source.id)).toEqual(['huge']);
      expect(result.sentences.map((sentence) => sentence.text)).toContain(QUILTED);
    });
  }

  it('answers from the clipped abstract when the paper comes from a corpus file', async () => {
    const clippable = hugeAbstract(900_000, 10);
    const dir = await tempCorpus({
      'a.jsonl': `${recordLine('Good Paper')}\n${JSON.stringify({ id: 'huge', title: 'Training Sparse Mixtures on a Budget', abstract: clippable })}\n`,
    });
    const corpus = await loadCorpus(join(dir, 'a.jsonl'));
    const index = PaperIndex.build(corpus.papers);
    const result = answer(index, QUESTION);
    expect(result.sources.map((source) => source.id)).toEqual(['huge']);
    expect(result.sentences.map((sentence) => sentence.text)).toContain(QUILTED);
  });
});
