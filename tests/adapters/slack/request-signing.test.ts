import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../../adapters/slack/index.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { ConfigError } from '../../../src/errors.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { eventEnvelope, mentionEvent, sendSigned, slashCommandForm, TEST_SECRETS } from './helpers/slack-requests.js';

let bot: Paperbot;
let slack: HttpSlack;

beforeAll(async () => {
  bot = await Paperbot.load(defaultCorpusPath());
  slack = await startHttpSlack(bot);
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.api.calls.length = 0;
  slack.logger.entries.length = 0;
});

const FORM = 'application/x-www-form-urlencoded';

describe('HTTP mode verifies that requests come from Slack', () => {
  it('accepts a correctly signed request', async () => {
    expect((await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION))).status).toBe(200);
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
  });

  it('rejects a request signed with another secret (401), doing nothing', async () => {
    const response = await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION), { secret: 'not-the-signing-secret' });
    expect(response.status).toBe(401);
    expect(slack.api.calls).toEqual([]);
    expect(slack.logger.at('warn').map((entry) => entry.message)).toEqual([expect.stringMatching(/^Failed to parse and verify the request data/)]);
  });

  it('rejects a stale request, signed more than 5 minutes ago (401): a replay', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await slack.sendCommand('help', { timestamp: sixMinutesAgo })).status).toBe(401);
    expect(slack.api.calls).toEqual([]);
  });

  it('rejects a request dated more than 5 minutes ahead (401), and takes one within 5 minutes either way', async () => {
    const now = Math.floor(slack.clock.now() / 1000);
    expect((await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION), { timestamp: now + 10 * 60 })).status).toBe(401);
    expect((await slack.sendCommand('help', { timestamp: now + 5 * 60 + 1 })).status).toBe(401);
    expect(slack.api.calls).toEqual([]);
    expect((await slack.sendCommand('help', { timestamp: now + 4 * 60 })).status).toBe(200);
    expect((await slack.sendCommand('help', { timestamp: now - 4 * 60 })).status).toBe(200);
  });

  it('checks timestamps against its clock, not the machine time', async () => {
    const realNow = Math.floor(Date.now() / 1000);
    slack.clock.advance(10 * 60_000);
    try {
      expect((await slack.sendCommand('help', { timestamp: realNow })).status).toBe(401);
      expect((await slack.sendCommand('help')).status).toBe(200);
    } finally {
      slack.clock.set(realNow * 1000);
    }
  });

  it('rejects an unsigned request, and a body changed after signing (401)', async () => {
    expect((await sendSigned(slack.url, slashCommandForm('help', { responseUrl: slack.api.responseUrl() }), FORM, { unsigned: true })).status).toBe(401);
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = await sendSigned(slack.url, slashCommandForm('help', { responseUrl: slack.api.responseUrl() }), FORM, {
      timestamp,
      headers: { 'x-slack-signature': 'v0=' + '0'.repeat(64), 'x-slack-request-timestamp': String(timestamp) },
      unsigned: true,
    });
    expect(signed.status).toBe(401);
    expect(slack.api.calls).toEqual([]);
  });

  it("answers Slack's URL verification challenge", async () => {
    const response = await slack.sendEnvelope({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    expect(response).toEqual({ status: 200, body: '{"challenge":"c-123"}' });
  });

  it('ignores a well-signed event with an unknown type, without an error', async () => {
    expect((await slack.sendEnvelope(eventEnvelope({ type: 'reaction_added', user: 'U1', reaction: 'eyes' }))).status).toBe(200);
    expect(slack.api.calls).toEqual([]);
    expect(slack.logger.at('error')).toEqual([]);
  });

  it('needs a signing secret to start in HTTP mode', () => {
    expect(() => createSlackApp({ bot, botToken: TEST_SECRETS.botToken, mode: 'http' })).toThrow(ConfigError);
  });
});

