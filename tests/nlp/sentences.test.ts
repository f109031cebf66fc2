import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Paper } from '../../src/corpus/index.js';
import { isMetadata } from '../../src/nlp/metadata.js';
import { splitSentences } from '../../src/nlp/sentences.js';

/** The sentences must be exact substrings of the text, in order, without overlapping. */
function expectOrderedSubstrings(text: string, sentences: readonly string[]): void {
  let from = 0;
  for (const sentence of sentences) {
    const at = text.indexOf(sentence, from);
    expect(at, `${JSON.stringify(sentence)} after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + sentence.length;
  }
}

const withoutWhitespace = (text: string): string => text.replace(/\s+/g, '');

describe('splitSentences', () => {
  it('splits a text at its sentence ends', () => {
    expect(splitSentences('Diffusion models are slow. We make them fast! Does it work? Yes, it does.')).toEqual([
      'Diffusion models are slow.',
      'We make them fast!',
      'Does it work?',
      'Yes, it does.',
    ]);
  });

  it('returns every sentence as an exact, trimmed substring of the input', () => {
    const text = '  We use diffusion models.\nThe second   sentence keeps its spacing.\n\n  A third one.  ';
    const sentences = splitSentences(text);
    expect(sentences).toEqual(['We use diffusion models.', 'The second   sentence keeps its spacing.', 'A third one.']);
    expectOrderedSubstrings(text, sentences);
  });

  it('does not split after abbreviations such as "e.g.", "i.e.", "et al." and "vs."', () => {
    expect(splitSentences('We use samplers, e.g. DDPM and DDIM, on images. Results improve.')).toEqual([
      'We use samplers, e.g. DDPM and DDIM, on images.',
      'Results improve.',
    ]);
    expect(splitSentences('This is 3 times faster, i.e. much better. Done here.')).toEqual(['This is 3 times faster, i.e. much better.', 'Done here.']);
    expect(splitSentences('Prior work (Smith et al., 2020) used GANs. We do better.')).toEqual([
      'Prior work (Smith et al., 2020) used GANs.',
      'We do better.',
    ]);
    expect(splitSentences('Compare A vs. B in detail. Then stop.')).toEqual(['Compare A vs. B in detail.', 'Then stop.']);
  });

  it('keeps a decimal number inside its sentence', () => {
    expect(splitSentences('It costs $5.5 million. Yes really.')).toEqual(['It costs $5.5 million.', 'Yes really.']);
  });

  it('returns a text without a final stop as one sentence', () => {
    expect(splitSentences('No final stop')).toEqual(['No final stop']);
  });

  it('returns no sentences for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('  \n\t ')).toEqual([]);
  });

  // An answer must never quote the fragment "We show the results in Fig.": no sentence starts
  // with a plain number or a lower-case word, and "Fig." never ends one.
  it('does not split after "Fig." or "Eq." before a number', () => {
    expect(splitSentences('We show the results in Fig. 1 and discuss them. See the appendix.')).toEqual([
      'We show the results in Fig. 1 and discuss them.',
      'See the appendix.',
    ]);
  });

  // A period inside a token (a version "v1.5", a domain "hf.co") never ends a sentence.
  it('does not split a version number such as "Stable Diffusion v1.5"', () => {
    expect(splitSentences('Our model beats Stable Diffusion v1.5 with 50 steps. It is fast.')).toEqual([
      'Our model beats Stable Diffusion v1.5 with 50 steps.',
      'It is fast.',
    ]);
  });

  it('does not split after a title: "Dr. Mo", "Prof. Hinton", "Mr.", "Mrs.", "Ms.", "St."', () => {
    expect(
      splitSentences('This work presents a Diffusion Reuse MOtion (Dr. Mo) network. Following this observation, Dr. Mo propagates coarse noises. Prof. Hinton and Ms. Lee of St. Louis agree.'),
    ).toEqual([
      'This work presents a Diffusion Reuse MOtion (Dr. Mo) network.',
      'Following this observation, Dr. Mo propagates coarse noises.',
      'Prof. Hinton and Ms. Lee of St. Louis agree.',
    ]);
  });

  it('does not split after "e.g.", "i.e.", "vs.", "cf.", "Fig.", "Eq." or "Sec." before a capital', () => {
    expect(
      splitSentences(
        'They range from classification (e.g. ImageNet) to detection (e.g. COCO) tasks. Guidance is harmful early, i.e. High noise levels hurt. We compare DDPM vs. GANs (cf. Appendix B) as shown in Fig. S2, Eq. (3) and Sec. Experiments. Results improve.',
      ),
    ).toEqual([
      'They range from classification (e.g. ImageNet) to detection (e.g. COCO) tasks.',
      'Guidance is harmful early, i.e. High noise levels hurt.',
      'We compare DDPM vs. GANs (cf. Appendix B) as shown in Fig. S2, Eq. (3) and Sec. Experiments.',
      'Results improve.',
    ]);
  });

  it('splits after "etc." or "et al." only when a usual sentence opener follows', () => {
    expect(
      splitSentences('Diffusion models excel at denoising, inpainting, super-resolution, etc. Such models involve a U-Net. Song et al. DDIM is fast. It was proposed by Ho et al. We build on it.'),
    ).toEqual([
      'Diffusion models excel at denoising, inpainting, super-resolution, etc.',
      'Such models involve a U-Net.',
      'Song et al. DDIM is fast.',
      'It was proposed by Ho et al.',
      'We build on it.',
    ]);
  });

  it('keeps version numbers whole: "v1.5", "GPT-3.5", "Stable Diffusion 2.1"', () => {
    expect(splitSentences('We distill Stable Diffusion 2.1 and v1.5 with captions from GPT-3.5. It is fast.')).toEqual([
      'We distill Stable Diffusion 2.1 and v1.5 with captions from GPT-3.5.',
      'It is fast.',
    ]);
  });

  it('keeps decimal numbers and a number ending a sentence in place', () => {
    expect(splitSentences('Our method reaches an FID of 1.27 in 0.09 s. The speed-up is 2.3. We also halve the memory.')).toEqual([
      'Our method reaches an FID of 1.27 in 0.09 s.',
      'The speed-up is 2.3.',
      'We also halve the memory.',
    ]);
  });

  it('does not split after initials ("U.S.", "J.") unless a usual sentence opener follows', () => {
    expect(splitSentences('We use U.S. Census data curated by J. Smith. The data cover model A. Then we train.')).toEqual([
      'We use U.S. Census data curated by J. Smith.',
      'The data cover model A.',
      'Then we train.',
    ]);
  });

  it('keeps URLs and domains whole: "github.com/…", "hf.co/…", "https://…"', () => {
    expect(
      splitSentences('Models are in hf.co/Stable-X and github.com/foo/bar.v2 now. See https://x.github.io/a.b/index.html. Also www.example.org/page.'),
    ).toEqual(['Models are in hf.co/Stable-X and github.com/foo/bar.v2 now.', 'See https://x.github.io/a.b/index.html.', 'Also www.example.org/page.']);
  });

  it('splits a keyword list ("Keywords:", "Index Terms—", "CCS Concepts:") off into one piece to the end of its paragraph', () => {
    expect(splitSentences('Our planner is 3 times faster. Keywords: Reinforcement Learning. Diffusion Model.')).toEqual([
      'Our planner is 3 times faster.',
      'Keywords: Reinforcement Learning. Diffusion Model.',
    ]);
    expect(splitSentences('We enhance speech with a score model. Index Terms—speech enhancement, diffusion.')).toEqual([
      'We enhance speech with a score model.',
      'Index Terms—speech enhancement, diffusion.',
    ]);
    expect(splitSentences('We study layouts.\nCCS Concepts: • Computing methodologies → Neural networks.\n\nA second paragraph.')).toEqual([
      'We study layouts.',
      'CCS Concepts: • Computing methodologies → Neural networks.',
      'A second paragraph.',
    ]);
  });

  it('keeps a URL after "e.g." or "cf." in its sentence', () => {
    expect(splitSentences('Weights are public (e.g. https://hf.co/x) and documented. Done.')).toEqual(['Weights are public (e.g. https://hf.co/x) and documented.', 'Done.']);
  });

  it('splits link lines off: a URL after a sentence end, and a labelled link after a URL', () => {
    const pieces = splitSentences('It also outperforms them overall. https://github.com/a/TrajectoryDiffuser Code: https://github.com/a/b Project page: https://a.github.io/p');
    expect(pieces).toEqual(['It also outperforms them overall.', 'https://github.com/a/TrajectoryDiffuser', 'Code: https://github.com/a/b', 'Project page: https://a.github.io/p']);
    expect(pieces.map(isMetadata)).toEqual([false, true, true, true]);
  });

  it('splits where a sentence end lost its space: "…operator.TimeGNN shows…", but not "Dr.Mo"', () => {
    expect(splitSentences('We use a Sobolev smoothness operator.TimeGNN shows competitive performance. See Dr.Mo for details.')).toEqual([
      'We use a Sobolev smoothness operator.',
      'TimeGNN shows competitive performance.',
      'See Dr.Mo for details.',
    ]);
  });

  it('keeps a list item with its marker, and a lower-case item with the sentence before it', () => {
    expect(splitSentences('Our results are as follows. 1. We propose X. 2. We show Y.')).toEqual(['Our results are as follows.', '1. We propose X.', '2. We show Y.']);
    expect(splitSentences('The method is (i) training-free; (ii) fast. (iii). generalized to new models. (iv) Code is public.')).toEqual([
      'The method is (i) training-free; (ii) fast. (iii). generalized to new models.',
      '(iv) Code is public.',
    ]);
  });

  it('lets a sentence start with a lower-case name ("iPhone", "eDiff-I") or a number with a unit ("3D")', () => {
    expect(splitSentences('Results improve. 3D Gaussian splatting is fast. eDiff-I is an ensemble. iPhone apps run it.')).toEqual([
      'Results improve.',
      '3D Gaussian splatting is fast.',
      'eDiff-I is an ensemble.',
      'iPhone apps run it.',
    ]);
  });

  it('always ends a sentence at a blank line', () => {
    expect(splitSentences('A heading without a stop\n\nThe abstract starts here.')).toEqual(['A heading without a stop', 'The abstract starts here.']);
  });
});

describe('splitSentences on the seed corpus', () => {
  let papers: Paper[];
  const byTitle = (start: string): Paper => {
    const paper = papers.find((candidate) => candidate.title.startsWith(start));
    if (!paper) throw new Error(`no seed paper titled "${start}…"`);
    return paper;
  };
  beforeAll(async () => {
    papers = (await loadCorpus('seeds')).papers;
  });

  it('splits every seed abstract into exact substrings, in order', () => {
    expect(papers).toHaveLength(231);
    for (const paper of papers) {
      const sentences = splitSentences(paper.abstract);
      expect(sentences.length).toBeGreaterThan(0);
      expectOrderedSubstrings(paper.abstract, sentences);
      for (const sentence of sentences) expect(sentence).toBe(sentence.trim());
    }
  });

  it('loses no text: the sentences hold every non-space character of the abstract', () => {
    for (const paper of papers) {
      expect(withoutWhitespace(splitSentences(paper.abstract).join(''))).toBe(withoutWhitespace(paper.abstract));
    }
  });

  it('splits a typical abstract into its sentences', () => {
    const sentences = splitSentences(byTitle('Video-Infinity').abstract);
    expect(sentences[0]).toBe('Diffusion models have recently achieved remarkable results for video generation.');
    expect(sentences[sentences.length - 1]!.endsWith('at a speed 100 times faster than the prior methods.')).toBe(true);
  });

  // Cut after "v1.", an answer would quote a sentence that misstates the paper's claim.
  it('keeps "Stable Diffusion v1.5 with 50 steps" in one sentence (SnapFusion)', () => {
    const sentences = splitSentences(byTitle('SnapFusion').abstract);
    expect(sentences).toContainEqual(expect.stringMatching(/than Stable Diffusion v1\.5 with 50 steps\.$/));
  });

  it('keeps the domain name "hf.co/Stable-X" in one sentence (StableNormal)', () => {
    const sentences = splitSentences(byTitle('StableNormal').abstract);
    expect(sentences[sentences.length - 1]!.endsWith('hf.co/Stable-X')).toBe(true);
  });

  it('keeps "Dr. Mo" inside its sentences (Denoising Reuse)', () => {
    const sentences = splitSentences(byTitle('Denoising Reuse').abstract);
    expect(sentences).toContain('This work presents a Diffusion Reuse MOtion (Dr. Mo) network to accelerate latent video generation.');
    expect(sentences.filter((sentence) => sentence.includes('Dr. Mo'))).toHaveLength(4);
  });

  it('splits the link and the keyword list off the last sentence (Trajectory Diffuser)', () => {
    const sentences = splitSentences(papers.find((paper) => paper.abstract.includes('TrajectoryDiffuser'))!.abstract);
    expect(sentences.slice(-3)).toEqual([
      'The results demonstrate that our method achieves it 3-it 10 times faster inference speed compared to previous sequence modeling methods, while also outperforming them in terms of overall performance.',
      'https://github.com/RenMing-Huang/TrajectoryDiffuser',
      'Keywords: Reinforcement Learning and Efficient Planning and Diffusion Model',
    ]);
  });

  it('splits "…smoothness operator.TimeGNN shows…", where the abstract lost a space (TimeGNN)', () => {
    const sentences = splitSentences(papers.find((paper) => paper.abstract.includes('operator.TimeGNN'))!.abstract);
    expect(sentences).toContain('TimeGNN shows competitive performance against previous methods in real datasets.');
  });
});
