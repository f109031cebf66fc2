import { DiscordAPIError, HTTPError, MessageReferenceType, MessageType, RateLimitError, type AnyThreadChannel, type Message, type User } from 'discord.js';
import type { Paperbot } from '../../src/app/paperbot.js';
import type { Conversation } from '../../src/commands/command.js';
import type { CommandResult } from '../../src/commands/results.js';
import { firstPaperLink } from '../../src/corpus/arxiv-link.js';
import type { Logger } from '../../src/log/logger.js';
import { PageStore } from './buttons.js';
import { NO_MENTIONS } from './interaction-handler.js';
import { stripBotMentions } from './mention-text.js';
import { PostBudgets } from './post-budget.js';
import { renderNotice } from './render-embeds.js';
import { FAILED_NOTICE, renderForConversation, replyBody } from './reply-body.js';
import { errorMeta } from './safe-log.js';
import { dmSessionKey, messageSessionKey, slashSessionKey, threadSessionKey } from './session-keys.js';
import { InFlight } from './in-flight.js';

/**
 * How long one reply may take in all, rate-limit waits included, before it is given up. A
 * channel that keeps answering 429 must not hold a handler (and the shutdown that waits for it)
 * for ever. Default 30 s.
 */
export const MESSAGE_REPLY_BUDGET_MS = 30_000;

/** What a message reply needs in a channel (interaction replies need none of them). */
export const REPLY_PERMISSIONS = 'View Channel, Send Messages, Send Messages in Threads, Embed Links and Read Message History';

/** Discord's "Missing Access" and "Missing Permissions" error codes. */
const MISSING_ACCESS_CODES: ReadonlySet<number> = new Set([50001, 50013]);

export interface MessageHandlerOptions {
  bot: Paperbot;
  logger: Logger;
  /** Page requests behind "More results" buttons; share the interaction handler's. Default: a new store. */
  pages?: PageStore;
  /**
   * The reply budgets the client's REST `rejectOnRateLimit` hook reads (createDiscordClient).
   * Default: a store of its own, which then limits nothing.
   */
  budgets?: PostBudgets;
  /** Default {@link MESSAGE_REPLY_BUDGET_MS}. */
  replyBudgetMs?: number;
}

/** Where a message's conversation lives, and where it came from when it continues another. */
interface ConversationKeys {
  key: string;
  /** The conversation a reply to the bot continues: its session is copied to `key` first. */
  from?: string;
}

/**
 * Messages addressed to the bot: a mention (`<@bot>`, or a reply to the bot's message with the
 * reply ping on) in a server, or any message in a DM. These are the messages whose content
 * Discord delivers without the privileged message-content intent; every other message arrives
 * with empty content and is ignored here.
 *
 * The text, the bot's mentions removed, goes to the core as a chat line (a question, "show 2",
 * "only 2024" …); a message that holds a paper link among other words gets the link preview.
 * The answer is a reply to the message, with the same embeds and buttons as `/paper`. Nothing
 * thrown escapes to the client.
 */
export class MessageHandler {
  private readonly bot: Paperbot;
  private readonly logger: Logger;
  private readonly pages: PageStore;
  private readonly budgets: PostBudgets;
  private readonly replyBudgetMs: number;
  private readonly inFlight = new InFlight();

  constructor(options: MessageHandlerOptions) {
    this.bot = options.bot;
    this.logger = options.logger;
    this.pages = options.pages ?? new PageStore();
    this.budgets = options.budgets ?? new PostBudgets();
    this.replyBudgetMs = options.replyBudgetMs ?? MESSAGE_REPLY_BUDGET_MS;
  }

  /** Handles one message (answers it, or ignores it). Never rejects. */
  handle(message: Message): Promise<void> {
    return this.inFlight.track(this.dispatch(message).catch((error: unknown) => this.fail(message, error)));
  }

  /** Resolves once every message being handled is done (for tests and a clean shutdown). */
  idle(): Promise<void> {
    return this.inFlight.idle();
  }

  private async dispatch(message: Message): Promise<void> {
    const me = message.client.user;
    if (!me || !this.addressedToBot(message, me)) return;
    const botId = me.id;
    const text = stripBotMentions(message.content, botId);
    const { key, from } = await this.conversationKeys(message, botId);
    const conversation: Conversation = { platform: 'discord', channel: message.channelId };
    // A reply continues the conversation it answers: read from there, saved under this message's key.
    const options = from ? { continueFrom: from } : {};
    const link = firstPaperLink(text);
    const result = link ? await this.bot.run('link', { url: link }, key, conversation, options) : await this.bot.runText(text, key, conversation, options);
    await this.reply(message, result, key);
  }

