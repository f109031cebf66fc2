/**
 * A message's text as the question the core expects: the bot's own mentions (`<@id>`, and the
 * legacy nickname form `<@!id>`) removed wherever they stand, whitespace tidied. Other mentions
 * stay as typed; they are user text, escaped when shown and never pinging (allowed_mentions).
 */
export function stripBotMentions(content: string, botId: string): string {
  return content
    .replaceAll(`<@${botId}>`, ' ')
    .replaceAll(`<@!${botId}>`, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
