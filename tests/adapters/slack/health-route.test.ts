import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botHealth } from '../../../adapters/slack/health-route.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import type { PaperbotStore } from '../../../src/store/store.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';

let bot: Paperbot;
let store: MemoryStore;
let slack: HttpSlack;
let lastTick: number | undefined;

beforeAll(async () => {
  store = new MemoryStore();
  await store.migrate();
  bot = await Paperbot.load(defaultCorpusPath(), { store });
  slack = await startHttpSlack(bot, { health: botHealth(bot, () => lastTick, 50) });
});
afterAll(async () => {
  await slack?.close();
});

const healthz = async () => {
  const response = await fetch(slack.url.replace('/slack/events', '/healthz'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, type: response.headers.get('content-type') };
};

describe('GET /healthz (HTTP mode)', () => {
  it('reports the corpus size, a reachable store and no digest tick yet: 200 ok', async () => {
    expect(await healthz()).toEqual({
      status: 200,
      type: 'application/json',
      body: { status: 'ok', papers: bot.index.size, storeReachable: true, lastDigestTick: null },
    });
    expect(bot.index.size).toBeGreaterThan(0);
  });

  it('reports the last digest tick as ISO time', async () => {
    lastTick = Date.parse('2026-03-02T07:00:00.000Z');
    expect((await healthz()).body.lastDigestTick).toBe('2026-03-02T07:00:00.000Z');
  });

  it('answers 503 when the store does not answer its ping, or not in time', async () => {
    const hung: Pick<PaperbotStore, 'ping'> = { ping: () => new Promise(() => {}) };
    const original = store.ping.bind(store);
    store.ping = hung.ping;
    try {
      expect(await healthz()).toMatchObject({ status: 503, body: { status: 'unavailable', storeReachable: false } });
      store.ping = () => Promise.reject(new Error('connection refused'));
      expect(await healthz()).toMatchObject({ status: 503, body: { status: 'unavailable', storeReachable: false } });
    } finally {
      store.ping = original;
    }
    expect((await healthz()).status).toBe(200);
  });

  it('is not served for other methods, and /slack/events stays signed-only', async () => {
    expect((await fetch(slack.url.replace('/slack/events', '/healthz'), { method: 'POST' })).status).toBe(404);
    expect((await fetch(slack.url, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});
