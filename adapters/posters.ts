import type { Env } from '../src/config/env.js';
import type { DigestPoster } from '../src/digest/digest-poster.js';
import { createLogger, type Logger } from '../src/log/logger.js';
import type { Platform } from '../src/store/store.js';
import { DiscordDigestPoster } from './discord/digest-poster.js';
import { SlackDigestPoster } from './slack/digest-poster.js';

/**
 * Digest posters for every platform that has credentials (REST only: no gateway login, no listener).
 * The platform libraries log through `logger`: by default JSON lines on stderr at LOG_LEVEL (default
 * info), secrets redacted, so stdout carries only the command's own output (`--json` stays JSON).
 */
export function digestPosters(env: Env, logger: Logger = createLogger(env.LOG_LEVEL ?? 'info')): Partial<Record<Platform, DigestPoster>> {
  const posters: Partial<Record<Platform, DigestPoster>> = {};
  if (env.SLACK_BOT_TOKEN) posters.slack = SlackDigestPoster.fromEnv(env, undefined, logger);
  if (env.DISCORD_TOKEN) posters.discord = DiscordDigestPoster.fromEnv(env);
  return posters;
}
