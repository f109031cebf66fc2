import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShardingManager, recommendedShardCount, SHARD_ENTRY } from '../../../adapters/discord/shard.js';
import { parseEnv } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/errors.js';
import { FakeDiscord } from './fake-discord.js';
import { BOT_TOKEN } from './harness.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

describe('sharding', () => {
  it('asks DISCORD_API_URL (not discord.com) how many shards to run', async () => {
    fake.respond('GET', /^\/gateway\/bot$/, { status: 200, body: { url: 'ws://127.0.0.1:1', shards: 3, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } } });
    expect(await recommendedShardCount(parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl }))).toBe(3);
    expect(fake.find('GET', /^\/gateway\/bot$/).at(-1)!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
  });

  it('runs the shard entry next to shard.js in respawning processes', () => {
    expect(dirname(SHARD_ENTRY)).toBe(dirname(fileURLToPath(new URL('../../../adapters/discord/shard.ts', import.meta.url))));
    expect(basename(SHARD_ENTRY)).toBe('shard-entry.js');
    expect(existsSync(SHARD_ENTRY.replace(/\.js$/, '.ts'))).toBe(true);
    // The manager checks its file exists; the built entry is not there under vitest, so use this file.
    const file = fileURLToPath(import.meta.url);
    const manager = createShardingManager(parseEnv({ DISCORD_TOKEN: BOT_TOKEN }), 2, file);
    expect(manager).toMatchObject({ file, totalShards: 2, mode: 'process', respawn: true, token: BOT_TOKEN });
  });

  it('needs DISCORD_TOKEN', async () => {
    await expect(recommendedShardCount(parseEnv({ DISCORD_API_URL: fake.apiUrl }))).rejects.toThrow(ConfigError);
    expect(() => createShardingManager(parseEnv({}), 1, fileURLToPath(import.meta.url))).toThrow(ConfigError);
  });
});
