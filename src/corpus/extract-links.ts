import type { PaperLink } from './paper.js';

/**
 * An http(s) URL up to whitespace or a character that never ends up in one in running text.
 * `{` is a stop because LaTeX-exported abstracts read `https://github.com/a/b{b}` (a lost \href).
 */
const URL_PATTERN = /https?:\/\/[^\s<>"{}|\\^`[\]]+/giu;

/** Sentence punctuation that follows a URL in prose but is almost never part of it. */
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/u;

/** Links found in free text (an abstract), cleaned of trailing punctuation, deduplicated, in order. */
export function extractLinks(text: string): PaperLink[] {
  const links: PaperLink[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = cleanUrl(match[0]);
    const kind = linkKind(url);
    if (kind !== undefined) links.push({ kind, url });
  }
  return mergeLinks(links);
}

/** Strips punctuation that closes the sentence or a parenthesis around the URL: `(https://x.org/a).` → `https://x.org/a`. */
export function cleanUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    // A closing parenthesis is the URL's own only when it balances one inside it (Wikipedia style).
    if (url.endsWith(')') && count(url, ')') > count(url, '(')) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

/** `github` for github.com, `project` for any other http(s) page (GitHub Pages included); undefined if not a URL. */
export function linkKind(url: string): 'github' | 'project' | undefined {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    host = parsed.hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === '') return undefined;
  return host === 'github.com' || host === 'www.github.com' ? 'github' : 'project';
}

/** Concatenates link lists, keeping the first of links that differ only by a trailing slash. */
export function mergeLinks(...lists: readonly (readonly PaperLink[])[]): PaperLink[] {
  const seen = new Set<string>();
  const merged: PaperLink[] = [];
  for (const link of lists.flat()) {
    const key = link.url.replace(/\/+$/u, '');
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(link);
  }
  return merged;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** A paper's links: its own `url` (kind `paper`) first, then those in its abstract. */
export function paperLinks(abstract: string, url?: string): PaperLink[] {
  return mergeLinks(url === undefined ? [] : [{ kind: 'paper', url }], extractLinks(abstract));
}
