import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../../adapters/slack/index.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { ConfigError } from '../../../src/errors.js';
import { ManualClock } from '../../../src/time/clock.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';
import { INSTANT_RETRIES } from './helpers/harness.js';
import { RecordingLogger } from './helpers/recording-logger.js';
import { eventEnvelope, mentionEvent, TEST_SECRETS } from './helpers/slack-requests.js';

/**
 * Socket Mode without a socket: Bolt's SocketModeReceiver hands each envelope to
 * `app.processEvent` with an ack and the envelope's `retry_attempt`; the tests do the same.
 */
let bot: Paperbot;
let api: FakeSlackApi;
let app: App;

beforeAll(async () => {
  bot = await Paperbot.load(defaultCorpusPath());
  api = new FakeSlackApi();
  app = createSlackApp({
    bot,
    botToken: TEST_SECRETS.botToken,
    appToken: TEST_SECRETS.appToken,
    mode: 'socket',
    apiUrl: api.apiUrl,
    logger: new RecordingLogger(),
    clock: new ManualClock(0),
    retryPolicy: INSTANT_RETRIES,
  });
  await app.init();
});
afterAll(() => {
  api?.close();
});

function deliver(body: Record<string, unknown>, retryNum?: number) {
  let acks = 0;
  const ack = async () => {
    acks += 1;
  };
  return app.processEvent({ body, ack, ...(retryNum === undefined ? {} : { retryNum, retryReason: 'timeout' }) }).then(() => acks);
}

describe('Socket Mode', () => {
  it('answers a mention in its thread, acknowledging the envelope', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    expect(await deliver(eventEnvelope(mention))).toBe(1);
    expect(api.of('chat.postMessage').map((call) => call.body.thread_ts)).toEqual([mention.ts]);
  });

  it('acknowledges the same envelope delivered again, but answers it once', async () => {
    api.calls.length = 0;
    const envelope = eventEnvelope(mentionEvent(EXAMPLE_QUESTION));
    const acks = [await deliver(envelope), await deliver(envelope, 1), await deliver(envelope, 2)];
    expect(acks).toEqual([1, 1, 1]);
    expect(api.of('chat.postMessage')).toHaveLength(1);
  });

  it('needs an app-level token', () => {
    expect(() => createSlackApp({ bot, botToken: TEST_SECRETS.botToken, mode: 'socket' })).toThrow(ConfigError);
  });
});
