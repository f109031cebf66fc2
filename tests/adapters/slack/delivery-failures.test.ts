import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { mentionEvent } from './helpers/slack-requests.js';

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

const statuses = (method: string) => slack.api.of(method).map((call) => call.status);

describe('when the Web API fails', () => {
  it('a 429 is retried after its Retry-After, and the answer is posted once', async () => {
    slack.api.script('chat.postMessage', { status: 429, headers: { 'Retry-After': '1' } });

    const response = await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));

    expect(response.status).toBe(200);
    expect(statuses('chat.postMessage')).toEqual([429, 200]);
    expect(slack.api.delivered('chat.postMessage')).toHaveLength(1);
    expect(slack.logger.entries.map((entry) => entry.message)).toContain('API Call failed due to rate limiting. Will retry in 1 seconds.');
    expect(slack.logger.at('error')).toEqual([]);
  });

  it('a 5xx on every attempt is given up after the retries and logged; the app answers the next event', async () => {
    slack.api.script('chat.postMessage', { status: 500 }, { status: 503 }, { status: 500 });

    const failed = await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));

    expect(failed.status).toBe(200);
    expect(statuses('chat.postMessage')).toEqual([500, 503, 500]);
    expect(slack.logger.at('error')).toEqual([
      {
        level: 'error',
        meta: {
          source: 'slack',
          target: 'post',
          channel: 'C1',
          result: 'answer',
          err: { name: 'WebAPIHTTPError', message: 'An HTTP protocol error occurred: statusCode = 500', code: 'slack_webapi_http_error', status: 500 },
        },
        message: 'Slack reply failed after retries',
      },
    ]);

    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    expect(slack.api.delivered('chat.postMessage')).toHaveLength(1);
  });

  it('an error Slack reports (ok: false) is not retried, and is logged with its error code', async () => {
    slack.api.script('chat.postMessage', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
    expect(slack.logger.at('error')[0]!.meta.err).toMatchObject({ code: 'slack_webapi_platform_error', apiError: 'channel_not_found' });
  });

  it('a response_url answering 503 is retried, and the slash command answered once', async () => {
    slack.api.script('response_url', { status: 503 });
    await slack.sendCommand(EXAMPLE_QUESTION);
    expect(statuses('response_url')).toEqual([503, 200]);
    expect(slack.logger.at('error')).toEqual([]);
  });

  it('a response_url failing every time is logged without its URL', async () => {
    slack.api.script('response_url', { status: 500 }, { status: 500 }, { status: 500 });
    await slack.sendCommand(EXAMPLE_QUESTION);
    const [entry] = slack.logger.at('error');
    expect(entry).toMatchObject({ meta: { target: 'response_url', err: { name: 'ResponseUrlError', status: 500 } }, message: 'Slack reply failed after retries' });
    expect(slack.logger.dump()).not.toContain(slack.api.hooksOrigin);
    expect(slack.logger.dump()).not.toContain('secret-response-token');
  });
});

describe('when the Web API is slow', () => {
  let slow: HttpSlack;
  beforeAll(async () => {
    slow = await startHttpSlack(bot, { retryPolicy: { retries: 2, minDelayMs: 0, maxDelayMs: 0, timeoutMs: 100 } });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('a request that times out is retried, and the answer still gets through', async () => {
    slow.api.script('chat.postMessage', { status: 200, delayMs: 1000 });
    await slow.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    expect(slow.api.of('chat.postMessage')).toHaveLength(2);
    expect(slow.api.delivered('chat.postMessage')).toHaveLength(1);
    expect(slow.logger.at('error')).toEqual([]);
  });
});

describe('when answering itself fails unexpectedly', () => {
  class BrokenBot extends Paperbot {
    failures = 1;
    override runText(text: string, sessionKey: string) {
      if (this.failures-- > 0) throw new Error('index corrupted (token xoxb-should-not-leak)');
      return super.runText(text, sessionKey);
    }
  }
  let broken: HttpSlack;
  beforeAll(async () => {
    broken = await startHttpSlack(new BrokenBot(bot.index));
  });
  afterAll(async () => {
    await broken?.close();
  });

  it('logs the failure (secrets scrubbed), still acknowledges, and answers the next event', async () => {
    const response = await broken.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    expect(response.status).toBe(200);
    expect(broken.logger.at('error')).toEqual([
      { level: 'error', meta: { source: 'slack', err: { name: 'Error', code: 'slack_bolt_unknown_error', message: 'index corrupted (token [redacted])' } }, message: 'Slack listener failed' },
    ]);
    await broken.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    expect(broken.api.delivered('chat.postMessage')).toHaveLength(1);
  });
});
