import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.js';
import { PaperIndex } from '../../src/search/paper-index.js';

describe('PaperIndex.search on the seed corpus', () => {
  let index: PaperIndex;
  beforeAll(async () => {
    index = PaperIndex.build((await loadCorpus('seeds')).papers);
  });

  it('indexes all 231 seed papers', () => {
    expect(index.size).toBe(231);
  });

  it('answers "which papers speed up diffusion sampling?" with papers about diffusion and sampling speed', () => {
    const result = index.search('which papers speed up diffusion sampling?');
    expect(result.keywords.phrases).toEqual(['speed', 'diffusion sampling']);
    expect(result.hits).toHaveLength(10);
    for (const { paper, matched } of result.hits.slice(0, 5)) {
      const text = `${paper.title} ${paper.abstract}`;
      expect(text, paper.title).toMatch(/diffusion/i);
      expect(text, paper.title).toMatch(/sampl|speed/i);
      expect(matched).toContain('diffusion');
    }
  });

  it('ranks the paper named after the topic first', () => {
    expect(index.search('label smoothing').hits[0]!.paper.title).toBe('Towards Understanding Label Smoothing');
    expect(index.search('is there any work on text-to-3D generation?').hits[0]!.paper.title).toMatch(/Text-to-3D/);
  });

  it('ranks the two versions of the attribution-methods paper as each other’s most similar paper', () => {
    const a = index.all().find((paper) => paper.title === 'Better Understanding Differences in Attribution Methods via Systematic Evaluations')!;
    const b = index.all().find((paper) => paper.title === 'Towards Better Understanding Attribution Methods')!;
    expect(index.similar(a.id).hits[0]!.paper.id).toBe(b.id);
    expect(index.similar(b.id).hits[0]!.paper.id).toBe(a.id);
  });
});
