import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordDigestPoster } from '../../../adapters/discord/digest-poster.js';
import { COLORS } from '../../../adapters/discord/render-embeds.js';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import { DigestPostError } from '../../../src/digest/digest-poster.js';
import type { Digest } from '../../../src/digest/digest-types.js';
import { runDueDigests } from '../../../src/digest/run-digests.js';
import { toSubscription } from '../../../src/digest/subscriptions.js';
import { ErrorCode } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log/logger.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { commandFixturePapers } from '../../helpers/sources.js';
import { APP_ID, FakeDiscord, type FakeReply, type RecordedRequest } from './fake-discord.js';
import { recordingLogger } from './harness.js';
import { digestItem, rejection, sampleDigest } from '../../fixtures/digest.js';

/**
 * DiscordDigestPoster against the fake Discord on 127.0.0.1, whose channel-messages route here
 * behaves as Discord documents `enforce_nonce`: a second post with a nonce the channel has seen
 * returns the message already created instead of a new one. Checked: the exact REST call, how
 * each answer (or no answer) is classified, the REST client's own retries, and — end to end with
 * runDueDigests — exactly one message per channel and day.
 */

const CHANNEL = '1300000000000000001';
const TOKEN = 't';
const MESSAGES = /^\/channels\/\d+\/messages$/;

/** A channel on the fake: the messages it holds, and scripted answers for the next posts. */
class FakeChannelMessages {
  readonly messages: Array<{ id: string; channel: string; nonce?: string; body: any }> = [];
  private readonly script: Array<FakeReply & { deliver?: boolean }> = [];
  private nextId = 1_900_000_000_000_000_000n;

  constructor(fake: FakeDiscord) {
    fake.respond('POST', MESSAGES, (request) => this.handle(request), Number.POSITIVE_INFINITY);
  }

  /** The next posts' answers, in order (then: create the message). `deliver` creates it anyway (a reply lost on the way back). */
  then(...replies: Array<FakeReply & { deliver?: boolean }>): void {
    this.script.push(...replies);
  }

  private handle(request: RecordedRequest): FakeReply {
    const scripted = this.script.shift();
    if (scripted && !scripted.deliver) return scripted;
    const message = this.create(request);
    return scripted ?? { status: 200, body: message };
  }

  private create(request: RecordedRequest) {
    const channel = request.path.split('/')[2]!;
    const nonce = request.body?.nonce as string | undefined;
    // enforce_nonce: the same nonce in the same channel is the same message.
    const seen = request.body?.enforce_nonce && nonce !== undefined ? this.messages.find((m) => m.channel === channel && m.nonce === nonce) : undefined;
    if (seen) return this.messageObject(seen);
    const message = { id: String(++this.nextId), channel, ...(nonce !== undefined ? { nonce } : {}), body: request.body };
    this.messages.push(message);
    return this.messageObject(message);
  }

  private messageObject(message: { id: string; channel: string; nonce?: string; body: any }) {
    return {
      id: message.id,
      channel_id: message.channel,
      type: 0,
      content: '',
      author: { id: APP_ID, username: 'paperbot', discriminator: '0', global_name: null, avatar: null, bot: true },
      embeds: message.body?.embeds ?? [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      flags: 0,
      ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
    };
  }
}

let fake: FakeDiscord;
let channel: FakeChannelMessages;
/** Held replies, released after each test. */
let gates: Array<() => void>;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  channel = new FakeChannelMessages(fake);
  gates = [];
});
afterEach(() => {
  for (const open of gates) open();
});

function held(): Promise<void> {
  return new Promise<void>((resolve) => gates.push(resolve));
}

const poster = (options: { timeoutMs?: number; retries?: number; budgetMs?: number } = { timeoutMs: 2_000, retries: 0 }) =>
  DiscordDigestPoster.fromEnv({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl }, options);
const posts = () => fake.find('POST', MESSAGES);

const DIGEST: Digest = sampleDigest('discord', CHANNEL);
const item = digestItem;

