/**
 * The PostgreSQL server tests may use: PAPERBOT_TEST_DATABASE_URL (`.ci/run` starts one). Tests
 * that need it skip, with a notice, when the variable is unset or the server cannot be reached.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactDatabaseUrl } from '../../src/store/open-store.js';

export const POSTGRES_URL_VARIABLE = 'PAPERBOT_TEST_DATABASE_URL';

/** The test server's URL, when one is configured. */
export const postgresTestUrl: string | undefined = process.env[POSTGRES_URL_VARIABLE]?.trim() || undefined;

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  if (!postgresTestUrl) return `${POSTGRES_URL_VARIABLE} is not set`;
  const client = new pg.Client({ connectionString: postgresTestUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `cannot reach ${redactDatabaseUrl(postgresTestUrl)} (${error instanceof Error ? error.message || error.name : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema name no other test or run uses. */
export const newTestSchema = (): string => `paperbot_test_${process.pid}_${randomBytes(5).toString('hex')}`;

/** Drops a test schema and everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
