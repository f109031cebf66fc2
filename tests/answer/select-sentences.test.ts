import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SENTENCE_WEIGHTS,
  MIN_SENTENCE_COVERAGE,
  conceptCoverage,
  coveredConcepts,
  coveredShare,
  isQuotable,
  overlap,
  repeats,
  scoreSentence,
  type SentencePlace,
  type SentenceQuery,
} from '../../src/answer/select-sentences.js';
import { analyzeTerms } from '../../src/nlp/analyzer.js';
import type { QueryConcept } from '../../src/query/understand-question.js';

// The sentences below are made up; each was chosen for the one feature it shows (its role as
// rhetoricalRole assigns it, no dangling reference, no debris unless said).

/** A known concept of the question: the word's own terms first, then other ways to say it. */
function concept(word: string, ...alternatives: string[][]): QueryConcept {
  return { typed: word, word, alternatives: [analyzeTerms(word), ...alternatives], subject: true, main: true, known: true, count: 1, label: word };
}

const DIFFUSION = concept('diffusion');
const SAMPLING = concept('sampling');

/** The question "diffusion sampling": two equally weighted concepts and their phrase. */
const QUERY: SentenceQuery = {
  concepts: [
    { concept: DIFFUSION, weight: 1 },
    { concept: SAMPLING, weight: 1 },
  ],
  phrases: new Set(['diffus_sampl']),
  intent: 'general',
};

/** Neither first nor last, not the lead: no place bonus or penalty (the default place). */
const MIDDLE: SentencePlace = { position: 1, count: 3, lead: false };

/** Both concepts and the phrase, role "other": 1 (coverage) + 0.15 (phrase). */
const PLAIN = 'Diffusion sampling takes many network evaluations per image.';

const score = (text: string, query: SentenceQuery = QUERY, place: SentencePlace = MIDDLE) => scoreSentence(text, query, place).score;

