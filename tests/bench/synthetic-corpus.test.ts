import { describe, expect, it } from 'vitest';
import { Prng } from '../../bench/prng.js';
import { buildSentencePool, contentPhrase, longQuestions, shortQuestions, syntheticPapers } from '../../bench/synthetic-corpus.js';

/** Two small collections of real-looking abstracts (sentences of 5+ words and 30+ characters). */
const pool = buildSentencePool([
  {
    name: 'ml',
    papers: [
      {
        title: 'Fast Sampling of Diffusion Models',
        abstract: 'Diffusion models generate images of high quality. Sampling from them needs hundreds of network evaluations. We propose a solver that needs ten steps instead.',
      },
      {
        title: 'Certified Robustness by Randomized Smoothing',
        abstract: 'Randomized smoothing certifies classifiers against small perturbations. Too short. We tighten the certified radius with a new bound on the noise.',
      },
    ],
  },
  {
    name: 'aero',
    papers: [
      {
        title: 'the aerodynamics of a wing in a slipstream.',
        abstract: 'an experimental study of a wing in a propeller slipstream was made. the results were intended in part as an evaluation basis for theory.',
      },
      // Repeats a sentence of another collection: kept once.
      { title: 'Fast Sampling Revisited', abstract: 'Diffusion models generate images of high quality.' },
    ],
  },
]);
const sentences = new Set(pool.collections.flatMap((c) => c.sentences));

describe('buildSentencePool', () => {
  it('keeps real sentences once, drops fragments, and splits all-lower-case abstracts at ". "', () => {
    expect(pool.collections.map((c) => c.name)).toEqual(['ml', 'aero']);
    expect(sentences.has('Too short.')).toBe(false);
    expect(sentences.has('an experimental study of a wing in a propeller slipstream was made.')).toBe(true);
    expect(pool.collections[1]!.sentences).toHaveLength(2);
    expect(pool.collections[1]!.titles).toEqual(['the aerodynamics of a wing in a slipstream.', 'Fast Sampling Revisited']);
  });

  it('throws when no collection has a usable sentence', () => {
    expect(() => buildSentencePool([{ name: 'x', papers: [{ title: 'T', abstract: 'Short.' }] }])).toThrow(
      'buildSentencePool: no usable sentences in any collection',
    );
  });
});

describe('syntheticPapers', () => {
  const papers = [...syntheticPapers(pool, 200, 1)];

  it('is reproducible from its seed', () => {
    expect([...syntheticPapers(pool, 200, 1)]).toEqual(papers);
    expect([...syntheticPapers(pool, 200, 2)]).not.toEqual(papers);
  });

  it('gives unique ids and titles (lower-cased), more papers than the pool has titles', () => {
    expect(new Set(papers.map((p) => p.id)).size).toBe(200);
    expect(new Set(papers.map((p) => p.title.toLowerCase())).size).toBe(200);
    expect(papers[0]!.id).toBe('syn-0');
  });

  it('assembles each abstract from 3 to 9 sentences of one collection', () => {
    for (const paper of papers.slice(0, 50)) {
      const own = pool.collections.find((c) => c.sentences.some((s) => paper.abstract.startsWith(s)))!;
      let rest = paper.abstract;
      let count = 0;
      while (rest) {
        const sentence = own.sentences.find((s) => rest.startsWith(s));
        expect(sentence, `"${rest}" starts with a sentence of ${own.name}`).toBeDefined();
        rest = rest.slice(sentence!.length).trimStart();
        count++;
      }
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(9);
    }
  });
});

describe('questions', () => {
  it('long: the given questions and framed ones around corpus sentences, count as asked, reproducible', () => {
    const given = ['I want papers on time sharing systems, and on their schedulers.', 'distillation for one-step image generation'];
    const long = longQuestions(pool, 6, 3, given);
    expect(long).toHaveLength(6);
    expect(long).toEqual(expect.arrayContaining(given));
    expect(longQuestions(pool, 6, 3, given)).toEqual(long);
    const framed = long.filter((q) => !given.includes(q));
    expect(framed.every((q) => [...sentences].some((s) => q.includes(s.slice(1, -1))))).toBe(true);
  });

  it('long: at least a third are framed even with many given questions', () => {
    const given = Array.from({ length: 20 }, (_, i) => `given question ${i}`);
    expect(longQuestions(pool, 9, 3, given).filter((q) => q.startsWith('given')).length).toBe(6);
  });

  it('short: 1–3 content words of titles, no stop words', () => {
    const short = shortQuestions(pool, 50, 4);
    expect(short).toHaveLength(50);
    for (const question of short) {
      expect(question.split(' ').length).toBeLessThanOrEqual(3);
      expect(question).not.toMatch(/\b(of|the|in|a|by)\b/);
    }
  });

  it('contentPhrase keeps consecutive content words and is empty without any', () => {
    expect(contentPhrase('Fast Sampling of Diffusion Models', new Prng(1), 5)).toMatch(/^(fast|sampling|diffusion|models)( [a-z]+)*$/);
    expect(contentPhrase('of the and', new Prng(1))).toBe('');
  });
});
