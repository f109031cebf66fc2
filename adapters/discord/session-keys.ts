import type { Interaction } from 'discord.js';

/**
 * Session keys: which conversation "show 2", "more" and the core's follow-ups refer to. The core
 * keeps one session per key. Every part is an id Discord gave (guild, channel, user, message),
 * never text a user typed.
 *
 * - a thread is one conversation, shared by everyone in it: `discord:<guild>:thread:<thread>`;
 * - a mention in a channel starts one, kept under the message it was asked in:
 *   `discord:<guild>:<channel>:msg:<message>` (a reply to the bot's answer continues it);
 * - a DM with the bot is one: `discord:dm:<channel>`;
 * - `/paper` outside threads is per channel and person: `discord:<guild|dm>:<channel>:<user>`.
 */

/** A thread (public, private, announcement or forum post). */
export const threadSessionKey = (guild: string, thread: string): string => `discord:${guild}:thread:${thread}`;

/** The conversation a mention in a channel (not a thread) started or continues. */
export const messageSessionKey = (guild: string, channel: string, message: string): string => `discord:${guild}:${channel}:msg:${message}`;

/** A DM channel with the bot, for messages. */
export const dmSessionKey = (channel: string): string => `discord:dm:${channel}`;

/** `/paper` and buttons outside threads: per channel and user (`dm` outside guilds). */
export const slashSessionKey = (guild: string | null, channel: string | null, user: string): string => `discord:${guild ?? 'dm'}:${channel ?? 'none'}:${user}`;

/**
 * The conversation an interaction belongs to: the thread's when used in a thread (so `/paper
 * show 2` there resolves against what the bot last answered in it, whoever asked), else one per
 * channel and user.
 */
export function sessionKey(interaction: Interaction): string {
  if (interaction.guildId && interaction.channelId && interaction.channel?.isThread()) return threadSessionKey(interaction.guildId, interaction.channelId);
  return slashSessionKey(interaction.guildId, interaction.channelId, interaction.user.id);
}
