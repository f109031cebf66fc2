import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { DEFAULT_ANSWER_LIMITS, type Answer } from '../../src/answer/answer-types.js';
import { loadCorpus } from '../../src/corpus/index.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { fixturePapers, SHARED_SENTENCE } from '../fixtures/papers.js';

/** The development questions of the seed benchmark (kept outside the repository). */
const DEV_QUERIES = '../shared/benchmarks/seeds-dev/queries.tsv';
const devQuestions: string[] = existsSync(DEV_QUERIES)
  ? readFileSync(DEV_QUERIES, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => line.split('\t')[1]!.trim())
  : [];

/** Questions of our own, worded the ways users ask. */
const OWN_QUESTIONS = [
  'which papers speed up diffusion sampling?',
  'attribution methods evaluation',
  'tell me about neural radiance fields',
  'is there any work on hyper-parameter optimization?',
  'How do consistency models work?',
  'gaussian splatting',
  'Any papers on personalization of text-to-image models?',
  'certified robustness against adversarial attacks',
];

const ATTRIBUTION_A = 'Better Understanding Differences in Attribution Methods via Systematic Evaluations';
const ATTRIBUTION_B = 'Towards Better Understanding Attribution Methods';

/** The answer's sentences as shown, each followed by its " [n]" markers. */
const shown = (result: Answer): string => result.sentences.map((s) => s.text + s.sources.map((n) => ` [${n}]`).join('')).join(' ');

/** Checks every invariant an answer must keep, whatever the question. */
function expectAnswerInvariants(index: PaperIndex, result: Answer, limits = DEFAULT_ANSWER_LIMITS): void {
  expect(result.sentences.length).toBeLessThanOrEqual(limits.maxSentences);
  expect(shown(result).length).toBeLessThanOrEqual(limits.maxChars);

  // Sources are numbered 1..k in order of first citation; every source is cited.
  const firstCited: number[] = [];
  for (const sentence of result.sentences) for (const n of sentence.sources) if (!firstCited.includes(n)) firstCited.push(n);
  expect(result.sources.map((source) => source.n)).toEqual(firstCited.map((_, i) => i + 1));
  expect(firstCited).toEqual(firstCited.map((_, i) => i + 1));
  expect(result.sources.length).toBeLessThanOrEqual(limits.candidatePapers);
  expect(new Set(result.sources.map((source) => source.id)).size).toBe(result.sources.length);

  for (const sentence of result.sentences) {
    expect(sentence.sources.length).toBeGreaterThan(0);
    expect(new Set(sentence.sources).size).toBe(sentence.sources.length);
    for (const n of sentence.sources) {
      const source = result.sources.find((candidate) => candidate.n === n);
      expect(source, `[${n}] is in the source list`).toBeDefined();
      const paper = index.require(source!.id);
      expect(source!.title).toBe(paper.title);
      // Verbatim: the sentence is quoted from the abstract of every paper it cites.
      expect(paper.abstract, `"${sentence.text}" in [${n}] ${paper.title}`).toContain(sentence.text);
    }
  }

  // No sentence twice, and no paper quoted more than `maxPerPaper` times as first source.
  const texts = result.sentences.map((s) => s.text);
  expect(new Set(texts).size).toBe(texts.length);
  for (const source of result.sources) {
    expect(result.sentences.filter((s) => s.sources[0] === source.n).length).toBeLessThanOrEqual(limits.maxPerPaper);
  }

  if (result.found) {
    expect(result.sentences.length).toBeGreaterThan(0);
    expect(result.suggestions).toEqual([]);
    expect(result.totalMatches).toBeGreaterThanOrEqual(result.sources.length);
  } else {
    expect(result.sentences).toEqual([]);
    expect(result.sources).toEqual([]);
    expect(result.suggestions.length).toBeGreaterThan(0);
  }
}

