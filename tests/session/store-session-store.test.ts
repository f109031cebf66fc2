import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import type { Session } from '../../src/session/session.js';
import { DEFAULT_MAX_SESSION_BYTES, StoreSessionStore, type ConversationStore } from '../../src/session/store-session-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { ManualClock } from '../../src/time/clock.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const sessionFor = (query: string): Session => ({ last: { source: 'answer', query, numbers: { 1: 'paper-a', 2: 'paper-b' }, nextOffset: 0, limit: 10 } });

/** A logger that records what it is given. */
function recordingLogger(): Logger & { records: Array<{ level: string; meta: Record<string, unknown>; message: string }> } {
  const records: Array<{ level: string; meta: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (meta: Record<string, unknown>, message: string) => void records.push({ level, meta, message });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A memory store, a clock at T0, a recording logger, and a StoreSessionStore on them (TTL 2 h). */
function setup(options: { ttlMs?: number; maxBytes?: number; purgeEveryMs?: number } = {}) {
  const store = new MemoryStore();
  const clock = new ManualClock(T0);
  const logger = recordingLogger();
  const sessions = new StoreSessionStore(store, { ttlMs: 2 * HOUR, clock, logger, ...options });
  return { store, clock, logger, sessions };
}

/** A store whose every call fails, as a database that went away. */
const brokenStore: ConversationStore = {
  getConversation: () => Promise.reject(new Error('connection terminated unexpectedly')),
  putConversation: () => Promise.reject(new Error('connection terminated unexpectedly')),
  purgeConversations: () => Promise.reject(new Error('connection terminated unexpectedly')),
};

describe('StoreSessionStore', () => {
  it('keeps a session in the store as JSON, under the conversation key, for anyone on the store to read', async () => {
    const { store, clock, sessions } = setup();
    expect(await sessions.get('slack:T1:C1:1.2')).toEqual({});
    await sessions.set('slack:T1:C1:1.2', sessionFor('q'));
    expect(JSON.parse((await store.getConversation('slack:T1:C1:1.2', iso(clock.now())))!)).toEqual(sessionFor('q'));
    // A second StoreSessionStore on the same store (another instance) sees it.
    expect(await new StoreSessionStore(store, { clock }).get('slack:T1:C1:1.2')).toEqual(sessionFor('q'));
    expect(await sessions.get('slack:T1:C1:9.9')).toEqual({});
  });

  it('returns a copy: changing what get() returned changes nothing until set()', async () => {
    const { sessions } = setup();
    await sessions.set('k', sessionFor('q'));
    (await sessions.get('k')).last!.nextOffset = 40;
    expect((await sessions.get('k')).last?.nextOffset).toBe(0);
  });

  describe('expiry (fake clock)', () => {
    it('forgets a conversation once the TTL has passed since its last set()', async () => {
      const { clock, sessions } = setup({ ttlMs: 2 * HOUR });
      await sessions.set('k', sessionFor('q'));
      clock.advance(2 * HOUR - 1);
      expect(await sessions.get('k')).toEqual(sessionFor('q'));
      clock.advance(1);
      expect(await sessions.get('k')).toEqual({});
    });

    it('writes expires_at = now + TTL, so every set() renews it', async () => {
      const { store, clock, sessions } = setup({ ttlMs: 2 * HOUR });
      await sessions.set('k', sessionFor('q1'));
      clock.advance(HOUR);
      await sessions.set('k', sessionFor('q2'));
      expect(await store.getConversation('k', iso(T0 + 3 * HOUR - 1))).toBeDefined();
      expect(await store.getConversation('k', iso(T0 + 3 * HOUR))).toBeUndefined();
      clock.advance(2 * HOUR - 1);
      expect(await sessions.get('k')).toEqual(sessionFor('q2'));
    });

    it('defaults to 168 hours (7 days)', async () => {
      const store = new MemoryStore();
      const clock = new ManualClock(T0);
      const sessions = new StoreSessionStore(store, { clock });
      await sessions.set('k', sessionFor('q'));
      clock.advance(168 * HOUR - 1);
      expect(await sessions.get('k')).toEqual(sessionFor('q'));
      clock.advance(1);
      expect(await sessions.get('k')).toEqual({});
    });

    it('deletes expired rows on a set(), at most once per purge interval (default one hour), never on get()', async () => {
      const { store, clock, logger } = setup();
      let purges = 0;
      const counting: ConversationStore = {
        getConversation: (key, now) => store.getConversation(key, now),
        putConversation: (key, data, updatedAt, expiresAt) => store.putConversation(key, data, updatedAt, expiresAt),
        purgeConversations: async (now) => {
          purges += 1;
          return store.purgeConversations(now);
        },
      };
      const sessions = new StoreSessionStore(counting, { ttlMs: 2 * HOUR, clock, logger });
      await store.putConversation('old', '{}', iso(T0 - 3 * HOUR), iso(T0 - HOUR));
      await sessions.set('a', sessionFor('a'));
      expect(purges).toBe(1);
      expect(await store.purgeConversations(iso(T0))).toBe(0); // 'old' went in that purge
      expect(logger.records).toContainEqual({ level: 'debug', meta: { purged: 1 }, message: 'expired conversations deleted' });

      clock.advance(HOUR - 1);
      await sessions.set('b', sessionFor('b'));
      await sessions.get('b');
      expect(purges).toBe(1);
      clock.advance(1);
      await sessions.set('c', sessionFor('c'));
      expect(purges).toBe(2);
    });
  });

  describe('a damaged row reads as an empty session, never an error', () => {
    it.each([
      ['not JSON', '{"last": {"numbers": '],
      ['empty', ''],
      ['JSON null', 'null'],
      ['a JSON array', '[{"last": {}}]'],
      ['a JSON string', '"hello"'],
      ['a number', '5'],
      ['a last that is not an object', '{"last": 5}'],
      ['a last without numbers', '{"last": {"source": "answer", "query": "q"}}'],
      ['numbers that are not an object', '{"last": {"numbers": ["a", "b"]}}'],
    ])('%s', async (_, data) => {
      const { store, clock, logger, sessions } = setup();
      await store.putConversation('k', data, iso(clock.now()), iso(clock.now() + HOUR));
      expect(await sessions.get('k')).toEqual({});
      expect(logger.records).toEqual([{ level: 'warn', meta: { sessionKey: 'k', bytes: Buffer.byteLength(data) }, message: 'conversation in the store is damaged; it starts afresh' }]);
      // And the next set() replaces it.
      await sessions.set('k', sessionFor('q'));
      expect(await sessions.get('k')).toEqual(sessionFor('q'));
    });

    it('keeps fields it does not know (a newer instance’s session, read by an older one)', async () => {
      const { store, clock, sessions } = setup();
      const newer = { last: { ...sessionFor('q').last, followUp: { topic: 'x' } }, history: [1, 2] };
      await store.putConversation('k', JSON.stringify(newer), iso(clock.now()), iso(clock.now() + HOUR));
      expect(await sessions.get('k')).toEqual(newer);
    });
  });

  describe('a session too large to keep', () => {
    it('is not stored: the conversation is kept empty (never an older list), with a warning', async () => {
      const { store, clock, logger, sessions } = setup({ maxBytes: 200 });
      await sessions.set('k', sessionFor('small'));
      const huge: Session = { last: { source: 'search', query: 'q', numbers: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i + 1, `paper-${i + 1}`])), nextOffset: 20, limit: 20 } };
      const bytes = Buffer.byteLength(JSON.stringify(huge));
      expect(bytes).toBeGreaterThan(200);
      await sessions.set('k', huge);
      expect(await sessions.get('k')).toEqual({});
      expect(await store.getConversation('k', iso(clock.now()))).toBe('{}');
      expect(logger.records).toContainEqual({ level: 'warn', meta: { sessionKey: 'k', bytes, maxBytes: 200 }, message: 'conversation too large to keep; it starts afresh' });
    });

    it(`is over ${DEFAULT_MAX_SESSION_BYTES} bytes (64 KiB) of UTF-8 JSON by default`, async () => {
      const { sessions } = setup({});
      const fits = (query: string): Session => ({ last: { source: 'search', query, numbers: {}, nextOffset: 0, limit: 10 } });
      const overhead = Buffer.byteLength(JSON.stringify(fits('')));
      const exact = fits('x'.repeat(DEFAULT_MAX_SESSION_BYTES - overhead));
      await sessions.set('k', exact);
      expect(await sessions.get('k')).toEqual(exact);
      // One more byte, counted in UTF-8: "é" is two bytes where "x" was one.
      await sessions.set('k', fits(`é${'x'.repeat(DEFAULT_MAX_SESSION_BYTES - overhead - 1)}`));
      expect(await sessions.get('k')).toEqual({});
    });
  });

  describe('a failing store costs only the memory, never the command', () => {
    it('get() is an empty session and set() resolves; each failure is logged as a warning', async () => {
      const logger = recordingLogger();
      const sessions = new StoreSessionStore(brokenStore, { clock: new ManualClock(T0), logger });
      expect(await sessions.get('k')).toEqual({});
      await expect(sessions.set('k', sessionFor('q'))).resolves.toBeUndefined();
      expect(logger.records.map((record) => [record.level, record.message])).toEqual([
        ['warn', 'conversation could not be read from the store; it starts afresh'],
        ['warn', 'conversation could not be saved to the store'],
        ['warn', 'expired conversations could not be deleted; trying again later'],
      ]);
      expect((logger.records[0]!.meta.err as Error).message).toBe('connection terminated unexpectedly');
      expect(logger.records[0]!.meta.sessionKey).toBe('k');
    });

    it('without a logger, fails silently', async () => {
      const sessions = new StoreSessionStore(brokenStore);
      expect(await sessions.get('k')).toEqual({});
      await expect(sessions.set('k', sessionFor('q'))).resolves.toBeUndefined();
    });

    it('a closed store is a failing store', async () => {
      const { store, sessions } = setup();
      await sessions.set('k', sessionFor('q'));
      await store.close();
      expect(await sessions.get('k')).toEqual({});
      await expect(sessions.set('k', sessionFor('q'))).resolves.toBeUndefined();
    });
  });

  it.each([
    ['ttlMs', { ttlMs: 0 }],
    ['ttlMs', { ttlMs: Number.NaN }],
    ['maxBytes', { maxBytes: -1 }],
    ['purgeEveryMs', { purgeEveryMs: Number.POSITIVE_INFINITY }],
  ])('rejects a %s that is not a positive number, naming it', (name, options) => {
    expect(() => new StoreSessionStore(new MemoryStore(), options)).toThrow(new RegExp(`StoreSessionStore: ${name} must be a positive number`));
  });
});
