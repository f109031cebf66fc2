import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { Env } from '../../src/config/env.js';
import { DigestPostError, type DigestPoster, type PostReceipt } from '../../src/digest/digest-poster.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { DEFAULT_DISCORD_API_URL } from './client.js';
import { NO_MENTIONS } from './interaction-handler.js';
import { PostBudgets } from './post-budget.js';
import { digestVoteRows } from './buttons.js';
import { renderDigestEmbed } from './render-digest.js';

/** How long one HTTP request of a post may take before its outcome counts as unknown. Default 15 s. */
export const DIGEST_POST_TIMEOUT_MS = 15_000;

/**
 * How long one post may take in all — rate-limit waits, retries and requests included — before
 * it is given up (and retried on a later run). Default 60 s.
 */
export const DIGEST_POST_BUDGET_MS = 60_000;

/** How a {@link DiscordDigestPoster} talks to Discord. */
export interface DiscordDigestPosterOptions {
  /** One HTTP request's time limit (ms). Default {@link DIGEST_POST_TIMEOUT_MS} (15 s). */
  timeoutMs?: number;
  /** Retries of a request that got no answer or a 5xx. Default 2. */
  retries?: number;
  /** The whole post's time limit (ms), rate-limit waits included. Default {@link DIGEST_POST_BUDGET_MS} (60 s). */
  budgetMs?: number;
}

/**
 * Posts digests with Discord's REST API only (no gateway login), so `paperbot digest run` works
 * from a cron job or a second instance. Every attempt of one digest carries the same `nonce`
 * with `enforce_nonce`, so Discord itself turns a re-send after a timeout into the message it
 * already has instead of a second one.
 *
 * Every post has a hard time budget: a channel that keeps answering 429 fails its post (the
 * runner records it as failed, retries it on a later run, and goes on to the other channels)
 * instead of holding the whole run.
 */
export class DiscordDigestPoster implements DigestPoster {
  readonly platform = 'discord' as const;
  private readonly budgetMs: number;
  private readonly budgets: PostBudgets;

  constructor(
    private readonly rest: REST,
    options: { budgetMs?: number; budgets?: PostBudgets } = {},
  ) {
    this.budgetMs = options.budgetMs ?? DIGEST_POST_BUDGET_MS;
    this.budgets = options.budgets ?? new PostBudgets();
  }

  /** A poster for the configured bot (DISCORD_TOKEN, DISCORD_API_URL). */
  static fromEnv(env: Pick<Env, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>, options: DiscordDigestPosterOptions = {}): DiscordDigestPoster {
    const budgets = new PostBudgets();
    const rest = new REST({
      api: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL,
      timeout: options.timeoutMs ?? DIGEST_POST_TIMEOUT_MS,
      retries: options.retries ?? 2,
      // A 429 whose wait would end past the post's budget fails the post instead of sleeping.
      rejectOnRateLimit: (info) => budgets.wouldOverrun(info),
    });
    return new DiscordDigestPoster(rest.setToken(env.DISCORD_TOKEN ?? ''), { budgets, ...(options.budgetMs !== undefined ? { budgetMs: options.budgetMs } : {}) });
  }

  async post(digest: Digest, nonce: string): Promise<PostReceipt> {
    const started = Date.now();
    const budget = this.budgets.begin(digest.channel, this.budgetMs);
    // The signal ends a request in flight or queued at the deadline; the rate-limit hook above
    // ends the waits between requests. The timer is the last guard should anything else wait.
    const signal = AbortSignal.timeout(this.budgetMs);
    let guard: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      guard = setTimeout(() => reject(new BudgetOverrun()), this.budgetMs + 1_000);
      guard.unref();
    });
    try {
      const request = this.rest.post(Routes.channelMessages(digest.channel), {
        body: { embeds: [renderDigestEmbed(digest)], components: digestVoteRows(digest.items), nonce, enforce_nonce: true, allowed_mentions: NO_MENTIONS },
        signal,
      }) as Promise<{ id: string }>;
      // Should the guard win, the request's own late failure is not an unhandled rejection.
      request.catch(() => undefined);
      const message = await Promise.race([request, overrun]);
      return { messageRef: message.id };
    } catch (error) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (error instanceof RateLimitError) {
        // A 429 means Discord did not take the message: nothing was posted, a retry is safe.
        throw new DigestPostError(
          'failed',
          `Discord kept answering 429 (rate limited) to the digest post in channel ${digest.channel}: gave up after ${seconds} s and ${plural(budget.rateLimits(), '429 answer')} ` +
            `(the next wait, ${Math.round(Math.max(error.retryAfter, error.timeToReset) / 1000)} s, would pass the post's ${this.budgetMs / 1000} s budget)`,
          { cause: error },
        );
      }
      // An answer from Discord (4xx/5xx after the client's own retries) means nothing was posted.
      if (error instanceof DiscordAPIError || error instanceof HTTPError) {
        throw new DigestPostError('failed', `Discord answered ${error.status} to the digest post in channel ${digest.channel}: ${error.message}`, { cause: error });
      }
      // No answer (timeout, connection reset): it may have arrived; the nonce makes a re-send safe.
      const reason = signal.aborted || error instanceof BudgetOverrun ? `no result within the post's ${this.budgetMs / 1000} s budget` : (error as Error).message;
      throw new DigestPostError('unknown', `No answer from Discord to the digest post in channel ${digest.channel}: ${reason}`, { cause: error });
    } finally {
      clearTimeout(guard);
      budget.end();
    }
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The post's last-resort timer fired. */
class BudgetOverrun extends Error {
  constructor() {
    super('the post overran its time budget');
  }
}
