import { Client, Events, GatewayIntentBits, Partials, RESTEvents, type RESTOptions } from 'discord.js';
import type { Env } from '../../src/config/env.js';
import type { Logger } from '../../src/log/logger.js';
import type { InteractionHandler } from './interaction-handler.js';
import { NO_MENTIONS } from './interaction-handler.js';
import type { MessageHandler } from './message-handler.js';
import { PostBudgets } from './post-budget.js';
import { errorMeta, redactUrl } from './safe-log.js';

/** Discord's REST API, unless DISCORD_API_URL points elsewhere (a proxy, or a fake in tests). */
export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/**
 * The gateway intents paperbot asks for. None is privileged — never `MessageContent`,
 * `GuildMembers` or `GuildPresences`:
 * - `Guilds`: servers, channels and threads (the cache the other events resolve against);
 * - `GuildMessages`, `DirectMessages`: message events. Without the message-content intent
 *   Discord still delivers the content of messages that mention the bot (a reply with the
 *   reply ping on counts) and of DMs — exactly the messages paperbot answers; others arrive
 *   with empty content and are ignored.
 * Slash commands and buttons arrive as interactions, which need no intent at all.
 */
export const GATEWAY_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/**
 * A discord.js client for paperbot, not yet logged in, with {@link GATEWAY_INTENTS}. The REST
 * base URL is configurable; the gateway URL then comes from its `/gateway/bot`. `rest` overrides
 * REST options (tests shorten retries and rate-limit offsets). `budgets`: the time budgets of the
 * channel posts under way (message replies); a rate-limit wait that would overrun one fails the
 * post instead (default: a store of its own, then nothing is budgeted).
 */
export function createDiscordClient(env: Pick<Env, 'DISCORD_API_URL'>, rest: Partial<RESTOptions> = {}, budgets: PostBudgets = new PostBudgets()): Client {
  return new Client({
    intents: [...GATEWAY_INTENTS],
    // DM channels are not in the cache until a DM arrives; without this its message is dropped.
    partials: [Partials.Channel],
    rest: { api: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL, rejectOnRateLimit: (info) => budgets.wouldOverrun(info), ...rest },
    // A second guard besides the per-message setting: nothing the client sends may ping.
    allowedMentions: NO_MENTIONS,
  });
}

/**
 * Routes interactions and messages to their handlers and the client's own trouble to the log. An `error` event
 * without a listener would throw and end the process; with these, a failing shard or a REST
 * outage is logged and the bot stays up (discord.js reconnects shards by itself).
 */
export function attachClient(client: Client, handler: InteractionHandler, logger: Logger, messages?: MessageHandler): void {
  client.on(Events.InteractionCreate, (interaction) => void handler.handle(interaction));
  if (messages) client.on(Events.MessageCreate, (message) => void messages.handle(message));
  client.on(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, application: ready.application.id, guilds: ready.guilds.cache.size, shards: ready.shard?.ids }, 'discord: connected');
  });
  client.on(Events.Error, (error) => logger.error({ err: errorMeta(error) }, 'discord: client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord: warning'));
  client.on(Events.ShardError, (error, shard) => logger.error({ shard, err: errorMeta(error) }, 'discord: shard error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'discord: shard disconnected'));
  // discord.js retries a lost gateway every 0.5 s: one line a minute says so, with the count.
  // Before the first READY a reconnect fails the login instead (startDiscord), logged by its caller.
  const reconnecting = throttled(60_000);
  client.on(Events.ShardReconnecting, (shard) => client.isReady() && reconnecting((suppressed) => logger.info({ shard, ...(suppressed ? { suppressed } : {}) }, 'discord: shard reconnecting')));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'discord: shard resumed'));
  client.on(Events.Invalidated, () => logger.error({}, 'discord: session invalidated'));
  // The REST client waits out 429s and retries 5xx by itself; these only say that it happened.
  client.rest.on(RESTEvents.RateLimited, (info) => {
    logger.warn({ route: info.route, method: info.method, retryAfter: info.retryAfter, global: info.global, scope: info.scope, url: redactUrl(info.url) }, 'discord: rate limited');
  });
  client.rest.on(RESTEvents.InvalidRequestWarning, (info) => logger.warn({ count: info.count, remainingTime: info.remainingTime }, 'discord: many invalid requests'));
}

/** Runs `log` at most once per `everyMs`, passing how many calls were dropped since the last one. */
export function throttled(everyMs: number, now: () => number = Date.now): (log: (suppressed: number) => void) => void {
  let last = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (log) => {
    if (now() - last < everyMs) {
      suppressed += 1;
      return;
    }
    last = now();
    log(suppressed);
    suppressed = 0;
  };
}
