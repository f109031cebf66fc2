import { classifyLine } from './listing-lines.js';

/**
 * Layouts of a text corpus file:
 * `hf-daily` — HF "Daily Papers" page: blank-line separated, optional `• N authors` / date meta;
 * `hf-search` — HF search results: no blank lines, title and abstract lines alternating;
 * `unknown` — no abstract-like (long prose) line at all.
 */
export type Layout = 'hf-daily' | 'hf-search' | 'unknown';

/** Tells the layout of a text corpus file from its content alone. */
export function detectLayout(text: string): Layout {
  const kinds = text.split(/\r?\n/u).map((line) => classifyLine(line).kind);
  if (!kinds.includes('abstract')) return 'unknown';
  if (kinds.includes('authors')) return 'hf-daily';
  const first = kinds.findIndex((kind) => kind !== 'blank');
  const last = kinds.findLastIndex((kind) => kind !== 'blank');
  const inner = kinds.slice(first, last + 1);
  const blanks = inner.filter((kind) => kind === 'blank').length;
  // The daily page puts a blank line after nearly every line; a stray blank or two is not that.
  return blanks * 3 >= inner.length - blanks ? 'hf-daily' : 'hf-search';
}
