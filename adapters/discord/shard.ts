import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type APIGatewayBotInfo, type RESTOptions } from 'discord.js';
import { loadDotEnv, parseEnv, type Env } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';
import { createLogger, type Logger } from '../../src/log/logger.js';
import { DEFAULT_DISCORD_API_URL } from './client.js';
import { serve } from '../serve.js';
import { isMainModule, runMain } from './main-module.js';
import { errorMeta, redactingLogger } from './safe-log.js';

/** The script each shard process runs (built next to this file). */
export const SHARD_ENTRY = fileURLToPath(new URL('./shard-entry.js', import.meta.url));

/**
 * How many shards Discord recommends for this bot (`GET /gateway/bot`), asked through
 * DISCORD_API_URL. discord.js's own `totalShards: 'auto'` always asks discord.com, so the count
 * is fetched here and handed to the ShardingManager as a number.
 */
export async function recommendedShardCount(env: Env, rest: Partial<RESTOptions> = {}): Promise<number> {
  if (!env.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN is required to run shards.');
  const client = new REST({ api: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL, ...rest }).setToken(env.DISCORD_TOKEN);
  try {
    const info = (await client.get(Routes.gatewayBot())) as APIGatewayBotInfo;
    return Math.max(1, info.shards);
  } finally {
    client.clearHashSweeper();
    client.clearHandlerSweeper();
  }
}

/**
 * A ShardingManager running `totalShards` processes of {@link SHARD_ENTRY} (each loads the corpus
 * and calls startDiscord); a shard that dies is respawned. The manager hands each process its
 * shard id, the shard count and the token through the environment.
 */
export function createShardingManager(env: Env, totalShards: number, file: string = SHARD_ENTRY): ShardingManager {
  if (!env.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN is required to run shards.');
  return new ShardingManager(file, { token: env.DISCORD_TOKEN, totalShards, mode: 'process', respawn: true });
}

/** Spawns every shard, one after another (Discord allows one login per 5 seconds per bucket). */
export async function startSharded(env: Env, logger: Logger): Promise<ShardingManager> {
  const log = redactingLogger(logger, [env.DISCORD_TOKEN]);
  const total = await recommendedShardCount(env);
  const manager = createShardingManager(env, total);
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, of: total }, 'discord: shard spawned');
    shard.on('death', () => log.warn({ shard: shard.id }, 'discord: shard process exited; respawning'));
    shard.on('error', (error) => log.error({ shard: shard.id, err: errorMeta(error) }, 'discord: shard error'));
  });
  // Each shard loads the corpus before it logs in, so allow it more than the default 30 s.
  await manager.spawn({ timeout: 120_000 });
  return manager;
}

/** `npm run start:sharded`. */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL ?? 'info');
  const manager = await startSharded(env, logger);
  // Digests are posted from this one process, never from the shards, so a sharded bot still
  // posts each digest once (the store's claims guard against other instances as well).
  const digests = await serve(env, logger, { slack: false, discord: false, digests: true });
  const stop = () => {
    for (const shard of manager.shards.values()) shard.kill();
    void digests.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

if (isMainModule(import.meta.url)) runMain(main);
