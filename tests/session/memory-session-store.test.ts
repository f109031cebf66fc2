import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SESSIONS, MemorySessionStore, type Session } from '../../src/session/session.js';

const sessionFor = (query: string): Session => ({ last: { source: 'search', query, numbers: { 1: `${query}-paper` }, nextOffset: 1, limit: 10 } });

describe('MemorySessionStore', () => {
  it('returns an empty session for an unknown key, and what was set for a known one', () => {
    const store = new MemorySessionStore();
    expect(store.get('nobody')).toEqual({});
    store.set('a', sessionFor('a'));
    expect(store.get('a')).toEqual(sessionFor('a'));
  });

  it('returns the stored object itself, so a command updating it updates the store', () => {
    const store = new MemorySessionStore();
    const session = sessionFor('a');
    store.set('a', session);
    store.get('a').last!.nextOffset = 5;
    expect(store.get('a').last?.nextOffset).toBe(5);
  });

  it('drops the least recently used session beyond its size: get counts as use', () => {
    const store = new MemorySessionStore(2);
    store.set('a', sessionFor('a'));
    store.set('b', sessionFor('b'));
    store.get('a');
    store.set('c', sessionFor('c'));
    expect(store.get('b')).toEqual({});
    expect(store.get('a')).toEqual(sessionFor('a'));
    expect(store.get('c')).toEqual(sessionFor('c'));
  });

  it('counts setting an existing key as use, and does not grow for it', () => {
    const store = new MemorySessionStore(2);
    store.set('a', sessionFor('a'));
    store.set('b', sessionFor('b'));
    store.set('a', sessionFor('a2'));
    store.set('c', sessionFor('c'));
    expect(store.get('b')).toEqual({});
    expect(store.get('a')).toEqual(sessionFor('a2'));
    expect(store.get('c')).toEqual(sessionFor('c'));
  });

  it('does not store anything for a get of an unknown key', () => {
    const store = new MemorySessionStore(2);
    store.set('a', sessionFor('a'));
    store.set('b', sessionFor('b'));
    for (const key of ['x', 'y', 'z']) store.get(key);
    expect(store.get('a')).toEqual(sessionFor('a'));
    expect(store.get('b')).toEqual(sessionFor('b'));
  });

  it(`remembers ${DEFAULT_MAX_SESSIONS} conversations by default`, () => {
    const store = new MemorySessionStore();
    for (let i = 0; i <= DEFAULT_MAX_SESSIONS; i++) store.set(`k${i}`, sessionFor(`q${i}`));
    expect(store.get('k0')).toEqual({});
    expect(store.get('k1')).toEqual(sessionFor('q1'));
    expect(store.get(`k${DEFAULT_MAX_SESSIONS}`)).toEqual(sessionFor(`q${DEFAULT_MAX_SESSIONS}`));
  });
});
