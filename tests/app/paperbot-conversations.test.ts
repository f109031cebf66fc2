/**
 * Conversations kept in the store (issue 12 §2): per thread, expiring after a configurable time,
 * the same for every instance behind one database. Two `Paperbot` instances share one SQLite
 * file (and one PostgreSQL schema, where PAPERBOT_TEST_DATABASE_URL names a reachable server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Paperbot } from '../../src/app/paperbot.js';
import type { CommandResult } from '../../src/commands/results.js';
import { ErrorCode } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { MemorySessionStore, type SessionStore } from '../../src/session/session.js';
import { StoreSessionStore } from '../../src/session/store-session-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { PaperbotStore } from '../../src/store/store.js';
import { ManualClock } from '../../src/time/clock.js';
import { dropTestSchema, newTestSchema, postgresTestUrl, postgresUnavailable } from '../helpers/postgres.js';
import { expectKind } from '../helpers/results.js';
import { EXAMPLE_QUESTION, seedIndex } from '../helpers/seed-index.js';

const HOUR = 3_600_000;
const TTL_HOURS = 24;
const THREAD = 'slack:T1:C1:1700000000.000100';

let index: PaperIndex;
beforeAll(async () => {
  ({ index } = await seedIndex());
});

/** A logger that records what it is given. */
function recordingLogger(): Logger & { records: Array<{ level: string; meta: Record<string, unknown>; message: string }> } {
  const records: Array<{ level: string; meta: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (meta: Record<string, unknown>, message: string) => void records.push({ level, meta, message });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A bot whose conversations are in `store`, with the TTL of these tests, on `clock`. */
function botOn(store: PaperbotStore, clock: ManualClock): Paperbot {
  return new Paperbot(index, { store, clock, sessions: new StoreSessionStore(store, { ttlMs: TTL_HOURS * HOUR, clock }) });
}

/** Paper ids by the number shown, of an answer or a list. */
function numbered(result: CommandResult): Array<[number, string]> {
  if (result.kind === 'answer') return result.answer.sources.map((source) => [source.n, source.id]);
  return expectKind(result, 'list').items.map((item) => [item.n, item.id]);
}

/** One database, and a way to open another instance's connection to it. */
interface SharedDatabase {
  open(): Promise<PaperbotStore>;
  destroy(): Promise<void>;
}

const postgresSkip = await postgresUnavailable();

const databases: Array<{ name: string; skip?: string; make(): SharedDatabase }> = [
  {
    name: 'SQLite file',
    make() {
      const dir = mkdtempSync(join(tmpdir(), 'paperbot-conversations-'));
      return {
        open: async () => new SqliteStore(join(dir, 'paperbot.db')),
        destroy: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL database',
    ...(postgresSkip ? { skip: `PostgreSQL conversation tests skipped: ${postgresSkip}` } : {}),
    make() {
      const schema = newTestSchema();
      return {
        open: async () => new PostgresStore({ connectionString: postgresTestUrl!, schema }),
        destroy: () => dropTestSchema(schema),
      };
    },
  },
];

for (const database of databases) {
  if (database.skip) console.warn(`\n*** ${database.skip}\n`);

  describe.skipIf(database.skip !== undefined)(`two Paperbot instances sharing one ${database.name}`, () => {
    let shared: SharedDatabase | undefined;
    const stores: PaperbotStore[] = [];
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await shared?.destroy();
      shared = undefined;
    });

    /** Instances A and B, each with its own connection to the one database, on one fake clock. */
    async function deployment() {
      shared = database.make();
      const clock = new ManualClock(Date.parse('2025-03-01T08:00:00.000Z'));
      const [storeA, storeB] = [await shared.open(), await shared.open()];
      stores.push(storeA, storeB);
      await storeA.migrate();
      await storeB.migrate();
      return { a: botOn(storeA, clock), b: botOn(storeB, clock), clock };
    }

    it('"show 2" and "more" on instance B continue the "ask" answered by instance A, and A continues after B', async () => {
      const { a, b } = await deployment();
      const asked = await a.runText(EXAMPLE_QUESTION, THREAD);
      const second = numbered(asked).find(([n]) => n === 2)?.[1];
      expect(second).toBeDefined();

      expect(expectKind(await b.runText('show 2', THREAD), 'paper').paper.id).toBe(second);

      // The same commands in one instance with its memory, for reference.
      const alone = new Paperbot(index, { sessions: new MemorySessionStore() });
      await alone.runText(EXAMPLE_QUESTION, 'k');
      await alone.runText('show 2', 'k');
      const firstPage = await alone.runText('more', 'k');
      const secondPage = await alone.runText('more', 'k');
      expect(numbered(await b.runText('more', THREAD))).toEqual(numbered(firstPage));
      expect(numbered(await a.runText('more', THREAD))).toEqual(numbered(secondPage));
    });

    it('keeps each thread its own conversation', async () => {
      const { a, b } = await deployment();
      await a.runText(EXAMPLE_QUESTION, THREAD);
      const other = 'slack:T1:C1:1700000000.000200';
      expect(await b.runText('show 2', other)).toMatchObject({ kind: 'error', code: ErrorCode.UnknownPaper });
      expect(await b.hasConversation(other)).toBe(false);
      expect(await b.hasConversation(THREAD)).toBe(true);
    });

    it('forgets the conversation once the TTL has passed since its last command: "show 2" has nothing to refer to', async () => {
      const { a, b, clock } = await deployment();
      await a.runText(EXAMPLE_QUESTION, THREAD);
      clock.advance(TTL_HOURS * HOUR - 1);
      // A command renews the conversation for another TTL.
      expectKind(await b.runText('show 2', THREAD), 'paper');
      clock.advance(TTL_HOURS * HOUR - 1);
      expect(await a.hasConversation(THREAD)).toBe(true);
      clock.advance(1);

      const never = await b.runText('show 2', 'slack:T1:C1:never-talked');
      const expired = await b.runText('show 2', THREAD);
      expect(expired).toMatchObject({ kind: 'error', code: ErrorCode.UnknownPaper });
      expect(expired).toEqual(never);
      expect(await a.runText('more', THREAD)).toMatchObject({ kind: 'error', code: ErrorCode.InvalidOption });
      expect(await a.hasConversation(THREAD)).toBe(false);
    });
  });
}

describe('Paperbot.runText / run with continueFrom (a Discord reply continues the conversation of the message it answered)', () => {
  it.each([
    ['in the store', () => botOn(new MemoryStore(), new ManualClock(0))],
    ['in memory (the stored object itself is handed out)', () => new Paperbot(index, { sessions: new MemorySessionStore() })],
  ])('reads the session from continueFrom and saves it under the new key, leaving the old conversation as it was (sessions %s)', async (_, makeBot) => {
    const bot = makeBot();
    const asked = await bot.runText(EXAMPLE_QUESTION, 'discord:msg-1');
    const [, second] = numbered(asked).find(([n]) => n === 2)!;

    // A reply to the answer: "show 2" refers to it, and its own conversation starts from there.
    expect(expectKind(await bot.runText('show 2', 'discord:msg-2', undefined, { continueFrom: 'discord:msg-1' }), 'paper').paper.id).toBe(second);
    expect(expectKind(await bot.runText('show 2', 'discord:msg-2'), 'paper').paper.id).toBe(second);

    // A search in the reply's conversation does not change the one it continued.
    const searched = await bot.run('search', { query: 'graph neural networks', limit: 3 }, 'discord:msg-3', undefined, { continueFrom: 'discord:msg-2' });
    const searchedSecond = numbered(searched).find(([n]) => n === 2)![1];
    expect(expectKind(await bot.runText('show 2', 'discord:msg-3'), 'paper').paper.id).toBe(searchedSecond);
    expect(expectKind(await bot.runText('show 2', 'discord:msg-1'), 'paper').paper.id).toBe(second);
    expect(expectKind(await bot.runText('show 2', 'discord:msg-2'), 'paper').paper.id).toBe(second);
  });

  it('starts afresh when continueFrom names no conversation (or one that expired)', async () => {
    const bot = new Paperbot(index);
    expect(await bot.runText('show 2', 'discord:msg-2', undefined, { continueFrom: 'discord:unknown' })).toMatchObject({ kind: 'error', code: ErrorCode.UnknownPaper });
    expect(await bot.run('more', {}, 'discord:msg-2', undefined, { continueFrom: 'discord:unknown' })).toMatchObject({ kind: 'error', code: ErrorCode.InvalidOption });
  });
});

describe('Paperbot.hasConversation', () => {
  it('is false for a key never used, and for a conversation with no result to refer to', async () => {
    const bot = new Paperbot(index);
    expect(await bot.hasConversation('slack:T1:C1:1.1')).toBe(false);
    await bot.runText('help', 'slack:T1:C1:1.1');
    expect(await bot.hasConversation('slack:T1:C1:1.1')).toBe(false);
  });

  it('is true once the conversation has a result "show 2" or "more" could refer to', async () => {
    const bot = new Paperbot(index);
    await bot.runText(EXAMPLE_QUESTION, 'slack:T1:C1:1.1');
    expect(await bot.hasConversation('slack:T1:C1:1.1')).toBe(true);
    expect(await bot.hasConversation('slack:T1:C1:1.2')).toBe(false);
  });

  it('is false, not an error, when the session store fails', async () => {
    const logger = recordingLogger();
    const bot = new Paperbot(index, { sessions: failingSessions, logger });
    expect(await bot.hasConversation('k')).toBe(false);
    expect(logger.records).toMatchObject([{ level: 'warn', message: 'session could not be read; the conversation starts afresh', meta: { sessionKey: 'k' } }]);
  });
});

/** A session store that always fails (a custom store without StoreSessionStore's safety net). */
const failingSessions: SessionStore = {
  get: () => Promise.reject(new Error('sessions down')),
  set: () => Promise.reject(new Error('sessions down')),
};

describe('Paperbot with a failing session store', () => {
  it('still answers: the failure costs the conversation’s memory, not the command, and is logged', async () => {
    const logger = recordingLogger();
    const bot = new Paperbot(index, { sessions: failingSessions, logger });
    expect(numbered(await bot.runText(EXAMPLE_QUESTION, 'k')).length).toBeGreaterThan(0);
    expect(logger.records.map((record) => [record.level, record.message])).toEqual([
      ['warn', 'session could not be read; the conversation starts afresh'],
      ['warn', 'session could not be saved'],
    ]);
  });

  it('with a store that fails behind StoreSessionStore, answers too', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock(0);
    const bot = botOn(store, clock);
    await store.close();
    expect(numbered(await bot.runText(EXAMPLE_QUESTION, 'k')).length).toBeGreaterThan(0);
  });
});