describe('scoreSentence', () => {
  it('scores the share of the question’s concept weight a sentence covers', () => {
    expect(scoreSentence('Sampling from diffusion models takes many network evaluations.', QUERY)).toMatchObject({ score: 1, coverage: 1 });
    expect(scoreSentence('Diffusion models take many network evaluations per image.', QUERY)).toMatchObject({ score: 0.5, coverage: 0.5 });
    const heavySampling: SentenceQuery = { ...QUERY, concepts: [{ concept: DIFFUSION, weight: 1 }, { concept: SAMPLING, weight: 3 }] };
    expect(scoreSentence('Diffusion models take many network evaluations per image.', heavySampling)).toMatchObject({ score: 0.25, coverage: 0.25 });
  });

  it('counts a concept when one of its alternatives is whole: "post-training quantization" for PTQ, not "quantization" alone', () => {
    const ptq: SentenceQuery = {
      concepts: [
        { concept: concept('PTQ', ['post', 'train', 'quantiz']), weight: 1 },
        { concept: DIFFUSION, weight: 1 },
      ],
      phrases: new Set(),
      intent: 'general',
    };
    expect(scoreSentence('Post-training quantization of diffusion models keeps image quality.', ptq)).toMatchObject({ coverage: 1, covers: new Set([0, 1]) });
    expect(scoreSentence('PTQ of diffusion models keeps image quality at a low cost.', ptq)).toMatchObject({ coverage: 1, covers: new Set([0, 1]) });
    expect(scoreSentence('Quantization of diffusion models keeps image quality at low cost.', ptq)).toMatchObject({ coverage: 0.5, covers: new Set([1]) });
  });

  it('adds 0.15 times the share of the question’s phrases the sentence contains', () => {
    expect(score(PLAIN)).toBeCloseTo(1.15, 10);
    // Both terms, but not as the phrase "diffusion sampling".
    expect(score('Sampling from diffusion models takes many network evaluations.')).toBe(1);
    const twoPhrases: SentenceQuery = { ...QUERY, phrases: new Set(['diffus_sampl', 'sampl_step']) };
    expect(score(PLAIN, twoPhrases)).toBeCloseTo(1.075, 10);
  });

  it('adds what the sentence does: contribution 0.8, finding 0.5, method 0.4, other 0, background −0.6', () => {
    const cases = [
      ['We propose a solver that makes diffusion sampling fast.', 'contribution', 1.95],
      ['Experiments show that our solver makes diffusion sampling ten times faster.', 'finding', 1.65],
      ['We use a higher-order solver to make diffusion sampling fast.', 'method', 1.55],
      [PLAIN, 'other', 1.15],
      ['Recently, diffusion sampling has attracted much attention.', 'background', 0.55],
    ] as const;
    for (const [text, role, expected] of cases) {
      const scored = scoreSentence(text, QUERY, MIDDLE);
      expect(scored.role, text).toBe(role);
      expect(scored.score, text).toBeCloseTo(expected, 10);
    }
  });

  it('adds 0.3 to the abstract’s lead, its first contribution sentence', () => {
    const lead = { ...MIDDLE, lead: true };
    expect(score('We propose a solver that makes diffusion sampling fast.', QUERY, lead)).toBeCloseTo(1.95 + 0.3, 10);
  });

  it('subtracts 0.15 from an abstract’s first and last sentences, unless the abstract has only two', () => {
    expect(score(PLAIN, QUERY, { position: 0, count: 5, lead: false })).toBeCloseTo(1, 10);
    expect(score(PLAIN, QUERY, { position: 4, count: 5, lead: false })).toBeCloseTo(1, 10);
    expect(score(PLAIN, QUERY, { position: 2, count: 5, lead: false })).toBeCloseTo(1.15, 10);
    expect(score(PLAIN, QUERY, { position: 0, count: 2, lead: false })).toBeCloseTo(1.15, 10);
    expect(score(PLAIN, QUERY, { position: 1, count: 2, lead: false })).toBeCloseTo(1.15, 10);
  });

  it('subtracts 0.35 from a sentence that leans on an antecedent it does not carry ("This allows…")', () => {
    expect(score('This allows diffusion sampling with fewer steps than before.')).toBeCloseTo(1.15 - 0.35, 10);
  });

  it('subtracts 0.6 per unit of extraction debris ("rightarrow" is 0.35 of it)', () => {
    expect(score('Diffusion sampling maps noise rightarrow data in a few hundred steps.')).toBeCloseTo(1.15 - 0.6 * 0.35, 10);
    expect(score('Diffusion sampling maps noise to data in a few hundred steps.')).toBeCloseTo(1.15, 10);
  });

  it('adds 0.5 to a causal sentence ("because", "due to", …) when the question asks why', () => {
    const why: SentenceQuery = { ...QUERY, intent: 'why' };
    const causal = 'Diffusion sampling takes many steps because each step is small.';
    expect(scoreSentence(causal, why, MIDDLE)).toMatchObject({ score: 1.65, answersIntent: true });
    expect(scoreSentence(PLAIN, why, MIDDLE)).toMatchObject({ score: 1.15, answersIntent: false });
    expect(scoreSentence(causal, QUERY, MIDDLE)).toMatchObject({ score: 1.15, answersIntent: false });
  });

  it('adds 0.5 to a sentence naming both sides of a comparison', () => {
    const compare: SentenceQuery = {
      concepts: [
        { concept: concept('shortcut'), weight: 1 },
        { concept: concept('consistency'), weight: 1 },
      ],
      phrases: new Set(),
      intent: 'compare',
      sides: [new Set(['shortcut']), new Set(['consist'])],
    };
    expect(scoreSentence('Shortcut models and consistency models both generate images in one step.', compare, MIDDLE)).toMatchObject({ score: 1.5, answersIntent: true });
    expect(scoreSentence('Shortcut models generate images in one step with a single network.', compare, MIDDLE)).toMatchObject({ score: 0.5, answersIntent: false });
  });

  it('scores 0 a sentence that covers none of the question, whatever it does, unless it is the lead', () => {
    const proposal = 'In this paper, we propose a new method for image editing.';
    expect(scoreSentence(proposal, QUERY, MIDDLE)).toMatchObject({ score: 0, coverage: 0, covers: new Set(), role: 'contribution' });
    expect(score('Label smoothing regularizes classifiers in practice.')).toBe(0);
    expect(score('Anything at all, said at length, with no concept.', { concepts: [], phrases: new Set(), intent: 'general' })).toBe(0);
    // The paper's main claim may be quoted in its own words: role and lead bonus only.
    expect(scoreSentence(proposal, QUERY, { ...MIDDLE, lead: true })).toMatchObject({ coverage: 0 });
    expect(score(proposal, QUERY, { ...MIDDLE, lead: true })).toBeCloseTo(0.8 + 0.3, 10);
  });

  it('reads an acronym the abstract defines as its long form: "LS" counts as label smoothing', () => {
    const query: SentenceQuery = {
      concepts: [
        { concept: concept('label smoothing'), weight: 1 },
        { concept: concept('distillation'), weight: 1 },
      ],
      phrases: new Set(),
      intent: 'general',
    };
    const text = 'LS negatively affects knowledge distillation in our experiments.';
    expect(scoreSentence(text, query, MIDDLE)).toMatchObject({ score: 0.5, coverage: 0.5, covers: new Set([1]) });
    const acronyms = new Map([['ls', ['label', 'smooth']]]);
    expect(scoreSentence(text, query, { ...MIDDLE, acronyms })).toMatchObject({ score: 1, coverage: 1, covers: new Set([0, 1]) });
    // The expansion counts for coverage only: the sentence's own terms stay as written.
    expect([...scoreSentence(text, query, { ...MIDDLE, acronyms }).terms]).toEqual(['ls', 'negat', 'affect', 'knowledg', 'distil', 'experi']);
  });

  it('returns the sentence’s analyzed terms, the concepts it covers and its role', () => {
    const scored = scoreSentence(PLAIN, QUERY);
    expect([...scored.terms]).toEqual(['diffus', 'sampl', 'take', 'network', 'evalu', 'imag']);
    expect(scored.covers).toEqual(new Set([0, 1]));
    expect(scored.role).toBe('other');
  });

  it('scores with the weights it is given', () => {
    const weights = { ...DEFAULT_SENTENCE_WEIGHTS, coverage: 2, phrase: 0, role: { ...DEFAULT_SENTENCE_WEIGHTS.role, contribution: 0 } };
    expect(scoreSentence('Diffusion models take many network evaluations per image.', QUERY, MIDDLE, weights).score).toBe(1);
    expect(scoreSentence('We propose a solver that makes diffusion sampling fast.', QUERY, MIDDLE, weights).score).toBe(2);
  });
});

