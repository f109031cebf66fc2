import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/app/load-index.js';
import { defaultCorpusPath } from '../../src/config/package-root.js';
import { DEFAULT_DIGEST_RETRY, runDueDigests, type DigestRunOptions } from '../../src/digest/run-digests.js';
import { selectDigestPapers } from '../../src/digest/select-papers.js';
import { toSubscription } from '../../src/digest/subscriptions.js';
import { silentLogger } from '../../src/log/logger.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FakePoster } from './fake-poster.js';

const SLACK = 'C0123ABC';
const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

let index: PaperIndex;
beforeAll(async () => {
  index = (await loadIndex(defaultCorpusPath())).index;
});

async function setup(subscription: Record<string, unknown> = {}, posterScript: ConstructorParameters<typeof FakePoster>[1] = [], canFind = true) {
  const store = new MemoryStore();
  await store.upsertSubscription(toSubscription({ platform: 'slack', channel: SLACK, ...subscription }, at('2026-01-01T00:00:00Z')));
  const poster = new FakePoster('slack', posterScript, canFind);
  const run = (now: number, extra: Partial<DigestRunOptions> = {}) =>
    runDueDigests({ store, index, posters: { slack: poster }, now, logger: silentLogger, ...extra });
  return { store, poster, run };
}

describe('runDueDigests: when a digest is due', () => {
  it('posts nothing before the subscription time, once at it, and nothing more that day', async () => {
    const { poster, run } = await setup();
    expect(await run(at('2026-11-23T08:59:00Z'))).toEqual({ sent: [], failed: [], skipped: [] });
    expect((await run(at('2026-11-23T09:00:00Z'))).sent).toEqual(['slack:C0123ABC:2026-11-23']);
    expect((await run(at('2026-11-23T09:01:00Z'))).skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'already sent' }]);
    expect((await run(at('2026-11-23T23:59:00Z'))).sent).toEqual([]);
    expect(poster.attempts).toHaveLength(1);
  });

  it('posts again the next day, with papers the channel has not seen', async () => {
    const { poster, run } = await setup({ count: 3 });
    await run(at('2026-11-23T09:00:00Z'));
    await run(at('2026-11-24T09:00:00Z'));
    expect(poster.attempts).toHaveLength(2);
    const [first, second] = poster.attempts.map((a) => a.digest.items.map((item) => item.id));
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(second!.filter((id) => first!.includes(id))).toEqual([]);
    expect(poster.attempts[1]!.digest.localDate).toBe('2026-11-24');
  });

  it('uses the subscription time zone, across a daylight-saving change', async () => {
    const { poster, run } = await setup({ tz: 'Europe/Berlin' });
    // 2026-03-28: Berlin is UTC+1, so 09:00 local is 08:00Z.
    expect((await run(at('2026-03-28T07:59:00Z'))).sent).toEqual([]);
    expect((await run(at('2026-03-28T08:00:00Z'))).sent).toEqual(['slack:C0123ABC:2026-03-28']);
    // 2026-03-29: clocks went forward overnight, 09:00 local is 07:00Z.
    expect((await run(at('2026-03-29T06:59:00Z'))).sent).toEqual([]);
    expect((await run(at('2026-03-29T07:00:00Z'))).sent).toEqual(['slack:C0123ABC:2026-03-29']);
    expect((await run(at('2026-03-29T08:00:00Z'))).sent).toEqual([]);
    expect(poster.attempts.map((a) => a.digest.localDate)).toEqual(['2026-03-28', '2026-03-29']);
  });

  it('fires a time that does not exist on the spring-forward day (02:30) right after the jump', async () => {
    const { poster, run } = await setup({ tz: 'Europe/Berlin', time: '02:30' });
    // 01:59 local (00:59Z) → not yet; the next minute is 03:00 local (01:00Z).
    expect((await run(at('2026-03-29T00:59:00Z'))).sent).toEqual([]);
    expect((await run(at('2026-03-29T01:00:00Z'))).sent).toEqual(['slack:C0123ABC:2026-03-29']);
    expect(poster.attempts).toHaveLength(1);
  });

  it('posts once on the fall-back day, although 01:30 happens twice', async () => {
    const { poster, run } = await setup({ tz: 'Europe/Berlin', time: '02:30' });
    // 2026-10-25: 02:30 local happens at 00:30Z and again at 01:30Z.
    await run(at('2026-10-25T00:30:00Z'));
    await run(at('2026-10-25T01:30:00Z'));
    expect(poster.attempts).toHaveLength(1);
  });
});

