import type { APIEmbed } from 'discord.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { formatDate, primaryLink, sourceFacts } from '../../src/render/format-source.js';
import { DISCORD_LIMITS as L } from './discord-limits.js';
import { escapeMarkdown, fitLines, maskedLink, oneLine } from './markdown.js';
import { COLORS } from './render-embeds.js';

/**
 * A digest as one Discord embed: a numbered entry per paper (linked title, date/upvotes, gist),
 * or "Nothing new today". Entries that do not fit the embed limits are left out whole, never cut.
 */
export function renderDigestEmbed(digest: Digest): APIEmbed {
  const day = formatDate({ published: digest.localDate }) ?? digest.localDate;
  const title = oneLine(`Paper digest — ${day}${digest.topic ? ` · ${digest.topic}` : ''}`).slice(0, L.embedTitle);
  if (digest.items.length === 0) {
    return { title: escapeMarkdown(title).slice(0, L.embedTitle), description: 'Nothing new today.', color: COLORS.result };
  }
  const entries = digest.items.map((item) => {
    const facts = escapeMarkdown(oneLine(sourceFacts(item).join(' · ')));
    return `**${item.n}.** ${maskedLink(item.title, primaryLink(item))}${facts ? ` — ${facts}` : ''}\n${escapeMarkdown(oneLine(item.gist))}`;
  });
  const { text, count } = fitLines(entries, Math.min(L.embedDescription, L.embedsTotal - title.length - 100), '\n\n');
  const footer = count < digest.items.length ? { text: `${digest.items.length - count} more did not fit` } : { text: `${count} new paper${count === 1 ? '' : 's'}` };
  return { title: escapeMarkdown(title).slice(0, L.embedTitle), description: text, color: COLORS.result, footer };
}
