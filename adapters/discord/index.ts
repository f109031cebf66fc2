import { Events, type Client } from 'discord.js';
import type { Paperbot } from '../../src/app/paperbot.js';
import type { Env } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';
import { describeNetworkCause, hostOf, networkCause } from '../network-cause.js';
import type { Logger } from '../../src/log/logger.js';
import { PageStore } from './buttons.js';
import { attachClient, createDiscordClient, DEFAULT_DISCORD_API_URL } from './client.js';
import { destroyClient } from './destroy-client.js';
import { InteractionHandler } from './interaction-handler.js';
import { MessageHandler } from './message-handler.js';
import { PostBudgets } from './post-budget.js';
import { errorMeta, redactingLogger } from './safe-log.js';

export { buildSlashCommandData } from './slash-command-data.js';

/** A running Discord front-end. */
export interface DiscordHandle {
  /** Lets interactions in progress finish, then disconnects. */
  stop(): Promise<void>;
}

/** How long a login may take before the attempt counts as failed. Default 60 s. */
export const DISCORD_LOGIN_TIMEOUT_MS = 60_000;

export interface StartDiscordOptions {
  /** Aborts the login (the bot is stopping). */
  signal?: AbortSignal;
  /** Default {@link DISCORD_LOGIN_TIMEOUT_MS}. */
  loginTimeoutMs?: number;
}

/**
 * Serves paperbot on Discord: logs in with DISCORD_TOKEN and answers `/paper` commands,
 * autocomplete, result buttons, and messages that mention the bot (or reply to it) or are DMs. Without DISCORD_TOKEN it does nothing (and says so).
 * Under `npm run start:sharded` each shard process calls this; discord.js picks the shard up
 * from the environment the ShardingManager sets.
 *
 * A gateway that cannot be reached fails the start at once (discord.js itself would try again
 * every 0.5 s without end and never settle the login), so the caller can retry with backoff.
 *
 * @throws ConfigError when Discord rejects the token.
 */
export async function startDiscord(bot: Paperbot, env: Env, logger: Logger, options: StartDiscordOptions = {}): Promise<DiscordHandle> {
  if (!env.DISCORD_TOKEN) {
    logger.info({}, 'discord: DISCORD_TOKEN is not set; not connecting');
    return { stop: async () => {} };
  }
  const log = redactingLogger(logger, [env.DISCORD_TOKEN]);
  const budgets = new PostBudgets();
  const client = createDiscordClient(env, {}, budgets);
  const pages = new PageStore();
  const handler = new InteractionHandler({ bot, logger: log, pages });
  const messages = new MessageHandler({ bot, logger: log, pages, budgets });
  attachClient(client, handler, log, messages);
  try {
    await loginOnce(client, env.DISCORD_TOKEN, options);
  } catch (error) {
    await destroyClient(client).catch(() => undefined);
    // The details, token never included; the caller logs the failure itself (and retries).
    log.debug({ err: errorMeta(error) }, 'discord: login failed');
    const code = (error as { code?: unknown }).code;
    if (code === 'TokenInvalid') {
      throw new ConfigError('DISCORD_TOKEN was rejected by Discord; copy the bot token again from the Developer Portal (Bot → Reset Token).');
    }
    // "fetch failed" names neither the host nor the cause: say both (the supervisor retries).
    if (networkCause(error)) {
      const host = hostOf(env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL);
      throw new Error(`Discord's API at ${host} could not be reached to log in (${describeNetworkCause(error)}): check the network, a proxy, or DISCORD_API_URL`, { cause: error });
    }
    throw error;
  }
  return {
    async stop() {
      await Promise.all([handler.idle(), messages.idle()]);
      await destroyClient(client);
      log.info({}, 'discord: disconnected');
    },
  };
}

/** The login, failed early by a gateway that drops the connection before READY, a timeout or the signal. */
function loginOnce(client: Client, token: string, options: StartDiscordOptions): Promise<void> {
  const timeoutMs = options.loginTimeoutMs ?? DISCORD_LOGIN_TIMEOUT_MS;
  return new Promise<void>((resolve, reject) => {
    const cleanups: Array<() => void> = [];
    const settle = (error?: Error) => {
      for (const cleanup of cleanups) cleanup();
      if (error) reject(error);
      else resolve();
    };
    const onReconnecting = () => settle(new Error('the Discord gateway closed the connection before the session was ready (is it reachable?)'));
    client.once(Events.ShardReconnecting, onReconnecting);
    cleanups.push(() => client.off(Events.ShardReconnecting, onReconnecting));
    const timer = setTimeout(() => settle(new Error(`no Discord session within ${timeoutMs / 1000} s of logging in`)), timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    if (options.signal) {
      const onAbort = () => settle(new Error('the bot is stopping'));
      if (options.signal.aborted) return onAbort();
      options.signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => options.signal!.removeEventListener('abort', onAbort));
    }
    client.login(token).then(
      () => settle(),
      (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
    );
  });
}