describe('runDueDigests: exactly once', () => {
  it('survives a restart: a new runner over the same store does not post again', async () => {
    const { store, poster, run } = await setup();
    await run(at('2026-11-23T09:00:00Z'));
    const restarted = new FakePoster('slack');
    await runDueDigests({ store, index, posters: { slack: restarted }, now: at('2026-11-23T09:00:30Z'), logger: silentLogger });
    expect(poster.attempts).toHaveLength(1);
    expect(restarted.attempts).toHaveLength(0);
  });

  it('gives one digest when two instances run at the same moment', async () => {
    const { store, poster } = await setup();
    const other = new FakePoster('slack');
    const now = at('2026-11-23T09:00:00Z');
    const reports = await Promise.all([
      runDueDigests({ store, index, posters: { slack: poster }, now, logger: silentLogger }),
      runDueDigests({ store, index, posters: { slack: other }, now, logger: silentLogger }),
    ]);
    expect(poster.attempts.length + other.attempts.length).toBe(1);
    expect(reports.flatMap((r) => r.sent)).toEqual(['slack:C0123ABC:2026-11-23']);
    expect(reports.flatMap((r) => r.skipped.map((s) => s.reason))).toEqual(['claimed by another instance']);
  });

  it('catches up a digest missed while the bot was down once, not once per missed day', async () => {
    const { poster, run } = await setup();
    await run(at('2026-11-20T09:00:00Z'));
    // Down from the 20th to the 23rd at 14:00; the start-up run:
    const report = await run(at('2026-11-23T14:00:00Z'));
    expect(report.sent).toEqual(['slack:C0123ABC:2026-11-23']);
    expect(poster.attempts.map((a) => a.digest.localDate)).toEqual(['2026-11-20', '2026-11-23']);
  });
});

describe('runDueDigests: failures', () => {
  it('never records a failed post as sent, and retries it (same papers, same nonce) after a backoff', async () => {
    const { store, poster, run } = await setup({}, ['fail']);
    const first = await run(at('2026-11-23T09:00:00Z'));
    expect(first.failed).toEqual([{ key: 'slack:C0123ABC:2026-11-23', error: 'HTTP 500 from the platform', outcome: 'failed' }]);
    expect(await store.getDigest('slack:C0123ABC:2026-11-23')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await store.postedPaperIds('slack', SLACK)).toEqual(new Set());
    // Within the backoff (1 minute after the first failure) nothing happens.
    expect((await run(at('2026-11-23T09:00:30Z'))).skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'waiting to retry' }]);
    expect((await run(at('2026-11-23T09:01:00Z'))).sent).toEqual(['slack:C0123ABC:2026-11-23']);
    expect(poster.attempts).toHaveLength(2);
    expect(poster.attempts[1]!.nonce).toBe(poster.attempts[0]!.nonce);
    expect(poster.attempts[1]!.digest.items.map((i) => i.id)).toEqual(poster.attempts[0]!.digest.items.map((i) => i.id));
    expect(await store.getDigest('slack:C0123ABC:2026-11-23')).toMatchObject({ status: 'sent', attempts: 2, messageRef: 'm1' });
    expect((await store.postedPaperIds('slack', SLACK)).size).toBe(5);
  });

  it('gives up for the day after the last allowed attempt', async () => {
    const { poster, run } = await setup({}, ['fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
    let now = at('2026-11-23T09:00:00Z');
    for (let i = 0; i < 8; i++) {
      await run(now);
      now += 60 * MINUTE;
    }
    expect(poster.attempts).toHaveLength(DEFAULT_DIGEST_RETRY.maxAttempts);
    expect((await run(now)).skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'gave up after 5 attempts' }]);
  });

  it('does not re-send a digest whose timed-out post in fact arrived', async () => {
    const { store, poster, run } = await setup({}, ['timeout-but-delivered']);
    expect((await run(at('2026-11-23T09:00:00Z'))).failed[0]).toMatchObject({ outcome: 'unknown' });
    expect((await run(at('2026-11-23T09:02:00Z'))).sent).toEqual(['slack:C0123ABC:2026-11-23']);
    expect(poster.attempts).toHaveLength(1);
    expect(await store.getDigest('slack:C0123ABC:2026-11-23')).toMatchObject({ status: 'sent', messageRef: `found-${poster.attempts[0]!.nonce}` });
  });

  it('re-sends a timed-out post that did not arrive, with the same nonce', async () => {
    const { poster, run } = await setup({}, ['timeout']);
    await run(at('2026-11-23T09:00:00Z'));
    await run(at('2026-11-23T09:02:00Z'));
    expect(poster.attempts).toHaveLength(2);
    expect(poster.attempts[1]!.nonce).toBe(poster.attempts[0]!.nonce);
    expect(poster.delivered.size).toBe(1);
  });

  it('takes over a claim left by an instance that died mid-post, once it is stale', async () => {
    const { store, poster, run } = await setup();
    await store.claimDigest({
      key: 'slack:C0123ABC:2026-11-23',
      platform: 'slack',
      channel: SLACK,
      localDate: '2026-11-23',
      nonce: 'dead-instance-nonce',
      paperIds: ['x'],
      now: '2026-11-23T09:00:00.000Z',
      staleAfterMs: 10 * MINUTE,
    });
    expect((await run(at('2026-11-23T09:05:00Z'))).skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'claimed by another instance' }]);
    expect((await run(at('2026-11-23T09:11:00Z'))).sent).toEqual(['slack:C0123ABC:2026-11-23']);
    expect(poster.attempts.map((a) => a.nonce)).toEqual(['dead-instance-nonce']);
  });

  it('reports a subscription whose platform has no credentials, without claiming it', async () => {
    const { store } = await setup();
    const report = await runDueDigests({ store, index, posters: {}, now: at('2026-11-23T09:00:00Z'), logger: silentLogger });
    expect(report.skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'no slack credentials configured' }]);
    expect(await store.getDigest('slack:C0123ABC:2026-11-23')).toBeUndefined();
  });
});

