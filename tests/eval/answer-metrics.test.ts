import { describe, expect, it } from 'vitest';
import { EvalInputError } from '../../src/errors.js';
import type { AnswerGold, PaperGold } from '../../src/eval/answer-gold.js';
import {
  compactText,
  evaluateAnswers,
  gradeAgainst,
  jaccard,
  scoreAnswer,
  sentencesMatch,
  wordSet,
  type QuotedAnswer,
} from '../../src/eval/answer-metrics.js';

const paper = (key: string[], support: string[] = []): PaperGold => ({ key, support, line: 1 });

/** An answer quoting `sentences` (text and cited numbers) with sources 1, 2, … being `ids`. */
const quoted = (ids: string[], sentences: Array<[string, number[]]>): QuotedAnswer => ({
  sentences: sentences.map(([text, sources]) => ({ text, sources })),
  sources: ids.map((id, index) => ({ n: index + 1, id })),
});

const SOLVER = 'Diffusion models can be sampled in four steps with our solver.';
const NO_TRAINING = 'The solver needs no training.';
const DISTIL = 'We distil the teacher into a one-step generator.';

/** One question's gold: three papers with a key sentence, one with support only. */
const GOLD: ReadonlyMap<string, PaperGold> = new Map([
  ['p1', paper([SOLVER], [NO_TRAINING])],
  ['p2', paper([DISTIL])],
  ['p3', paper(['Consistency models map noise to data directly.'], ['They are trained by distillation.'])],
  ['p4', paper([], ['Sampling speed matters in practice.'])],
]);

