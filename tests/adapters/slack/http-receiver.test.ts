import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { boltLogger } from '../../../adapters/slack/bolt-logger.js';
import { guardedHttpReceiver } from '../../../adapters/slack/http-receiver.js';
import { ManualClock } from '../../../src/time/clock.js';
import { RecordingLogger } from './helpers/recording-logger.js';
import { sendSigned, TEST_SECRETS } from './helpers/slack-requests.js';

let server: Server | undefined;
let stop: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await stop?.();
  server = undefined;
  stop = undefined;
});

/** The guarded receiver alone, with routes that fail in each way a handler can, and an app that records events. */
async function start() {
  const logger = new RecordingLogger();
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const events: unknown[] = [];
  const receiver = guardedHttpReceiver({
    signingSecret: TEST_SECRETS.signingSecret,
    port: 0,
    processBeforeResponse: true,
    boltLogger: boltLogger(logger, (t) => t),
    logger,
    scrub: (t) => t,
    clock,
    customRoutes: [
      {
        path: '/throws',
        method: ['GET'],
        handler: () => {
          throw new Error('a bug in a route');
        },
      },
      { path: '/rejects', method: ['GET'], handler: () => Promise.reject(new Error('an async bug in a route')) as unknown as void },
      { path: '/ok', method: ['GET'], handler: (_req, res) => res.end('ok') },
    ],
  });
  receiver.init({
    processEvent: async (event: { body: unknown; ack: () => Promise<void> }) => {
      events.push(event.body);
      await event.ack();
    },
  } as unknown as App);
  server = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
  stop = () => receiver.stop();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, logger, clock, events };
}

describe('the guarded HTTP receiver', () => {
  it('answers 500 and logs when a handler throws or rejects, and keeps serving', async () => {
    const { base, logger } = await start();
    expect((await fetch(`${base}/throws`)).status).toBe(500);
    expect((await fetch(`${base}/rejects`)).status).toBe(500);
    expect(await (await fetch(`${base}/ok`)).text()).toBe('ok');
    expect(logger.at('error').map((e) => [e.message, (e.meta.err as { message: string }).message])).toEqual([
      ['Slack request failed', 'a bug in a route'],
      ['Slack request failed', 'an async bug in a route'],
    ]);
  });

  it('answers 404 for a path it does not serve', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it('passes a signed object body on to the app, and nothing else', async () => {
    const { base, events, clock } = await start();
    const timestamp = Math.floor(clock.now() / 1000);
    expect((await sendSigned(`${base}/slack/events`, '{"type":"event_callback","event":{}}', 'application/json', { timestamp })).status).toBe(200);
    expect((await sendSigned(`${base}/slack/events`, 'null', 'application/json', { timestamp })).status).toBe(400);
    expect((await sendSigned(`${base}/slack/events`, '{}', 'application/json', { timestamp: timestamp + 600 })).status).toBe(401);
    expect((await sendSigned(`${base}/slack/events`, '{}', 'application/json', { timestamp: timestamp - 600 })).status).toBe(401);
    expect(events).toEqual([{ type: 'event_callback', event: {} }]);
  });

  it('refuses a body over 4 MB with 413', async () => {
    const { base, clock, events } = await start();
    const big = JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(4 * 1024 * 1024) });
    expect((await sendSigned(`${base}/slack/events`, big, 'application/json', { timestamp: Math.floor(clock.now() / 1000) })).status).toBe(413);
    expect(events).toEqual([]);
  });
});
