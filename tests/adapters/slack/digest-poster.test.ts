import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_EVENT_TYPE, SlackDigestPoster } from '../../../adapters/slack/digest-poster.js';
import type { RetryPolicy } from '../../../adapters/slack/retry-policy.js';
import { DigestPostError } from '../../../src/digest/digest-poster.js';
import type { Digest } from '../../../src/digest/digest-types.js';
import { runDueDigests } from '../../../src/digest/run-digests.js';
import { toSubscription } from '../../../src/digest/subscriptions.js';
import { ErrorCode } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log/logger.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { commandFixturePapers } from '../../helpers/sources.js';
import { md, section, voteButtons } from './helpers/expected-blocks.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';
import { expectNothingPingable, expectWithinBlockKitLimits } from './helpers/payload-checks.js';
import { TEST_SECRETS } from './helpers/slack-requests.js';
import { digestItem, rejection, sampleDigest } from '../../fixtures/digest.js';

/**
 * SlackDigestPoster against a Web API faked with nock (FakeSlackApi): the exact chat.postMessage
 * it sends, how each kind of failure is classified, finding an uncertain post again by its
 * metadata nonce, and — end to end with runDueDigests on one store — exactly one message per
 * channel and day.
 */

const CHANNEL = 'C0DIGEST01';
/** No client retries, a short request time limit: a held reply is a timeout after 150 ms. */
const NO_RETRIES: RetryPolicy = { retries: 0, minDelayMs: 0, maxDelayMs: 0, timeoutMs: 150 };

let api: FakeSlackApi;
/** Held replies, released after each test so nothing is left pending. */
let gates: Array<() => void>;

beforeEach(() => {
  api = new FakeSlackApi();
  gates = [];
});
afterEach(() => {
  for (const open of gates) open();
  api.close();
});

const poster = (policy: RetryPolicy = NO_RETRIES) => SlackDigestPoster.fromEnv({ SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_API_URL: api.apiUrl }, policy);

/** A reply the fake sends only after the test (or afterEach) releases it. */
function held(): Promise<void> {
  return new Promise<void>((resolve) => gates.push(resolve));
}

const DIGEST: Digest = sampleDigest('slack', CHANNEL);
const item = digestItem;

