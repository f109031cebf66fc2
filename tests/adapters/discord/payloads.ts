import { APP_ID, BOT_USER_ID } from './fake-discord.js';

/**
 * Interaction payloads as the gateway delivers them in INTERACTION_CREATE (API v10), for the
 * `/paper` command, its autocomplete and paperbot's buttons.
 */

export const GUILD_ID = '1400000000000000001';
export const CHANNEL_ID = '1300000000000000001';
export const COMMAND_ID = '1200000000000000000';
export const ASKER = '1500000000000000001';
export const OTHER_USER = '1500000000000000002';

let nextId = 1_600_000_000_000_000_000n;

/** A fresh interaction id and its token (tokens are secrets: tests check they are never logged). */
function identity(): { id: string; token: string } {
  nextId += 1n;
  return { id: String(nextId), token: `itok-${nextId}-SECRET-INTERACTION-TOKEN` };
}

function user(id: string) {
  return { id, username: `user${id.slice(-2)}`, discriminator: '0', global_name: null, avatar: null };
}

function base(type: number, userId: string, where: { guild?: string | null; channel?: string } = {}) {
  const guild = where.guild === undefined ? GUILD_ID : where.guild;
  const channel = where.channel ?? CHANNEL_ID;
  const common = {
    ...identity(),
    type,
    application_id: APP_ID,
    version: 1,
    channel_id: channel,
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (guild === null) {
    return {
      ...common,
      channel: { id: channel, type: 1, recipients: [user(userId)] },
      user: user(userId),
      authorizing_integration_owners: { '0': '0' },
      context: 1,
    };
  }
  return {
    ...common,
    guild_id: guild,
    guild_locale: 'en-US',
    channel:
      channel === THREAD_ID
        ? { id: channel, type: 11, guild_id: guild, parent_id: CHANNEL_ID, name: 'diffusion reading group', permissions: '2248473465835073', flags: 0, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2024-06-23T10:00:00.000000+00:00', locked: false } }
        : { id: channel, type: 0, guild_id: guild, name: 'papers', position: 0, permissions: '2248473465835073', flags: 0 },
    member: {
      user: user(userId),
      roles: [],
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '2248473465835073',
    },
    authorizing_integration_owners: { '0': guild },
    context: 0,
  };
}

type OptionValue = string | number | boolean;

/** `/paper <subcommand> name:value …`. */
export function slashCommand(subcommand: string, options: Record<string, OptionValue> = {}, userId = ASKER, where: { guild?: string | null; channel?: string } = {}) {
  return {
    ...base(2, userId, where),
    data: {
      id: COMMAND_ID,
      name: 'paper',
      type: 1,
      options: [
        {
          type: 1,
          name: subcommand,
          options: Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3, value })),
        },
      ],
    },
  };
}

/** Autocomplete while the user types `typed` into `option` of `/paper <subcommand>`. */
export function autocomplete(subcommand: string, option: string, typed: string, userId = ASKER) {
  return {
    ...base(4, userId),
    data: {
      id: COMMAND_ID,
      name: 'paper',
      type: 1,
      options: [{ type: 1, name: subcommand, options: [{ name: option, type: 3, value: typed, focused: true }] }],
    },
  };
}

/** A click on the button `customId` of a message the bot sent in answer to `ASKER`. */
export function buttonClick(customId: string, userId = ASKER, messageComponents: unknown[] = []) {
  return {
    ...base(3, userId),
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: '1700000000000000001',
      channel_id: CHANNEL_ID,
      type: 20,
      content: '',
      author: { id: APP_ID, username: 'paperbot', discriminator: '0', global_name: null, avatar: null, bot: true },
      embeds: [],
      components: messageComponents,
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: '2024-06-23T10:00:00.000000+00:00',
      edited_timestamp: null,
      flags: 0,
      webhook_id: APP_ID,
      application_id: APP_ID,
      interaction_metadata: { id: '1600000000000000000', type: 2, user: user(ASKER), authorizing_integration_owners: { '0': GUILD_ID }, name: 'paper ask' },
    },
  };
}

