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

/** Escapes plain text for a `mrkdwn` text object (or a message's fallback `text`); see the file comment. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => FORMATTING_LOOKALIKES[c] ?? c)
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, '@' + WORD_JOINER);
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
