import { escapeMrkdwn } from './escape.js';

/**
 * Fitting escaped text into Block Kit's length limits. Cutting happens on the plain text before
 * it is escaped, word by word, so a cut can never fall inside `&amp;` or a `<url|label>` link.
 */

const ELLIPSIS = '…';

/** Code points of a string (so a cut never splits a surrogate pair). */
const codePoints = (text: string): string[] => Array.from(text);

/**
 * Splits plain text into chunks whose escaped form is at most `max` characters each, breaking
 * between words where it can (and inside a word only when one word alone is longer than `max`).
 * Returns the chunks escaped.
 */
export function splitEscaped(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    const trimmed = current.trim();
    if (trimmed) chunks.push(trimmed);
    current = '';
  };
  for (const token of text.split(/(\s+)/)) {
    if (!token) continue;
    const escaped = /^\s+$/.test(token) ? ' ' : escapeMrkdwn(token);
    if (current.length + escaped.length <= max) {
      current += escaped;
      continue;
    }
    push();
    if (escaped === ' ') continue;
    if (escaped.length <= max) {
      current = escaped;
      continue;
    }
    // One word longer than a whole chunk: cut it by characters, escaping each piece.
    for (const char of codePoints(token)) {
      const piece = escapeMrkdwn(char);
      if (current.length + piece.length > max) push();
      current += piece;
    }
  }
  push();
  return chunks;
}

/** Plain text escaped and shortened to at most `max` characters, ending in "…" when shortened. */
export function escapeClipped(text: string, max: number): string {
  const whole = escapeMrkdwn(text);
  if (whole.length <= max) return whole;
  const [first = ''] = splitEscaped(text, max - ELLIPSIS.length);
  return first + ELLIPSIS;
}

/**
 * Joins already-escaped lines into chunks of at most `max` characters (separated by `separator`),
 * for packing list entries into as few sections as fit. A single line longer than `max` is
 * clipped with {@link clipEscaped}.
 */
export function packLines(lines: readonly string[], max: number, separator = '\n'): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > max ? clipEscaped(raw, max) : raw;
    if (current && current.length + separator.length + line.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? current + separator + line : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * Shortens already-escaped mrkdwn to at most `max` characters without cutting inside an entity
 * (`&amp;`) or a `<…>` link, ending in "…". The safety net for text assembled from several
 * escaped parts; plain text is better cut with {@link escapeClipped}.
 */
export function clipEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = max - ELLIPSIS.length;
  const openEntity = escaped.lastIndexOf('&', cut);
  if (openEntity >= 0 && !escaped.slice(openEntity, cut).includes(';')) cut = openEntity;
  const openLink = escaped.lastIndexOf('<', cut - 1);
  if (openLink >= 0 && !escaped.slice(openLink, cut).includes('>')) cut = openLink;
  const code = escaped.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return escaped.slice(0, cut).trimEnd() + ELLIPSIS;
}