/** A public thread in CHANNEL_ID. */
export const THREAD_ID = '1300000000000000002';
/** A DM channel between ASKER and the bot. */
export const DM_CHANNEL_ID = '1300000000000000003';
/** Another bot in the server. */
export const OTHER_BOT = '1500000000000000009';

/** The server as GUILD_CREATE describes it: the text channel CHANNEL_ID and its thread THREAD_ID. */
export function guildCreate() {
  return {
    id: GUILD_ID,
    name: 'papers club',
    icon: null,
    owner_id: OTHER_USER,
    roles: [{ id: GUILD_ID, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '2248473465835073', managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    members: [],
    channels: [{ id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'papers', position: 0, permission_overwrites: [], flags: 0 }],
    threads: [
      {
        id: THREAD_ID,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: CHANNEL_ID,
        owner_id: OTHER_USER,
        name: 'diffusion reading group',
        message_count: 0,
        member_count: 2,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2024-06-23T10:00:00.000000+00:00', locked: false },
        flags: 0,
      },
    ],
    member_count: 3,
    large: false,
    unavailable: false,
  };
}

/** THREAD_CREATE for a public thread in CHANNEL_ID; opened from a message, it has that message's id. */
export function threadCreate(id: string, name = 'follow-ups') {
  return {
    id,
    type: 11,
    guild_id: GUILD_ID,
    parent_id: CHANNEL_ID,
    owner_id: ASKER,
    name,
    message_count: 0,
    member_count: 1,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2024-06-23T10:00:00.000000+00:00', locked: false },
    flags: 0,
    newly_created: true,
  };
}

let nextMessageId = 1_800_000_000_000_000_000n;

/** Where a message is written, and what it refers to. */
export interface MessagePlace {
  /** Default CHANNEL_ID (THREAD_ID for a thread, DM_CHANNEL_ID with `dm`). */
  channel?: string;
  /** A DM with the bot (no guild). */
  dm?: boolean;
  /** The message this one replies to (a full message object, as the gateway embeds it). */
  replyTo?: Record<string, any>;
  /** Users mentioned (ids), as Discord lists them in `mentions`: explicit mentions and the reply ping. */
  mentions?: string[];
  /** Author; default ASKER. */
  author?: string;
  /** The author is a bot. */
  bot?: boolean;
  /** `@everyone`/`@here` pinged (only when the author may). */
  everyone?: boolean;
  /** The channel is a thread (THREAD_ID always is). */
  thread?: boolean;
}

/**
 * MESSAGE_CREATE as the gateway delivers it (API v10). Without the message-content intent
 * Discord sends `content` only for messages that mention the bot and for DMs; the tests give
 * every message its content, so an ignored message is ignored for its own reasons.
 */
export function messageCreate(content: string, place: MessagePlace = {}) {
  nextMessageId += 1n;
  const authorId = place.author ?? ASKER;
  const author = { ...user(authorId), ...(place.bot ? { bot: true } : {}) };
  const channel = place.channel ?? (place.dm ? DM_CHANNEL_ID : CHANNEL_ID);
  const mentioned = (place.mentions ?? []).map((id) => (id === BOT_USER_ID ? botUser() : user(id)));
  return {
    id: String(nextMessageId),
    channel_id: channel,
    ...(place.dm ? { channel_type: 1 } : { guild_id: GUILD_ID, channel_type: place.thread || channel === THREAD_ID ? 11 : 0 }),
    type: place.replyTo ? 19 : 0,
    content,
    author,
    ...(place.dm ? {} : { member: { roles: [], joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0 } }),
    mentions: mentioned,
    mention_roles: [],
    mention_everyone: place.everyone ?? false,
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    tts: false,
    timestamp: '2024-06-23T10:00:00.000000+00:00',
    edited_timestamp: null,
    flags: 0,
    ...(place.replyTo
      ? {
          message_reference: { type: 0, message_id: place.replyTo.id, channel_id: channel, ...(place.dm ? {} : { guild_id: GUILD_ID }) },
          referenced_message: place.replyTo,
        }
      : {}),
  };
}

function botUser() {
  return { id: BOT_USER_ID, username: 'paperbot', discriminator: '0', global_name: null, avatar: null, bot: true };
}