describe('SlackDigestPoster.post', () => {
  it('sends one chat.postMessage: channel, fallback text, blocks (👍/👎 under each paper), no unfurls, metadata carrying the nonce; returns the ts', async () => {
    const receipt = await poster().post(DIGEST, 'nonce-0001');

    const calls = api.of('chat.postMessage');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.authorization).toBe(`Bearer ${TEST_SECRETS.botToken}`);
    expect(calls[0]!.body).toEqual({
      channel: CHANNEL,
      text: 'Paper digest — Mar 2, 2026 · diffusion: Fast Sampling of Diffusion Models; Video Diffusion',
      blocks: [
        section('*Paper digest — Mar 2, 2026 · diffusion*'),
        section('*1.* <https://arxiv.org/abs/2401.00001|Fast Sampling of Diffusion Models>\nMar 1, 2026 · A. One, B. Two · 3 upvotes\nWe propose a solver that needs ten steps.'),
        voteButtons(1, 'paper-1'),
        section('*2.* Video Diffusion\nWe study video.'),
        voteButtons(2, 'paper-2'),
        { type: 'context', elements: [md('2 new papers · ask me about any of them')] },
      ],
      unfurl_links: 'false',
      unfurl_media: 'false',
      metadata: JSON.stringify({ event_type: 'paperbot_digest', event_payload: { nonce: 'nonce-0001', date: '2026-03-02' } }),
    });
    expect(receipt).toEqual({ messageRef: '1800000000.000001' });
  });

  it('an empty digest posts "Nothing new today."', async () => {
    await poster().post({ platform: 'slack', channel: CHANNEL, localDate: '2026-12-24', items: [] }, 'nonce-empty');
    const [call] = api.of('chat.postMessage');
    expect(call!.body).toMatchObject({
      text: 'Paper digest — Dec 24, 2026: nothing new today.',
      blocks: [section('*Paper digest — Dec 24, 2026*'), section('Nothing new today.')],
    });
  });

  it('escapes mention injection in titles, gists and the topic, in the blocks and in the fallback text', async () => {
    const hostile: Digest = {
      platform: 'slack',
      channel: CHANNEL,
      localDate: '2026-03-02',
      topic: '<!here> topic',
      items: [
        item(1, '<!channel> *Free* GPUs & <@U0ADMIN> <!subteam^S1|@ml>', {
          links: [{ kind: 'paper', url: 'https://example.org/p?a=1&b=<!here>|x' }],
          gist: 'We ping @everyone and <#C0GENERAL|general>.',
        }),
      ],
    };
    await poster().post(hostile, 'nonce-hostile');
    const [call] = api.of('chat.postMessage');
    expect(call!.body.text).toBe('Paper digest — Mar 2, 2026 · &lt;!here&gt; topic: &lt;!channel&gt; \u2217Free\u2217 GPUs &amp; &lt;@U0ADMIN&gt; &lt;!subteam^S1|@ml&gt;');
    expect((call!.body.blocks as unknown[])[1]).toEqual(
      section(
        '*1.* <https://example.org/p?a=1&amp;b=%3C!here%3E%7Cx|&lt;!channel&gt; \u2217Free\u2217 GPUs &amp; &lt;@U0ADMIN&gt; &lt;!subteam^S1|@ml&gt;>\nWe ping @\u2060everyone and &lt;#C0GENERAL|general&gt;.',
      ),
    );
    expectNothingPingable({ text: call!.body.text, blocks: call!.body.blocks });
    expectWithinBlockKitLimits(call!.body);
  });

  it('Slack refusing the post (ok: false, channel_not_found) is a "failed" DigestPostError: nothing was posted', async () => {
    api.script('chat.postMessage', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    const error = await rejection(poster().post(DIGEST, 'nonce-0002'));
    expect(error.outcome).toBe('failed');
    expect(error.code).toBe(ErrorCode.DigestPostFailed);
    expect(error.message).toBe(`Slack refused the digest post in ${CHANNEL}: channel_not_found`);
    expect(api.of('chat.postMessage')).toHaveLength(1);
  });

  it('no answer within the client\'s time limit is an "unknown" DigestPostError (the message may be there)', async () => {
    api.script('chat.postMessage', { status: 200, until: held() });
    const error = await rejection(poster().post(DIGEST, 'nonce-0003'));
    expect(error.outcome).toBe('unknown');
    expect(error.message).toMatch(new RegExp(`^Slack did not answer the digest post in ${CHANNEL}: .*timeout`));
    expect(api.of('chat.postMessage')).toHaveLength(1);
    expect(api.of('chat.postMessage')[0]!.answered).toBe(false);
  });

  // BUG (adapters/slack/digest-poster.ts, SlackDigestPoster.fromEnv): the poster's WebClient gets
  // the reply retry policy (production: 2 retries), and @slack/web-api retries a request that timed
  // out. chat.postMessage is not idempotent, so one slow post that Slack did accept becomes up to
  // three digest messages in the channel — before runDueDigests can ask findPosted. Actual: 3
  // chat.postMessage calls. Fix: build the digest poster's client with retries: 0 (leave retrying
  // to runDueDigests, which looks for the nonce first), or a retryConfig that does not retry
  // WebAPIRequestError.
  it('a post that timed out is not re-sent by the Web API client (only runDueDigests retries, after findPosted)', async () => {
    api.script('chat.postMessage', { status: 200, until: held() }, { status: 200, until: held() }, { status: 200, until: held() });
    await rejection(poster({ retries: 2, minDelayMs: 0, maxDelayMs: 0, timeoutMs: 150 }).post(DIGEST, 'nonce-0004'));
    expect(api.of('chat.postMessage')).toHaveLength(1);
  });
});

