import type { Paper } from './paper.js';

/**
 * New-style (`2301.12345`) or old-style (`hep-th/9901001`, `math.AP/0601001`) arXiv id with an
 * optional version (`v2`). The same shape as the sync's `ARXIV_ID`, which it must stay in step
 * with (sync-record.ts), plus the version a pasted link may carry.
 */
export const VERSIONED_ID = /^((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?$/u;

/** Hosts whose paths name an arXiv paper: `/abs/ID`, `/pdf/ID[.pdf]`, and Hugging Face's `/papers/ID`. */
const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);

/**
 * The arXiv id (version stripped) a paper link names, or undefined when the text is not a link
 * to an arXiv or Hugging Face paper page. Accepts a link without its scheme (`arxiv.org/abs/…`),
 * as chat apps display and label them, and `<…>` around it.
 *
 * @example arxivIdOfUrl('https://arxiv.org/pdf/2301.12345v2.pdf') // '2301.12345'
 * @example arxivIdOfUrl('huggingface.co/papers/2301.12345')       // '2301.12345'
 * @example arxivIdOfUrl('https://arxiv.org/abs/hep-th/9901001v1') // 'hep-th/9901001'
 */
export function arxivIdOfUrl(text: string): string | undefined {
  const trimmed = text.trim().replace(/^<(.*)>$/su, '$1');
  if (/\s/u.test(trimmed) || trimmed === '') return undefined;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//iu.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const path = url.pathname.replace(/\/+$/u, '');
  let candidate: string | undefined;
  if (ARXIV_HOSTS.has(host)) candidate = /^\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/iu.exec(path)?.[1];
  else if (HF_HOSTS.has(host)) candidate = /^\/papers\/(.+)$/u.exec(path)?.[1];
  if (candidate === undefined) return undefined;
  return VERSIONED_ID.exec(candidate)?.[1];
}

/** Whether a line of chat is nothing but one arXiv or Hugging Face paper link. */
export function isPaperLink(text: string): boolean {
  return arxivIdOfUrl(text) !== undefined;
}

/** Punctuation that closes a sentence or a bracket around a link, not part of it ("(see …/2301.12345)."). */
const TRAILING_PUNCTUATION = /[)\]}>.,;:!?'"’”]+$/u;
const LEADING_PUNCTUATION = /^[(\[{'"‘“]+/u;

/**
 * The first arXiv or Hugging Face paper link among the words of a chat message ("what is
 * https://arxiv.org/abs/2006.11239 about?"), as written, without the punctuation around it;
 * undefined when there is none. Chat front-ends answer such a message with the link preview.
 *
 * @example firstPaperLink('what is <https://arxiv.org/abs/2006.11239> about?') // '<https://arxiv.org/abs/2006.11239>'
 */
export function firstPaperLink(text: string): string | undefined {
  for (const word of text.split(/\s+/u)) {
    if (word === '') continue;
    // `<…>` (a link whose embed is suppressed) is kept whole: arxivIdOfUrl reads it.
    const wrapped = /^<[^<>]+>/u.exec(word.replace(LEADING_PUNCTUATION, ''))?.[0];
    if (wrapped !== undefined && arxivIdOfUrl(wrapped) !== undefined) return wrapped;
    // Without the sentence's punctuation first: "…/2006.11239?" is a question, not an empty query.
    const bare = word.replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '');
    if (bare !== '' && arxivIdOfUrl(bare) !== undefined) return bare;
    if (arxivIdOfUrl(word) !== undefined) return word;
  }
  return undefined;
}

/** An arXiv id without its version suffix: `2301.12345v3` → `2301.12345`; other text as is. */
export function stripArxivVersion(id: string): string {
  return VERSIONED_ID.exec(id)?.[1] ?? id;
}

/**
 * Every arXiv id a paper is known by: its own id when that is one (synced records are keyed by
 * the arXiv id), and the id its own page (`url`, link kind "paper") names. Versions stripped.
 * Links found in the abstract are left out: an abstract links to other papers as often as to itself.
 */
export function arxivIdsOf(paper: Paper): string[] {
  const ids = new Set<string>();
  if (paper.arxivId !== undefined) ids.add(paper.arxivId);
  if (VERSIONED_ID.test(paper.id)) ids.add(stripArxivVersion(paper.id));
  for (const link of paper.links) {
    if (link.kind !== 'paper') continue;
    const id = arxivIdOfUrl(link.url);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}