describe('DEFAULT_SENTENCE_WEIGHTS', () => {
  it('holds the measured defaults, frozen', () => {
    expect(DEFAULT_SENTENCE_WEIGHTS).toEqual({
      role: { contribution: 0.8, finding: 0.5, method: 0.4, other: 0, background: -0.6 },
      coverage: 1,
      phrase: 0.15,
      antecedent: 0.35,
      debris: 0.6,
      intent: 0.5,
      lead: 0.3,
      edge: 0.15,
    });
    expect(Object.isFrozen(DEFAULT_SENTENCE_WEIGHTS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SENTENCE_WEIGHTS.role)).toBe(true);
  });
});

describe('MIN_SENTENCE_COVERAGE', () => {
  it('requires a sentence (other than the lead) to cover 15% of the question’s weight to be quoted', () => {
    expect(MIN_SENTENCE_COVERAGE).toBe(0.15);
  });
});

/** "diffusion" 1, "sampling" 3, "PTQ" (or "post-training quantization") 2: 6 in all. */
const CONCEPTS: SentenceQuery['concepts'] = [
  { concept: DIFFUSION, weight: 1 },
  { concept: SAMPLING, weight: 3 },
  { concept: concept('PTQ', ['post', 'train', 'quantiz']), weight: 2 },
];

describe('coveredConcepts', () => {
  it('gives the indexes of the concepts one of whose alternatives the terms hold whole', () => {
    expect(coveredConcepts(new Set(['diffus', 'post', 'train', 'quantiz']), CONCEPTS)).toEqual(new Set([0, 2]));
    expect(coveredConcepts(new Set(['sampl', 'ptq', 'model']), CONCEPTS)).toEqual(new Set([1, 2]));
  });

  it('does not count part of an alternative', () => {
    expect(coveredConcepts(new Set(['diffus', 'post', 'quantiz']), CONCEPTS)).toEqual(new Set([0]));
    expect(coveredConcepts(new Set(), CONCEPTS)).toEqual(new Set());
  });
});

