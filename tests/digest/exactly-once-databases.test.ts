/**
 * Exactly once with the real stores: two instances racing on one PostgreSQL (separate
 * connections, as two machines would have), and a restart on SQLite (close, reopen the file).
 * The PostgreSQL part needs PAPERBOT_TEST_DATABASE_URL (.ci/run starts a server) and is skipped
 * with a notice without it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/app/load-index.js';
import { defaultCorpusPath } from '../../src/config/package-root.js';
import { runDueDigests } from '../../src/digest/run-digests.js';
import { toSubscription } from '../../src/digest/subscriptions.js';
import { silentLogger } from '../../src/log/logger.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { FakePoster } from './fake-poster.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const url = process.env.PAPERBOT_TEST_DATABASE_URL?.trim() || undefined;

async function reachable(): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const postgres = await reachable();
if (!postgres) console.warn('\n*** PostgreSQL digest race test skipped: set PAPERBOT_TEST_DATABASE_URL to a reachable server (.ci/run starts one)\n');

let index: PaperIndex;
beforeAll(async () => {
  index = (await loadIndex(defaultCorpusPath())).index;
});

describe.skipIf(!postgres)('runDueDigests on PostgreSQL', () => {
  const schema = `paperbot_digest_${process.pid}_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('posts one digest when two instances on separate connections run at the same moment', async () => {
    const first = new PostgresStore({ connectionString: url!, schema });
    const second = new PostgresStore({ connectionString: url!, schema });
    try {
      await Promise.all([first.migrate(), second.migrate()]);
      await first.upsertSubscription(toSubscription({ platform: 'discord', channel: '123456789012345678', count: 3 }, NOW));
      const posters = [new FakePoster('discord'), new FakePoster('discord')];
      const reports = await Promise.all(
        [first, second].map((store, i) => runDueDigests({ store, index, posters: { discord: posters[i]! }, now: NOW, logger: silentLogger })),
      );
      expect(posters[0]!.attempts.length + posters[1]!.attempts.length).toBe(1);
      expect(reports.flatMap((r) => r.sent)).toEqual(['discord:123456789012345678:2026-11-23']);
      expect(await second.getDigest('discord:123456789012345678:2026-11-23')).toMatchObject({ status: 'sent', attempts: 1 });
      expect((await first.postedPaperIds('discord', '123456789012345678')).size).toBe(3);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('runDueDigests on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperbot-digest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does not post again after a restart (the store is reopened from its file)', async () => {
    const file = join(dir, 'paperbot.db');
    const before = new SqliteStore(file);
    await before.migrate();
    await before.upsertSubscription(toSubscription({ platform: 'slack', channel: 'C0123ABC' }, NOW));
    const poster = new FakePoster('slack');
    await runDueDigests({ store: before, index, posters: { slack: poster }, now: NOW, logger: silentLogger });
    await before.close();

    const after = new SqliteStore(file);
    await after.migrate();
    const restarted = new FakePoster('slack');
    const report = await runDueDigests({ store: after, index, posters: { slack: restarted }, now: NOW + 60_000, logger: silentLogger });
    await after.close();
    expect(poster.attempts).toHaveLength(1);
    expect(restarted.attempts).toHaveLength(0);
    expect(report.skipped).toEqual([{ key: 'slack:C0123ABC:2026-11-23', reason: 'already sent' }]);
  });
});