describe('SlackDigestPoster.findPosted', () => {
  const metadata = (nonce: string, type = DIGEST_EVENT_TYPE) => ({ event_type: type, event_payload: { nonce, date: '2026-03-02' } });

  it('finds the message whose metadata carries the nonce in the channel history since the claim, and returns its ts', async () => {
    api.script('conversations.history', {
      status: 200,
      body: {
        ok: true,
        messages: [
          { type: 'message', ts: '1772442300.000300', text: 'someone else', user: 'U1' },
          { type: 'message', ts: '1772442200.000200', text: 'another digest', metadata: metadata('nonce-other') },
          { type: 'message', ts: '1772442150.000150', text: 'not ours', metadata: metadata('nonce-0005', 'other_app_event') },
          { type: 'message', ts: '1772442100.000100', text: 'Paper digest', metadata: metadata('nonce-0005') },
        ],
        has_more: false,
      },
    });
    expect(await poster().findPosted(CHANNEL, 'nonce-0005', '2026-03-02T09:00:00.000Z')).toEqual({ messageRef: '1772442100.000100' });
    const [call] = api.of('conversations.history');
    // From a minute before the claim (Unix seconds), with metadata included.
    expect(call!.body).toEqual({ channel: CHANNEL, oldest: String(Date.parse('2026-03-02T09:00:00Z') / 1000 - 60), include_all_metadata: 'true', limit: '200' });
  });

  it('returns undefined when no message carries the nonce, or the history is empty', async () => {
    api.script(
      'conversations.history',
      { status: 200, body: { ok: true, messages: [{ type: 'message', ts: '1772442200.000200', text: 'another digest', metadata: metadata('nonce-other') }] } },
      { status: 200, body: { ok: true, messages: [] } },
    );
    expect(await poster().findPosted(CHANNEL, 'nonce-0006', '2026-03-02T09:00:00.000Z')).toBeUndefined();
    expect(await poster().findPosted(CHANNEL, 'nonce-0006', '2026-03-02T09:00:00.000Z')).toBeUndefined();
  });

  // BUG (adapters/slack/manifest.yml): conversations.history (findPosted) needs channels:history
  // (public channels) and groups:history (private channels); the manifest grants only
  // im:history, so in a channel every findPosted after an uncertain post fails with
  // missing_scope (see the "findPosted fails" test below for what the runner then does). Fix: add
  // both scopes (and update tests/adapters/slack/manifest.test.ts and docs/slack.md).
  it('the app manifest grants the scopes conversations.history needs in channels', () => {
    const manifest = readFileSync(fileURLToPath(new URL('../../../adapters/slack/manifest.yml', import.meta.url)), 'utf8');
    const scopes = [...manifest.matchAll(/^\s*- ([a-z_.]+:[a-z_.]+)\s*(?:#.*)?$/gm)].map((m) => m[1]);
    expect(scopes).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
  });
});

describe('end to end with runDueDigests: one message per channel and day', () => {
  const index = PaperIndex.build(commandFixturePapers());
  const DUE = Date.parse('2026-03-02T09:00:00Z');

  async function subscribedStore(): Promise<MemoryStore> {
    const store = new MemoryStore();
    await store.upsertSubscription(toSubscription({ platform: 'slack', channel: CHANNEL, count: 2 }, Date.parse('2026-03-01T00:00:00Z')));
    return store;
  }
  const run = (store: MemoryStore, slack: SlackDigestPoster, now = DUE) => runDueDigests({ store, index, posters: { slack }, now, logger: silentLogger });

  it('two instances racing on one store, each with its own poster: Slack receives exactly one message', async () => {
    const store = await subscribedStore();
    const [a, b] = await Promise.all([run(store, poster()), run(store, poster())]);
    expect([...a.sent, ...b.sent]).toEqual(['slack:C0DIGEST01:2026-03-02']);
    expect([...a.skipped, ...b.skipped]).toEqual([{ key: 'slack:C0DIGEST01:2026-03-02', reason: 'claimed by another instance' }]);
    expect(api.of('chat.postMessage')).toHaveLength(1);
    const record = await store.getDigest('slack:C0DIGEST01:2026-03-02');
    expect(record).toMatchObject({ status: 'sent', attempts: 1, messageRef: '1800000000.000001' });
    expect(JSON.parse(String(api.of('chat.postMessage')[0]!.body.metadata))).toEqual({ event_type: 'paperbot_digest', event_payload: { nonce: record!.nonce, date: '2026-03-02' } });
    // Later runs that day (either instance) post nothing more.
    await Promise.all([run(store, poster(), DUE + 60_000), run(store, poster(), DUE + 120_000)]);
    expect(api.of('chat.postMessage')).toHaveLength(1);
  });

  it('after a timed-out post that did arrive, the retry finds it by its nonce and does not post again', async () => {
    const store = await subscribedStore();
    api.script('chat.postMessage', { status: 200, until: held() });
    const first = await run(store, poster());
    expect(first.failed).toEqual([{ key: 'slack:C0DIGEST01:2026-03-02', outcome: 'unknown', error: expect.stringMatching(/^Slack did not answer/) }]);
    const uncertain = await store.getDigest('slack:C0DIGEST01:2026-03-02');
    expect(uncertain).toMatchObject({ status: 'unknown', attempts: 1 });

    // Slack did post it: the history shows the message with the digest's nonce.
    api.script('conversations.history', {
      status: 200,
      body: { ok: true, messages: [{ type: 'message', ts: '1772442000.000777', text: 'Paper digest', metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { nonce: uncertain!.nonce, date: '2026-03-02' } } }] },
    });
    const retry = await run(store, poster(), DUE + 60_000);
    expect(retry.sent).toEqual(['slack:C0DIGEST01:2026-03-02']);
    expect(api.of('chat.postMessage')).toHaveLength(1);
    expect(await store.getDigest('slack:C0DIGEST01:2026-03-02')).toMatchObject({ status: 'sent', attempts: 2, messageRef: '1772442000.000777' });
    expect([...(await store.postedPaperIds('slack', CHANNEL))].sort()).toEqual([...uncertain!.paperIds].sort());
  });

  it('after a timed-out post that did not arrive, the retry re-sends the same papers with the same nonce', async () => {
    const store = await subscribedStore();
    api.script('chat.postMessage', { status: 200, until: held() });
    await run(store, poster());
    const retry = await run(store, poster(), DUE + 60_000);
    expect(retry.sent).toEqual(['slack:C0DIGEST01:2026-03-02']);
    const [first, second] = api.of('chat.postMessage');
    expect(second!.body.metadata).toBe(first!.body.metadata);
    expect(second!.body.blocks).toEqual(first!.body.blocks);
    expect(api.of('conversations.history')).toHaveLength(1);
  });

  it('a refused post ("failed") is retried after the backoff without asking the history', async () => {
    const store = await subscribedStore();
    api.script('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    expect((await run(store, poster())).failed).toEqual([
      { key: 'slack:C0DIGEST01:2026-03-02', outcome: 'failed', error: `Slack refused the digest post in ${CHANNEL}: not_in_channel` },
    ]);
    expect((await run(store, poster(), DUE + 30_000)).skipped).toEqual([{ key: 'slack:C0DIGEST01:2026-03-02', reason: 'waiting to retry' }]);
    expect((await run(store, poster(), DUE + 60_000)).sent).toEqual(['slack:C0DIGEST01:2026-03-02']);
    expect(api.of('chat.postMessage')).toHaveLength(2);
    expect(api.of('conversations.history')).toEqual([]);
  });

  // BUG (src/digest/run-digests.ts, runOne): `poster.findPosted(...)` runs outside the try/catch
  // that records a post's outcome. When it throws (here Slack answers missing_scope, which is what
  // the shipped manifest leads to in any channel), runDueDigests reports the failure but the
  // record stays `claimed`: no backoff and no maxAttempts apply, and every stale-claim period (10
  // min) the digest is claimed again, forever (attempts keep growing past maxAttempts). Expected:
  // the claim is finished as `unknown` with the error, so the retry policy governs it. Fix: wrap
  // the findPosted call and finish the claim with status 'unknown' when it throws.
  it('when findPosted itself fails, the claim is finished as unknown (so backoff and the attempt limit apply)', async () => {
    const store = await subscribedStore();
    api.script('chat.postMessage', { status: 200, until: held() });
    await run(store, poster());
    api.script('conversations.history', { status: 200, body: { ok: false, error: 'missing_scope', needed: 'channels:history' } });
    const retry = await run(store, poster(), DUE + 60_000);
    expect(retry.failed).toHaveLength(1);
    expect(api.of('chat.postMessage')).toHaveLength(1);
    expect(await store.getDigest('slack:C0DIGEST01:2026-03-02')).toMatchObject({ status: 'unknown', attempts: 2 });
  });
});
