import type { SourceRef } from '../../src/answer/answer-types.js';
import type { Paper } from '../../src/corpus/paper.js';

/** A source-list entry with only what a test cares about. */
export function source(n: number, id: string, title: string, extra: Partial<SourceRef> = {}): SourceRef {
  return { n, id, title, links: [], matched: [], ...extra };
}

/** A paper with the fields commands read; no links, no provenance unless given. */
export function fixturePaper(id: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
  return { id, title, abstract, links: [], sources: [], ...extra };
}

/**
 * Six small papers on distinct topics, with dates and upvotes chosen to test ordering:
 * two share the newest date (the one with more upvotes first), one has only a printed date,
 * one has none.
 */
export function commandFixturePapers(): Paper[] {
  return [
    fixturePaper(
      'fast-sampling',
      'Fast Sampling of Diffusion Models',
      'Diffusion models generate high quality images but sampling them is slow. We propose a training-free solver that speeds up diffusion sampling by an order of magnitude. Experiments on image benchmarks confirm the speed gains.',
      { published: '2024-06-23', upvotes: 3, authors: ['A. One', 'B. Two'] },
    ),
    fixturePaper(
      'label-smoothing',
      'Understanding Label Smoothing',
      'Label smoothing replaces hard targets with soft targets during training. We analyse why label smoothing improves calibration of classifiers.',
      { published: '2024-06-23', upvotes: 10 },
    ),
    fixturePaper(
      'bilevel',
      'A Penalty Method for Bilevel Optimization',
      'Bilevel optimization problems nest one optimization problem inside another. We propose a first-order penalty method with convergence guarantees.',
      { published: '2023-01-05' },
    ),
    fixturePaper(
      'robustness',
      'Certified Robustness via Randomized Smoothing',
      'Randomized smoothing turns any classifier into one with certified robustness against adversarial perturbations. We tighten the certified radius.',
      { dateText: 'Jul 31' },
    ),
    fixturePaper(
      'graph-networks',
      'Message Passing on Molecular Graphs',
      'Graph neural networks pass messages along the bonds of molecules. We predict molecular properties from the learned graph embeddings.',
    ),
    fixturePaper(
      'speech',
      'Streaming Speech Recognition with Transducers',
      'We build a streaming speech recognizer with a transducer model. Latency drops while the word error rate stays low.',
      { published: '2022-11-30', upvotes: 1 },
    ),
  ];
}
