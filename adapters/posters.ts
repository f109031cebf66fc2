import type { Env } from '../src/config/env.js';
import type { DigestPoster } from '../src/digest/digest-poster.js';
import type { Platform } from '../src/store/store.js';
import { DiscordDigestPoster } from './discord/digest-poster.js';
import { SlackDigestPoster } from './slack/digest-poster.js';

/** Digest posters for every platform that has credentials (REST only: no gateway login, no listener). */
export function digestPosters(env: Env): Partial<Record<Platform, DigestPoster>> {
  const posters: Partial<Record<Platform, DigestPoster>> = {};
  if (env.SLACK_BOT_TOKEN) posters.slack = SlackDigestPoster.fromEnv(env);
  if (env.DISCORD_TOKEN) posters.discord = DiscordDigestPoster.fromEnv(env);
  return posters;
}
