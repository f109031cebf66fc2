/**
 * Opens the store `DATABASE_URL` names and brings its schema up to date:
 * - `postgres://…` or `postgresql://…` → {@link PostgresStore};
 * - `sqlite:PATH` → {@link SqliteStore} (PATH relative to the working directory, or absolute;
 *   `sqlite::memory:` for a private in-memory database);
 * - unset or empty → `paperbot.db` in the data directory (`DATA_DIR`, else the platform's, see
 *   {@link defaultDataDir}).
 * A malformed URL is a {@link ConfigError}; a database that cannot be opened, reached or migrated
 * is a {@link StoreUnavailableError}. Both name DATABASE_URL and never show its password.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { DEFAULT_SQLITE_FILE, defaultDataDir } from './data-dir.js';
import { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
import { StoreUnavailableError } from './records.js';
import { SQLITE_MEMORY, SqliteStore } from './sqlite-store.js';
import type { PaperbotStore } from './store.js';

export { StoreUnavailableError } from './records.js';
export { defaultDataDir } from './data-dir.js';

/** Where a DATABASE_URL points. */
export type DatabaseTarget =
  /** `path` is absolute, or `:memory:`. */
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string };

export interface OpenStoreOptions {
  /** What a relative `sqlite:` path is relative to. Default: the working directory. */
  cwd?: string;
  /** Where the store is when DATABASE_URL is unset. Default {@link defaultDataDir} (DATA_DIR, else the platform's data directory). */
  dataDir?: string;
  /** Errors of idle PostgreSQL connections (the pool replaces them), e.g. for logging. */
  onBackgroundError?: (error: Error) => void;
  /** PostgreSQL: keep the tables in this schema (created if missing). Default: the server's search_path. */
  postgresSchema?: string;
  /** PostgreSQL: how long to wait for a connection (ms). Default 10000. */
  connectionTimeoutMs?: number;
}

/** Parses DATABASE_URL (undefined or empty: `paperbot.db` in `dataDir`) without touching any database. */
export function parseDatabaseUrl(databaseUrl: string | undefined, cwd: string = process.cwd(), dataDir?: string): DatabaseTarget {
  const url = databaseUrl?.trim();
  if (!url) return { kind: 'sqlite', path: join(dataDir ?? defaultDataDir(), DEFAULT_SQLITE_FILE) };
  if (/^sqlite:/i.test(url)) {
    const path = url.slice('sqlite:'.length);
    if (path === SQLITE_MEMORY) return { kind: 'sqlite', path: SQLITE_MEMORY };
    if (path === '' || (path.startsWith('//') && !path.startsWith('///'))) {
      throw new ConfigError(`DATABASE_URL: sqlite: takes a file path, as in sqlite:data/paperbot.db or sqlite:/var/lib/paperbot/paperbot.db (got "${url}")`);
    }
    // sqlite:///abs/path (three slashes) is read as the absolute path /abs/path.
    return { kind: 'sqlite', path: isAbsolute(path) ? resolve(path) : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      // Not the URL parser's error as the cause: it carries the whole input, password included.
      throw new ConfigError(`DATABASE_URL is not a valid URL: "${redactDatabaseUrl(url)}" (expected postgres://user:password@host:port/database; percent-encode special characters in the password)`);
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new ConfigError(`DATABASE_URL names no host: "${redactDatabaseUrl(url)}" (expected postgres://user:password@host:port/database)`);
    }
    return { kind: 'postgres', connectionString: url };
  }
  throw new ConfigError(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${redactDatabaseUrl(url)}")`);
}

/**
 * The URL with any password replaced by `***`: the one in `user:password@` (everything up to the
 * last `@` counts as user info, so a password with unencoded `@`, `/` or `:` is hidden too) and
 * any `password=` query parameter.
 */
export function redactDatabaseUrl(url: string): string {
  let redacted = url;
  const schemeEnd = redacted.indexOf('://');
  const at = redacted.lastIndexOf('@');
  if (schemeEnd >= 0 && at > schemeEnd) {
    const userInfo = redacted.slice(schemeEnd + 3, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) redacted = `${redacted.slice(0, schemeEnd + 3)}${userInfo.slice(0, colon)}:***${redacted.slice(at)}`;
  }
  return redacted.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}

/**
 * What a log line may say about the store: the SQLite file, or PostgreSQL's host, port, database
 * and user — never the password (nor any other query parameter).
 */
export function describeDatabaseTarget(target: DatabaseTarget): Record<string, string | number> {
  if (target.kind === 'sqlite') return { kind: 'sqlite', path: target.path };
  const url = new URL(target.connectionString);
  const host = url.hostname || url.searchParams.get('host') || '';
  return {
    kind: 'postgres',
    host,
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(url.pathname.length > 1 ? { database: decodeURIComponent(url.pathname.slice(1)) } : {}),
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
  };
}

/** Opens the store DATABASE_URL names and runs its migrations. */
export async function openStore(databaseUrl: string | undefined, options: OpenStoreOptions = {}): Promise<PaperbotStore> {
  const target = parseDatabaseUrl(databaseUrl, options.cwd, options.dataDir);
  if (target.kind === 'sqlite') {
    let store: SqliteStore | undefined;
    try {
      store = new SqliteStore(target.path);
      await store.migrate();
      return store;
    } catch (error) {
      await store?.close().catch(() => undefined);
      throw new StoreUnavailableError(`DATABASE_URL: cannot open the SQLite database ${target.path}: ${describeError(error)}`, { cause: error });
    }
  }
  const postgresOptions: PostgresStoreOptions = { connectionString: target.connectionString };
  if (options.postgresSchema !== undefined) postgresOptions.schema = options.postgresSchema;
  if (options.connectionTimeoutMs !== undefined) postgresOptions.connectionTimeoutMs = options.connectionTimeoutMs;
  if (options.onBackgroundError) postgresOptions.onBackgroundError = options.onBackgroundError;
  let store: PostgresStore | undefined;
  try {
    store = new PostgresStore(postgresOptions);
    await store.migrate();
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    const message = `DATABASE_URL: cannot open the PostgreSQL database at ${redactDatabaseUrl(target.connectionString)}: ${describeError(error)}`;
    throw new StoreUnavailableError(hidePassword(message, target.connectionString), { cause: error });
  }
}

/** An error's message; for a connection refused on every address (AggregateError, empty message), its parts or code. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

/** The message with the URL's password (should a driver ever quote it) replaced by `***`. */
function hidePassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password.length >= 3 ? message.split(password).join('***') : message;
}
