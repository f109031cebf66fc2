/**
 * The behavioural spec of {@link PaperbotStore}: one suite, run against every implementation
 * (memory, SQLite, PostgreSQL). An implementation's test file calls {@link describeStoreContract}.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimRequest, DigestRecord, PaperbotStore, Platform, Subscription, Vote } from '../../src/store/store.js';

/** One empty database for one test. */
export interface ContractDatabase {
  /**
   * Opens a store on this database, NOT migrated. For a shared database every call is a new
   * instance with its own connection(s) to the same data (a second process, as far as the
   * database can tell).
   */
  open(): Promise<PaperbotStore>;
  /** Removes the database; called after every store opened on it has been closed. */
  destroy?(): Promise<void>;
}

export interface ContractOptions {
  /**
   * Stores opened on one database share its data (SQLite file, PostgreSQL schema): runs the
   * multi-instance races, concurrent migrations and restart tests. False for the memory store.
   */
  shared: boolean;
  /** When set, the whole suite is skipped, and this says why. */
  skip?: string;
}

const T0 = '2025-03-01T08:00:00.000Z';
const MINUTE = 60_000;

/** An ISO time `minutes` after T0. */
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * MINUTE).toISOString();

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return { platform: 'slack', channel: 'C100', time: '09:00', timezone: 'UTC', count: 5, quietWhenEmpty: false, updatedAt: T0, ...overrides };
}

export function claimRequest(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    key: 'slack:C100:2025-03-01',
    platform: 'slack',
    channel: 'C100',
    localDate: '2025-03-01',
    nonce: 'nonce-1',
    paperIds: ['p1', 'p2'],
    now: T0,
    staleAfterMs: 10 * MINUTE,
    ...overrides,
  };
}

export function vote(overrides: Partial<Vote> = {}): Vote {
  return { platform: 'slack', channel: 'C100', paperId: 'p1', user: 'U1', vote: 1, votedAt: T0, ...overrides };
}

/** The outcomes of racing calls: how many won, and the records all of them saw. */
function winners(outcomes: Array<{ claimed: boolean; record: DigestRecord }>): DigestRecord[] {
  return outcomes.filter((outcome) => outcome.claimed).map((outcome) => outcome.record);
}

