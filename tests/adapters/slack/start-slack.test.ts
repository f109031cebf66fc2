import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSlack } from '../../../adapters/slack/index.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import type { Env } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/errors.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';
import { RecordingLogger } from './helpers/recording-logger.js';
import { eventEnvelope, mentionEvent, sendSigned, TEST_SECRETS } from './helpers/slack-requests.js';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let bot: Paperbot;
let api: FakeSlackApi;
let logger: RecordingLogger;

beforeAll(async () => {
  bot = await Paperbot.load(defaultCorpusPath());
  api = new FakeSlackApi();
});
afterAll(() => {
  api?.close();
});
beforeEach(() => {
  api.calls.length = 0;
  logger = new RecordingLogger();
});

describe('startSlack(bot, env, logger)', () => {
  it('without SLACK_APP_TOKEN serves HTTP mode on PORT at /slack/events, until stopped', async () => {
    const port = await freePort();
    const env: Env = { SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_SIGNING_SECRET: TEST_SECRETS.signingSecret, SLACK_API_URL: api.apiUrl, PORT: port };

    const slack = await startSlack(bot, env, logger);
    try {
      expect(api.of('auth.test')).toHaveLength(1);
      expect(logger.at('info')).toContainEqual({ level: 'info', meta: { source: 'slack', mode: 'http', port, path: '/slack/events' }, message: 'Slack front-end started' });
      const url = `http://127.0.0.1:${port}/slack/events`;
      const response = await sendSigned(url, JSON.stringify(eventEnvelope(mentionEvent(EXAMPLE_QUESTION))), 'application/json');
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(api.delivered('chat.postMessage')).toHaveLength(1));
    } finally {
      await slack.stop();
    }
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).rejects.toThrow();
    expect(logger.at('info').map((entry) => entry.message)).toContain('Slack front-end stopped');
  });

  it('fails to start, listening on nothing, when Slack rejects the bot token', async () => {
    api.script('auth.test', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    const port = await freePort();
    const env: Env = { SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_SIGNING_SECRET: TEST_SECRETS.signingSecret, SLACK_API_URL: api.apiUrl, PORT: port };

    await expect(startSlack(bot, env, logger)).rejects.toThrow('Slack refused SLACK_BOT_TOKEN at auth.test (invalid_auth): check SLACK_BOT_TOKEN');
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).rejects.toThrow();
    expect(logger.dump()).not.toContain(TEST_SECRETS.botToken);
  });

  it('fails to start naming the host and the cause when the Web API cannot be reached', async () => {
    const deadPort = await freePort();
    const env: Env = {
      SLACK_BOT_TOKEN: TEST_SECRETS.botToken,
      SLACK_SIGNING_SECRET: TEST_SECRETS.signingSecret,
      SLACK_API_URL: `http://127.0.0.1:${deadPort}/api/`,
      PORT: await freePort(),
    };
    const error = (await startSlack(bot, env, logger).then(
      () => undefined,
      (e: unknown) => e as Error,
    ));
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(new RegExp(`^Slack's Web API at 127\\.0\\.0\\.1:${deadPort} could not be reached for auth\\.test \\(ECONNREFUSED: the connection was refused`));
    expect(error!.message).not.toMatch(/fetch failed|A request error occurred/);
  });

  it('serves GET /healthz in HTTP mode when given a health check', async () => {
    const port = await freePort();
    const env: Env = { SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_SIGNING_SECRET: TEST_SECRETS.signingSecret, SLACK_API_URL: api.apiUrl, PORT: port };
    const slack = await startSlack(bot, env, logger, { health: async () => ({ papers: 3, storeReachable: true, lastDigestTick: null }) });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', papers: 3, storeReachable: true, lastDigestTick: null });
    } finally {
      await slack.stop();
    }
  });

  it('with SLACK_APP_TOKEN uses Socket Mode: the app token opens the connection, the bot token posts', async () => {
    api.script('apps.connections.open', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    const env: Env = { SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_APP_TOKEN: TEST_SECRETS.appToken, SLACK_API_URL: api.apiUrl };

    await expect(startSlack(bot, env, logger)).rejects.toThrow('Slack refused SLACK_APP_TOKEN at apps.connections.open (invalid_auth)');
    expect(api.of('auth.test').map((call) => call.authorization)).toEqual([`Bearer ${TEST_SECRETS.botToken}`]);
    expect(api.of('apps.connections.open').map((call) => call.authorization)).toEqual([`Bearer ${TEST_SECRETS.appToken}`]);
    expect(logger.dump()).not.toMatch(/xoxb-|xapp-/);
  });

  it('needs a bot token, and a signing secret without an app token', async () => {
    await expect(startSlack(bot, {}, logger)).rejects.toThrow(ConfigError);
    await expect(startSlack(bot, { SLACK_BOT_TOKEN: TEST_SECRETS.botToken }, logger)).rejects.toThrow(ConfigError);
  });
});
