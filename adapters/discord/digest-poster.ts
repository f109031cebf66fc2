import { DiscordAPIError, HTTPError, REST, Routes } from 'discord.js';
import type { Env } from '../../src/config/env.js';
import { DigestPostError, type DigestPoster, type PostReceipt } from '../../src/digest/digest-poster.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { DEFAULT_DISCORD_API_URL } from './client.js';
import { NO_MENTIONS } from './interaction-handler.js';
import { renderDigestEmbed } from './render-digest.js';

/** How long one post may take before its outcome counts as unknown. Default 15 s. */
export const DIGEST_POST_TIMEOUT_MS = 15_000;

/**
 * Posts digests with Discord's REST API only (no gateway login), so `paperbot digest run` works
 * from a cron job or a second instance. Every attempt of one digest carries the same `nonce`
 * with `enforce_nonce`, so Discord itself turns a re-send after a timeout into the message it
 * already has instead of a second one.
 */
export class DiscordDigestPoster implements DigestPoster {
  readonly platform = 'discord' as const;

  constructor(private readonly rest: REST) {}

  /** A poster for the configured bot (DISCORD_TOKEN, DISCORD_API_URL). */
  static fromEnv(env: Pick<Env, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>, options: { timeoutMs?: number; retries?: number } = {}): DiscordDigestPoster {
    const rest = new REST({ api: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL, timeout: options.timeoutMs ?? DIGEST_POST_TIMEOUT_MS, retries: options.retries ?? 2 });
    return new DiscordDigestPoster(rest.setToken(env.DISCORD_TOKEN ?? ''));
  }

  async post(digest: Digest, nonce: string): Promise<PostReceipt> {
    try {
      const message = (await this.rest.post(Routes.channelMessages(digest.channel), {
        body: { embeds: [renderDigestEmbed(digest)], nonce, enforce_nonce: true, allowed_mentions: NO_MENTIONS },
      })) as { id: string };
      return { messageRef: message.id };
    } catch (error) {
      // An answer from Discord (4xx/5xx after the client's own retries) means nothing was posted.
      if (error instanceof DiscordAPIError || error instanceof HTTPError) {
        throw new DigestPostError('failed', `Discord answered ${error.status} to the digest post in channel ${digest.channel}: ${error.message}`, { cause: error });
      }
      // No answer (timeout, connection reset): it may have arrived; the nonce makes a re-send safe.
      throw new DigestPostError('unknown', `No answer from Discord to the digest post in channel ${digest.channel}: ${(error as Error).message}`, { cause: error });
    }
  }
}
