import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { LOAD_BOT_USER, mentionEnvelope, mentionTs, slackSignatureHeaders } from '../../../bench/load/slack-requests.js';

const SECRET = 'load-test-secret-0123456789abcdef';

/** Bolt's own check of a request, as its HTTP receiver runs it. */
function boltAccepts(secret: string, body: string, headers: Record<string, string>, nowMs: number): boolean {
  return isValidSlackRequest({
    signingSecret: secret,
    body,
    headers: { 'x-slack-signature': headers['x-slack-signature']!, 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']) },
    nowMilliseconds: nowMs,
  });
}

describe('signing a request as Slack does', () => {
  const body = mentionEnvelope({ seq: 7, question: 'which papers speed up diffusion sampling?', channel: 'CLOAD2' });
  const timestamp = 1_800_000_000;

  it("is accepted by Bolt's verifier", () => {
    const headers = slackSignatureHeaders(SECRET, body, timestamp);
    expect(headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(headers['x-slack-request-timestamp']).toBe(String(timestamp));
    expect(() =>
      verifySlackRequest({ signingSecret: SECRET, body, headers: { 'x-slack-signature': headers['x-slack-signature']!, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: timestamp * 1000 }),
    ).not.toThrow();
  });

  it('is refused by Bolt with another secret, another body or a stale timestamp', () => {
    const headers = slackSignatureHeaders(SECRET, body, timestamp);
    expect(boltAccepts('another-secret', body, headers, timestamp * 1000)).toBe(false);
    expect(boltAccepts(SECRET, `${body} `, headers, timestamp * 1000)).toBe(false);
    expect(boltAccepts(SECRET, body, headers, (timestamp + 6 * 60) * 1000)).toBe(false);
  });
});

describe('a load mention', () => {
  it('is an app_mention event callback addressed to the bot, its ts naming its thread', () => {
    const envelope = JSON.parse(mentionEnvelope({ seq: 42, question: 'label smoothing', channel: 'CLOAD2' }));
    expect(envelope).toMatchObject({
      type: 'event_callback',
      event: { type: 'app_mention', text: `<@${LOAD_BOT_USER}> label smoothing`, channel: 'CLOAD2', ts: mentionTs(42), event_ts: mentionTs(42) },
    });
    expect(envelope.event.thread_ts).toBeUndefined();
  });

  it('has an event id and a ts of its own, so the bot de-duplicates none of them', () => {
    const envelopes = [1, 2, 3, 999_999].map((seq) => JSON.parse(mentionEnvelope({ seq, question: 'q', channel: 'C' })));
    expect(new Set(envelopes.map((e) => e.event_id)).size).toBe(4);
    expect(new Set(envelopes.map((e) => e.event.ts)).size).toBe(4);
  });
});