describe('answer on the seed corpus', () => {
  let index: PaperIndex;
  beforeAll(async () => {
    index = PaperIndex.build((await loadCorpus('seeds')).papers);
  });

  it.skipIf(devQuestions.length === 0).each(devQuestions)('answers the benchmark question "%s" within the answer invariants', (question) => {
    const result = answer(index, question);
    expect(result.question).toBe(question);
    expect(result.keywords.length).toBeGreaterThan(0);
    expect(result.found).toBe(true);
    expectAnswerInvariants(index, result);
  });

  it.each(OWN_QUESTIONS)('answers "%s" within the answer invariants', (question) => {
    const result = answer(index, question);
    expect(result.keywords.length).toBeGreaterThan(0);
    expect(result.found).toBe(true);
    for (const source of result.sources) expect(source.matched.length).toBeGreaterThan(0);
    expectAnswerInvariants(index, result);
  });

  it('quotes what papers about the question do, most sentences in the question’s words', () => {
    const result = answer(index, 'which papers speed up diffusion sampling?');
    expect(result.keywords).toEqual(['speed', 'diffusion sampling']);
    // A paper's main claim may be quoted in its own words ("we design … samplers"); the rest carry the question.
    const inQuestionWords = result.sentences.filter((sentence) => /diffusion|sampl|speed/i.test(sentence.text));
    expect(inQuestionWords.length).toBeGreaterThanOrEqual(Math.ceil(result.sentences.length / 2));
    for (const source of result.sources) expect(source.matched).toEqual(expect.arrayContaining(['diffusion', 'sampling']));
  });

  it('covers several papers with one sentence each before any gets a second', () => {
    const result = answer(index, 'which papers speed up diffusion sampling?');
    expect(result.sources.length).toBeGreaterThanOrEqual(4);
    expect(result.sentences.map((s) => s.sources[0])).toEqual(result.sources.map((s) => s.n));
  });

  it('prefers the contribution to the background', () => {
    const result = answer(index, 'video generation with diffusion models');
    for (const sentence of result.sentences) {
      expect(sentence.text).not.toMatch(/^(Current frontier video diffusion models have demonstrated|With the advance of diffusion models)/);
    }
    expect(result.sentences[0]!.text).toMatch(/\b(we|our|this (paper|work))\b/i);
  });

  it('marks where the question’s words are in each quoted sentence', () => {
    const result = answer(index, 'label smoothing');
    const first = result.sentences[0]!;
    const marked = first.highlights.map(([start, end]) => first.text.slice(start, end).toLowerCase());
    expect(marked).toContain('label smoothing');
  });

  it('cites a sentence found in two abstracts to both papers', () => {
    const result = answer(index, 'attribution methods evaluation');
    expectAnswerInvariants(index, result);
    const titles = (sentence: Answer['sentences'][number]) =>
      sentence.sources.map((n) => result.sources.find((source) => source.n === n)!.title).sort();
    const shared = result.sentences.filter((sentence) => sentence.sources.length === 2);
    expect(shared.length).toBeGreaterThan(0);
    for (const sentence of shared) expect(titles(sentence)).toEqual([ATTRIBUTION_A, ATTRIBUTION_B]);
  });

  it('respects smaller limits', () => {
    for (const question of ['which papers speed up diffusion sampling?', 'human motion synthesis', 'attribution methods evaluation']) {
      const two = answer(index, question, { maxSentences: 2 });
      expect(two.sentences.length).toBeLessThanOrEqual(2);
      expectAnswerInvariants(index, two, { ...DEFAULT_ANSWER_LIMITS, maxSentences: 2 });

      const short = answer(index, question, { maxChars: 300 });
      expect(shown(short).length).toBeLessThanOrEqual(300);
      expectAnswerInvariants(index, short, { ...DEFAULT_ANSWER_LIMITS, maxChars: 300 });

      const few = answer(index, question, { candidatePapers: 2, maxPerPaper: 1 });
      expect(few.sources.length).toBeLessThanOrEqual(2);
      expectAnswerInvariants(index, few, { ...DEFAULT_ANSWER_LIMITS, candidatePapers: 2, maxPerPaper: 1 });
    }
  });

  it('gives the same answer to the same question', () => {
    expect(answer(index, 'label smoothing')).toEqual(answer(index, 'label smoothing'));
  });

  it('abstains on a question whose subject is in no paper, naming it, and lists the closest papers unquoted', () => {
    const result = answer(index, 'what is the capital of France?');
    expect(result).toMatchObject({ question: 'what is the capital of France?', found: false, sentences: [], sources: [], missing: ['France'] });
    // "matched:" lists only words some paper holds.
    expect(result.keywords).toEqual(['capital']);
    expect(result.suggestions.length).toBeGreaterThan(0);
    expectAnswerInvariants(index, result);
  });

  it('says what to try when the words are there but no paper is about them together', () => {
    const result = answer(index, 'label smoothing for motion synthesis in videos of cats');
    expect(result.found).toBe(false);
    expect(result.missing).toBeUndefined();
    expect(result.suggestions[0]).toMatch(/^No paper in the corpus is about /);
    expectAnswerInvariants(index, result);
  });

  // BUG (src/search/paper-index.ts, search: `total: ranked.length`; surfaces here as
  // `totalMatches`): the feedback pass ranks papers that contain no word of the question, so
  // "what is the capital of France?" reports totalMatches 212 (of 231 papers) although only 3
  // papers contain "capital" or "France" and none is quoted — and `ask` then offers "more" over
  // those 212 papers. See the matching test in tests/search/paper-index.test.ts for the fix.
  it('counts as matches only the papers that contain a word of the question', () => {
    const result = answer(index, 'what is the capital of France?');
    expect(result.totalMatches).toBeLessThanOrEqual(3);
  });

  it('finds nothing for a question of only stop words, and asks for topic words', () => {
    const result = answer(index, 'which of the what is it?');
    expect(result).toMatchObject({ found: false, sentences: [], sources: [], keywords: [], totalMatches: 0 });
    expect(result.suggestions[0]).toBe(
      'Your question has no topic words paperbot can search for. Name the topic, e.g. "diffusion sampling" or "label smoothing".',
    );
  });

  it('finds nothing for an empty question', () => {
    const result = answer(index, '');
    expect(result).toMatchObject({ question: '', found: false, sentences: [], sources: [], keywords: [], totalMatches: 0 });
    expect(result.suggestions[0]).toMatch(/^Your question has no topic words/);
  });
});

