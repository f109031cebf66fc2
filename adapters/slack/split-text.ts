import { defuseBroadcasts, escapeMrkdwn, rendersBold, type TextRun } from './escape.js';

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
  return splitEscapedRuns([{ text, bold: false }], max);
}

/** A piece of a word as it will be sent, and the plain text it shows (for cutting by characters). */
interface Atom {
  mrkdwn: string;
  plain: string;
}

/**
 * {@link splitEscaped} for text with bold runs (highlighted words): each run is escaped, and a
 * bold run is wrapped in `*…*` where Slack will show it bold ({@link rendersBold}; elsewhere it
 * stays plain rather than show stray asterisks). Chunks break only at whitespace, so a `*…*`
 * pair is never cut across two chunks; a word longer than a whole chunk is cut by characters,
 * and loses its bold.
 */
export function splitEscapedRuns(runs: readonly TextRun[], max: number): string[] {
  const words = mrkdwnWords(runs);
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    const trimmed = current.trim();
    if (trimmed) chunks.push(defuseBroadcasts(trimmed));
    current = '';
  };
  for (const word of words) {
    const escaped = word === SPACE ? ' ' : word.map((atom) => atom.mrkdwn).join('');
    if (current.length + escaped.length <= max) {
      current += escaped;
      continue;
    }
    push();
    if (word === SPACE) continue;
    if (escaped.length <= max) {
      current = escaped;
      continue;
    }
    // One word longer than a whole chunk: cut it by characters, escaping each piece.
    for (const char of word.flatMap((atom) => codePoints(atom.plain))) {
      const piece = escapeMrkdwn(char);
      if (current.length + piece.length > max) push();
      current += piece;
    }
  }
  push();
  return chunks;
}

const SPACE = 'space';

/**
 * The runs as a sequence of words (each a list of escaped atoms, bold ones wrapped) and single
 * spaces for whitespace. Whether a bold run renders bold depends on the escaped characters
 * around it, so every run is escaped first.
 */
function mrkdwnWords(runs: readonly TextRun[]): Array<Atom[] | typeof SPACE> {
  const escaped = runs.map((run) => escapeMrkdwn(run.text));
  const lastChar = (i: number): string | undefined => {
    for (let j = i - 1; j >= 0; j--) if (escaped[j]) return Array.from(escaped[j]!.slice(-2)).pop();
    return undefined;
  };
  const firstChar = (i: number): string | undefined => {
    for (let j = i + 1; j < escaped.length; j++) if (escaped[j]) return String.fromCodePoint(escaped[j]!.codePointAt(0)!);
    return undefined;
  };
  const words: Array<Atom[] | typeof SPACE> = [];
  const addAtom = (atom: Atom) => {
    const last = words[words.length - 1];
    if (last !== undefined && last !== SPACE) last.push(atom);
    else words.push([atom]);
  };
  runs.forEach((run, i) => {
    if (run.bold && rendersBold(escaped[i]!, lastChar(i), firstChar(i))) {
      addAtom({ mrkdwn: `*${escaped[i]}*`, plain: run.text });
      return;
    }
    for (const token of run.text.split(/(\s+)/)) {
      if (!token) continue;
      if (/^\s+$/.test(token)) {
        if (words[words.length - 1] !== SPACE) words.push(SPACE);
      } else {
        addAtom({ mrkdwn: escapeMrkdwn(token), plain: token });
      }
    }
  });
  return words;
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
