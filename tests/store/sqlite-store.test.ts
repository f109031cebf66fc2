import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { retryWhileBusy, SqliteStore } from '../../src/store/sqlite-store.js';
import { claimRequest, describeStoreContract, subscription } from './store-contract.js';
import { runSqliteProcesses } from './sqlite-processes.js';

const root = mkdtempSync(join(tmpdir(), 'paperbot-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let databases = 0;
/** A path for a new database file, in a directory that does not exist yet. */
const newDatabasePath = () => join(root, `db-${++databases}`, 'nested', 'paperbot.db');

describeStoreContract(
  'SqliteStore (file, WAL)',
  async () => {
    const path = newDatabasePath();
    return {
      open: async () => new SqliteStore(path),
      destroy: async () => rmSync(join(path, '..', '..'), { recursive: true, force: true }),
    };
  },
  { shared: true },
);

describeStoreContract('SqliteStore (:memory:)', async () => ({ open: async () => new SqliteStore(':memory:') }), { shared: false });

describe('SqliteStore specifics', () => {
  const stores: SqliteStore[] = [];
  const open = (path: string) => {
    const store = new SqliteStore(path);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('creates the parent directories of the file and uses WAL mode', async () => {
    const path = newDatabasePath();
    expect(existsSync(join(path, '..'))).toBe(false);
    const store = open(path);
    await store.migrate();
    expect(existsSync(path)).toBe(true);
    expect(store.journalMode()).toBe('wal');
  });

  it('applies each migration version once: the first run applies all, later runs none', () => {
    const path = newDatabasePath();
    const first = open(path);
    expect(first.migrateSync()).toEqual({ applied: Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1) });
    expect(first.migrateSync()).toEqual({ applied: [] });
    expect(open(path).migrateSync()).toEqual({ applied: [] });
  });

  it('waits for another connection’s write lock (busy_timeout), then fails with SQLITE_BUSY if it is not released', async () => {
    const path = newDatabasePath();
    const a = open(path);
    await a.migrate();
    const b = new SqliteStore(path, { busyTimeoutMs: 200 });
    stores.push(b);
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      await expect(b.upsertSubscription(subscription())).rejects.toThrow(/locked|busy/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    await b.upsertSubscription(subscription());
    expect(await a.listSubscriptions()).toHaveLength(1);
  });

  it('retries a step SQLite refused as busy without waiting (switching to WAL), up to the busy timeout', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    let calls = 0;
    expect(
      retryWhileBusy(1000, () => {
        if (++calls < 3) throw busy;
        return 'wal';
      }),
    ).toBe('wal');
    expect(calls).toBe(3);
    const other = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    calls = 0;
    const failOther = (): never => {
      calls++;
      throw other;
    };
    expect(() => retryWhileBusy(1000, failOther)).toThrow('disk I/O error');
    expect(calls).toBe(1);
    const started = Date.now();
    const failBusy = (): never => {
      throw busy;
    };
    expect(() => retryWhileBusy(60, failBusy)).toThrow('database is locked');
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  it(
    'exactly one of four processes on one file wins each digest, first claims and re-claims of failed ones (migrating at once too)',
    async () => {
      const path = newDatabasePath();
      const keys = Array.from({ length: 25 }, (_, i) => `slack:C${i}:2025-03-01`);
      const result = await runSqliteProcesses({ path, processes: 4, keys, request: claimRequest() });
      const allVersions = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);
      expect([...result.applied].sort((x, y) => y.length - x.length)).toEqual([allVersions, [], [], []]);
      for (const round of result.rounds) {
        for (const key of keys) {
          const owners = round.filter((won) => won.includes(key));
          expect(owners, `${key}: one winner`).toHaveLength(1);
        }
      }
      const store = open(path);
      for (const key of keys) expect(await store.getDigest(key)).toMatchObject({ status: 'claimed', attempts: 2 });
    },
    60_000,
  );
});
