import { Client, Events, GatewayIntentBits, RESTEvents, type RESTOptions } from 'discord.js';
import type { Env } from '../../src/config/env.js';
import type { Logger } from '../../src/log/logger.js';
import type { InteractionHandler } from './interaction-handler.js';
import { NO_MENTIONS } from './interaction-handler.js';
import { errorMeta, redactUrl } from './safe-log.js';

/** Discord's REST API, unless DISCORD_API_URL points elsewhere (a proxy, or a fake in tests). */
export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/**
 * A discord.js client for paperbot, not yet logged in. Intents: `Guilds` only — slash commands
 * and buttons arrive as interactions, which need no privileged intent (no message content, no
 * members). The REST base URL is configurable; the gateway URL then comes from its `/gateway/bot`.
 * `rest` overrides REST options (tests shorten retries and rate-limit offsets).
 */
export function createDiscordClient(env: Pick<Env, 'DISCORD_API_URL'>, rest: Partial<RESTOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL, ...rest },
    // A second guard besides the per-message setting: nothing the client sends may ping.
    allowedMentions: NO_MENTIONS,
  });
}

/**
 * Routes interactions to the handler and the client's own trouble to the log. An `error` event
 * without a listener would throw and end the process; with these, a failing shard or a REST
 * outage is logged and the bot stays up (discord.js reconnects shards by itself).
 */
export function attachClient(client: Client, handler: InteractionHandler, logger: Logger): void {
  client.on(Events.InteractionCreate, (interaction) => void handler.handle(interaction));
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
