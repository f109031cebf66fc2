/**
 * Versioned schema migrations for both SQL stores. Each migration has a version number and its
 * statements for each dialect; `schema_migrations` records the versions applied. Migrations run
 * at start-up (`PaperbotStore.migrate()`), are idempotent (an applied version is never run again)
 * and safe when several instances start at once: the whole run is one transaction that first
 * takes a lock — `BEGIN IMMEDIATE` in SQLite, `pg_advisory_xact_lock` in PostgreSQL — so a second
 * instance waits, then finds nothing left to do.
 *
 * Append new migrations with the next version; never edit one that has shipped.
 */
import type { Database } from 'better-sqlite3';
import type { PoolClient } from 'pg';

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  /** Statements per dialect, run in order inside the migration transaction. */
  sql: Record<Dialect, readonly string[]>;
}

/**
 * Timestamps are ISO text (`YYYY-MM-DDTHH:MM:SS.sssZ`, which sorts as time does) in SQLite and
 * `timestamptz` in PostgreSQL; paper ids are JSON text; `local_date` is `YYYY-MM-DD` text.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, posted papers, digests',
    sql: {
      sqlite: [
        `CREATE TABLE subscriptions (
          platform TEXT NOT NULL,
          channel TEXT NOT NULL,
          time TEXT NOT NULL,
          timezone TEXT NOT NULL,
          topic TEXT,
          count INTEGER NOT NULL,
          quiet_when_empty INTEGER NOT NULL CHECK (quiet_when_empty IN (0, 1)),
          updated_at TEXT NOT NULL,
          PRIMARY KEY (platform, channel)
        )`,
        `CREATE TABLE posted_papers (
          platform TEXT NOT NULL,
          channel TEXT NOT NULL,
          paper_id TEXT NOT NULL,
          posted_at TEXT NOT NULL,
          PRIMARY KEY (platform, channel, paper_id)
        )`,
        `CREATE TABLE digests (
          key TEXT PRIMARY KEY,
          platform TEXT NOT NULL,
          channel TEXT NOT NULL,
          local_date TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'unknown')),
          attempts INTEGER NOT NULL,
          nonce TEXT NOT NULL,
          paper_ids TEXT NOT NULL,
          message_ref TEXT,
          error TEXT,
          claimed_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )`,
        `CREATE INDEX digests_by_channel ON digests (platform, channel, local_date)`,
      ],
      postgres: [
        `CREATE TABLE subscriptions (
          platform text NOT NULL,
          channel text NOT NULL,
          time text NOT NULL,
          timezone text NOT NULL,
          topic text,
          count integer NOT NULL,
          quiet_when_empty boolean NOT NULL,
          updated_at timestamptz NOT NULL,
          PRIMARY KEY (platform, channel)
        )`,
        `CREATE TABLE posted_papers (
          platform text NOT NULL,
          channel text NOT NULL,
          paper_id text NOT NULL,
          posted_at timestamptz NOT NULL,
          PRIMARY KEY (platform, channel, paper_id)
        )`,
        `CREATE TABLE digests (
          key text PRIMARY KEY,
          platform text NOT NULL,
          channel text NOT NULL,
          local_date text NOT NULL,
          status text NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'unknown')),
          attempts integer NOT NULL,
          nonce text NOT NULL,
          paper_ids text NOT NULL,
          message_ref text,
          error text,
          claimed_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )`,
        `CREATE INDEX digests_by_channel ON digests (platform, channel, local_date)`,
      ],
    },
  },
  {
    version: 2,
    name: 'digest votes',
    sql: {
      // `user_id`, not `user`: USER is a reserved word in PostgreSQL.
      sqlite: [
        `CREATE TABLE votes (
          platform TEXT NOT NULL,
          channel TEXT NOT NULL,
          paper_id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
          voted_at TEXT NOT NULL,
          PRIMARY KEY (platform, channel, paper_id, user_id)
        )`,
      ],
      postgres: [
        `CREATE TABLE votes (
          platform text NOT NULL,
          channel text NOT NULL,
          paper_id text NOT NULL,
          user_id text NOT NULL,
          vote smallint NOT NULL CHECK (vote IN (-1, 1)),
          voted_at timestamptz NOT NULL,
          PRIMARY KEY (platform, channel, paper_id, user_id)
        )`,
      ],
    },
  },
  {
    version: 3,
    name: 'conversations',
    sql: {
      // `data` is the session as JSON text, opaque to the store; expired rows are purged by expiry.
      sqlite: [
        `CREATE TABLE conversations (
          key TEXT PRIMARY KEY,
          data TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          expires_at TEXT NOT NULL
        )`,
        `CREATE INDEX conversations_by_expiry ON conversations (expires_at)`,
      ],
      postgres: [
        `CREATE TABLE conversations (
          key text PRIMARY KEY,
          data text NOT NULL,
          updated_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL
        )`,
        `CREATE INDEX conversations_by_expiry ON conversations (expires_at)`,
      ],
    },
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));

/** The migrations not yet applied, oldest first. */
export function pendingMigrations(applied: Iterable<number>, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const done = new Set(applied);
  return [...migrations].sort((a, b) => a.version - b.version).filter((migration) => !done.has(migration.version));
}

/** What a migration run did. */
export interface MigrationReport {
  /** Versions applied by this run (empty when the schema was up to date). */
  applied: number[];
}

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings a SQLite database up to date in one `BEGIN IMMEDIATE` transaction: the write lock is
 * taken before `schema_migrations` is read, so a second process waits (busy_timeout) and then
 * sees the versions the first one applied.
 */
export function migrateSqlite(db: Database, migrations: readonly Migration[] = MIGRATIONS): MigrationReport {
  const run = db.transaction((): MigrationReport => {
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const applied = (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version);
    const pending = pendingMigrations(applied, migrations);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of pending) {
      for (const statement of migration.sql.sqlite) db.exec(statement);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    return { applied: pending.map((migration) => migration.version) };
  });
  return run.immediate();
}

/**
 * Brings a PostgreSQL schema up to date in one transaction that first takes a transaction-level
 * advisory lock (keyed by the schema), so instances starting together apply each version once.
 * `client` must be a dedicated connection (not a pool), its `search_path` already set.
 * With `createSchema`, the schema itself is created if missing (under the same lock).
 */
export async function migratePostgres(
  client: PoolClient,
  options: { schema?: string; migrations?: readonly Migration[] } = {},
): Promise<MigrationReport> {
  const migrations = options.migrations ?? MIGRATIONS;
  await client.query('BEGIN');
  try {
    const lockName = `paperbot:migrate:${options.schema ?? ''}`;
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName]);
    if (options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    const current = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    if (!current.rows[0]?.schema) throw new Error('no schema to migrate: the search_path names no existing schema');
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version);
    const pending = pendingMigrations(applied, migrations);
    for (const migration of pending) {
      for (const statement of migration.sql.postgres) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return { applied: pending.map((migration) => migration.version) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A PostgreSQL identifier, double-quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
