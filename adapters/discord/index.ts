import type { Paperbot } from '../../src/app/paperbot.js';
import type { Env } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { PageStore } from './buttons.js';
import { attachClient, createDiscordClient } from './client.js';
import { InteractionHandler } from './interaction-handler.js';
import { errorMeta, redactingLogger } from './safe-log.js';

export { buildSlashCommandData } from './slash-command-data.js';

/** A running Discord front-end. */
export interface DiscordHandle {
  /** Lets interactions in progress finish, then disconnects. */
  stop(): Promise<void>;
}

/**
 * Serves paperbot on Discord: logs in with DISCORD_TOKEN and answers `/paper` commands,
 * autocomplete and result buttons. Without DISCORD_TOKEN it does nothing (and says so).
 * Under `npm run start:sharded` each shard process calls this; discord.js picks the shard up
 * from the environment the ShardingManager sets.
 *
 * @throws ConfigError when Discord rejects the token.
 */
export async function startDiscord(bot: Paperbot, env: Env, logger: Logger): Promise<DiscordHandle> {
  if (!env.DISCORD_TOKEN) {
    logger.info({}, 'discord: DISCORD_TOKEN is not set; not connecting');
    return { stop: async () => {} };
  }
  const log = redactingLogger(logger, [env.DISCORD_TOKEN]);
  const client = createDiscordClient(env);
  const handler = new InteractionHandler({ bot, logger: log, pages: new PageStore() });
  attachClient(client, handler, log);
  try {
    await client.login(env.DISCORD_TOKEN);
  } catch (error) {
    // login() has destroyed the client already. Never echo the token, only what went wrong.
    log.error({ err: errorMeta(error) }, 'discord: login failed');
    const code = (error as { code?: unknown }).code;
    throw code === 'TokenInvalid'
      ? new ConfigError('DISCORD_TOKEN was rejected by Discord; copy the bot token again from the Developer Portal (Bot → Reset Token).')
      : error;
  }
  return {
    async stop() {
      await handler.idle();
      await client.destroy();
      log.info({}, 'discord: disconnected');
    },
  };
}
