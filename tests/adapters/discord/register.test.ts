import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../adapters/discord/register.js';
import { buildSlashCommandData } from '../../../adapters/discord/slash-command-data.js';
import { SlashCommandDataError } from '../../../adapters/discord/validate-command-data.js';
import { parseEnv } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/errors.js';
import { APP_ID, FakeDiscord } from './fake-discord.js';
import { BOT_TOKEN, recordingLogger, rejection } from './harness.js';
import { GUILD_ID } from './payloads.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

const env = (extra: Record<string, string> = {}) => parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl, ...extra });
const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

describe('npm run discord:register', () => {
  it('PUTs the validated /paper command to one guild with DISCORD_GUILD_ID, authenticated as the bot', async () => {
    const logs = recordingLogger();
    const done = await registerCommands(env({ DISCORD_CLIENT_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID }), logs, { rest: { offset: 0 } });
    expect(calls()).toEqual([`PUT /applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    const [put] = fake.requests;
    expect(put!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(put!.body).toEqual([buildSlashCommandData()]);
    expect(done).toMatchObject({ applicationId: APP_ID, scope: 'guild', guildId: GUILD_ID, route: `/applications/${APP_ID}/guilds/${GUILD_ID}/commands` });
    expect(done.commands.map((c) => c.name)).toEqual(['paper']);
    expect(logs.records).toEqual([
      { level: 'info', message: 'discord: commands registered', meta: { applicationId: APP_ID, scope: 'guild', guildId: GUILD_ID, commands: ['paper'] } },
    ]);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const done = await registerCommands(env({ DISCORD_CLIENT_ID: APP_ID }), recordingLogger());
    expect(calls()).toEqual([`PUT /applications/${APP_ID}/commands`]);
    expect(done.scope).toBe('global');
  });

  it('asks Discord for the application id when DISCORD_CLIENT_ID is unset', async () => {
    const done = await registerCommands(env({ DISCORD_GUILD_ID: GUILD_ID }), recordingLogger());
    expect(calls()).toEqual(['GET /oauth2/applications/@me', `PUT /applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(done.applicationId).toBe(APP_ID);
  });

  it('sends nothing when the command data breaks a Discord limit, and lists every problem', async () => {
    const data = buildSlashCommandData();
    data.description = 'x'.repeat(101);
    data.name = 'Paper';
    const attempt = registerCommands(env({ DISCORD_CLIENT_ID: APP_ID }), recordingLogger(), { data });
    await expect(attempt).rejects.toThrow(SlashCommandDataError);
    await expect(attempt).rejects.toThrow(/name must be 1-32 lowercase[\s\S]*description is 101 characters/);
    expect(fake.requests).toEqual([]);
  });

  it('needs DISCORD_TOKEN', async () => {
    await expect(registerCommands(parseEnv({ DISCORD_API_URL: fake.apiUrl }), recordingLogger())).rejects.toThrow(ConfigError);
    expect(fake.requests).toEqual([]);
  });

  it('explains a rejected token without echoing it', async () => {
    fake.respond('GET', /^\/oauth2\/applications\/@me$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const logs = recordingLogger();
    const error = await rejection(registerCommands(env(), logs));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^DISCORD_TOKEN was rejected by Discord \(401\)/);
    expect(error.message + logs.text()).not.toContain(BOT_TOKEN);
  });

  it('explains a guild the bot was not invited to', async () => {
    fake.respond('PUT', /\/guilds\//, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    await expect(registerCommands(env({ DISCORD_CLIENT_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID }), recordingLogger())).rejects.toThrow(
      `Discord refused access to guild ${GUILD_ID} (403): invite the bot there with the "bot applications.commands" scopes, or unset DISCORD_GUILD_ID.`,
    );
  });

  it('reports a rejected payload with Discord\'s own message', async () => {
    fake.respond('PUT', /\/commands$/, { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { 0: { name: { _errors: [{ code: 'X', message: 'bad' }] } } } } });
    await expect(registerCommands(env({ DISCORD_CLIENT_ID: APP_ID }), recordingLogger())).rejects.toThrow(/^Discord rejected the command registration \(400 50035\): Invalid Form Body/);
  });
});