describe('runDueDigests: content', () => {
  it('ranks by the topic, and leaves out papers that do not match it', async () => {
    const { poster, run } = await setup({ topic: 'human motion synthesis', count: 20 });
    await run(at('2026-11-23T09:00:00Z'));
    const items = poster.attempts[0]!.digest.items;
    const matching = new Set(index.search('human motion synthesis', { limit: 1000 }).hits.map((hit) => hit.paper.id));
    expect(items.length).toBe(Math.min(20, matching.size));
    for (const item of items) expect(matching.has(item.id)).toBe(true);
    expect(items[0]!.title.toLowerCase()).toMatch(/motion/);
    expect(poster.attempts[0]!.digest.topic).toBe('human motion synthesis');
    for (const item of items) expect(item.gist.length).toBeGreaterThan(20);
  });

  it('without a topic, takes the newest papers first', async () => {
    const { poster, run } = await setup({ count: 4 });
    await run(at('2026-11-23T09:00:00Z'));
    const dates = poster.attempts[0]!.digest.items.map((item) => item.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe([...index.all()].map((p) => p.published ?? '').sort().at(-1));
  });

  it('says "nothing new" (an empty digest) when every paper was sent, or stays silent if asked to', async () => {
    const everything = new Set(index.all().map((p) => p.id));
    const loud = await setup();
    await loud.store.markPosted('slack', SLACK, [...everything], '2026-11-22T09:00:00.000Z');
    await loud.run(at('2026-11-23T09:00:00Z'));
    expect(loud.poster.attempts[0]!.digest.items).toEqual([]);

    const quiet = await setup({ quiet: true });
    await quiet.store.markPosted('slack', SLACK, [...everything], '2026-11-22T09:00:00.000Z');
    const report = await quiet.run(at('2026-11-23T09:00:00Z'));
    expect(report.skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'nothing new (quiet)' }]);
    expect(quiet.poster.attempts).toEqual([]);
    // …and does not try again every minute.
    expect((await quiet.run(at('2026-11-23T09:01:00Z'))).skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'already sent' }]);
  });

  it('selectDigestPapers never returns a posted paper', () => {
    const posted = new Set(index.all().slice(0, 200).map((p) => p.id));
    for (const paper of selectDigestPapers(index, posted, 50)) expect(posted.has(paper.id)).toBe(false);
    expect(selectDigestPapers(index, posted, 50)).toHaveLength(31);
  });
});
