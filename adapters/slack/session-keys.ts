/**
 * Session keys: which conversation "show 2" and "more" refer to. The core keeps one session per
 * key; these keys give each Slack thread, each DM, and each person's `/paper` use in a channel
 * its own memory. Every part comes from Slack's signed payload, never from a button value.
 */

/** A channel thread started by (or containing) a mention: `slack:<team>:<channel>:<thread_ts>`. */
export const threadSessionKey = (team: string, channel: string, threadTs: string): string => `slack:${team}:${channel}:${threadTs}`;

/** A direct-message channel with the bot: `slack:<team>:<channel>`. */
export const dmSessionKey = (team: string, channel: string): string => `slack:${team}:${channel}`;

/** `/paper` in a channel, per person: `slack:<team>:<channel>:<user>`. */
export const slashSessionKey = (team: string, channel: string, user: string): string => `slack:${team}:${channel}:${user}`;
