import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSessionFile, FileSessionStore } from '../../src/session/file-session-store.js';
import type { Session } from '../../src/session/session.js';

const sessionFor = (query: string): Session => ({ last: { source: 'answer', query, numbers: { 1: 'a-paper', 2: 'b-paper' }, nextOffset: 0, limit: 10 } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperbot-sessions-'));
});

describe('FileSessionStore', () => {
  it('round-trips sessions through the file, across store instances (as across CLI processes)', async () => {
    const file = join(dir, 'nested', 'deeper', 'sessions.json');
    await new FileSessionStore(file).set('cli:/corpus', sessionFor('q'));
    expect(existsSync(file)).toBe(true);
    expect(await new FileSessionStore(file).get('cli:/corpus')).toEqual(sessionFor('q'));
  });

  it('keeps the sessions of other keys when setting one', async () => {
    const file = join(dir, 'sessions.json');
    const store = new FileSessionStore(file);
    await store.set('one', sessionFor('1'));
    await store.set('two', sessionFor('2'));
    await store.set('one', sessionFor('1b'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ one: sessionFor('1b'), two: sessionFor('2') });
  });

  it('is an empty store when the file is missing', async () => {
    expect(await new FileSessionStore(join(dir, 'none.json')).get('k')).toEqual({});
  });

  it.each([
    ['not JSON', '{"k": {"last": '],
    ['empty', ''],
    ['JSON null', 'null'],
    ['a JSON string', '"hello"'],
    ['binary', '\u0000\u0001\u0002'],
  ])('tolerates a corrupt file (%s): get is empty, and set replaces the file with valid JSON', async (_, content) => {
    const file = join(dir, 'sessions.json');
    writeFileSync(file, content);
    const store = new FileSessionStore(file);
    expect(await store.get('k')).toEqual({});
    await store.set('k', sessionFor('q'));
    expect(await new FileSessionStore(file).get('k')).toEqual(sessionFor('q'));
  });

  it('never throws when the file cannot be written (only "show N" across calls is lost)', async () => {
    const file = join(dir, 'is-a-directory');
    mkdirSync(file);
    const store = new FileSessionStore(file);
    await expect(store.set('k', sessionFor('q'))).resolves.toBeUndefined();
    expect(await store.get('k')).toEqual({});
  });

  // BUG (src/session/file-session-store.ts, readAll): a file holding a JSON array passes the
  // `typeof parsed === 'object'` check, set() stores the session as a property of the array,
  // and JSON.stringify writes "[]" again: sessions are silently never saved until the user
  // deletes the file. Fix: accept only plain objects (`!Array.isArray(parsed)`), else start empty.
  it('recovers from a file holding a JSON array', async () => {
    const file = join(dir, 'sessions.json');
    writeFileSync(file, '[]');
    await new FileSessionStore(file).set('k', sessionFor('q'));
    expect(await new FileSessionStore(file).get('k')).toEqual(sessionFor('q'));
  });

  // BUG (same file, get): entries are not checked, so `{"k": "oops"}` makes get() return a string;
  // every command then fails assigning `session.last` ("Cannot create property 'last' on string")
  // and the CLI answers "Something went wrong" for that corpus until the file is deleted.
  // Fix: return {} for an entry that is not a plain object (or validate with a small zod schema).
  it('treats an entry that is not an object as an empty session', async () => {
    const file = join(dir, 'sessions.json');
    writeFileSync(file, JSON.stringify({ k: 'oops', n: 5 }));
    const store = new FileSessionStore(file);
    expect(await store.get('k')).toEqual({});
    expect(await store.get('n')).toEqual({});
  });
});

describe('defaultSessionFile', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is under $XDG_CACHE_HOME when set', () => {
    vi.stubEnv('XDG_CACHE_HOME', '/tmp/cache-home');
    expect(defaultSessionFile()).toBe(join('/tmp/cache-home', 'paperbot', 'sessions.json'));
  });

  it('is under ~/.cache otherwise (an empty XDG_CACHE_HOME counts as unset)', () => {
    vi.stubEnv('XDG_CACHE_HOME', '');
    expect(defaultSessionFile()).toBe(join(homedir(), '.cache', 'paperbot', 'sessions.json'));
  });
});
