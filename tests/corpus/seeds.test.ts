import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type LoadedCorpus, type Paper } from '../../src/corpus/index.js';
import { DAILY_SEED, SEARCH_SEED, SEEDS_DIR, tempCorpus } from './corpus-fixtures.js';

function byTitle(corpus: LoadedCorpus, title: string): Paper {
  const paper = corpus.papers.find((candidate) => candidate.title === title);
  if (paper === undefined) throw new Error(`no paper titled "${title}"`);
  return paper;
}

describe('the seed corpus', () => {
  let corpus: LoadedCorpus;
  beforeAll(async () => {
    corpus = await loadCorpus(SEEDS_DIR);
  });

  it('yields exactly 231 papers: 31 from the daily page and 200 from the search page', () => {
    expect(corpus.files).toEqual([DAILY_SEED, SEARCH_SEED]);
    expect(corpus.papers).toHaveLength(231);
    const fromFile = (file: string) => corpus.papers.filter((paper) => paper.sources[0]!.file === file).length;
    expect(fromFile(DAILY_SEED)).toBe(31);
    expect(fromFile(SEARCH_SEED)).toBe(200);
  });

  it('loads without issues, skipped records or duplicates', () => {
    expect(corpus.issues).toEqual([]);
    expect(corpus.skipped).toBe(0);
    expect(corpus.merged).toBe(0);
  });

  it('reads a daily-page paper with its full meta block', () => {
    const paper = byTitle(corpus, 'Video-Infinity: Distributed Long Video Generation');
    expect(paper).toMatchObject({
      id: 'video-infinity-distributed-long-6e3dba',
      authorCount: 4,
      published: '2024-06-23',
      upvotes: 2,
      links: [],
      sources: [{ file: DAILY_SEED, line: 13 }],
    });
    expect(paper.abstract.startsWith('Diffusion models have recently achieved remarkable results for video generation.')).toBe(true);
    expect(paper.abstract.endsWith('at a speed 100 times faster than the prior methods.')).toBe(true);
    expect(paper.dateText).toBeUndefined();
  });

  it('reads a daily-page paper that has no meta block at all', () => {
    const paper = byTitle(corpus, 'Decentralized Diffusion Models');
    expect(paper.abstract.startsWith('Large-scale AI model training divides work across thousands of GPUs')).toBe(true);
    expect(paper.sources).toEqual([{ file: DAILY_SEED, line: 21 }]);
    for (const field of ['authorCount', 'published', 'dateText', 'upvotes'] as const) expect(paper[field]).toBeUndefined();
  });

  it('keeps a date printed without a year as text and never invents one', () => {
    const paper = byTitle(corpus, 'DivControl: Knowledge Diversion for Controllable Image Generation');
    expect(paper).toMatchObject({ authorCount: 6, dateText: 'Jul 31' });
    expect(paper.published).toBeUndefined();
    expect(paper.upvotes).toBeUndefined();
  });

  it('reads upvotes after a date without a year, and short titles', () => {
    expect(byTitle(corpus, 'The Principles of Diffusion Models')).toMatchObject({ authorCount: 5, dateText: 'Oct 23', upvotes: 3 });
  });

  it('reads a dated paper without upvotes', () => {
    const paper = byTitle(corpus, 'Fast Inference in Denoising Diffusion Models via MMD Finetuning');
    expect(paper).toMatchObject({ authorCount: 3, published: '2023-01-19' });
    expect(paper.upvotes).toBeUndefined();
    expect(paper.links).toEqual([{ kind: 'github', url: 'https://github.com/diegovalsesia/MMD-DDM' }]);
  });

  it('cuts the "Subscribe" chrome glued to the first search-page title', () => {
    const paper = corpus.papers[31]!;
    expect(paper.title).toBe('Better Understanding Differences in Attribution Methods via Systematic Evaluations');
    expect(paper.sources).toEqual([{ file: SEARCH_SEED, line: 3 }]);
    expect(paper.abstract.startsWith('Deep neural networks are very successful on many vision tasks')).toBe(true);
  });

  it('reads search-page papers, which have no meta, down to the last line without a newline', () => {
    const paper = byTitle(corpus, 'Dynamic Word Embeddings');
    expect(paper.sources).toEqual([{ file: SEARCH_SEED, line: 15 }]);
    expect(paper.abstract.startsWith('We present a probabilistic language model for time-stamped text data')).toBe(true);
    expect(paper.authorCount).toBeUndefined();

    const last = corpus.papers.at(-1)!;
    expect(last.title).toBe('DiffuseHigh: Training-free Progressive High-Resolution Image Synthesis through Structure Guidance');
    expect(last.sources).toEqual([{ file: SEARCH_SEED, line: 401 }]);
    expect(last.links).toEqual([{ kind: 'project', url: 'https://yhyun225.github.io/DiffuseHigh/' }]);
  });

  it('has no page chrome, date or abstract in any title', () => {
    for (const { title } of corpus.papers) {
      expect(title).not.toMatch(/Subscribe|Get trending|Daily Papers|byAK/u);
      expect(title).not.toMatch(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?$/u);
      expect(title).not.toBe('new');
      expect(title.split(' ').length).toBeLessThan(30);
      expect(title).toBe(title.trim());
    }
  });

  it('cleans LaTeX leftovers and closing punctuation off abstract links', () => {
    expect(byTitle(corpus, 'Faster Diffusion: Rethinking the Role of UNet Encoder in Diffusion Models').links).toEqual([
      { kind: 'github', url: 'https://github.com/hutaiHang/Faster-Diffusion' },
    ]);
    const links = corpus.papers.flatMap((paper) => paper.links);
    expect(links.length).toBeGreaterThan(60);
    for (const { url } of links) expect(url).toMatch(/^https?:\/\/[^\s{}()]+[^.,;:)]$/u);
  });

  it('gives every paper a unique, short, URL- and shell-safe id', () => {
    const ids = corpus.papers.map((paper) => paper.id);
    expect(new Set(ids).size).toBe(231);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/u);
      expect(id.length).toBeLessThanOrEqual(48);
    }
  });

  it('gives the same ids on every load and whichever files are loaded with them', async () => {
    const again = await loadCorpus(SEEDS_DIR);
    expect(again.papers.map((paper) => paper.id)).toEqual(corpus.papers.map((paper) => paper.id));
    const searchOnly = await loadCorpus(join(SEEDS_DIR, SEARCH_SEED));
    expect(searchOnly.papers.map((paper) => paper.id)).toEqual(corpus.papers.slice(31).map((paper) => paper.id));
  });

  it('names a single loaded file as given', async () => {
    const path = join(SEEDS_DIR, DAILY_SEED);
    const daily = await loadCorpus(path);
    expect(daily.files).toEqual([path]);
    expect(daily.papers).toHaveLength(31);
    expect(daily.papers[0]!.sources).toEqual([{ file: path, line: 13 }]);
  });

  it('merges every paper of a copied seed file into the original', async () => {
    const dir = await tempCorpus();
    await copyFile(join(SEEDS_DIR, SEARCH_SEED), join(dir, 'a.txt'));
    await copyFile(join(SEEDS_DIR, SEARCH_SEED), join(dir, 'b.txt'));
    const doubled = await loadCorpus(dir);
    expect(doubled.papers).toHaveLength(200);
    expect(doubled.merged).toBe(200);
    expect(doubled.papers[0]!.sources).toEqual([
      { file: 'a.txt', line: 3 },
      { file: 'b.txt', line: 3 },
    ]);
  });
});