describe('DiscordDigestPoster.post', () => {
  it('POSTs /channels/{id}/messages with the embed, 👍/👎 buttons, the nonce, enforce_nonce and no mentions; returns the message id', async () => {
    const receipt = await poster().post(DIGEST, 'nonce0001');

    expect(posts()).toHaveLength(1);
    const [request] = posts();
    expect(request!.path).toBe(`/channels/${CHANNEL}/messages`);
    expect(request!.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(request!.body).toEqual({
      embeds: [
        {
          title: 'Paper digest — Mar 2, 2026 · diffusion',
          description:
            '**1.** [Fast Sampling of Diffusion Models](https://arxiv.org/abs/2401.00001) — Mar 1, 2026 · A. One, B. Two · 3 upvotes\nWe propose a solver that needs ten steps.\n\n' +
            '**2.** Video Diffusion\nWe study video.',
          color: COLORS.result,
          footer: { text: '2 new papers' },
        },
      ],
      // 👍/👎 per paper, two papers a row; anyone in the channel may press them.
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: '1 👍', custom_id: 'pb:vote:up:paper-1' },
            { type: 2, style: 2, label: '1 👎', custom_id: 'pb:vote:down:paper-1' },
            { type: 2, style: 2, label: '2 👍', custom_id: 'pb:vote:up:paper-2' },
            { type: 2, style: 2, label: '2 👎', custom_id: 'pb:vote:down:paper-2' },
          ],
        },
      ],
      nonce: 'nonce0001',
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(messageProblems({ embeds: request!.body.embeds, components: request!.body.components })).toEqual([]);
    expect(receipt).toEqual({ messageRef: channel.messages[0]!.id });
  });

  it('an empty digest says "Nothing new today."', async () => {
    await poster().post({ platform: 'discord', channel: CHANNEL, localDate: '2026-12-24', items: [] }, 'nonce0002');
    expect(posts()[0]!.body.embeds).toEqual([{ title: 'Paper digest — Dec 24, 2026', description: 'Nothing new today.', color: COLORS.result }]);
  });

  it('escapes markdown and mentions in titles, gists and the topic', async () => {
    const hostile: Digest = {
      platform: 'discord',
      channel: CHANNEL,
      localDate: '2026-03-02',
      topic: '@here **now**',
      items: [item(1, '@everyone <@123> **Free** [GPUs](https://evil.test)', { gist: 'We ping <@&456> and @here.' })],
    };
    await poster().post(hostile, 'nonce0003');
    const [request] = posts();
    expect(request!.body.embeds[0]).toMatchObject({
      title: 'Paper digest — Mar 2, 2026 · @\u200bhere \\*\\*now\\*\\*',
      description: '**1.** @\u200beveryone \\<@123> \\*\\*Free\\*\\* \\[GPUs\\](https://evil.test)\nWe ping \\<@&456> and @\u200bhere.',
    });
    expect(request!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    [403, { message: 'Missing Access', code: 50001 }, 'Missing Access'],
    [404, { message: 'Unknown Channel', code: 10003 }, 'Unknown Channel'],
  ])('a %i answer is a "failed" DigestPostError (nothing was posted), not retried', async (status, body, text) => {
    channel.then({ status, body });
    const error = await rejection(poster({ timeoutMs: 2_000, retries: 2 }).post(DIGEST, 'nonce0004'));
    expect(error.outcome).toBe('failed');
    expect(error.code).toBe(ErrorCode.DigestPostFailed);
    expect(error.message).toBe(`Discord answered ${status} to the digest post in channel ${CHANNEL}: ${text}`);
    expect(posts()).toHaveLength(1);
    expect(channel.messages).toEqual([]);
  });

  it('a 500 after the client\'s retries is "failed"', async () => {
    channel.then({ status: 500, body: { message: 'Internal Server Error' } }, { status: 500, body: { message: 'Internal Server Error' } });
    const error = await rejection(poster({ timeoutMs: 2_000, retries: 1 }).post(DIGEST, 'nonce0005'));
    expect(error.outcome).toBe('failed');
    expect(posts()).toHaveLength(2);
  });

  it('no answer within the time limit is an "unknown" DigestPostError', async () => {
    channel.then({ status: 200, body: {}, until: held() });
    const error = await rejection(poster({ timeoutMs: 200, retries: 0 }).post(DIGEST, 'nonce0006'));
    expect(error.outcome).toBe('unknown');
    expect(error.message).toMatch(new RegExp(`^No answer from Discord to the digest post in channel ${CHANNEL}: `));
    expect(posts()).toHaveLength(1);
  });

  it('a 429 with a short retry-after is waited out and retried by the REST client: one message', async () => {
    channel.then({ status: 429, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false } });
    const receipt = await poster({ timeoutMs: 2_000, retries: 0 }).post(DIGEST, 'nonce0007');
    expect(posts()).toHaveLength(2);
    expect(posts().map((r) => r.body.nonce)).toEqual(['nonce0007', 'nonce0007']);
    expect(channel.messages).toHaveLength(1);
    expect(receipt).toEqual({ messageRef: channel.messages[0]!.id });
  });

  it('a timed-out attempt that did arrive, retried by the REST client with the same nonce, stays one message', async () => {
    channel.then({ status: 200, body: {}, until: held(), deliver: true });
    const receipt = await poster({ timeoutMs: 200, retries: 1 }).post(DIGEST, 'nonce0008');
    expect(posts()).toHaveLength(2);
    expect(posts().every((r) => r.body.nonce === 'nonce0008' && r.body.enforce_nonce === true)).toBe(true);
    expect(channel.messages).toHaveLength(1);
    expect(receipt).toEqual({ messageRef: channel.messages[0]!.id });
  });
});