describe('answer on a hand-made corpus', () => {
  let index: PaperIndex;
  beforeAll(() => {
    index = PaperIndex.build(fixturePapers());
  });

  it('cites the sentence both versions of a paper share to both of them', () => {
    const result = answer(index, 'training-free solver that speeds up diffusion sampling');
    expectAnswerInvariants(index, result);
    const shared = result.sentences.find((sentence) => sentence.text === SHARED_SENTENCE);
    expect(shared).toBeDefined();
    expect(shared!.sources.map((n) => result.sources.find((source) => source.n === n)!.id).sort()).toEqual(['fast-sampling', 'fast-sampling-v2']);
  });

  it('quotes only papers that contain at least half of the question’s weight', () => {
    const result = answer(index, 'label smoothing calibration');
    expectAnswerInvariants(index, result);
    expect(result.sources.map((source) => source.id)).toEqual(['label-smoothing']);
  });

  it('finds nothing when no paper is about the question, and names what is missing', () => {
    const result = answer(index, 'quantum chromodynamics');
    expect(result).toMatchObject({ found: false, sentences: [], sources: [], totalMatches: 0, missing: ['quantum chromodynamics'], closest: [] });
  });
});

/**
 * The questions of issue #9, as researchers typed them: each must get what a researcher wants
 * (an answer citing the right paper, or an honest "nothing on X").
 */
