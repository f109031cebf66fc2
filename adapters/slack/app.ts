import { App, LogLevel, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Paperbot } from '../../src/app/paperbot.js';
import { ConfigError } from '../../src/errors.js';
import { silentLogger, type Logger } from '../../src/log/logger.js';
import { systemClock, type Clock } from '../../src/time/clock.js';
import { systemTimers, type Timers } from '../../src/time/timers.js';
import { boltLogger } from './bolt-logger.js';
import { EventDeduper } from './dedupe.js';
import { healthRoute, type HealthCheck } from './health-route.js';
import { guardedHttpReceiver } from './http-receiver.js';
import { dedupeEvents } from './dedupe-middleware.js';
import { describeError } from './describe-error.js';
import { registerActionHandlers } from './handlers/actions.js';
import type { HandlerDeps } from './handlers/deps.js';
import { registerDirectMessageHandler } from './handlers/direct-message.js';
import { registerLinkSharedHandler } from './handlers/link-shared.js';
import { registerMentionHandler } from './handlers/mention.js';
import { registerThreadReplyHandler } from './handlers/thread-reply.js';
import { registerSlashCommand } from './handlers/slash-command.js';
import { Replier } from './reply.js';
import { ShareStore } from './share.js';
import type { Sleep } from './response-url.js';
import { DEFAULT_RETRY_POLICY, webClientRetryOptions, type RetryPolicy } from './retry-policy.js';
import { secretScrubber } from './scrub-secrets.js';
import { SEARCHING_DELAY_MS } from './searching-placeholder.js';

/** Slack's Web API, unless SLACK_API_URL says otherwise. */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
/** HTTP mode's port, unless PORT says otherwise. */
export const DEFAULT_PORT = 3000;

export interface SlackAppOptions {
  /** The core every request is answered by. */
  bot: Paperbot;
  /** Bot token (xoxb-…). */
  botToken: string;
  /** `socket`: Socket Mode over a WebSocket (needs `appToken`); `http`: Slack POSTs to /slack/events (needs `signingSecret`). */
  mode: 'http' | 'socket';
  /** HTTP mode: verifies every request's signature. */
  signingSecret?: string;
  /** Socket Mode: app-level token (xapp-…). */
  appToken?: string;
  /** HTTP mode: the port `app.start()` listens on when called without one. Default 3000. */
  port?: number;
  /** Web API base URL. Default https://slack.com/api/. */
  apiUrl?: string;
  /** Where logs go (tokens and secrets are scrubbed). Default: nowhere. */
  logger?: Logger;
  /** The time, for forgetting event ids and (HTTP mode) checking request timestamps. Default: the system clock. */
  clock?: Clock;
  /** Retries of replies (Web API and response_url). Default {@link DEFAULT_RETRY_POLICY}. */
  retryPolicy?: Partial<RetryPolicy>;
  /** How response_url retries wait. Default: real timers. */
  sleep?: Sleep;
  /**
   * A mention's or DM's answer not ready after this many ms gets a "Searching…" message in its
   * place first, edited into the answer when it is ready. Default {@link SEARCHING_DELAY_MS} (700).
   */
  searchingDelayMs?: number;
  /** The timers that count {@link searchingDelayMs}. Default: Node's own. */
  timers?: Timers;
  /**
   * HTTP mode: hold each HTTP response until the listener has finished. Off in production, so
   * Slack gets its acknowledgement at once; tests turn it on so a request's replies have been
   * sent when its response arrives. See docs/slack.md.
   */
  processBeforeResponse?: boolean;
  /** How long and how many event ids are remembered for de-duplication. Default 10 minutes, 10,000. */
  dedupe?: { ttlMs?: number; maxEntries?: number };
  /** HTTP mode: serve `GET /healthz` from this report (see health-route.ts). Default: no health endpoint. */
  health?: HealthCheck;
}

/**
 * Builds the Slack front-end as a Bolt app: listeners for mentions, DMs, `/paper` and the
 * buttons, event de-duplication, retrying replies, and logging that never shows a secret.
 * Nothing is contacted until `await app.init()` (which checks the token with auth.test) and
 * `await app.start(…)`; {@link startSlack} does both.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const logger = options.logger ?? silentLogger;
  const scrub = secretScrubber([options.botToken, options.appToken, options.signingSecret]);
  const boltLog = boltLogger(logger, scrub, LogLevel.INFO);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const slackApiUrl = withTrailingSlash(options.apiUrl ?? DEFAULT_SLACK_API_URL);
  const clientOptions: webApi.WebClientOptions = { slackApiUrl, ...webClientRetryOptions(policy) };
  const common = {
    token: options.botToken,
    logger: boltLog,
    logLevel: LogLevel.INFO,
    clientOptions,
    // No network in the constructor: auth.test runs in init(), where a bad token is a clean error.
    deferInitialization: true,
    ignoreSelf: true,
    convoStore: false as const,
  };

  let app: App;
  if (options.mode === 'socket') {
    if (!options.appToken) throw new ConfigError('Slack Socket Mode needs an app-level token (SLACK_APP_TOKEN, xapp-…)');
    // The Socket Mode client gets its own Web API options: it keeps its long, patient retries for
    // apps.connections.open (reconnecting), which the quick reply policy would cut short.
    const receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLog,
      logLevel: LogLevel.INFO,
      installerOptions: { clientOptions: { slackApiUrl } },
    });
    app = new App({ ...common, socketMode: true, receiver });
  } else {
    if (!options.signingSecret) throw new ConfigError('Slack HTTP mode needs a signing secret (SLACK_SIGNING_SECRET)');
    const receiver = guardedHttpReceiver({
      signingSecret: options.signingSecret,
      port: options.port ?? DEFAULT_PORT,
      processBeforeResponse: options.processBeforeResponse ?? false,
      boltLogger: boltLog,
      logger,
      scrub,
      clock: options.clock ?? systemClock,
      ...(options.health ? { customRoutes: [healthRoute(options.health, logger, scrub)] } : {}),
    });
    app = new App({ ...common, receiver });
  }

  const placeholder = { delayMs: options.searchingDelayMs ?? SEARCHING_DELAY_MS, timers: options.timers ?? systemTimers };
  const replier = new Replier({ logger, policy, scrub, placeholder, ...(options.sleep ? { sleep: options.sleep } : {}) });
  const deps: HandlerDeps = { bot: options.bot, replier, logger, shares: new ShareStore(options.clock ?? systemClock) };
  const deduper = new EventDeduper(options.clock ?? systemClock, options.dedupe?.ttlMs, options.dedupe?.maxEntries);
  app.use(dedupeEvents(deduper, logger));
  registerMentionHandler(app, deps);
  registerDirectMessageHandler(app, deps);
  registerThreadReplyHandler(app, deps);
  registerSlashCommand(app, deps);
  registerActionHandlers(app, deps);
  registerLinkSharedHandler(app, deps);
  // The last stop for anything a listener throws: log it and carry on. (Bolt's default handler
  // rethrows, which turns into an HTTP 500 and makes Slack redeliver the event.)
  app.error(async (error) => {
    logger.error({ source: 'slack', err: describeError(error, scrub) }, 'Slack listener failed');
  });
  return app;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
