import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import { createSlackApp, type SlackAppOptions } from '../../../../adapters/slack/index.js';
import type { Paperbot } from '../../../../src/app/paperbot.js';
import { ManualClock } from '../../../../src/time/clock.js';
import { manualTimers } from '../../../helpers/manual-timers.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { RecordingLogger } from './recording-logger.js';
import {
  buttonClickForm,
  eventEnvelope,
  sendSigned,
  slashCommandForm,
  TEST_SECRETS,
  type ClickOptions,
  type SendOptions,
  type SlackResponse,
} from './slack-requests.js';

/** Retries without waiting, so failure tests are quick. */
export const INSTANT_RETRIES = { retries: 2, minDelayMs: 0, maxDelayMs: 0, timeoutMs: 2000 } as const;

export interface HttpSlack {
  app: App;
  /** http://127.0.0.1:<port>/slack/events */
  url: string;
  api: FakeSlackApi;
  logger: RecordingLogger;
  clock: ManualClock;
  /** The "Searching…" delay's timers: none fires unless the test fires it, so no test sees a placeholder by accident. */
  timers: ReturnType<typeof manualTimers>;
  sendEvent(event: Record<string, unknown>, options?: SendOptions & { eventId?: string }): Promise<SlackResponse>;
  sendEnvelope(envelope: Record<string, unknown>, options?: SendOptions): Promise<SlackResponse>;
  /** `/paper <text>`; its response_url is a fresh one on the fake unless given. */
  sendCommand(text: string, options?: SendOptions & { user?: string; channel?: string; responseUrl?: string }): Promise<SlackResponse>;
  click(options: Omit<ClickOptions, 'responseUrl'> & { responseUrl?: string } & SendOptions): Promise<SlackResponse>;
  close(): Promise<void>;
}

/**
 * The real Bolt app in HTTP mode on 127.0.0.1 (an ephemeral port), its Web API and response URLs
 * faked with nock. With `processBeforeResponse` (the default here) a request's replies have all
 * been sent when its HTTP response arrives, so tests need no waiting.
 */
export async function startHttpSlack(bot: Paperbot, overrides: Partial<SlackAppOptions> = {}): Promise<HttpSlack> {
  const api = new FakeSlackApi();
  const logger = new RecordingLogger();
  // Starts at the real time (whole seconds): requests are signed with the clock's time, and the
  // ones a test signs itself with Date.now() are within the 5 minutes allowed.
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const timers = manualTimers();
  const app = createSlackApp({
    bot,
    botToken: TEST_SECRETS.botToken,
    signingSecret: TEST_SECRETS.signingSecret,
    mode: 'http',
    apiUrl: api.apiUrl,
    logger,
    clock,
    timers: timers.timers,
    retryPolicy: INSTANT_RETRIES,
    processBeforeResponse: true,
    ...overrides,
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const signedNow = (options: SendOptions = {}): SendOptions => ({ timestamp: Math.floor(clock.now() / 1000), ...options });
  const sendEnvelope = (envelope: Record<string, unknown>, options?: SendOptions) => sendSigned(url, JSON.stringify(envelope), 'application/json', signedNow(options));
  return {
    app,
    url,
    api,
    logger,
    clock,
    timers,
    sendEnvelope,
    sendEvent: (event, options = {}) => sendEnvelope(eventEnvelope(event, options.eventId), options),
    sendCommand: (text, options = {}) =>
      sendSigned(url, slashCommandForm(text, { ...options, responseUrl: options.responseUrl ?? api.responseUrl() }), 'application/x-www-form-urlencoded', signedNow(options)),
    click: (options) =>
      sendSigned(url, buttonClickForm({ ...options, responseUrl: options.responseUrl ?? api.responseUrl() }), 'application/x-www-form-urlencoded', signedNow(options)),
    async close() {
      await app.stop();
      api.close();
    },
  };
}