describe('answer to questions as people type them', () => {
  let index: PaperIndex;
  beforeAll(async () => {
    index = PaperIndex.build((await loadCorpus('seeds')).papers);
  });
  const titles = (result: Answer) => result.sources.map((source) => source.title);

  it('answers a chatty question about PTQ from the post-training quantization paper, expanding the acronym', () => {
    const result = answer(index, 'anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep');
    expect(result.found).toBe(true);
    expect(titles(result)[0]).toBe('Post-training Quantization on Diffusion Models');
    expect(result.expansions).toEqual([{ from: 'PTQ', to: 'post-training quantization' }]);
    // Chat filler is not a keyword.
    expect(result.keywords.join(' ')).not.toMatch(/\b(anyone|looked|bc|weird|seems)\b/);
    expectAnswerInvariants(index, result);
  });

  it('answers "shortcut models vs consistency models" from both sides', () => {
    const result = answer(index, 'shortcut models vs consistency models - which is better for 1-step gen?');
    expect(result.found).toBe(true);
    expect(titles(result)).toContain('One Step Diffusion via Shortcut Models');
    expect(result.sentences.some((s) => /shortcut models/i.test(s.text) && /consistency models/i.test(s.text))).toBe(true);
    expectAnswerInvariants(index, result);
  });

  it('treats survey, tutorial and overview as one need', () => {
    const result = answer(index, 'is there a good survey or tutorial on diffusion models I could read?');
    expect(result.found).toBe(true);
    expect(titles(result)[0]).toMatch(/^An Overview of Diffusion Models/);
    expectAnswerInvariants(index, result);
  });

  it('finds a sentence about distillation for "CFG distillation?", through the corpus’s own "classifier-free guidance (CFG)"', () => {
    const result = answer(index, 'CFG distillation?');
    expect(result.found).toBe(true);
    expect(result.expansions).toEqual([{ from: 'CFG', to: 'classifier-free guidance' }]);
    expect(result.sentences.some((s) => /distill/i.test(s.text))).toBe(true);
  });

  it('corrects "difusion smapling speedup" and says what it searched for', () => {
    const result = answer(index, 'difusion smapling speedup');
    expect(result.found).toBe(true);
    expect(result.searchedFor).toBe('diffusion sampling speedup');
    expect(result.corrections).toEqual([
      { from: 'difusion', to: 'diffusion' },
      { from: 'smapling', to: 'sampling' },
    ]);
    for (const source of result.sources) expect(source.matched).toContain('diffusion');
    expect(result.sources.filter((source) => source.matched.includes('sampling')).length).toBeGreaterThanOrEqual(2);
  });

  it('matches an acronym and its plural alike (LLM / LLMs)', () => {
    const singular = index.search('LLM', { limit: 10 });
    const plural = index.search('LLMs', { limit: 10 });
    expect(singular.total).toBeGreaterThan(0);
    expect(singular.hits.map((h) => h.paper.id)).toEqual(plural.hits.map((h) => h.paper.id));
  });

  it('abstains on RLHF reward model overoptimization, naming what the corpus lacks', () => {
    const result = answer(index, 'RLHF reward model overoptimization, any papers?');
    expect(result).toMatchObject({ found: false, sentences: [], sources: [], missing: ['RLHF', 'overoptimization'] });
    expect(result.closest!.length).toBeGreaterThan(0);
  });

  it('abstains on Bayesian optimization for hyperparameter tuning, naming Bayesian optimization', () => {
    const result = answer(index, 'Bayesian optimization for hyperparameter tuning?');
    expect(result).toMatchObject({ found: false, sentences: [], sources: [], missing: ['Bayesian optimization'] });
  });

  it('abstains when the subject’s words occur only scattered, never together, naming the subject as typed', () => {
    expect(answer(index, 'retrieval augmented generation for question answering')).toMatchObject({
      found: false,
      missing: ['retrieval augmented generation'],
    });
    expect(answer(index, 'chain of thought prompting')).toMatchObject({ found: false, missing: ['chain of thought prompting'] });
  });

  it('answers conversational questions whose subject the corpus holds, whatever words wrap it', () => {
    const cases: Array<[string, RegExp]> = [
      ['is label smoothing bad for selective classification?', /Label Smoothing Degrades Selective Classification/],
      ['any tricks to cache features across denoising steps?', /Cache|DeepCache/],
      ['is noise conditioning actually needed in denoising models?', /^Is Noise Conditioning Necessary/],
      ['what are ppl using for human motion generation these days', /Motion/],
      ['whats a good step size rule for SGD without tuning', /Step|SGD|Stochastic/i],
    ];
    for (const [question, title] of cases) {
      const result = answer(index, question);
      expect(result.found, question).toBe(true);
      expect(result.sources.some((source) => title.test(source.title)), question).toBe(true);
      expectAnswerInvariants(index, result);
    }
  });

  it('answers a "why" question with the sentence that gives the cause, first', () => {
    const result = answer(index, 'why is classifier-free guidance oversaturating at high scales?');
    expect(result.sentences[0]!.text).toMatch(/primarily causes oversaturation/);
  });

  it('says that NeRF itself is missing before quoting what is near (radiance fields for novel view synthesis)', () => {
    const result = answer(index, 'NeRF for novel view synthesis from a few images?');
    expect(result.caveat).toBe('Nothing on NeRF itself; closest: radiance fields.');
    expect(result.found).toBe(true);
    expect(titles(result)[0]).toBe('Progressive Radiance Distillation for Inverse Rendering with Gaussian Splatting');
    expect(result.keywords).not.toContain('nerf');
    expectAnswerInvariants(index, result);
  });

  it('quotes the paper that introduced latent diffusion models first when asked which paper did', () => {
    const result = answer(index, 'which paper introduced latent diffusion models?');
    expect(titles(result)[0]).toBe('High-Resolution Image Synthesis with Latent Diffusion Models');
  });

  it('quotes a paper-local acronym’s sentences as about its long form ("LS" for label smoothing)', () => {
    const result = answer(index, 'label smoothing');
    expect(titles(result)).toContain('Understanding Why Label Smoothing Degrades Selective Classification and How to Fix It');
  });
});
