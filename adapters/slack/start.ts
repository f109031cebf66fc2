import type { Paperbot } from '../../src/app/paperbot.js';
import type { Env } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { createSlackApp, DEFAULT_PORT, DEFAULT_SLACK_API_URL } from './app.js';
import type { HealthCheck } from './health-route.js';
import { slackStartError } from './start-errors.js';

/** What {@link startSlack} can be given besides the environment. */
export interface StartSlackOptions {
  /** HTTP mode: serve `GET /healthz` from this check (see health-route.ts). Default: no health endpoint. */
  health?: HealthCheck;
}

/** A running Slack front-end. */
export interface SlackHandle {
  /** Stops listening (HTTP) or disconnects (Socket Mode). */
  stop(): Promise<void>;
}

/**
 * Serves Slack from the environment: Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on
 * PORT (default 3000) at /slack/events, verified with SLACK_SIGNING_SECRET. Checks the bot token
 * (auth.test) before listening, so a wrong token fails here rather than on the first question.
 *
 * @example
 * const slack = await startSlack(bot, env, logger); // when env.SLACK_BOT_TOKEN is set
 * process.once('SIGTERM', () => void slack.stop());
 */
export async function startSlack(bot: Paperbot, env: Env, logger: Logger, options: StartSlackOptions = {}): Promise<SlackHandle> {
  if (!env.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_BOT_TOKEN is not set');
  const mode = env.SLACK_APP_TOKEN ? 'socket' : 'http';
  const port = env.PORT ?? DEFAULT_PORT;
  const app = createSlackApp({
    bot,
    botToken: env.SLACK_BOT_TOKEN,
    mode,
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
    port,
    logger,
    ...(options.health ? { health: options.health } : {}),
  });
  const apiUrl = env.SLACK_API_URL ?? DEFAULT_SLACK_API_URL;
  // The Web API client's messages name neither the variable nor the host: say what to fix.
  await app.init().catch((error: unknown) => {
    throw slackStartError(error, 'auth.test', 'SLACK_BOT_TOKEN', apiUrl);
  });
  if (mode === 'socket') {
    await app.start().catch((error: unknown) => {
      throw slackStartError(error, 'apps.connections.open', 'SLACK_APP_TOKEN', apiUrl);
    });
  } else await app.start(port);
  logger.info({ source: 'slack', mode, ...(mode === 'http' ? { port, path: '/slack/events' } : {}) }, 'Slack front-end started');
  return {
    async stop() {
      await app.stop();
      logger.info({ source: 'slack', mode }, 'Slack front-end stopped');
    },
  };
}