  /**
   * Whether the bot should answer: people only (no bots, webhooks or system messages, so two bots
   * never answer each other), and in a server only when the bot itself is mentioned — by name or
   * by the reply ping. `@everyone`, `@here` and role mentions do not count.
   */
  private addressedToBot(message: Message, me: User): boolean {
    if (message.author.bot || message.author.id === me.id || message.webhookId || message.system) return false;
    if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return false;
    if (!message.inGuild()) return true;
    // The User itself, not its id: `has` resolves an id through the user cache only.
    return message.mentions.has(me, { ignoreEveryone: true, ignoreRoles: true });
  }

  /**
   * The conversation a message belongs to (see session-keys.ts). A reply to the bot's answer R
   * outside a thread continues the conversation R belonged to; so does a thread opened from R,
   * until it has a conversation of its own.
   */
  private async conversationKeys(message: Message, botId: string): Promise<ConversationKeys> {
    if (!message.inGuild()) return { key: dmSessionKey(message.channelId) };
    if (message.channel.isThread()) {
      const key = threadSessionKey(message.guildId, message.channelId);
      const from = await this.threadOrigin(message.channel, key, botId);
      return from ? { key, from } : { key };
    }
    const key = messageSessionKey(message.guildId, message.channelId, message.id);
    const reference = message.reference;
    if (!reference?.messageId || (reference.type ?? MessageReferenceType.Default) !== MessageReferenceType.Default) return { key };
    // The referenced message usually came with the event (cached); else it is fetched. A deleted
    // or unreadable one just means a new conversation.
    const answered = await message.fetchReference().catch(() => undefined);
    if (!answered || answered.channelId !== message.channelId) return { key };
    const from = answeredConversation(answered, botId);
    return from ? { key, from } : { key };
  }

  /**
   * The conversation a thread opened from one of the bot's answers continues ("Create Thread" on
   * the answer: the thread's id is the answer's), asked only while the thread has none of its own.
   */
  private async threadOrigin(thread: AnyThreadChannel, key: string, botId: string): Promise<string | undefined> {
    if (!thread.parentId || (await this.bot.hasConversation(key))) return undefined;
    const starter = await thread.fetchStarterMessage().catch(() => null);
    return starter ? answeredConversation(starter, botId) : undefined;
  }

  /**
   * Replies to the message: the result's embeds and buttons (for its author), pinging nobody —
   * not even the author (the reply is shown under their message anyway). Help and errors, which
   * `/paper` shows privately, are posted too: a message reply cannot be ephemeral. A deleted
   * message is answered without the reference (`failIfNotExists: false`).
   */
  private async reply(message: Message, result: CommandResult, key: string): Promise<void> {
    const rendered = await renderForConversation(this.bot, result, key);
    const body = replyBody(rendered, message.author.id, this.pages, (problems) => {
      this.logger.error({ ...describe(message), problems }, 'discord: rendered message breaks Discord limits');
    });
    await this.send(message, body);
  }

  private async send(message: Message, body: object): Promise<void> {
    const budget = this.budgets.begin(message.channelId, this.replyBudgetMs);
    try {
      await message.reply({ ...body, allowedMentions: { ...NO_MENTIONS, repliedUser: false }, failIfNotExists: false });
    } finally {
      budget.end();
    }
  }

  /** Logs a failure and tells the asker (best effort: the failure may be that nothing can be posted). */
  private async fail(message: Message, error: unknown): Promise<void> {
    this.logger.error({ ...describe(message), err: errorMeta(error) }, 'discord: message failed');
    if (error instanceof DiscordAPIError && MISSING_ACCESS_CODES.has(Number(error.code))) {
      this.logger.warn({ ...describe(message) }, `discord: cannot reply in this channel; give the bot ${REPLY_PERMISSIONS} there (docs/discord.md)`);
    }
    // Discord refused or rate limited the reply itself: a second post would fare no better.
    if (error instanceof DiscordAPIError || error instanceof HTTPError || error instanceof RateLimitError) return;
    try {
      await this.send(message, { embeds: renderNotice(FAILED_NOTICE).embeds, components: [] });
    } catch (second) {
      this.logger.warn({ ...describe(message), err: errorMeta(second) }, 'discord: could not report the failure to the user');
    }
  }
}

/**
 * The conversation one of the bot's messages answered: the message it replied to (its reference),
 * or, for a `/paper` answer, the asker's `/paper` conversation in that channel. Undefined for
 * anyone else's message.
 */
function answeredConversation(answer: Message, botId: string): string | undefined {
  if (answer.author.id !== botId || !answer.guildId) return undefined;
  const trigger = answer.reference?.messageId;
  if (trigger) return messageSessionKey(answer.guildId, answer.reference?.channelId ?? answer.channelId, trigger);
  const asker = answer.interactionMetadata?.user.id;
  return asker ? slashSessionKey(answer.guildId, answer.channelId, asker) : undefined;
}

/** Identifies a message in logs: ids only (its text is the user's, and not needed to debug). */
function describe(message: Message): Record<string, unknown> {
  return { message: message.id, guild: message.guildId, channel: message.channelId, user: message.author.id };
}
