import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SESSIONS, MemorySessionStore, type Session } from '../../src/session/session.js';

const sessionFor = (query: string): Session => ({ last: { source: 'search', query, numbers: { 1: `${query}-paper` }, nextOffset: 1, limit: 10 } });

describe('MemorySessionStore', () => {
  it('returns an empty session for an unknown key, and what was set for a known one', async () => {
    const store = new MemorySessionStore();
    expect(await store.get('nobody')).toEqual({});
    await store.set('a', sessionFor('a'));
    expect(await store.get('a')).toEqual(sessionFor('a'));
  });

  it('returns the stored object itself, so a command updating it updates the store', async () => {
    const store = new MemorySessionStore();
    const session = sessionFor('a');
    await store.set('a', session);
    (await store.get('a')).last!.nextOffset = 5;
    expect((await store.get('a')).last?.nextOffset).toBe(5);
  });

  it('drops the least recently used session beyond its size: get counts as use', async () => {
    const store = new MemorySessionStore(2);
    await store.set('a', sessionFor('a'));
    await store.set('b', sessionFor('b'));
    await store.get('a');
    await store.set('c', sessionFor('c'));
    expect(await store.get('b')).toEqual({});
    expect(await store.get('a')).toEqual(sessionFor('a'));
    expect(await store.get('c')).toEqual(sessionFor('c'));
  });

  it('counts setting an existing key as use, and does not grow for it', async () => {
    const store = new MemorySessionStore(2);
    await store.set('a', sessionFor('a'));
    await store.set('b', sessionFor('b'));
    await store.set('a', sessionFor('a2'));
    await store.set('c', sessionFor('c'));
    expect(await store.get('b')).toEqual({});
    expect(await store.get('a')).toEqual(sessionFor('a2'));
    expect(await store.get('c')).toEqual(sessionFor('c'));
  });

  it('does not store anything for a get of an unknown key', async () => {
    const store = new MemorySessionStore(2);
    await store.set('a', sessionFor('a'));
    await store.set('b', sessionFor('b'));
    for (const key of ['x', 'y', 'z']) await store.get(key);
    expect(await store.get('a')).toEqual(sessionFor('a'));
    expect(await store.get('b')).toEqual(sessionFor('b'));
  });

  it(`remembers ${DEFAULT_MAX_SESSIONS} conversations by default`, async () => {
    const store = new MemorySessionStore();
    for (let i = 0; i <= DEFAULT_MAX_SESSIONS; i++) await store.set(`k${i}`, sessionFor(`q${i}`));
    expect(await store.get('k0')).toEqual({});
    expect(await store.get('k1')).toEqual(sessionFor('q1'));
    expect(await store.get(`k${DEFAULT_MAX_SESSIONS}`)).toEqual(sessionFor(`q${DEFAULT_MAX_SESSIONS}`));
  });
});
