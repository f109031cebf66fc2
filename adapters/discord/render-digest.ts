import type { APIEmbed } from 'discord.js';
import { describeTopicReading } from '../../src/digest/digest-topic.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { formatDate, primaryLink, sourceFacts } from '../../src/render/format-source.js';
import { DISCORD_LIMITS as L } from './discord-limits.js';
import { defuseMentions, escapeMarkdown, fitLines, maskedLink, oneLine, truncate } from './markdown.js';
import { COLORS } from './render-embeds.js';

/** Room kept in the embed for the footer's count ("3 more did not fit"). */
const FOOTER_BUDGET = 100;
/** More room kept in the embed for the footer's "topic: … · filters: …" (a topic holds at most 500 characters). */
const FOOTER_READING_BUDGET = 900;

/**
 * A digest as one Discord embed: a numbered entry per paper (linked title, date/upvotes, gist),
 * or "Nothing new today". Entries that do not fit the embed limits are left out whole, never cut.
 */
export function renderDigestEmbed(digest: Digest): APIEmbed {
  const day = formatDate({ published: digest.localDate }) ?? digest.localDate;
  const title = oneLine(`Paper digest — ${day}${digest.topic ? ` · ${digest.topic}` : ''}`).slice(0, L.embedTitle);
  // A preview says how the topic's filter words were read; footers are plain text (mentions defused).
  const reading = digest.reading ? defuseMentions(oneLine(describeTopicReading(digest.reading))) : undefined;
  if (digest.items.length === 0) {
    const empty: APIEmbed = { title: escapeMarkdown(title).slice(0, L.embedTitle), description: 'Nothing new today.', color: COLORS.result };
    return reading ? { ...empty, footer: { text: truncate(reading, FOOTER_BUDGET + FOOTER_READING_BUDGET) } } : empty;
  }
  const entries = digest.items.map((item) => {
    const facts = escapeMarkdown(oneLine(sourceFacts(item).join(' · ')));
    return `**${item.n}.** ${maskedLink(item.title, primaryLink(item))}${facts ? ` — ${facts}` : ''}\n${escapeMarkdown(oneLine(item.gist))}`;
  });
  // The footer gets what the description leaves: its count, and a preview's reading of the topic.
  const footerBudget = FOOTER_BUDGET + (digest.reading ? FOOTER_READING_BUDGET : 0);
  const { text, count } = fitLines(entries, Math.min(L.embedDescription, L.embedsTotal - title.length - footerBudget), '\n\n');
  const counted = count < digest.items.length ? `${digest.items.length - count} more did not fit` : `${count} new paper${count === 1 ? '' : 's'}`;
  const footer = { text: truncate(reading ? `${counted} · ${reading}` : counted, Math.min(L.footer, footerBudget)) };
  return { title: escapeMarkdown(title).slice(0, L.embedTitle), description: text, color: COLORS.result, footer };
}
