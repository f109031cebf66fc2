import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { envSchema, loadDotEnv, parseEnv } from '../../src/config/env.js';
import { ConfigError, ErrorCode } from '../../src/errors.js';

/** The error parseEnv throws for an environment, failing the test when it does not throw. */
function problemsOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(env)}`);
}

const HEADER = 'Invalid settings in the environment (.env):';

describe('parseEnv', () => {
  it('accepts an empty environment: everything is optional', () => {
    expect(parseEnv({})).toEqual({});
  });

  it('treats empty strings as unset (as an .env copied from .env.example has them)', () => {
    const blank = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, '']));
    expect(Object.keys(blank)).toContain('SLACK_BOT_TOKEN');
    expect(parseEnv(blank)).toEqual({});
  });

  it('parses valid settings, coercing PORT to a number and ignoring unrelated variables', () => {
    expect(
      parseEnv({
        CORPUS_DIR: '/data/papers',
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
        SLACK_APP_TOKEN: 'xapp-1-A',
        SLACK_API_URL: 'http://127.0.0.1:9999/api/',
        PORT: '8080',
        DISCORD_TOKEN: 'abc.def.ghi',
        DISCORD_CLIENT_ID: '1234567890',
        DISCORD_GUILD_ID: '42',
        DISCORD_API_URL: 'https://discord.com/api',
        DATABASE_URL: 'sqlite:data/paperbot.db',
        LOG_LEVEL: 'debug',
        HOME: '/home/someone',
        PATH: '/usr/bin',
      }),
    ).toEqual({
      CORPUS_DIR: '/data/papers',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_APP_TOKEN: 'xapp-1-A',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      PORT: 8080,
      DISCORD_TOKEN: 'abc.def.ghi',
      DISCORD_CLIENT_ID: '1234567890',
      DISCORD_GUILD_ID: '42',
      DISCORD_API_URL: 'https://discord.com/api',
      DATABASE_URL: 'sqlite:data/paperbot.db',
      LOG_LEVEL: 'debug',
    });
  });

  it('reads PAPERBOT_WORKERS as a whole number from 0 (index in the main thread) to 16', () => {
    expect(parseEnv({ PAPERBOT_WORKERS: '0' })).toEqual({ PAPERBOT_WORKERS: 0 });
    expect(parseEnv({ PAPERBOT_WORKERS: '3' })).toEqual({ PAPERBOT_WORKERS: 3 });
    expect(problemsOf({ PAPERBOT_WORKERS: '-1' }).message).toBe(`${HEADER}\n  PAPERBOT_WORKERS: must be from 0 to 16`);
    expect(problemsOf({ PAPERBOT_WORKERS: 'many' }).message).toBe(`${HEADER}\n  PAPERBOT_WORKERS: must be a number`);
    expect(problemsOf({ PAPERBOT_WORKERS: '1.5' }).message).toBe(`${HEADER}\n  PAPERBOT_WORKERS: must be a whole number`);
  });

  it('reads CONVERSATION_TTL_HOURS as a whole number of hours from 1 to 87600 (unset: the 168-hour default applies)', () => {
    expect(parseEnv({ CONVERSATION_TTL_HOURS: '1' })).toEqual({ CONVERSATION_TTL_HOURS: 1 });
    expect(parseEnv({ CONVERSATION_TTL_HOURS: '720' })).toEqual({ CONVERSATION_TTL_HOURS: 720 });
    expect(parseEnv({ CONVERSATION_TTL_HOURS: '' })).toEqual({});
    expect(problemsOf({ CONVERSATION_TTL_HOURS: '0' }).message).toBe(`${HEADER}\n  CONVERSATION_TTL_HOURS: must be from 1 to 87600 hours`);
    expect(problemsOf({ CONVERSATION_TTL_HOURS: '87601' }).message).toBe(`${HEADER}\n  CONVERSATION_TTL_HOURS: must be from 1 to 87600 hours`);
    expect(problemsOf({ CONVERSATION_TTL_HOURS: 'a week' }).message).toBe(`${HEADER}\n  CONVERSATION_TTL_HOURS: must be a number`);
    expect(problemsOf({ CONVERSATION_TTL_HOURS: '1.5' }).message).toBe(`${HEADER}\n  CONVERSATION_TTL_HOURS: must be a whole number of hours`);
  });

  it('lists every problem at once, one per line, by variable name', () => {
    const error = problemsOf({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      DISCORD_CLIENT_ID: 'x1',
      SLACK_API_URL: 'not a url',
      DATABASE_URL: 'mysql://db',
    });
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.message).toBe(
      [
        HEADER,
        '  SLACK_API_URL: must be a URL',
        '  PORT: must be a number',
        '  DISCORD_CLIENT_ID: must be a numeric id',
        '  DATABASE_URL: must start with postgres:// or sqlite:',
        '  LOG_LEVEL: must be one of debug, info, warn, error',
        '  DISCORD_TOKEN: is not set, but DISCORD_CLIENT_ID is (Discord half-configured): set DISCORD_TOKEN to serve Discord, or unset it',
      ].join('\n'),
    );
  });

  describe('the Slack rule: a bot token needs an app token (Socket Mode) or a signing secret (HTTP mode)', () => {
    it('rejects a bot token alone', () => {
      expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }).message).toBe(
        `${HEADER}\n  SLACK_BOT_TOKEN: is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is`,
      );
    });

    it('counts an empty app token or signing secret as missing', () => {
      expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' }).message).toContain('neither SLACK_APP_TOKEN');
    });

    it('accepts a bot token with an app token, or with a signing secret', () => {
      expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({ SLACK_APP_TOKEN: 'xapp-1' });
      expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cr3t' })).toMatchObject({ SLACK_SIGNING_SECRET: 's3cr3t' });
    });

    // Issue 11: an app token or signing secret without the bot token used to be accepted, and
    // `npm start` then quietly opened the console chat instead of serving Slack.
    it('refuses the other Slack settings without a bot token, naming the missing variable (Slack half-configured)', () => {
      expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 'x' }).message).toBe(
        `${HEADER}\n  SLACK_BOT_TOKEN: is not set, but SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are (Slack half-configured): set SLACK_BOT_TOKEN to serve Slack, or unset them`,
      );
      expect(problemsOf({ SLACK_SIGNING_SECRET: 'x', SLACK_BOT_TOKEN: '' }).message).toBe(
        `${HEADER}\n  SLACK_BOT_TOKEN: is not set, but SLACK_SIGNING_SECRET is (Slack half-configured): set SLACK_BOT_TOKEN to serve Slack, or unset it`,
      );
    });
  });

  describe('the Discord rule: an application or guild id needs the bot token', () => {
    it('refuses DISCORD_CLIENT_ID or DISCORD_GUILD_ID without DISCORD_TOKEN, naming it', () => {
      expect(problemsOf({ DISCORD_CLIENT_ID: '123' }).message).toBe(
        `${HEADER}\n  DISCORD_TOKEN: is not set, but DISCORD_CLIENT_ID is (Discord half-configured): set DISCORD_TOKEN to serve Discord, or unset it`,
      );
      expect(problemsOf({ DISCORD_GUILD_ID: '42', SLACK_APP_TOKEN: 'xapp-1' }).message).toBe(
        [
          HEADER,
          '  SLACK_BOT_TOKEN: is not set, but SLACK_APP_TOKEN is (Slack half-configured): set SLACK_BOT_TOKEN to serve Slack, or unset it',
          '  DISCORD_TOKEN: is not set, but DISCORD_GUILD_ID is (Discord half-configured): set DISCORD_TOKEN to serve Discord, or unset it',
        ].join('\n'),
      );
    });

    it('accepts them with the token, and counts empty values as unset', () => {
      expect(parseEnv({ DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: '123', DISCORD_GUILD_ID: '42' })).toMatchObject({ DISCORD_CLIENT_ID: '123' });
      expect(parseEnv({ DISCORD_CLIENT_ID: '', DISCORD_GUILD_ID: '', SLACK_APP_TOKEN: '' })).toEqual({});
    });

    // BUG (src/config/env.ts, parseEnv): the cross-field rule only runs when every field parsed,
    // so with any other problem (here a bad PORT) the Slack problem is not listed: the user fixes
    // PORT, restarts, and only then learns about the missing app token — contrary to "listing
    // every problem at once". Fix: check the rule on the raw (empty-as-unset) values too, e.g.
    // with envSchema.superRefine, or by evaluating it from `source` when parsing failed.
    it('is listed together with the problems of other variables', () => {
      const { message } = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'abc' });
      expect(message).toContain('PORT: must be a number');
      expect(message).toContain('SLACK_BOT_TOKEN: is set, but neither SLACK_APP_TOKEN');
    });
  });

  it('names the token kind expected', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'abc', SLACK_APP_TOKEN: 'xoxb-1' }).message).toBe(
      [HEADER, '  SLACK_BOT_TOKEN: must start with xoxb- (a bot token)', '  SLACK_APP_TOKEN: must start with xapp- (an app-level token)'].join('\n'),
    );
  });

  it('rejects PORT outside 1-65535 and non-integer ports', () => {
    for (const port of ['0', '65536', '3.5', '-1', '80abc']) expect(problemsOf({ PORT: port }).message, port).toContain('  PORT: ');
    expect(parseEnv({ PORT: '65535' }).PORT).toBe(65535);
  });

  // BUG (src/config/env.ts, PORT): the `error` given to z.coerce.number() also replaces the
  // messages of .int(), .min(1) and .max(65535), so PORT=0, PORT=70000 and PORT=3.5 all say
  // "PORT must be a number" — which they are. Fix: give each check its own message, as
  // commands/limits.ts does for limit ("PORT must be a whole number from 1 to 65535").
  it('says what is wrong with an out-of-range PORT (not "must be a number")', () => {
    expect(problemsOf({ PORT: '70000' }).message).toMatch(/PORT.*65535/);
  });

  it('never puts a value into the message (values may be secrets)', () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'secret-abc123',
      SLACK_APP_TOKEN: 'xoxb-app-secret-456',
      SLACK_API_URL: 'hunter2-not-a-url',
      PORT: 'port-secret-789',
      DISCORD_CLIENT_ID: 'client-secret-000',
      DISCORD_GUILD_ID: 'guild-secret-111',
      DISCORD_API_URL: 'discord-secret-222',
      DATABASE_URL: 'mysql://admin:pa55w0rd-333@db.example/books',
      LOG_LEVEL: 'verbose-secret-444',
    };
    const error = problemsOf(secrets);
    for (const name of Object.keys(secrets)) expect(error.message).toContain(`  ${name}: `);
    const everything = [error.message, String(error.stack), JSON.stringify(error), String(error)].join('\n');
    for (const [name, value] of Object.entries(secrets)) {
      expect(everything, name).not.toContain(value);
      // Not even a recognisable part of it (parts mixing letters and digits are unique to these values).
      for (const part of value.split(/[-:/@.]/).filter((p) => /^(?=.*\d)(?=.*[a-z]).{5,}$/i.test(p))) expect(everything, `${name} part ${part}`).not.toContain(part);
    }
  });

  it('does not echo a valid secret next to another problem either', () => {
    const { message } = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-valid-secret-555', SLACK_SIGNING_SECRET: 'signing-secret-666', DISCORD_TOKEN: 'discord-token-777', PORT: 'x' });
    for (const value of ['xoxb-valid-secret-555', 'signing-secret-666', 'discord-token-777']) expect(message).not.toContain(value);
  });
});

describe('loadDotEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('loads variables from a file into process.env, and ignores a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperbot-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PAPERBOT_TEST_SETTING=from-file\n');
    vi.stubEnv('PAPERBOT_TEST_SETTING', undefined);
    loadDotEnv(file);
    expect(process.env.PAPERBOT_TEST_SETTING).toBe('from-file');
    expect(() => loadDotEnv(join(dir, 'missing.env'))).not.toThrow();
  });
});
