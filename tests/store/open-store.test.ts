import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ErrorCode, PaperbotError } from '../../src/errors.js';
import { defaultDataDir, describeDatabaseTarget, openStore, parseDatabaseUrl, redactDatabaseUrl } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { subscription } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'paperbot-open-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const newDir = () => join(root, `cwd-${++dirs}`);

/** What a promise rejected with (failing the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<PaperbotError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error('expected a rejection');
  expect(outcome.error).toBeInstanceOf(PaperbotError);
  return outcome.error as PaperbotError;
}

function thrown(run: () => unknown): PaperbotError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PaperbotError);
    return error as PaperbotError;
  }
  throw new Error('expected an error');
}

describe('parseDatabaseUrl', () => {
  it('defaults to paperbot.db in the data directory, not under the working directory, when unset or empty', () => {
    for (const unset of [undefined, '', '   ']) {
      expect(parseDatabaseUrl(unset, '/srv/bot', '/var/lib/paperbot')).toEqual({ kind: 'sqlite', path: '/var/lib/paperbot/paperbot.db' });
    }
    // Without one given: DATA_DIR (the test run's temp directory), else the platform's.
    expect(parseDatabaseUrl(undefined, '/srv/bot')).toEqual({ kind: 'sqlite', path: join(defaultDataDir(), 'paperbot.db') });
  });

  it('reads sqlite: paths relative to the working directory, or absolute, and :memory:', () => {
    expect(parseDatabaseUrl('sqlite:state/bot.db', '/srv/bot')).toEqual({ kind: 'sqlite', path: '/srv/bot/state/bot.db' });
    expect(parseDatabaseUrl('sqlite:./bot.db', '/srv/bot')).toEqual({ kind: 'sqlite', path: '/srv/bot/bot.db' });
    expect(parseDatabaseUrl('sqlite:../shared/bot.db', '/srv/bot')).toEqual({ kind: 'sqlite', path: '/srv/shared/bot.db' });
    expect(parseDatabaseUrl('sqlite:/var/lib/paperbot/bot.db', '/srv/bot')).toEqual({ kind: 'sqlite', path: '/var/lib/paperbot/bot.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/paperbot/bot.db', '/srv/bot')).toEqual({ kind: 'sqlite', path: '/var/lib/paperbot/bot.db' });
    expect(parseDatabaseUrl('sqlite::memory:', '/srv/bot')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('takes postgres:// and postgresql:// URLs as they are', () => {
    for (const url of [
      'postgres://paperbot:secret@db.internal:5432/paperbot',
      'postgresql://paperbot@127.0.0.1/paperbot?sslmode=require',
      'postgres://u:p%40ss@[::1]:5433/db',
      'postgres:///paperbot?host=/var/run/postgresql',
    ]) {
      expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', connectionString: url });
    }
  });

  it('rejects other schemes with a ConfigError naming DATABASE_URL, password hidden', () => {
    const error = thrown(() => parseDatabaseUrl('mysql://root:hunter2hunter2@db/paperbot'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.message).toBe('DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "mysql://root:***@db/paperbot")');
    expect(() => parseDatabaseUrl('data/paperbot.db')).toThrow(/DATABASE_URL must start with/);
  });

  it('rejects an empty sqlite: path and a sqlite://host form', () => {
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/DATABASE_URL: sqlite: takes a file path/);
    expect(() => parseDatabaseUrl('sqlite://data/paperbot.db')).toThrow(/DATABASE_URL: sqlite: takes a file path/);
  });

  it('rejects a malformed postgres URL without echoing its password, even unencoded', () => {
    const error = thrown(() => parseDatabaseUrl('postgres://paperbot:pa ss/w@rd!@db:notaport/paperbot'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^DATABASE_URL is not a valid URL: "postgres:\/\/paperbot:\*\*\*@db:notaport\/paperbot"/);
    expect(inspect(error, { depth: 10 })).not.toMatch(/pa ss|w@rd/);
    expect(() => parseDatabaseUrl('postgres://')).toThrow(/DATABASE_URL/);
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password of user:password@ and password= parameters, keeping the rest', () => {
    expect(redactDatabaseUrl('postgres://paperbot:s3cret@db:5432/paperbot')).toBe('postgres://paperbot:***@db:5432/paperbot');
    expect(redactDatabaseUrl('postgres://paperbot:p%40ss%3Aw@db/x')).toBe('postgres://paperbot:***@db/x');
    expect(redactDatabaseUrl('postgres://paperbot:p@ss:w/rd@db/x')).toBe('postgres://paperbot:***@db/x');
    expect(redactDatabaseUrl('postgres://db/x?user=u&password=s3cret&sslmode=require')).toBe('postgres://db/x?user=u&password=***&sslmode=require');
    expect(redactDatabaseUrl('postgres://db/x?sslpassword=k3y')).toBe('postgres://db/x?sslpassword=***');
  });

  it('leaves URLs without a password alone', () => {
    for (const url of ['postgres://paperbot@db/x', 'postgres://db/x', 'sqlite:data/paperbot.db', 'sqlite::memory:']) {
      expect(redactDatabaseUrl(url)).toBe(url);
    }
  });
});

describe('defaultDataDir', () => {
  const home = '/home/ada';
  it('is DATA_DIR when set (a relative one from the working directory)', () => {
    expect(defaultDataDir({ DATA_DIR: '/srv/paperbot' }, 'linux', home)).toBe('/srv/paperbot');
    expect(defaultDataDir({ DATA_DIR: 'state' }, 'linux', home)).toBe(join(process.cwd(), 'state'));
    expect(defaultDataDir({ DATA_DIR: '/srv/paperbot', XDG_DATA_HOME: '/xdg' }, 'darwin', home)).toBe('/srv/paperbot');
  });

  it("else the platform's per-user data directory", () => {
    expect(defaultDataDir({}, 'linux', home)).toBe('/home/ada/.local/share/paperbot');
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux', home)).toBe('/xdg/paperbot');
    // A relative XDG_DATA_HOME is invalid (XDG spec) and ignored.
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, 'linux', home)).toBe('/home/ada/.local/share/paperbot');
    expect(defaultDataDir({}, 'darwin', home)).toBe('/home/ada/Library/Application Support/paperbot');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', home)).toBe(join('C:\\Users\\ada\\AppData\\Roaming', 'paperbot'));
  });
});

describe('describeDatabaseTarget (for the start-up log line)', () => {
  it('names the SQLite file, or the PostgreSQL host, port, database and user — never the password', () => {
    expect(describeDatabaseTarget(parseDatabaseUrl('sqlite:/var/lib/paperbot/bot.db'))).toEqual({ kind: 'sqlite', path: '/var/lib/paperbot/bot.db' });
    const url = 'postgres://paperbot:Sup3r-s3cret@db.internal:5433/bot?sslmode=require&password=Other-s3cret';
    const described = describeDatabaseTarget(parseDatabaseUrl(url));
    expect(described).toEqual({ kind: 'postgres', host: 'db.internal', port: 5433, database: 'bot', user: 'paperbot' });
    expect(JSON.stringify(described)).not.toMatch(/s3cret/);
    expect(describeDatabaseTarget(parseDatabaseUrl('postgres:///paperbot?host=/var/run/postgresql'))).toEqual({ kind: 'postgres', host: '/var/run/postgresql', database: 'paperbot' });
  });
});

describe('openStore', () => {
  it('opens (and creates) paperbot.db in the data directory when DATABASE_URL is unset, migrated and ready; nothing under cwd', async () => {
    const cwd = newDir();
    const dataDir = join(newDir(), 'state', 'paperbot');
    const store = await openStore(undefined, { cwd, dataDir });
    try {
      expect(store).toBeInstanceOf(SqliteStore);
      expect((store as SqliteStore).path).toBe(join(dataDir, 'paperbot.db'));
      expect(existsSync(join(dataDir, 'paperbot.db'))).toBe(true);
      expect(existsSync(join(cwd, 'data'))).toBe(false);
      await store.upsertSubscription(subscription());
      expect(await store.listSubscriptions()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('opens a relative sqlite: path under cwd, creating its directories; data is there on the next open', async () => {
    const cwd = newDir();
    const first = await openStore('sqlite:var/state/bot.db', { cwd });
    await first.upsertSubscription(subscription());
    await first.close();
    const second = await openStore('sqlite:var/state/bot.db', { cwd });
    try {
      expect(await second.listSubscriptions()).toEqual([subscription()]);
    } finally {
      await second.close();
    }
  });

  it('opens sqlite::memory:', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      await store.upsertSubscription(subscription());
      expect(await store.listSubscriptions()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('reports a SQLite file that cannot be created as StoreUnavailable, naming DATABASE_URL and the path', async () => {
    const cwd = newDir();
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'blocker'), 'a file where a directory should be');
    const error = await rejection(openStore('sqlite:blocker/paperbot.db', { cwd }));
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).toContain(`DATABASE_URL: cannot open the SQLite database ${join(cwd, 'blocker', 'paperbot.db')}:`);
  });

  it('reports a malformed DATABASE_URL as a ConfigError before touching anything', async () => {
    const error = await rejection(openStore('redis://:pw@127.0.0.1'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('DATABASE_URL');
  });

  it('reports an unreachable PostgreSQL server as StoreUnavailable, naming DATABASE_URL, password hidden', async () => {
    const started = Date.now();
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    const error = await rejection(openStore('postgres://paperbot:Sup3r-s3cret@127.0.0.1:1/paperbot', { connectionTimeoutMs: 3000 }));
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).toMatch(/^DATABASE_URL: cannot open the PostgreSQL database at postgres:\/\/paperbot:\*\*\*@127\.0\.0\.1:1\/paperbot: .*ECONNREFUSED/);
    expect(inspect(error, { depth: 10 })).not.toContain('Sup3r-s3cret');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
