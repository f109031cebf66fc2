import { describe, expect, it } from 'vitest';
import { buttonRows, PageStore, pageButtonId, parseButtonId, similarButtonId } from '../../../adapters/discord/buttons.js';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import type { RenderedResult } from '../../../adapters/discord/render-embeds.js';
import { ManualClock } from '../../../src/time/clock.js';

const OWNER = '1500000000000000001';
const page = { source: 'search' as const, query: 'diffusion', offset: 10, limit: 10 };

describe('button custom ids', () => {
  it('round-trip through parseButtonId', () => {
    expect(parseButtonId(pageButtonId(OWNER, 'AbC-_123'))).toEqual({ kind: 'page', owner: OWNER, key: 'AbC-_123' });
    expect(parseButtonId(similarButtonId(OWNER, 'paper:with:colons'))).toEqual({ kind: 'similar', owner: OWNER, paperId: 'paper:with:colons' });
  });

  it('reject anything else', () => {
    for (const id of ['', 'pb:page', 'pb:page:notanid:k', 'pb:other:1:k', 'xx:page:1:k', 'pb:sim:1:']) expect(parseButtonId(id), id).toBeUndefined();
  });
});

describe('PageStore', () => {
  it('returns what was stored, under an 8-character key, with its owner', () => {
    const store = new PageStore();
    const key = store.put(OWNER, page);
    expect(key).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(store.get(key)).toEqual({ owner: OWNER, request: page });
    expect(store.get('unknown1')).toBeUndefined();
  });

  it('forgets a request once its time is up', () => {
    const clock = new ManualClock(1_000);
    const store = new PageStore({ clock, ttlMs: 60_000 });
    const key = store.put(OWNER, page);
    clock.advance(59_999);
    expect(store.get(key)).toBeDefined();
    clock.advance(1);
    expect(store.get(key)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const store = new PageStore({ maxEntries: 3 });
    const keys = [1, 2, 3, 4].map((i) => store.put(OWNER, { ...page, offset: i }));
    expect(store.size).toBe(3);
    expect(store.get(keys[0]!)).toBeUndefined();
    expect(store.get(keys[3]!)?.request.offset).toBe(4);
  });
});

describe('buttonRows', () => {
  const rendered = (extra: Partial<RenderedResult>): RenderedResult => ({ embeds: [], ephemeral: false, similar: [], ...extra });

  it('offers "More results" and up to four "Similar" buttons in one row, within the limits', () => {
    const store = new PageStore();
    const rows = buttonRows(rendered({ more: page, similar: [1, 2, 3, 4, 5, 6].map((n) => ({ n, id: `paper-${n}` })) }), OWNER, store);
    expect(rows).toHaveLength(1);
    const buttons = rows[0]!.components;
    expect(buttons.map((b) => b.label)).toEqual(['More results', 'Similar to [1]', 'Similar to [2]', 'Similar to [3]', 'Similar to [4]']);
    expect(buttons[0]).toMatchObject({ type: 2, style: 1 });
    const more = parseButtonId(buttons[0]!.custom_id);
    expect(more).toMatchObject({ kind: 'page', owner: OWNER });
    expect(store.get((more as { key: string }).key)).toEqual({ owner: OWNER, request: page });
    expect(buttons[1]).toEqual({ type: 2, style: 2, label: 'Similar to [1]', custom_id: `pb:sim:${OWNER}:paper-1` });
    expect(messageProblems({ components: rows })).toEqual([]);
  });

  it('labels the only "Similar" button of a paper plainly', () => {
    const rows = buttonRows(rendered({ similar: [{ n: 1, id: 'p' }] }), OWNER, new PageStore());
    expect(rows[0]!.components.map((b) => b.label)).toEqual(['Similar papers']);
  });

  it('keeps a paper id too long for a custom_id in the store instead', () => {
    const store = new PageStore();
    const longId = 'x'.repeat(90);
    const rows = buttonRows(rendered({ similar: [{ n: 1, id: longId }] }), OWNER, store);
    const id = rows[0]!.components[0]!.custom_id;
    expect(id.length).toBeLessThanOrEqual(100);
    const action = parseButtonId(id) as { kind: string; key: string };
    expect(action.kind).toBe('page');
    expect(store.get(action.key)?.request).toEqual({ source: 'similar', query: longId, offset: 0, limit: 10 });
  });

  it('adds no buttons to ephemeral replies or results without follow-ups', () => {
    expect(buttonRows(rendered({ ephemeral: true, more: page }), OWNER, new PageStore())).toEqual([]);
    expect(buttonRows(rendered({}), OWNER, new PageStore())).toEqual([]);
  });
});
