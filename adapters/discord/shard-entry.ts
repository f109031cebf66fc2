import { loadDotEnv, parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { serve } from '../serve.js';
import { isMainModule, runMain } from './main-module.js';

/**
 * One shard process, spawned by shard.ts's ShardingManager: loads the corpus and serves Discord.
 * discord.js reads the shard id and count (SHARDS, SHARD_COUNT) from the environment the manager
 * sets, so this is an ordinary start.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL ?? 'info');
  // One shard: Discord only; the manager process runs the digest schedule.
  const services = await serve(env, logger, { slack: false, discord: true, digests: false });
  const stop = () => void services.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

if (isMainModule(import.meta.url)) runMain(main);