export function describeStoreContract(name: string, makeDatabase: () => Promise<ContractDatabase>, options: ContractOptions): void {
  describe.skipIf(options.skip !== undefined)(`PaperbotStore contract: ${name}`, () => {
    let database: Promise<ContractDatabase> | undefined;
    const opened: PaperbotStore[] = [];

    /** A store on this test's database (a new one the first time), migrated unless told otherwise. */
    async function openStore({ migrate = true } = {}): Promise<PaperbotStore> {
      database ??= makeDatabase();
      const store = await (await database).open();
      opened.push(store);
      if (migrate) await store.migrate();
      return store;
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      const done = database;
      database = undefined;
      await (await done)?.destroy?.();
    });

    describe('ping', () => {
      it('answers while the store is open, and fails once it is closed (the health check)', async () => {
        const store = await openStore();
        await expect(store.ping()).resolves.toBeUndefined();
        await store.close();
        await expect(store.ping()).rejects.toThrow();
      });
    });

    describe('subscriptions', () => {
      it('stores a subscription and reads it back as given (no topic key when it has none)', async () => {
        const store = await openStore();
        const withTopic = subscription({ topic: 'diffusion models', count: 3, quietWhenEmpty: true, time: '07:30', timezone: 'Europe/Paris' });
        const plain = subscription({ platform: 'discord', channel: '112233445566778899' });
        await store.upsertSubscription(withTopic);
        await store.upsertSubscription(plain);
        expect(await store.getSubscription('slack', 'C100')).toStrictEqual(withTopic);
        const read = await store.getSubscription('discord', '112233445566778899');
        expect(read).toStrictEqual(plain);
        expect(read).not.toHaveProperty('topic');
      });

      it('replaces the subscription of the same platform and channel (a topic can be removed)', async () => {
        const store = await openStore();
        await store.upsertSubscription(subscription({ topic: 'graphs', count: 5 }));
        const changed = subscription({ count: 8, time: '18:00', quietWhenEmpty: true, updatedAt: at(5) });
        await store.upsertSubscription(changed);
        expect(await store.getSubscription('slack', 'C100')).toStrictEqual(changed);
        expect(await store.listSubscriptions()).toHaveLength(1);
      });

      it('keeps the same channel id on two platforms apart', async () => {
        const store = await openStore();
        await store.upsertSubscription(subscription({ platform: 'slack', channel: 'X1', count: 1 }));
        await store.upsertSubscription(subscription({ platform: 'discord', channel: 'X1', count: 2 }));
        expect((await store.getSubscription('slack', 'X1'))?.count).toBe(1);
        expect((await store.getSubscription('discord', 'X1'))?.count).toBe(2);
        expect(await store.removeSubscription('slack', 'X1')).toBe(true);
        expect(await store.getSubscription('discord', 'X1')).toBeDefined();
      });

      it('returns undefined for a channel without one, and removes: true once, then false', async () => {
        const store = await openStore();
        expect(await store.getSubscription('slack', 'C404')).toBeUndefined();
        expect(await store.removeSubscription('slack', 'C404')).toBe(false);
        await store.upsertSubscription(subscription());
        expect(await store.removeSubscription('slack', 'C100')).toBe(true);
        expect(await store.removeSubscription('slack', 'C100')).toBe(false);
        expect(await store.getSubscription('slack', 'C100')).toBeUndefined();
        expect(await store.listSubscriptions()).toEqual([]);
      });

      it('lists by platform, then channel, in code-point order whatever the insertion order or locale', async () => {
        const store = await openStore();
        const keys: Array<[Platform, string]> = [
          ['slack', 'c2'],
          ['slack', 'C2'],
          ['discord', '9'],
          ['slack', 'C10'],
          ['discord', '10'],
          ['slack', 'C1'],
          ['slack', 'D_1'],
          ['slack', 'D-1'],
        ];
        for (const [platform, channel] of keys) await store.upsertSubscription(subscription({ platform, channel }));
        const listed = (await store.listSubscriptions()).map((s) => `${s.platform}:${s.channel}`);
        expect(listed).toEqual(['discord:10', 'discord:9', 'slack:C1', 'slack:C10', 'slack:C2', 'slack:D-1', 'slack:D_1', 'slack:c2']);
      });

      it('returns timestamps as UTC ISO strings (milliseconds, Z), whatever form they were given in', async () => {
        const store = await openStore();
        await store.upsertSubscription(subscription({ updatedAt: '2025-03-01T10:00:00+02:00' }));
        expect((await store.getSubscription('slack', 'C100'))?.updatedAt).toBe('2025-03-01T08:00:00.000Z');
      });

      it('rejects an invalid timestamp or platform without storing anything', async () => {
        const store = await openStore();
        await expect(store.upsertSubscription(subscription({ updatedAt: 'yesterday-ish' }))).rejects.toThrow(/not a valid date/);
        await expect(store.upsertSubscription(subscription({ platform: 'teams' as Platform }))).rejects.toThrow(/unknown platform/);
        expect(await store.listSubscriptions()).toEqual([]);
      });

      it('hands out copies: changing a returned subscription does not change the stored one', async () => {
        const store = await openStore();
        await store.upsertSubscription(subscription());
        const first = await store.getSubscription('slack', 'C100');
        first!.count = 99;
        (await store.listSubscriptions())[0]!.time = '23:59';
        expect(await store.getSubscription('slack', 'C100')).toStrictEqual(subscription());
      });
    });

    describe('posted papers', () => {
      it('starts empty, then remembers every paper sent to a channel', async () => {
        const store = await openStore();
        expect(await store.postedPaperIds('slack', 'C100')).toEqual(new Set());
        await store.markPosted('slack', 'C100', ['p1', 'p2'], at(0));
        await store.markPosted('slack', 'C100', ['p3'], at(1));
        expect(await store.postedPaperIds('slack', 'C100')).toEqual(new Set(['p1', 'p2', 'p3']));
      });

      it('is idempotent: ids already recorded, or repeated in one call, are ignored', async () => {
        const store = await openStore();
        await store.markPosted('slack', 'C100', ['p1', 'p1', 'p2'], at(0));
        await store.markPosted('slack', 'C100', ['p2', 'p1'], at(1));
        await store.markPosted('slack', 'C100', [], at(2));
        expect([...(await store.postedPaperIds('slack', 'C100'))].sort()).toEqual(['p1', 'p2']);
      });

      it('is per channel and per platform', async () => {
        const store = await openStore();
        await store.markPosted('slack', 'C100', ['p1'], at(0));
        await store.markPosted('slack', 'C200', ['p2'], at(0));
        await store.markPosted('discord', 'C100', ['p3'], at(0));
        expect(await store.postedPaperIds('slack', 'C100')).toEqual(new Set(['p1']));
        expect(await store.postedPaperIds('slack', 'C200')).toEqual(new Set(['p2']));
        expect(await store.postedPaperIds('discord', 'C100')).toEqual(new Set(['p3']));
        expect(await store.postedPaperIds('discord', 'C200')).toEqual(new Set());
      });

      it('stays when the subscription is removed (re-subscribing does not resend old papers)', async () => {
        const store = await openStore();
        await store.upsertSubscription(subscription());
        await store.markPosted('slack', 'C100', ['p1'], at(0));
        await store.removeSubscription('slack', 'C100');
        expect(await store.postedPaperIds('slack', 'C100')).toEqual(new Set(['p1']));
      });

      it('takes many ids at once', async () => {
        const store = await openStore();
        const ids = Array.from({ length: 500 }, (_, i) => `paper-${i}`);
        await store.markPosted('discord', '42', ids, at(0));
        expect((await store.postedPaperIds('discord', '42')).size).toBe(500);
      });
    });

    describe('votes', () => {
      it('starts empty, then lists a channel’s votes by paper id, then user', async () => {
        const store = await openStore();
        expect(await store.listVotes('slack', 'C100')).toEqual([]);
        await store.recordVote(vote({ paperId: 'p2', user: 'U2', vote: -1 }));
        await store.recordVote(vote({ paperId: 'p1', user: 'U2' }));
        await store.recordVote(vote({ paperId: 'p1', user: 'U1' }));
        expect(await store.listVotes('slack', 'C100')).toStrictEqual([
          vote({ paperId: 'p1', user: 'U1' }),
          vote({ paperId: 'p1', user: 'U2' }),
          vote({ paperId: 'p2', user: 'U2', vote: -1 }),
        ]);
      });

      it('keeps one vote per user per paper: voting again changes it', async () => {
        const store = await openStore();
        await store.recordVote(vote({ vote: 1, votedAt: at(0) }));
        await store.recordVote(vote({ vote: -1, votedAt: at(5) }));
        expect(await store.listVotes('slack', 'C100')).toStrictEqual([vote({ vote: -1, votedAt: at(5) })]);
      });

      it('is per channel and per platform', async () => {
        const store = await openStore();
        await store.recordVote(vote());
        await store.recordVote(vote({ channel: 'C200', vote: -1 }));
        await store.recordVote(vote({ platform: 'discord' }));
        expect((await store.listVotes('slack', 'C100')).map((v) => v.vote)).toEqual([1]);
        expect((await store.listVotes('slack', 'C200')).map((v) => v.vote)).toEqual([-1]);
        expect(await store.listVotes('discord', 'C100')).toHaveLength(1);
      });

      it('clears one channel’s votes, saying how many, and leaves the others', async () => {
        const store = await openStore();
        await store.recordVote(vote({ paperId: 'p1' }));
        await store.recordVote(vote({ paperId: 'p2' }));
        await store.recordVote(vote({ channel: 'C200' }));
        expect(await store.clearVotes('slack', 'C100')).toBe(2);
        expect(await store.clearVotes('slack', 'C100')).toBe(0);
        expect(await store.listVotes('slack', 'C100')).toEqual([]);
        expect(await store.listVotes('slack', 'C200')).toHaveLength(1);
      });

      it('rejects a vote that is not +1 or -1, or lacks a user or paper, storing nothing', async () => {
        const store = await openStore();
        await expect(store.recordVote(vote({ vote: 2 as never }))).rejects.toThrow(/1 or -1/);
        await expect(store.recordVote(vote({ user: '' }))).rejects.toThrow(/user/);
        await expect(store.recordVote(vote({ paperId: '' }))).rejects.toThrow(/paper/);
        await expect(store.recordVote(vote({ votedAt: 'yesterday' }))).rejects.toThrow(/vote time/);
        expect(await store.listVotes('slack', 'C100')).toEqual([]);
      });
    });

    describe('conversations', () => {
      const KEY = 'slack:T1:C100:1700000000.000100';
      const session = (query: string) => JSON.stringify({ last: { source: 'answer', query, numbers: { 1: 'p1', 2: 'p2' }, nextOffset: 0, limit: 10 } });

      it('returns undefined for a conversation never kept, and the data as put for one kept', async () => {
        const store = await openStore();
        expect(await store.getConversation(KEY, at(0))).toBeUndefined();
        await store.putConversation(KEY, session('q1'), at(0), at(60));
        expect(await store.getConversation(KEY, at(1))).toBe(session('q1'));
      });

      it('keeps the data byte for byte (non-ASCII, quotes, escapes, 64 KiB)', async () => {
        const store = await openStore();
        const tricky = JSON.stringify({ last: { query: 'naïve “diffusion” \\ \u0000 🚀 \'; DROP TABLE conversations; --' } });
        await store.putConversation(KEY, tricky, at(0), at(60));
        expect(await store.getConversation(KEY, at(1))).toBe(tricky);
        const big = JSON.stringify({ pad: 'x'.repeat(64 * 1024) });
        await store.putConversation('big', big, at(0), at(60));
        expect(await store.getConversation('big', at(1))).toBe(big);
      });

      it('upserts: putting a conversation again replaces its data and its expiry', async () => {
        const store = await openStore();
        await store.putConversation(KEY, session('q1'), at(0), at(10));
        await store.putConversation(KEY, session('q2'), at(5), at(100));
        expect(await store.getConversation(KEY, at(50))).toBe(session('q2'));
      });

      it('keeps conversations apart by key', async () => {
        const store = await openStore();
        await store.putConversation(KEY, session('q1'), at(0), at(60));
        await store.putConversation(`${KEY}x`, session('q2'), at(0), at(60));
        expect(await store.getConversation(KEY, at(1))).toBe(session('q1'));
        expect(await store.getConversation(`${KEY}x`, at(1))).toBe(session('q2'));
      });

      it('reads an expired conversation as undefined: expired from expiresAt on, whatever form the times are given in', async () => {
        const store = await openStore();
        await store.putConversation(KEY, session('q1'), at(0), at(60));
        expect(await store.getConversation(KEY, at(59))).toBe(session('q1'));
        expect(await store.getConversation(KEY, new Date(Date.parse(at(60)) - 1).toISOString())).toBe(session('q1'));
        expect(await store.getConversation(KEY, at(60))).toBeUndefined();
        expect(await store.getConversation(KEY, at(61))).toBeUndefined();
        // The same instant with an offset, not Z: compared as times, not as text.
        await store.putConversation('offset', session('q3'), '2025-03-01T09:00:00+01:00', '2025-03-01T10:00:00+01:00');
        expect(await store.getConversation('offset', at(59))).toBe(session('q3'));
        expect(await store.getConversation('offset', at(60))).toBeUndefined();
      });

      it('purges expired conversations, counting them, and keeps the live ones', async () => {
        const store = await openStore();
        await store.putConversation('a', session('a'), at(0), at(10));
        await store.putConversation('b', session('b'), at(0), at(20));
        await store.putConversation('c', session('c'), at(0), at(30));
        expect(await store.purgeConversations(at(5))).toBe(0);
        expect(await store.purgeConversations(at(20))).toBe(2);
        expect(await store.purgeConversations(at(20))).toBe(0);
        // Purged rows are gone, not just hidden: an earlier "now" does not bring them back.
        expect(await store.getConversation('a', at(1))).toBeUndefined();
        expect(await store.getConversation('b', at(1))).toBeUndefined();
        expect(await store.getConversation('c', at(21))).toBe(session('c'));
      });

      it('rejects an empty key, a key or data with NUL, and bad times, storing nothing', async () => {
        const store = await openStore();
        await expect(store.putConversation('', session('q'), at(0), at(10))).rejects.toThrow(/conversation key/);
        await expect(store.putConversation('a\u0000b', session('q'), at(0), at(10))).rejects.toThrow(/conversation key/);
        await expect(store.putConversation(KEY, 'nul\u0000', at(0), at(10))).rejects.toThrow(/without NUL/);
        await expect(store.putConversation(KEY, session('q'), 'now', at(10))).rejects.toThrow(/conversation update time/);
        await expect(store.putConversation(KEY, session('q'), at(0), 'later')).rejects.toThrow(/conversation expiry time/);
        await expect(store.getConversation(KEY, 'now')).rejects.toThrow(/not a valid date/);
        await expect(store.purgeConversations('now')).rejects.toThrow(/not a valid date/);
        expect(await store.getConversation(KEY, at(0))).toBeUndefined();
      });

      if (options.shared) {
        it('shares conversations between two instances on one database', async () => {
          const [a, b] = [await openStore(), await openStore()];
          await a.putConversation(KEY, session('from a'), at(0), at(60));
          expect(await b.getConversation(KEY, at(1))).toBe(session('from a'));
          await b.putConversation(KEY, session('from b'), at(2), at(60));
          expect(await a.getConversation(KEY, at(3))).toBe(session('from b'));
          expect(await a.purgeConversations(at(60))).toBe(1);
          expect(await b.getConversation(KEY, at(3))).toBeUndefined();
        });
      }
    });

    describe('digest claims', () => {
      it('a first claim inserts a claimed record: attempts 1, the nonce and papers given', async () => {
        const store = await openStore();
        const outcome = await store.claimDigest(claimRequest());
        const expected: DigestRecord = {
          key: 'slack:C100:2025-03-01',
          platform: 'slack',
          channel: 'C100',
          localDate: '2025-03-01',
          status: 'claimed',
          attempts: 1,
          nonce: 'nonce-1',
          paperIds: ['p1', 'p2'],
          claimedAt: T0,
          updatedAt: T0,
        };
        expect(outcome).toStrictEqual({ claimed: true, record: expected });
        expect(await store.getDigest('slack:C100:2025-03-01')).toStrictEqual(expected);
      });

      it('keeps paper ids in order, and an empty list as empty', async () => {
        const store = await openStore();
        const ids = ['2401.00003', 'b', 'a', 'ünïcode-id'];
        expect((await store.claimDigest(claimRequest({ paperIds: ids }))).record.paperIds).toEqual(ids);
        expect((await store.getDigest(claimRequest().key))?.paperIds).toEqual(ids);
        const empty = await store.claimDigest(claimRequest({ key: 'slack:C100:2025-03-02', localDate: '2025-03-02', paperIds: [] }));
        expect(empty.record.paperIds).toEqual([]);
        expect((await store.getDigest('slack:C100:2025-03-02'))?.paperIds).toEqual([]);
      });

      it('refuses a second claim of a fresh claimed record and returns it unchanged', async () => {
        const store = await openStore();
        const first = await store.claimDigest(claimRequest());
        const second = await store.claimDigest(claimRequest({ nonce: 'nonce-2', paperIds: ['other'], now: at(1) }));
        expect(second).toStrictEqual({ claimed: false, record: first.record });
        expect(await store.getDigest(claimRequest().key)).toStrictEqual(first.record);
      });

      it('never claims a sent record again, even long after', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        await store.finishDigest(claimRequest().key, { status: 'sent', messageRef: '1740816000.000100' }, at(1));
        const sent = await store.getDigest(claimRequest().key);
        expect(sent).toMatchObject({ status: 'sent', messageRef: '1740816000.000100', attempts: 1, updatedAt: at(1), claimedAt: T0 });
        expect(sent).not.toHaveProperty('error');
        for (const minutes of [2, 60, 24 * 60 * 365]) {
          const again = await store.claimDigest(claimRequest({ now: at(minutes), nonce: 'nonce-2' }));
          expect(again).toStrictEqual({ claimed: false, record: sent });
        }
      });

      it('keeps an empty messageRef (a quiet day is recorded as sent with no message)', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        await store.finishDigest(claimRequest().key, { status: 'sent', messageRef: '' }, at(1));
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'sent', messageRef: '' });
      });

      it('records a failure, then claims the failed record again: attempts + 1, same nonce and papers, error cleared', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        await store.finishDigest(claimRequest().key, { status: 'failed', error: 'channel_not_found' }, at(1));
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'failed', error: 'channel_not_found', attempts: 1, updatedAt: at(1) });

        const retry = await store.claimDigest(claimRequest({ nonce: 'a-new-nonce', paperIds: ['p9'], now: at(2) }));
        expect(retry.claimed).toBe(true);
        expect(retry.record).toStrictEqual({
          key: 'slack:C100:2025-03-01',
          platform: 'slack',
          channel: 'C100',
          localDate: '2025-03-01',
          status: 'claimed',
          attempts: 2,
          nonce: 'nonce-1',
          paperIds: ['p1', 'p2'],
          claimedAt: at(2),
          updatedAt: at(2),
        });
        expect(await store.getDigest(claimRequest().key)).toStrictEqual(retry.record);
      });

      it('claims an unknown-outcome record again the same way (to be re-sent with the same nonce)', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        await store.finishDigest(claimRequest().key, { status: 'unknown', error: 'timeout after 30 s' }, at(1));
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'unknown', error: 'timeout after 30 s' });
        const retry = await store.claimDigest(claimRequest({ nonce: 'other', now: at(1) }));
        expect(retry).toMatchObject({ claimed: true, record: { status: 'claimed', attempts: 2, nonce: 'nonce-1', paperIds: ['p1', 'p2'], claimedAt: at(1) } });
        expect(retry.record).not.toHaveProperty('error');
      });

      it('counts attempts over several failures, and a retry can end in sent', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        for (let attempt = 2; attempt <= 4; attempt++) {
          await store.finishDigest(claimRequest().key, { status: attempt % 2 ? 'unknown' : 'failed', error: `try ${attempt - 1}` }, at(attempt * 10));
          const outcome = await store.claimDigest(claimRequest({ now: at(attempt * 10 + 1) }));
          expect(outcome).toMatchObject({ claimed: true, record: { attempts: attempt } });
        }
        await store.finishDigest(claimRequest().key, { status: 'sent', messageRef: 'm-4' }, at(50));
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'sent', attempts: 4, messageRef: 'm-4', nonce: 'nonce-1' });
        expect(await store.getDigest(claimRequest().key)).not.toHaveProperty('error');
      });

      it('refuses a claimed record until it is older than staleAfterMs, then claims it again', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest({ staleAfterMs: 10 * MINUTE }));
        for (const minutes of [1, 9, 10]) {
          const early = await store.claimDigest(claimRequest({ now: at(minutes), nonce: 'n2' }));
          expect(early, `${minutes} min after the claim`).toMatchObject({ claimed: false, record: { status: 'claimed', attempts: 1, claimedAt: T0 } });
        }
        const stale = await store.claimDigest(claimRequest({ now: at(10.001), nonce: 'n2', paperIds: [] }));
        expect(stale).toMatchObject({ claimed: true, record: { status: 'claimed', attempts: 2, nonce: 'nonce-1', paperIds: ['p1', 'p2'], claimedAt: at(10.001) } });
        // The new claim is fresh again.
        expect((await store.claimDigest(claimRequest({ now: at(11) }))).claimed).toBe(false);
      });

      it('ignores a failure reported by an attempt that was taken over, but not a success', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest({ staleAfterMs: 10 * MINUTE }));
        await store.claimDigest(claimRequest({ now: at(11), staleAfterMs: 10 * MINUTE }));
        // Attempt 1 (its instance stalled) reports late; attempt 2 owns the claim now.
        await store.finishDigest(claimRequest().key, { status: 'failed', error: 'late' }, at(12), 1);
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'claimed', attempts: 2 });
        await store.finishDigest(claimRequest().key, { status: 'unknown', error: 'late' }, at(12), 1);
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'claimed', attempts: 2 });
        await store.finishDigest(claimRequest().key, { status: 'failed', error: 'now' }, at(13), 2);
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'failed', attempts: 2, error: 'now' });
        // A message that arrived is the truth, whichever attempt sent it.
        await store.claimDigest(claimRequest({ now: at(30) }));
        await store.finishDigest(claimRequest().key, { status: 'sent', messageRef: 'm-1' }, at(31), 1);
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'sent', messageRef: 'm-1' });
      });

      it('uses the staleAfterMs of each request', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        expect((await store.claimDigest(claimRequest({ now: at(2), staleAfterMs: 5 * MINUTE }))).claimed).toBe(false);
        expect((await store.claimDigest(claimRequest({ now: at(2), staleAfterMs: MINUTE }))).claimed).toBe(true);
      });

      it('keeps sent final: a late failure or a second success of another attempt changes nothing', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        await store.finishDigest(claimRequest().key, { status: 'sent', messageRef: 'first' }, at(1));
        await store.finishDigest(claimRequest().key, { status: 'failed', error: 'late' }, at(2));
        await store.finishDigest(claimRequest().key, { status: 'unknown', error: 'late' }, at(3));
        await store.finishDigest(claimRequest().key, { status: 'sent', messageRef: 'second' }, at(4));
        const record = await store.getDigest(claimRequest().key);
        expect(record).toMatchObject({ status: 'sent', messageRef: 'first', updatedAt: at(1) });
        expect(record).not.toHaveProperty('error');
      });

      it('rejects finishing a digest that was never claimed, and a claim with a bad time', async () => {
        const store = await openStore();
        await expect(store.finishDigest('slack:C1:2025-01-01', { status: 'sent', messageRef: 'm' }, at(1))).rejects.toThrow(/never claimed/);
        await expect(store.claimDigest(claimRequest({ now: 'not a time' }))).rejects.toThrow(/not a valid date/);
        await expect(store.claimDigest(claimRequest({ staleAfterMs: -1 }))).rejects.toThrow(/staleAfterMs/);
        expect(await store.getDigest(claimRequest().key)).toBeUndefined();
      });

      it('gets undefined for an unknown key, and lists a channel’s digests newest local date first', async () => {
        const store = await openStore();
        expect(await store.getDigest('nope')).toBeUndefined();
        expect(await store.listDigests('slack', 'C100')).toEqual([]);
        for (const date of ['2025-03-02', '2025-02-28', '2025-03-10', '2025-03-01']) {
          await store.claimDigest(claimRequest({ key: `slack:C100:${date}`, localDate: date }));
        }
        await store.claimDigest(claimRequest({ key: 'slack:C200:2025-03-05', channel: 'C200', localDate: '2025-03-05' }));
        await store.claimDigest(claimRequest({ key: 'discord:C100:2025-03-05', platform: 'discord', localDate: '2025-03-05' }));
        await store.finishDigest('slack:C100:2025-03-02', { status: 'failed', error: 'x' }, at(1));
        const listed = await store.listDigests('slack', 'C100');
        expect(listed.map((record) => record.localDate)).toEqual(['2025-03-10', '2025-03-02', '2025-03-01', '2025-02-28']);
        expect(listed[1]).toMatchObject({ status: 'failed', error: 'x' });
        expect((await store.listDigests('discord', 'C100')).map((record) => record.key)).toEqual(['discord:C100:2025-03-05']);
      });

      it('hands out copies of records', async () => {
        const store = await openStore();
        const { record } = await store.claimDigest(claimRequest());
        record.paperIds.push('mutated');
        record.status = 'sent';
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ status: 'claimed', paperIds: ['p1', 'p2'] });
      });
    });

    describe('races', () => {
      it('of 20 concurrent first claims of one key, exactly one wins; all see the winner’s nonce', async () => {
        const store = await openStore();
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.claimDigest(claimRequest({ nonce: `nonce-${i}`, paperIds: [`p${i}`] }))),
        );
        const won = winners(outcomes);
        expect(won).toHaveLength(1);
        const winner = won[0]!;
        expect(winner.attempts).toBe(1);
        for (const outcome of outcomes) expect(outcome.record.nonce).toBe(winner.nonce);
        expect(await store.getDigest(claimRequest().key)).toStrictEqual(winner);
      });

      it('of concurrent re-claims of a failed record, exactly one wins (attempts 2)', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        await store.finishDigest(claimRequest().key, { status: 'failed', error: 'boom' }, at(1));
        const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.claimDigest(claimRequest({ now: at(2) }))));
        const won = winners(outcomes);
        expect(won).toHaveLength(1);
        expect(won[0]).toMatchObject({ attempts: 2, nonce: 'nonce-1', status: 'claimed' });
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ attempts: 2 });
      });

      it('of concurrent claims of a stale claimed record, exactly one wins', async () => {
        const store = await openStore();
        await store.claimDigest(claimRequest());
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.claimDigest(claimRequest({ now: at(30) }))));
        expect(winners(outcomes)).toHaveLength(1);
        expect(await store.getDigest(claimRequest().key)).toMatchObject({ attempts: 2, claimedAt: at(30) });
      });

      it('over many keys at once, each key has exactly one winner', async () => {
        const store = await openStore();
        const keys = Array.from({ length: 8 }, (_, i) => `discord:${1000 + i}:2025-03-01`);
        const calls = keys.flatMap((key) =>
          Array.from({ length: 5 }, (_, i) => store.claimDigest(claimRequest({ key, platform: 'discord', channel: key.split(':')[1]!, nonce: `n${i}` }))),
        );
        const outcomes = await Promise.all(calls);
        for (const key of keys) expect(winners(outcomes.filter((outcome) => outcome.record.key === key)), key).toHaveLength(1);
      });

      if (options.shared) {
        it('of concurrent first claims from two instances on one database, exactly one wins', async () => {
          const [a, b] = [await openStore(), await openStore()];
          const outcomes = await Promise.all(
            Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimDigest(claimRequest({ nonce: `nonce-${i}` }))),
          );
          const won = winners(outcomes);
          expect(won).toHaveLength(1);
          for (const outcome of outcomes) expect(outcome.record.nonce).toBe(won[0]!.nonce);
          expect(await a.getDigest(claimRequest().key)).toStrictEqual(await b.getDigest(claimRequest().key));
        });

        it('of concurrent re-claims of a failed record from two instances, exactly one wins', async () => {
          const [a, b] = [await openStore(), await openStore()];
          await a.claimDigest(claimRequest());
          await a.finishDigest(claimRequest().key, { status: 'failed', error: 'boom' }, at(1));
          const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimDigest(claimRequest({ now: at(2) }))));
          expect(winners(outcomes)).toHaveLength(1);
          expect(await b.getDigest(claimRequest().key)).toMatchObject({ attempts: 2, status: 'claimed' });
        });
      }
    });

    describe('lifecycle', () => {
      it('migrating again is a no-op that keeps the data', async () => {
        const store = await openStore();
        await store.upsertSubscription(subscription());
        await store.claimDigest(claimRequest());
        await store.migrate();
        await store.migrate();
        expect(await store.listSubscriptions()).toHaveLength(1);
        expect(await store.getDigest(claimRequest().key)).toBeDefined();
      });

      it('rejects calls once closed; closing twice is fine', async () => {
        const store = await openStore();
        await store.close();
        await store.close();
        await expect(store.listSubscriptions()).rejects.toThrow();
        await expect(store.claimDigest(claimRequest())).rejects.toThrow();
      });

      if (options.shared) {
        it('migrates from several instances at once on a fresh database', async () => {
          const stores = await Promise.all([openStore({ migrate: false }), openStore({ migrate: false }), openStore({ migrate: false })]);
          await Promise.all(stores.map((store) => store.migrate()));
          await stores[0]!.upsertSubscription(subscription());
          expect(await stores[2]!.listSubscriptions()).toHaveLength(1);
        });

        it('keeps everything across close and reopen (a restart)', async () => {
          const first = await openStore();
          await first.upsertSubscription(subscription({ topic: 'retrieval' }));
          await first.markPosted('slack', 'C100', ['p1', 'p2'], at(0));
          await first.recordVote(vote({ vote: -1 }));
          await first.putConversation('slack:T1:C100:1.2', '{"last":null}', at(0), at(60));
          await first.claimDigest(claimRequest());
          await first.finishDigest(claimRequest().key, { status: 'unknown', error: 'socket hang up' }, at(1));
          await first.close();

          const second = await openStore();
          expect(await second.getSubscription('slack', 'C100')).toStrictEqual(subscription({ topic: 'retrieval' }));
          expect(await second.postedPaperIds('slack', 'C100')).toEqual(new Set(['p1', 'p2']));
          expect(await second.listVotes('slack', 'C100')).toStrictEqual([vote({ vote: -1 })]);
          expect(await second.getConversation('slack:T1:C100:1.2', at(1))).toBe('{"last":null}');
          expect(await second.getDigest(claimRequest().key)).toMatchObject({ status: 'unknown', error: 'socket hang up', nonce: 'nonce-1', updatedAt: at(1) });
          // And after the restart the record is still claimed exactly once.
          expect((await second.claimDigest(claimRequest({ now: at(2) }))).record.attempts).toBe(2);
          expect((await second.claimDigest(claimRequest({ now: at(2) }))).claimed).toBe(false);
        });
      }
    });
  });
}
