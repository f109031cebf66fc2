import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { mentionEvent, TEST_SECRETS } from './helpers/slack-requests.js';

/**
 * Tokens, the signing secret and response URLs are credentials: whatever happens — forged
 * requests, rate limits, outages, damaged buttons — none of them reaches the log.
 */
describe('secrets and the log', () => {
  let slack: HttpSlack;
  beforeAll(async () => {
    slack = await startHttpSlack(await Paperbot.load(defaultCorpusPath()));
    slack.api.script('chat.postMessage', { status: 429, headers: { 'Retry-After': '0' } }, { status: 500 }, { status: 500 });
    slack.api.script('response_url', { status: 500 }, { status: 500 }, { status: 500 });
    slack.api.script('chat.postEphemeral', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    await slack.sendEvent(mentionEvent(''));
    await slack.sendCommand(EXAMPLE_QUESTION);
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION), { secret: 'forged' });
    await slack.sendCommand('help', { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await slack.click({ actionId: 'paperbot_more.thread', value: '{broken', threadTs: '1700000000.000001' });
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('the scenarios did log (the check is not vacuous)', () => {
    expect(slack.logger.at('error').length).toBeGreaterThanOrEqual(3);
    expect(slack.logger.at('warn').length).toBeGreaterThanOrEqual(2);
    expect(slack.api.calls.some((call) => call.authorization === `Bearer ${TEST_SECRETS.botToken}`)).toBe(true);
  });

  it('never contains a token, the signing secret, or a response URL', () => {
    const log = slack.logger.dump();
    for (const secret of [TEST_SECRETS.botToken, TEST_SECRETS.signingSecret, 'TestBotTokenValue', 'secret-response-token', slack.api.hooksOrigin, 'legacy-verification-token']) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/xox[abpe]-|xapp-/);
  });

  it("never contains Bolt's debug output (request bodies, acks)", () => {
    expect(slack.logger.at('debug').every((entry) => entry.meta.component === undefined)).toBe(true);
    expect(slack.logger.dump()).not.toMatch(/ack\(\) call begins|http request body/);
  });
});