describe('coveredShare', () => {
  it('is the share of the concepts’ total weight the given indexes hold', () => {
    expect(coveredShare(new Set([0, 2]), CONCEPTS)).toBe(0.5);
    expect(coveredShare(new Set([1]), CONCEPTS)).toBe(0.5);
    expect(coveredShare(new Set([0, 1, 2]), CONCEPTS)).toBe(1);
    expect(coveredShare(new Set(), CONCEPTS)).toBe(0);
  });

  it('is 0 when the concepts weigh nothing', () => {
    expect(coveredShare(new Set([0]), [])).toBe(0);
    expect(coveredShare(new Set([0]), [{ concept: DIFFUSION, weight: 0 }])).toBe(0);
  });
});

describe('conceptCoverage', () => {
  it('is the share of the concepts’ weight a set of terms covers', () => {
    expect(conceptCoverage(new Set(['sampl', 'ptq']), CONCEPTS)).toBeCloseTo(5 / 6, 10);
    expect(conceptCoverage(new Set(['diffus', 'quantiz']), CONCEPTS)).toBeCloseTo(1 / 6, 10);
    expect(conceptCoverage(new Set(['label', 'smooth']), CONCEPTS)).toBe(0);
  });
});

describe('isQuotable', () => {
  it('rejects fragments shorter than 40 characters', () => {
    expect(isQuotable('Our method is fast and simple.')).toBe(false);
    expect(isQuotable('x'.repeat(39))).toBe(false);
    expect(isQuotable('x'.repeat(40))).toBe(true);
  });

  it('rejects metadata however long: keyword lists, link lines, code availability', () => {
    // As a sentence it would cover "diffusion sampling" whole (scoreSentence gives it 1).
    expect(isQuotable('Keywords: diffusion models, fast sampling, ODE solvers, distillation')).toBe(false);
    expect(isQuotable('Code is available at https://github.com/example/fast-diffusion-sampling.')).toBe(false);
    expect(isQuotable('https://github.com/example/fast-diffusion-sampling-with-many-steps')).toBe(false);
  });

  it('accepts prose', () => {
    expect(isQuotable(PLAIN)).toBe(true);
    expect(isQuotable('We propose a solver that makes diffusion sampling fast.')).toBe(true);
  });
});

describe('overlap', () => {
  it('is the share of the smaller term set found in the other', () => {
    expect(overlap(new Set(['a', 'b']), new Set(['a', 'b', 'c']))).toBe(1);
    expect(overlap(new Set(['a', 'b', 'c', 'd']), new Set(['a', 'b', 'x', 'y']))).toBe(0.5);
    expect(overlap(new Set(['a']), new Set(['b']))).toBe(0);
  });

  it('is 0 when either set is empty', () => {
    expect(overlap(new Set(), new Set(['a']))).toBe(0);
    expect(overlap(new Set(['a']), new Set())).toBe(0);
  });
});

describe('repeats', () => {
  const sentence = (text: string, terms: string[]) => ({ text, terms: new Set(terms) });
  const chosen = [sentence('Diffusion sampling is slow and costly.', ['diffus', 'sampl', 'slow', 'cost', 'practic'])];

  it('recognises the same sentence', () => {
    expect(repeats(sentence('Diffusion sampling is slow and costly.', []), chosen)).toBe(true);
  });

  it('recognises a sentence sharing at least 60% of its terms with a chosen one', () => {
    expect(repeats(sentence('…', ['diffus', 'sampl', 'slow', 'gpu', 'memori']), chosen)).toBe(true);
    expect(repeats(sentence('…', ['diffus', 'sampl', 'gpu', 'memori']), chosen)).toBe(false);
  });

  it('finds nothing repeated when nothing was chosen yet', () => {
    expect(repeats(sentence('Diffusion sampling is slow and costly.', ['diffus']), [])).toBe(false);
  });
});
