import { GatewayIntentBits } from 'discord.js';
import { GATEWAY_INTENTS } from '../../../adapters/discord/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { parseEnv } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/errors.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { FakeDiscord } from './fake-discord.js';
import { BOT_TOKEN, recordingLogger, rejection } from './harness.js';
import { DM_CHANNEL_ID, messageCreate, slashCommand } from './payloads.js';
import { freePort } from '../helpers/main-process.js';

/**
 * startDiscord as src/main.ts calls it, against a fake Discord: REST for /gateway/bot, then a
 * real WebSocket gateway session (HELLO, IDENTIFY, READY), then an interaction dispatched over it.
 */

let fake: FakeDiscord;
let bot: Paperbot;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  bot = new Paperbot(PaperIndex.build([{ id: 'p1', title: 'Fast Diffusion Sampling', abstract: 'We make diffusion sampling fast.', links: [], sources: [] }]));
});
afterAll(async () => {
  await fake?.close();
});

describe('startDiscord', () => {
  it('logs in with Guilds, GuildMessages and DirectMessages — no privileged intent — answers interactions and DMs from the gateway, and stops cleanly', async () => {
    const logs = recordingLogger();
    const discord = await startDiscord(bot, parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl }), logs);
    try {
      const gateway = fake.find('GET', /^\/gateway\/bot$/);
      expect(gateway).toHaveLength(1);
      expect(gateway[0]!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
      await fake.waitForIdentify();
      const identify = fake.gatewayFrames.find((f) => f.op === 2);
      expect(identify.d).toMatchObject({ token: BOT_TOKEN, intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages, shard: [0, 1] });
      // Message content (1 << 15), members (1 << 1) and presences (1 << 8) are privileged: never asked for.
      const privileged = (1 << 15) | (1 << 1) | (1 << 8);
      expect(identify.d.intents & privileged).toBe(0);
      expect(GatewayIntentBits.MessageContent).toBe(1 << 15);
      expect(GATEWAY_INTENTS).not.toContain(GatewayIntentBits.MessageContent);

      const raw = slashCommand('help');
      fake.dispatch('INTERACTION_CREATE', raw);
      const callback = await fake.waitFor((r) => r.path === `/interactions/${raw.id}/${raw.token}/callback`);
      expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });

      // A DM over the gateway: its channel is not cached (Partials.Channel makes it), and it is answered.
      const dm = messageCreate('fast diffusion sampling', { dm: true });
      fake.dispatch('MESSAGE_CREATE', dm);
      const reply = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${DM_CHANNEL_ID}/messages`);
      expect(reply.body).toMatchObject({ message_reference: { message_id: dm.id }, allowed_mentions: { parse: [], replied_user: false } });
      expect(reply.body.embeds[0].title).toBe('fast diffusion sampling');
    } finally {
      await discord.stop();
    }
    expect(logs.records.map((r) => r.message)).toEqual(expect.arrayContaining(['discord: connected', 'discord: disconnected']));
    expect(logs.text()).not.toContain(BOT_TOKEN);
  });

  it('does nothing without DISCORD_TOKEN', async () => {
    fake.reset();
    const logs = recordingLogger();
    const discord = await startDiscord(bot, parseEnv({ DISCORD_API_URL: fake.apiUrl }), logs);
    await discord.stop();
    expect(fake.requests).toEqual([]);
    expect(logs.records).toEqual([{ level: 'info', meta: {}, message: 'discord: DISCORD_TOKEN is not set; not connecting' }]);
  });

  it('fails with a ConfigError when Discord rejects the token, without echoing it', async () => {
    fake.respond('GET', /^\/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const logs = recordingLogger();
    const error = await rejection(startDiscord(bot, parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl }), logs));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^DISCORD_TOKEN was rejected by Discord/);
    expect(error.message + logs.text()).not.toContain(BOT_TOKEN);
  });

  it('fails at once, not after discord.js\'s endless 0.5 s reconnects, when the gateway refuses the connection (issue 11)', async () => {
    fake.reset();
    const closedPort = await freePort();
    fake.respond('GET', /^\/gateway\/bot$/, { status: 200, body: { url: `ws://127.0.0.1:${closedPort}`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } });
    const logs = recordingLogger();
    const error = await startDiscord(bot, parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl }), logs, { loginTimeoutMs: 60_000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('the Discord gateway closed the connection before the session was ready (is it reachable?)');
    expect(logs.text()).not.toContain(BOT_TOKEN);
  });

  it('names the host and the cause when Discord\'s API cannot be reached (no "fetch failed" alone), and is retried rather than refused', async () => {
    const closedPort = await freePort();
    const logs = recordingLogger();
    const error = await rejection(
      startDiscord(bot, parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: `http://127.0.0.1:${closedPort}/api` }), logs, { loginTimeoutMs: 20_000 }),
    );
    expect(error).not.toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`Discord's API at 127.0.0.1:${closedPort} could not be reached to log in (ECONNREFUSED`);
    expect(error.message).not.toContain(BOT_TOKEN);
  });

  it('gives up a login that the bot\'s stop aborts', async () => {
    fake.reset();
    const controller = new AbortController();
    controller.abort();
    const error = await startDiscord(bot, parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl }), recordingLogger(), { signal: controller.signal }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('the bot is stopping');
  });
});
