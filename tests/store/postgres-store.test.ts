/**
 * The store contract and PostgreSQL specifics, against the server PAPERBOT_TEST_DATABASE_URL
 * names (`.ci/run` starts one). Each test gets a fresh schema, dropped after it. Without the
 * variable, or with the server unreachable, everything here is skipped with a notice.
 */
import { inspect } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { newTestSchema, postgresTestUrl, postgresUnavailable, POSTGRES_URL_VARIABLE } from '../helpers/postgres.js';
import { describeStoreContract, subscription } from './store-contract.js';

const url = postgresTestUrl;

const skip = await postgresUnavailable();
const NOTICE = `PostgreSQL tests skipped: set ${POSTGRES_URL_VARIABLE} (e.g. postgres://paperbot:paperbot@127.0.0.1:5432/paperbot_test) to a reachable server (.ci/run starts one) — ${skip}`;
if (skip) {
  console.warn(`\n*** ${NOTICE}\n`);
  describe('PostgresStore', () => {
    it.skip(NOTICE, () => undefined);
  });
}

/** An admin connection for creating and dropping test schemas (opened only when the tests run). */
let admin: pg.Pool | undefined;
const adminPool = () => (admin ??= new pg.Pool({ connectionString: url, max: 2 }));
afterAll(async () => {
  await admin?.end();
});

async function dropSchema(schema: string): Promise<void> {
  await adminPool().query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

describeStoreContract(
  'PostgresStore',
  async () => {
    const schema = newTestSchema();
    return {
      open: async () => new PostgresStore({ connectionString: url!, schema }),
      destroy: () => dropSchema(schema),
    };
  },
  { shared: true, ...(skip ? { skip } : {}) },
);

describe.skipIf(skip !== undefined)('PostgresStore specifics', () => {
  const stores: PostgresStore[] = [];
  const schemas: string[] = [];
  const open = (schema: string) => {
    const store = new PostgresStore({ connectionString: url!, schema });
    stores.push(store);
    return store;
  };
  const fresh = () => {
    const schema = newTestSchema();
    schemas.push(schema);
    return schema;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('creates its schema and tables there (not in public), with timestamptz timestamps', async () => {
    const schema = fresh();
    await open(schema).migrate();
    const tables = await adminPool().query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(['conversations', 'digests', 'posted_papers', 'schema_migrations', 'subscriptions', 'votes']);
    for (const [table, column] of [
      ['digests', 'claimed_at'],
      ['votes', 'voted_at'],
      ['conversations', 'updated_at'],
      ['conversations', 'expires_at'],
    ] as const) {
      const types = await adminPool().query<{ data_type: string }>(
        'SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3',
        [schema, table, column],
      );
      expect(types.rows[0]?.data_type, `${table}.${column}`).toBe('timestamp with time zone');
    }
  });

  it('applies each migration version once, whichever instance runs it', async () => {
    const schema = fresh();
    const all = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);
    expect(await open(schema).migrateWithReport()).toEqual({ applied: all });
    expect(await open(schema).migrateWithReport()).toEqual({ applied: [] });
    const versions = await adminPool().query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(versions.rows.map((row) => row.version)).toEqual(all);
  });

  it('of four instances migrating a fresh schema at once, exactly one applies the migrations (advisory lock)', async () => {
    const schema = fresh();
    const reports = await Promise.all([0, 1, 2, 3].map(() => open(schema).migrateWithReport()));
    const all = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);
    expect(reports.map((report) => report.applied).sort((a, b) => b.length - a.length)).toEqual([all, [], [], []]);
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => new PostgresStore({ connectionString: url!, schema: 'x; DROP TABLE y' })).toThrow(/schema name/);
  });

  it('openStore opens PostgreSQL for a postgres:// URL and migrates it', async () => {
    const schema = fresh();
    const store = await openStore(url, { postgresSchema: schema });
    try {
      expect(store).toBeInstanceOf(PostgresStore);
      await store.upsertSubscription(subscription());
      expect(await store.listSubscriptions()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('openStore reports a wrong password naming DATABASE_URL, without the password', async () => {
    const wrong = new URL(url!);
    wrong.password = 'Wr0ng-s3cret-pw';
    const error = await openStore(wrong.toString(), { postgresSchema: fresh() }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: ErrorCode.StoreUnavailable });
    const message = (error as Error).message;
    expect(message).toMatch(/^DATABASE_URL: cannot open the PostgreSQL database at postgres(ql)?:\/\/[^:]+:\*\*\*@/);
    expect(message).toMatch(/password authentication failed/);
    expect(inspect(error, { depth: 10 })).not.toContain('Wr0ng-s3cret-pw');
  });
});
