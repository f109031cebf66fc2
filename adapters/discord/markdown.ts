import { highlightSegments } from '../../src/answer/highlight.js';

/**
 * Text that paperbot puts into Discord markdown: titles, abstracts and questions are data, and
 * must render as written — never as formatting, masked links or mentions.
 */

/** Bare links in text: kept as typed, since a backslash inside a URL would break the link. */
const URL_PATTERN = /https?:\/\/[^\s<>]+[^\s<>.,;:!?'")\]]/g;

/** Zero-width space: breaks `@everyone` for the eye and for any parser, and prints as nothing. */
const ZWSP = '\u200b';

/**
 * Defuses mention syntax in text that is not parsed as markdown (footers, labels, choice names):
 * `@everyone`/`@here` get a zero-width space after the `@`, and `<@…>`, `<#…>`, `</…>` after the `<`.
 * Embeds never ping, but this keeps pasted text from looking like a mention anywhere.
 */
export function defuseMentions(text: string): string {
  return defuseEveryone(text).replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`);
}

function defuseEveryone(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`);
}

/**
 * Escapes Discord markdown so text renders literally: emphasis, code, spoilers, masked-link
 * brackets and `<` (mentions, timestamps) everywhere; headings, quotes and lists at line starts.
 * Discord drops a backslash before punctuation, so the text still reads exactly as quoted.
 * URLs are left whole.
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapePlain(text.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function escapePlain(text: string): string {
  // `<` is escaped, so `<@123>` is already inert; only the bare @everyone/@here remain.
  return defuseEveryone(
    text
      .replace(/[\\*_~`|[\]<]/g, '\\$&')
      .replace(/^(\s*)([#>+-]|\d+\.)(?=\s|$)/gm, '$1\\$2'),
  );
}

/** Private-use characters marking where bold starts and ends while the text is escaped. */
const BOLD_OPEN = '\ue000';
const BOLD_CLOSE = '\ue001';

/**
 * Escapes `text` like {@link escapeMarkdown}, with the highlighted ranges (`[start, end)` of
 * `text`) bold: `**…**` around each, whitespace at a range's edges left outside. The whole text
 * is escaped at once, with markers standing in for the `**`, so line starts and mentions are
 * escaped as they would be without highlights. A range inside a word holding a URL stays plain
 * (URLs are left unescaped, and a `**` there would end up in the link).
 */
export function escapeHighlighted(text: string, highlights: ReadonlyArray<readonly [number, number]> | undefined): string {
  // The markers must be ours alone.
  const plain = text.replace(/[\ue000\ue001]/g, '\ufffd');
  let marked = '';
  let at = 0;
  for (const segment of highlightSegments(plain, highlights)) {
    const start = at;
    at += segment.text.length;
    const core = segment.text.trim();
    if (!segment.highlighted || !core || /:\/\//.test(wordAround(plain, start, at))) {
      marked += segment.text;
      continue;
    }
    const lead = segment.text.length - segment.text.trimStart().length;
    marked += segment.text.slice(0, lead) + BOLD_OPEN + core + BOLD_CLOSE + segment.text.slice(lead + core.length);
  }
  const escaped = escapeMarkdown(marked).replace(/[\ue000\ue001]/g, '**');
  // A `@` and "everyone" split by a marker were not seen as a mention by escapeMarkdown.
  return escaped.replace(/@(?=(?:\*\*)?(?:everyone|here)\b)/gi, `@${ZWSP}`);
}

/** The whitespace-delimited stretch of `text` around `[start, end)`. */
function wordAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !/\s/.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !/\s/.test(text[to]!)) to += 1;
  return text.slice(from, to);
}

/** Removes characters that would break a single-line label (newlines, control characters). */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Cuts text to at most `max` characters, at a word boundary when one is near, ending in "…".
 * Never splits a surrogate pair or leaves a dangling escape backslash.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = max - 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > max * 0.6) cut = space;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut -= 1;
  let head = text.slice(0, cut).trimEnd();
  // An odd run of trailing backslashes would escape the ellipsis instead of the cut character.
  const slashes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  return head + '…';
}

/** Escapes `text` and fits the result into `max` characters (escaping may lengthen it). */
export function escapeAndFit(text: string, max: number): string {
  let plain = text;
  for (;;) {
    const escaped = escapeMarkdown(plain);
    if (escaped.length <= max) return escaped;
    // Shrink in proportion to how much escaping lengthened the text; each pass gets shorter.
    plain = truncate(plain, Math.max(1, Math.min(plain.length - 1, Math.floor((plain.length * max) / escaped.length))));
  }
}

/** An http(s) URL safe to put in a masked link or an embed's `url`, or undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    // Parentheses and spaces would end the masked link early.
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  } catch {
    return undefined;
  }
}

/** Longest label of a masked link (a paper title), so one long title cannot crowd out a list. */
export const MAX_LABEL = 256;

/** `[label](url)` with the label escaped; just the escaped label when the URL is unusable. */
export function maskedLink(label: string, url: string | undefined): string {
  const target = safeUrl(url);
  const text = escapeAndFit(oneLine(label), MAX_LABEL);
  return target ? `[${text}](${target})` : text;
}

/**
 * Joins lines with `separator`, keeping whole lines only (so a masked link is never cut) while
 * the result fits in `max` characters. Returns the text and how many lines it holds.
 */
export function fitLines(lines: readonly string[], max: number, separator = '\n'): { text: string; count: number } {
  let text = '';
  let count = 0;
  for (const line of lines) {
    const next = count === 0 ? line : text + separator + line;
    if (next.length > max) break;
    text = next;
    count += 1;
  }
  return { text, count };
}
