import { beforeAll, describe, expect, it } from 'vitest';
import { contributionSentence } from '../../src/answer/answer.js';
import { LocalIndexService } from '../../src/app/local-index-service.js';
import { LINK_SIMILAR_PAPERS } from '../../src/commands/link.js';
import { runCommand } from '../../src/commands/run-command.js';
import { renderText } from '../../src/render/text.js';
import { ErrorCode } from '../../src/errors.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { conversation, expectKind } from '../helpers/results.js';
import { linkedIndex } from '../helpers/linked-index.js';

let index: PaperIndex;
beforeAll(async () => {
  index = await linkedIndex();
});

const link = (url: string) => runCommand('link', { url }, { index, session: {} });

describe('link URL: the paper a pasted link names', () => {
  it.each([
    ['an arXiv abs link', 'https://arxiv.org/abs/2301.12345', '2301.12345'],
    ['a versioned abs link', 'https://arxiv.org/abs/2301.12345v2', '2301.12345'],
    ['a pdf link', 'https://arxiv.org/pdf/2301.12345', '2301.12345'],
    ['a versioned pdf link with .pdf', 'http://arxiv.org/pdf/2301.12345v3.pdf', '2301.12345'],
    ['a link without its scheme', 'arxiv.org/abs/2301.12345', '2301.12345'],
    ['an old-style id', 'https://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001'],
    ['a Hugging Face papers link', 'https://huggingface.co/papers/2302.00042', '2302.00042'],
  ])('finds the paper from %s', async (_what, url, arxivId) => {
    const result = expectKind(await link(url), 'link');
    expect(result.arxivId).toBe(arxivId);
    expect(result.url).toBe(url);
    expect(result.paper).toBeDefined();
    expect(result.sync).toBeUndefined();
  });

  it('matches a paper by its own page link when its id is not the arXiv id (Hugging Face record)', async () => {
    const result = expectKind(await link('https://huggingface.co/papers/2302.00042v1'), 'link');
    expect(result.paper?.id).toBe('hf-linked-video-paper-a1b2c3');
  });

  it('gives the contribution sentence the answer builder picks as the gist, verbatim', async () => {
    const result = expectKind(await link('https://arxiv.org/abs/2301.12345'), 'link');
    expect(result.gist).toBe('We propose consistency distillation, which turns a pretrained diffusion model into a one-step sampler for fast image generation.');
    expect(result.gist).toBe(contributionSentence(index.require('2301.12345')));
  });

  it('lists the three papers most like it, as `similar` would, numbered 1-3 for "show 2"', async () => {
    const { say, session } = conversation(index);
    const result = expectKind(await say('link https://arxiv.org/abs/2301.12345'), 'link');
    const expected = index.similar('2301.12345', { limit: LINK_SIMILAR_PAPERS }).hits.map((hit) => hit.paper.id);
    expect(result.similar.map((item) => item.id)).toEqual(expected);
    expect(result.similar.map((item) => item.n)).toEqual([1, 2, 3]);
    expect(result.similar.map((item) => item.id)).not.toContain('2301.12345');
    expect(session.last?.numbers[2]).toBe(expected[1]);
    expect(expectKind(await say('show 2'), 'paper').paper.id).toBe(expected[1]);
  });

  it('says when the corpus lacks the paper, and offers the sync that fetches it', async () => {
    const result = expectKind(await link('https://arxiv.org/abs/2412.99999v4'), 'link');
    expect(result).toEqual({ kind: 'link', url: 'https://arxiv.org/abs/2412.99999v4', arxivId: '2412.99999', similar: [], sync: 'paperbot sync --arxiv-id 2412.99999' });
    expect(renderText(result)).toBe('arXiv 2412.99999 is not in the corpus.\nFetch it with: paperbot sync --arxiv-id 2412.99999');
  });

  it.each([
    ['a page that is not a paper', 'https://example.com/papers/2301.12345'],
    ['an arXiv listing', 'https://arxiv.org/list/cs.CV/recent'],
    ['a Hugging Face model page', 'https://huggingface.co/stabilityai/sdxl'],
    ['plain words', 'diffusion sampling'],
  ])('refuses %s with an error naming the url option', async (_what, url) => {
    const error = expectKind(await link(url), 'error');
    expect(error.code).toBe(ErrorCode.InvalidOption);
    expect(error.message).toMatch(/^url is not an arXiv or Hugging Face paper link/);
    expect(error.hint).toBe('Usage: link URL');
  });

  it('renders as text: title, id, the gist in quotes, and the similar papers', async () => {
    const text = renderText(expectKind(await link('https://arxiv.org/abs/2301.12345'), 'link'));
    expect(text).toContain('Consistency Distillation for One-Step Diffusion Sampling');
    expect(text).toContain('id: 2301.12345');
    expect(text).toContain('"We propose consistency distillation');
    expect(text).toContain('Similar papers:');
    expect(text).toMatch(/\[3\] /);
  });

  it('is answered the same through the async IndexService as by the index itself', async () => {
    const service = new LocalIndexService(index);
    expect((await service.findArxiv('2301.12345v9'))?.paper.id).toBe('2301.12345');
    expect(await service.findArxiv('2412.99999')).toBeUndefined();
  });
});

describe('runText: a paper link alone is a link request', () => {
  it.each(['https://arxiv.org/abs/2301.12345', '  <https://arxiv.org/pdf/2301.12345v2>  ', 'huggingface.co/papers/2302.00042'])('routes %j to link', async (line) => {
    expect((await conversation(index).say(line)).kind).toBe('link');
  });

  it('leaves a question that contains a link, and other links, to ask', async () => {
    expect((await conversation(index).say('what does https://arxiv.org/abs/2301.12345 propose?')).kind).toBe('answer');
    expect((await conversation(index).say('https://example.com/diffusion')).kind).toBe('answer');
  });
});
