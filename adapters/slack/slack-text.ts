/**
 * Incoming Slack text (a mention, a DM, `/paper …`) as the plain question the core expects.
 * Slack sends `&`, `<`, `>` as entities and mentions/links as `<…>` markup; the core should see
 * what the user saw ("@here", "#general", a link's label), and whatever comes back out is
 * escaped again on the way (escape.ts) — so nothing a user types can reach the output as markup.
 */

/** `<@UBOT>` or `<@UBOT|name>`: the bot's own mention, dropped from questions. */
function ownMention(botUserId: string): RegExp {
  return new RegExp(`<@${botUserId.replace(/[^A-Za-z0-9]/g, '')}(?:\\|[^>]*)?>`, 'g');
}

/** One `<…>` markup span as the text Slack displays for it. */
function displayText(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : undefined;
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!everyone>, <!subteam^S123|@team>, <!date^…|fallback>
    if (label) return label.startsWith('@') || target.startsWith('!date') ? label : `@${label}`;
    const name = target.slice(1).split('^')[0] ?? '';
    return name === 'subteam' ? `@${target.split('^')[1] ?? 'team'}` : `@${name}`;
  }
  return label ?? target;
}

/**
 * Slack message text as plain text: markup replaced by what it displays, entities decoded,
 * the bot's own mention removed (when its user id is known), whitespace tidied.
 *
 * @example slackTextToPlain('<@UBOT> what is &lt;this&gt; <!here>', 'UBOT') // 'what is <this> @here'
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  let plain = botUserId ? text.replace(ownMention(botUserId), ' ') : text;
  plain = plain.replace(/<([^<>]*)>/g, (_match, inner: string) => displayText(inner));
  // Decode after the markup is gone, &amp; last, so "&amp;lt;" stays the text "&lt;".
  plain = plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return plain.replace(/[ \t]+/g, ' ').trim();
}