/** Discord's answer to a channel that is rate limited: 429 with `retry_after` (seconds). */
const rateLimited = (seconds: number): FakeReply => ({
  status: 429,
  headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
  body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
});

/** From now on, posts to `path` (every channel by default) get `reply`, before the channel's usual handling. */
function answerPosts(reply: FakeReply, path: RegExp = MESSAGES): void {
  fake.reset();
  fake.respond('POST', path, reply, Number.POSITIVE_INFINITY);
  channel = new FakeChannelMessages(fake);
}

describe('DiscordDigestPoster.post: a hard time budget, rate-limit waits included (issue 11)', () => {
  it('a channel answering 429 forever with a short retry_after fails the post as "failed" once the budget is spent', async () => {
    answerPosts(rateLimited(0.05));
    const error = await rejection(poster({ timeoutMs: 2_000, retries: 0, budgetMs: 400 }).post(DIGEST, 'nonce0009'));
    expect(error.outcome).toBe('failed');
    expect(error.message).toMatch(new RegExp(`^Discord kept answering 429 \\(rate limited\\) to the digest post in channel ${CHANNEL}: gave up after `));
    expect(error.message).toContain("the post's 0.4 s budget");
    // It did wait out the short limits it could afford, then stopped asking.
    const tried = posts().length;
    expect(tried).toBeGreaterThan(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(posts()).toHaveLength(tried);
    expect(channel.messages).toEqual([]);
  });

  it('a 429 whose retry_after is longer than the budget fails at once, without sleeping it out', async () => {
    answerPosts(rateLimited(3600));
    const error = await rejection(poster({ timeoutMs: 2_000, retries: 0, budgetMs: 30_000 }).post(DIGEST, 'nonce0010'));
    expect(error.outcome).toBe('failed');
    expect(error.message).toContain('the next wait, 3600 s,');
    expect(posts()).toHaveLength(1);
  });

  it('a request held past the budget is given up as "unknown", even with a long per-request timeout', async () => {
    channel.then({ status: 200, body: {}, until: held() });
    const error = await rejection(poster({ timeoutMs: 60_000, retries: 0, budgetMs: 300 }).post(DIGEST, 'nonce0011'));
    expect(error.outcome).toBe('unknown');
    expect(error.message).toBe(`No answer from Discord to the digest post in channel ${CHANNEL}: no result within the post's 0.3 s budget`);
  });
});

describe('end to end with runDueDigests: one message per channel and day', () => {
  const index = PaperIndex.build(commandFixturePapers());
  const DUE = Date.parse('2026-03-02T09:00:00Z');
  const KEY = `discord:${CHANNEL}:2026-03-02`;

  async function subscribedStore(): Promise<MemoryStore> {
    const store = new MemoryStore();
    await store.upsertSubscription(toSubscription({ platform: 'discord', channel: CHANNEL, count: 2 }, Date.parse('2026-03-01T00:00:00Z')));
    return store;
  }
  const run = (store: MemoryStore, discord: DiscordDigestPoster, now = DUE) => runDueDigests({ store, index, posters: { discord }, now, logger: silentLogger });

  it('two instances racing on one store, each with its own poster: the channel gets exactly one message', async () => {
    const store = await subscribedStore();
    const [a, b] = await Promise.all([run(store, poster()), run(store, poster())]);
    expect([...a.sent, ...b.sent]).toEqual([KEY]);
    expect([...a.skipped, ...b.skipped]).toEqual([{ key: KEY, reason: 'claimed by another instance' }]);
    expect(posts()).toHaveLength(1);
    expect(channel.messages).toHaveLength(1);
    const record = await store.getDigest(KEY);
    expect(record).toMatchObject({ status: 'sent', attempts: 1, messageRef: channel.messages[0]!.id, nonce: posts()[0]!.body.nonce });
    expect(record!.nonce.length).toBeLessThanOrEqual(25);
    // Later runs that day post nothing more.
    await Promise.all([run(store, poster(), DUE + 60_000), run(store, poster(), DUE + 120_000)]);
    expect(posts()).toHaveLength(1);
  });

  it('a post whose answer was lost is re-sent after the backoff with the same nonce, and Discord keeps it one message', async () => {
    const store = await subscribedStore();
    channel.then({ status: 200, body: {}, until: held(), deliver: true });
    const first = await run(store, poster({ timeoutMs: 200, retries: 0 }));
    expect(first.failed).toEqual([{ key: KEY, outcome: 'unknown', error: expect.stringMatching(/^No answer from Discord/) }]);
    expect(channel.messages).toHaveLength(1);

    expect((await run(store, poster(), DUE + 30_000)).skipped).toEqual([{ key: KEY, reason: 'waiting to retry' }]);
    const retry = await run(store, poster(), DUE + 60_000);
    expect(retry.sent).toEqual([KEY]);
    const [attempt1, attempt2] = posts();
    expect(attempt2!.body).toEqual(attempt1!.body);
    expect(channel.messages).toHaveLength(1);
    expect(await store.getDigest(KEY)).toMatchObject({ status: 'sent', attempts: 2, messageRef: channel.messages[0]!.id });
  });

  it('a channel answering 429 forever: its post is recorded as failed and logged, the other channels are posted, and a later run retries it', async () => {
    const OTHER = '1300000000000000002';
    const store = await subscribedStore();
    await store.upsertSubscription(toSubscription({ platform: 'discord', channel: OTHER, count: 2 }, Date.parse('2026-03-01T00:00:00Z')));
    const stuck = new RegExp(`^/channels/${CHANNEL}/messages$`);
    answerPosts(rateLimited(0.05), stuck);
    const logs = recordingLogger();

    const report = await runDueDigests({ store, index, posters: { discord: poster({ timeoutMs: 2_000, retries: 0, budgetMs: 300 }) }, now: DUE, logger: logs });
    expect(report.sent).toEqual([`discord:${OTHER}:2026-03-02`]);
    expect(report.failed).toEqual([{ key: KEY, outcome: 'failed', error: expect.stringMatching(/^Discord kept answering 429/) }]);
    expect(await store.getDigest(KEY)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(logs.records).toContainEqual({ level: 'warn', message: 'digest post failed', meta: expect.objectContaining({ key: KEY, outcome: 'failed' }) });
    expect(channel.messages.map((m) => m.channel)).toEqual([OTHER]);

    // Discord lets the channel post again: the next run after the backoff sends it, once.
    fake.reset();
    channel = new FakeChannelMessages(fake);
    const retry = await run(store, poster(), DUE + 60_000);
    expect(retry.sent).toEqual([KEY]);
    expect(channel.messages.map((m) => m.channel)).toEqual([CHANNEL]);
    expect(await store.getDigest(KEY)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a refused post (403) is retried later and then posted once', async () => {
    const store = await subscribedStore();
    channel.then({ status: 403, body: { message: 'Missing Access', code: 50001 } });
    expect((await run(store, poster())).failed).toEqual([
      { key: KEY, outcome: 'failed', error: `Discord answered 403 to the digest post in channel ${CHANNEL}: Missing Access` },
    ]);
    expect((await run(store, poster(), DUE + 60_000)).sent).toEqual([KEY]);
    expect(channel.messages).toHaveLength(1);
    expect([...(await store.postedPaperIds('discord', CHANNEL))]).toHaveLength(2);
  });
});
