import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { loadCorpus } from '../../src/corpus/index.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { DEFAULT_FEEDBACK, type RankingOptions } from '../../src/search/ranking-options.js';

const QUESTIONS = [
  'which papers speed up diffusion sampling?',
  'label smoothing',
  'is there any work on text-to-3D generation?',
  'anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep',
  'RLHF reward model overoptimization, any papers?',
  'I would like papers on evaluating attribution methods for image classifiers, and on how faithful saliency maps are',
];

function ranking(index: PaperIndex, question: string): Array<[string, number]> {
  return index.search(question, { limit: 50 }).hits.map((hit) => [hit.paper.id, hit.score]);
}

function withFeedback(feedback: Partial<RankingOptions['feedback']>): Partial<RankingOptions> {
  return { feedback: { ...DEFAULT_FEEDBACK, ...(feedback as object) } };
}

describe('PaperIndex ranking options', () => {
  let papers: Paper[];
  beforeAll(async () => {
    papers = (await loadCorpus('seeds')).papers;
  });

  it('feeds back only when the first pass is confident: each question ranks as with feedback always, or as without', () => {
    const always = PaperIndex.build(papers, withFeedback({ minConfidence: 0 }));
    const never = PaperIndex.build(papers, { feedback: false });
    // Above the default 0.2, so that these seed questions fall on both sides of it.
    const gated = PaperIndex.build(papers, withFeedback({ minConfidence: 0.7 }));
    let fedBack = 0;
    let not = 0;
    for (const question of QUESTIONS) {
      const result = ranking(gated, question);
      const withIt = ranking(always, question);
      const without = ranking(never, question);
      expect([withIt, without], question).toContainEqual(result);
      if (JSON.stringify(result) === JSON.stringify(withIt)) fedBack++;
      else not++;
    }
    // Short precise questions are fed back, long chatty ones (their best paper far below a perfect match) not.
    expect(fedBack).toBeGreaterThan(0);
    expect(not).toBeGreaterThan(0);
    // No first pass scores above its bound, so a confidence above 1 never feeds back.
    const strict = PaperIndex.build(papers, withFeedback({ minConfidence: 1.01 }));
    for (const question of QUESTIONS) expect(ranking(strict, question)).toEqual(ranking(never, question));
  });

  it('shrinks the expansion only for questions longer than fullBelowTerms', () => {
    const base = PaperIndex.build(papers, withFeedback({ minConfidence: 0 }));
    const damped = PaperIndex.build(papers, withFeedback({ minConfidence: 0, fullBelowTerms: 4 }));
    expect(ranking(damped, 'label smoothing')).toEqual(ranking(base, 'label smoothing'));
    const long = QUESTIONS[5]!;
    expect(ranking(damped, long)).not.toEqual(ranking(base, long));
  });

  it('weighs a long question’s terms by idf only when it has more distinct terms than longQuestionTerms', () => {
    const base = PaperIndex.build(papers);
    const weighed = PaperIndex.build(papers, { idfPower: 1, longQuestionTerms: 5 });
    expect(ranking(weighed, 'label smoothing')).toEqual(ranking(base, 'label smoothing'));
    const long = QUESTIONS[5]!;
    expect(ranking(weighed, long)).not.toEqual(ranking(base, long));
  });

  it('with a pair window, matches a question’s word pair in either order, and pairs a few words apart', () => {
    const adjacent = PaperIndex.build(papers, { feedback: false });
    const windowed = PaperIndex.build(papers, { feedback: false, pairWindow: 4 });
    const score = (index: PaperIndex, question: string) => index.search(question).hits.find((hit) => hit.paper.id === top)!.score;
    const top = adjacent.search('label smoothing').hits[0]!.paper.id;
    // In order, the bigram field and the window both hold the pair; reversed, only the window does.
    expect(score(adjacent, 'smoothing label')).toBeLessThan(score(adjacent, 'label smoothing'));
    expect(score(windowed, 'smoothing label')).toBe(score(windowed, 'label smoothing'));
  });

  it('round-trips the BM25F layout through toJSON and loadJSON', () => {
    const index = PaperIndex.build(papers);
    const loaded = PaperIndex.loadJSON(JSON.parse(JSON.stringify(index)));
    expect(loaded.options).toEqual(index.options);
    for (const question of QUESTIONS) expect(ranking(loaded, question)).toEqual(ranking(index, question));
    // Options that do not fit the saved layout are refused, not ranked with the wrong formula.
    expect(() => PaperIndex.loadJSON({ ...index.toJSON(), options: { ...index.options, fieldB: false } })).toThrow(
      'PaperIndex: serialised index\'s "text" field has 2 stream(s), its options (fieldB false) need 1',
    );
  });
});
