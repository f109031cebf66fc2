import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { eventEnvelope, mentionEvent } from './helpers/slack-requests.js';

let slack: HttpSlack;

beforeAll(async () => {
  slack = await startHttpSlack(await Paperbot.load(defaultCorpusPath()));
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.api.calls.length = 0;
  slack.logger.entries.length = 0;
});

describe('an event Slack delivers again', () => {
  it('(same event_id, X-Slack-Retry-Num: 1) is acknowledged but answered only once', async () => {
    const envelope = eventEnvelope(mentionEvent(EXAMPLE_QUESTION));
    const first = await slack.sendEnvelope(envelope);
    const retry = await slack.sendEnvelope(envelope, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
    expect(slack.logger.at('info')).toContainEqual({
      level: 'info',
      meta: { source: 'slack', eventId: envelope.event_id, retryNum: 1, retryReason: 'http_timeout' },
      message: 'duplicate event ignored',
    });
  });

  it('is recognised by its event_id, not the retry header: a retry whose original never arrived is answered', async () => {
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION), { headers: { 'x-slack-retry-num': '2' } });
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
  });

  it('is recognised without any retry header too (a repeated envelope)', async () => {
    const envelope = eventEnvelope(mentionEvent(EXAMPLE_QUESTION));
    await slack.sendEnvelope(envelope);
    await slack.sendEnvelope(envelope);
    await slack.sendEnvelope(envelope);
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
  });

  it('but a different event with the same text is a new question', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(mention);
    await slack.sendEvent({ ...mention, ts: '1700000500.000001', event_ts: '1700000500.000001' });
    expect(slack.api.of('chat.postMessage')).toHaveLength(2);
  });

  it('is answered again once its id is forgotten, after the TTL (10 minutes)', async () => {
    const envelope = eventEnvelope(mentionEvent(EXAMPLE_QUESTION));
    await slack.sendEnvelope(envelope);
    slack.clock.advance(10 * 60_000 - 1);
    await slack.sendEnvelope(envelope);
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
    slack.clock.advance(1);
    await slack.sendEnvelope(envelope);
    expect(slack.api.of('chat.postMessage')).toHaveLength(2);
  });
});
