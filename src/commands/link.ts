import { z } from 'zod';
import { sourceRef } from '../answer/answer.js';
import { arxivIdOfUrl } from '../corpus/arxiv-link.js';
import { defineCommand } from './command.js';
import { MAX_QUESTION_CHARS } from './limits.js';
import type { LinkResult } from './results.js';
import { similarPage } from './similar.js';

/** Similar papers a link preview lists: what fits under an unfurl without crowding the channel. */
export const LINK_SIMILAR_PAPERS = 3;

/** The sync that fetches one arXiv paper into the corpus (by the arXiv API's `id_list`: its search field `id:` is unreliable). */
export function syncCommandFor(arxivId: string): string {
  return `paperbot sync --arxiv-id ${arxivId}`;
}

/**
 * `link URL`: the paper an arXiv or Hugging Face link names (abs, pdf, versioned, old-style ids),
 * its gist and the three papers most like it. What chat front-ends answer when a paper link is
 * pasted (a Slack unfurl, a link alone in a mention). The similar papers are numbered 1-3 as a
 * `similar` list, so "show 2" and "more" work on them; the linked paper itself is opened by id.
 */
export default defineCommand({
  name: 'link',
  summary: 'The gist of the paper an arXiv or Hugging Face link names, and the papers most like it',
  usage: 'link URL',
  options: [{ name: 'url', description: 'An arXiv or Hugging Face paper link, e.g. https://arxiv.org/abs/2301.12345', type: 'string', required: true, rest: true, maxLength: MAX_QUESTION_CHARS }],
  schema: z.object({
    url: z
      .string({ error: 'url is required (an arXiv or Hugging Face paper link)' })
      .trim()
      .min(1, { error: 'url is required (an arXiv or Hugging Face paper link)' })
      .max(MAX_QUESTION_CHARS, { error: `url must be at most ${MAX_QUESTION_CHARS} characters` })
      .refine((url) => arxivIdOfUrl(url) !== undefined, {
        error: 'url is not an arXiv or Hugging Face paper link (e.g. https://arxiv.org/abs/2301.12345 or https://huggingface.co/papers/2301.12345)',
      }),
  }),
  fromText: (text) => ({ url: text.trim() }),
  async execute({ url }, { index, session }): Promise<LinkResult> {
    const arxivId = arxivIdOfUrl(url)!;
    const match = await index.findArxiv(arxivId);
    if (!match) return { kind: 'link', url, arxivId, similar: [], sync: syncCommandFor(arxivId) };
    const { paper, gist } = match;
    const similar = await similarPage(index, session, paper.id, 0, LINK_SIMILAR_PAPERS);
    return {
      kind: 'link',
      url,
      arxivId,
      // Number 0: the similar papers are 1-3, and the linked paper is opened by its id.
      paper: { ...sourceRef(0, paper), ...(paper.url ? { url: paper.url } : {}) },
      gist,
      similar: similar.items,
    };
  },
});
