import { highlightSegments } from '../../src/answer/highlight.js';

/**
 * Making untrusted text (paper titles and abstracts, users' questions) safe to put in Slack
 * `mrkdwn`: it must never ping anyone, link anywhere we did not choose, or change formatting.
 *
 * Slack's only control syntax is `<…>` (mentions, links) and `&amp;`/`&lt;`/`&gt;`, so escaping
 * `&`, `<` and `>` removes every mention and link (`<!channel>`, `<@U…>`, `<#C…>`,
 * `<!subteam^…>`). What escaping cannot do is stop `*bold*`, `_italic_`, `~strike~` and `` `code` ``,
 * since mrkdwn has no escape character: those four characters are replaced by look-alikes that
 * Slack does not parse (a quote stays readable and visually the same). Text objects are also sent
 * with `verbatim: true` (see render-blocks.ts), so Slack does not auto-link `@here` or `#channel`;
 * a word joiner after the `@` of `@channel`/`@here`/`@everyone` keeps the fallback `text` and
 * notifications inert as well.
 */

/** mrkdwn formatting characters and the look-alikes that replace them in untrusted text. */
const FORMATTING_LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02cd', // ˍ modifier letter low macron
  '~': '\u223c', // ∼ tilde operator
  '`': '\u02cb', // ˋ modifier letter grave accent
};

const WORD_JOINER = '\u2060';

/**
 * Characters that are invisible but change how text around them reads: C0/C1 controls (other
 * than whitespace, which is collapsed anyway) and bidirectional overrides (which could reverse
 * the bot's own text after a title).
 */
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text on one line: controls removed, whitespace runs (newlines too) collapsed. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** A piece of plain (untrusted) text, to be shown bold or not. */
export interface TextRun {
  text: string;
  bold: boolean;
}

const INVISIBLE_CONTROL = new RegExp(INVISIBLE_CONTROLS.source);
const WHITESPACE = /\s/;

/**
 * {@link cleanText} for text with highlighted ranges (`[start, end)` of the original text): the
 * runs join into exactly `cleanText(text)`, with the highlighted words bold. Ranges are applied to
 * the original text before anything is removed or collapsed, so they stay on their words; a
 * space at the edge of a highlight is left outside it (bold cannot start or end with a space).
 */
export function cleanRuns(text: string, highlights: ReadonlyArray<readonly [number, number]> | undefined): TextRun[] {
  const runs: TextRun[] = [];
  const append = (chunk: string, bold: boolean) => {
    const last = runs[runs.length - 1];
    if (last?.bold === bold) last.text += chunk;
    else runs.push({ text: chunk, bold });
  };
  let pendingSpace = false;
  let lastSegment = -1;
  highlightSegments(text, highlights).forEach((segment, index) => {
    for (const char of segment.text) {
      if (INVISIBLE_CONTROL.test(char)) continue;
      if (WHITESPACE.test(char)) {
        pendingSpace = runs.length > 0;
        continue;
      }
      // A space is bold only inside one highlighted range ("*diffusion sampling*").
      if (pendingSpace) append(' ', segment.highlighted && lastSegment === index);
      pendingSpace = false;
      append(char, segment.highlighted);
      lastSegment = index;
    }
  });
  return runs;
}

/** Escapes plain text for a `mrkdwn` text object (or a message's fallback `text`); see the file comment. */
export function escapeMrkdwn(text: string): string {
  return defuseBroadcasts(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[*_~`]/g, (c) => FORMATTING_LOOKALIKES[c] ?? c),
  );
}

/**
 * A word joiner after the `@` of `@channel`, `@here`, `@everyone` (also when paperbot's own bold
 * marker follows the `@`). Run again on mrkdwn assembled from pieces escaped one by one, where
 * the `@` and the word may have been in different pieces; idempotent.
 */
export function defuseBroadcasts(mrkdwn: string): string {
  return mrkdwn.replace(/@(?=\*?(?:channel|here|everyone)\b)/gi, '@' + WORD_JOINER);
}

/** Letters and digits (and combining marks): Slack does not bold a run that touches one of these. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Characters after which an opening `*` still starts bold (besides whitespace and the start). */
const BOLD_MAY_FOLLOW = new Set(['(', '[', '{', '"', "'"]);
/**
 * Characters before which a closing `*` still ends bold (besides whitespace and the end), as
 * tested in Slack: not `` ` `` `@` `&` `*` `(` `_` `|` `\\` `<` `>`, nor non-ASCII punctuation.
 */
const BOLD_MAY_PRECEDE = new Set([...'!#$%^)-+={}[];:\'",.?/~']);

/**
 * Whether Slack renders `*escaped*` as bold where it stands, between the characters `before` and
 * `after` (undefined at the start or end of the text). mrkdwn bold needs a non-space right inside
 * each `*`, and is not applied inside a word or next to most punctuation, where the `*` would
 * show as text. Decided conservatively: a run that is not sure to bold is left plain.
 */
export function rendersBold(escaped: string, before: string | undefined, after: string | undefined): boolean {
  const first = escaped.codePointAt(0);
  const last = Array.from(escaped.slice(-2)).pop();
  if (first === undefined || last === undefined || escaped.includes('*')) return false;
  if (!/[\p{L}\p{N}]/u.test(String.fromCodePoint(first)) || !WORD_CHAR.test(last)) return false;
  const opens = before === undefined || WHITESPACE.test(before) || BOLD_MAY_FOLLOW.has(before);
  const closes = after === undefined || WHITESPACE.test(after) || BOLD_MAY_PRECEDE.has(after);
  return opens && closes;
}

/** Longest link target we put in a message; longer links are left off rather than cut. */
export const MAX_LINK_URL_CHARS = 500;

/**
 * A link target safe inside `<url|label>`: http(s) only, normalised by the URL parser (which
 * percent-encodes spaces, quotes and angle brackets), `|` percent-encoded since it ends the URL
 * part, `&` escaped as Slack requires. Undefined for anything else (`javascript:`, garbage, too long).
 */
export function safeLinkUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const href = url.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  if (href.length > MAX_LINK_URL_CHARS) return undefined;
  return href.replace(/&/g, '&amp;');
}

/** `<url|label>` when the URL is safe, else just the escaped label. The label is plain text. */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safe = url === undefined ? undefined : safeLinkUrl(url);
  return safe ? `<${safe}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label);
}