describe('compactText and wordSet', () => {
  it('compactText lowercases and keeps only letters and digits, spaces removed', () => {
    expect(compactText('A one-step, 4x faster (e.g. DDIM) Modèle!')).toBe('aonestep4xfasteregddimmodèle');
  });

  it('wordSet holds the distinct lowercased runs of letters and digits', () => {
    expect(wordSet('The one-step model; the ONE model, 2x.')).toEqual(new Set(['the', 'one', 'step', 'model', '2x']));
  });

  it('jaccard is shared over all distinct words, 0 for two empty sets', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

describe('sentencesMatch', () => {
  it('matches the same sentence whatever its case, spacing and punctuation', () => {
    expect(sentencesMatch('the solver needs no-training', NO_TRAINING)).toBe(true);
  });

  it('matches when the answer sentence contains the gold sentence', () => {
    expect(sentencesMatch('In short, the solver needs no training, which is the point.', NO_TRAINING)).toBe(true);
  });

  it('matches when the gold sentence contains the answer sentence', () => {
    expect(sentencesMatch('Sampling speed matters', 'Sampling speed matters in practice, as users wait.')).toBe(true);
  });

  it('matches words reordered when the word sets overlap with Jaccard ≥ 0.7', () => {
    // 9 shared of 11 distinct words: 0.818.
    const gold = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet';
    expect(sentencesMatch('juliet india hotel golf foxtrot echo delta charlie bravo kilo', gold)).toBe(true);
    // 7 shared of 10 distinct: exactly 0.7 matches.
    expect(sentencesMatch('alpha bravo charlie delta echo foxtrot golf', 'golf foxtrot echo delta charlie bravo alpha xray yankee zulu')).toBe(true);
  });

  it('does not match below Jaccard 0.7 without containment', () => {
    // 8 shared of 12 distinct words: 0.667.
    const gold = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet';
    expect(sentencesMatch('juliet india hotel golf foxtrot echo delta charlie kilo lima', gold)).toBe(false);
    expect(sentencesMatch(SOLVER, DISTIL)).toBe(false);
  });

  it('never matches a text without letters or digits (it would be contained in everything)', () => {
    expect(sentencesMatch('—', NO_TRAINING)).toBe(false);
    expect(sentencesMatch(NO_TRAINING, '...')).toBe(false);
  });
});

describe('gradeAgainst', () => {
  it('is 2 for a key sentence, 1 for a support sentence, 0 otherwise or without gold', () => {
    expect(gradeAgainst(SOLVER, GOLD.get('p1'))).toBe(2);
    expect(gradeAgainst(NO_TRAINING, GOLD.get('p1'))).toBe(1);
    expect(gradeAgainst(DISTIL, GOLD.get('p1'))).toBe(0);
    expect(gradeAgainst(DISTIL, undefined)).toBe(0);
  });
});

describe('scoreAnswer', () => {
  it('grades each sentence against the gold of the papers it cites, and counts sentences and chars', () => {
    const answer = quoted(['p1', 'p2', 'p9'], [
      [SOLVER, [1]], // key of p1: 2
      [NO_TRAINING, [1]], // support of p1: 1
      [DISTIL, [3]], // p2's key sentence, but cited to p9, which has no gold: 0
      ['Graphs are everywhere.', [2]], // nothing: 0
    ]);
    expect(scoreAnswer(answer, GOLD)).toEqual({
      keyHit: 1,
      keyPrecision: 0.25,
      usefulPrecision: 0.5,
      sentenceGain: 3 / 8,
      // p1 only, of the 3 papers with a key sentence (p4 has support only).
      papersCovered: 1 / 3,
      sentences: 4,
      chars: SOLVER.length + NO_TRAINING.length + DISTIL.length + 'Graphs are everywhere.'.length,
    });
  });

  it('gives a sentence citing several papers its best grade, and covers only the papers whose key it matches', () => {
    const answer = quoted(['p1', 'p2'], [[DISTIL, [1, 2]]]);
    expect(scoreAnswer(answer, GOLD)).toMatchObject({ keyHit: 1, keyPrecision: 1, usefulPrecision: 1, sentenceGain: 1, papersCovered: 1 / 3 });
    const both = quoted(['p1', 'p3'], [
      [NO_TRAINING, [2, 1]], // support of p1
      ['They are trained by distillation.', [1, 2]], // support of p3
    ]);
    expect(scoreAnswer(both, GOLD)).toMatchObject({ keyHit: 0, keyPrecision: 0, usefulPrecision: 1, sentenceGain: 0.5, papersCovered: 0 });
  });

  it('counts a paper once however many of its key sentences are quoted', () => {
    const gold = new Map([['p1', paper([SOLVER, DISTIL])], ['p2', paper(['Another key.'])]]);
    const answer = quoted(['p1'], [[SOLVER, [1]], [DISTIL, [1]]]);
    expect(scoreAnswer(answer, gold)).toMatchObject({ keyPrecision: 1, papersCovered: 0.5 });
  });

  it('expects at most 5 papers: 2 of 7 covered is 0.4, 6 of 7 is 1', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const gold = new Map(ids.map((id) => [id, paper([`Key finding number ${id} of the paper.`])]));
    const quoting = (count: number) => quoted(ids, ids.slice(0, count).map((id, index): [string, number[]] => [`Key finding number ${id} of the paper.`, [index + 1]]));
    expect(scoreAnswer(quoting(2), gold).papersCovered).toBe(0.4);
    expect(scoreAnswer(quoting(6), gold).papersCovered).toBe(1);
  });

  it('scores an empty answer 0 on every metric (abstaining never gains)', () => {
    expect(scoreAnswer({ sentences: [], sources: [] }, GOLD)).toEqual({
      keyHit: 0,
      keyPrecision: 0,
      usefulPrecision: 0,
      sentenceGain: 0,
      papersCovered: 0,
      sentences: 0,
      chars: 0,
    });
  });

  it('grades 0 a citation number missing from the sources', () => {
    expect(scoreAnswer(quoted(['p1'], [[SOLVER, [2]]]), GOLD)).toMatchObject({ keyHit: 0, sentenceGain: 0, sentences: 1 });
  });

  it('gives papers-covered 0 when the gold has support sentences only', () => {
    const gold = new Map([['p4', paper([], ['Sampling speed matters in practice.'])]]);
    expect(scoreAnswer(quoted(['p4'], [['Sampling speed matters in practice.', [1]]]), gold)).toMatchObject({
      keyHit: 0,
      usefulPrecision: 1,
      sentenceGain: 0.5,
      papersCovered: 0,
    });
  });
});

describe('evaluateAnswers', () => {
  const gold: AnswerGold = new Map([
    ['q1', new Map(GOLD)],
    ['q2', new Map([['p2', paper([DISTIL])]])],
    ['q3', new Map([['p3', paper(['Consistency models map noise to data directly.'])]])],
  ]);

  it('scores every gold question in gold order; a missing answer scores 0; answers without gold are ignored', () => {
    const answers = new Map<string, QuotedAnswer>([
      ['q2', quoted(['p2'], [[DISTIL, [1]], ['Off topic.', [1]]])],
      ['q1', quoted(['p1'], [[SOLVER, [1]]])],
      ['q9', quoted(['p1'], [[SOLVER, [1]]])],
    ]);
    const report = evaluateAnswers(answers, gold);
    expect(report.queries).toBe(3);
    expect(report.perQuery.map((score) => score.qid)).toEqual(['q1', 'q2', 'q3']);
    expect(report.perQuery[1]).toEqual({
      qid: 'q2',
      keyHit: 1,
      keyPrecision: 0.5,
      usefulPrecision: 0.5,
      sentenceGain: 0.5,
      papersCovered: 1,
      sentences: 2,
      chars: DISTIL.length + 'Off topic.'.length,
    });
    expect(report.perQuery[2]).toMatchObject({ qid: 'q3', keyHit: 0, sentences: 0, chars: 0 });
    // q1: 1, 1, 1, 1, 1/3; q2: 1, 0.5, 0.5, 0.5, 1; q3: all 0.
    expect(report.mean).toEqual({
      keyHit: 2 / 3,
      keyPrecision: 0.5,
      usefulPrecision: 0.5,
      sentenceGain: 0.5,
      papersCovered: (1 / 3 + 1) / 3,
    });
  });

  it('rejects gold without any question', () => {
    expect(() => evaluateAnswers(new Map(), new Map())).toThrow(
      new EvalInputError('answer gold holds no line for any query: nothing to evaluate'),
    );
  });
});
