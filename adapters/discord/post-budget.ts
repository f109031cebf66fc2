import type { RateLimitData } from 'discord.js';

/** One post under way: when it must be over, and how many 429s it has met so far. */
interface PostUnderWay {
  deadline: number;
  rateLimits: number;
}

/**
 * The time budgets of the digest posts a REST client is making, by channel. The REST client waits
 * out every 429 by itself, for as long as Discord asks and as often as Discord answers 429 — with
 * a channel that answers 429 forever, forever (issue 11: 572 POSTs in 601 s). As its
 * `rejectOnRateLimit` hook, {@link wouldOverrun} turns a wait that would end past the post's
 * deadline into a `RateLimitError` instead, before the client sleeps.
 */
export class PostBudgets {
  private readonly posts = new Map<string, PostUnderWay>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts the budget of a post to `channel`; the returned function ends it. */
  begin(channel: string, budgetMs: number): { rateLimits(): number; end(): void } {
    const post: PostUnderWay = { deadline: this.now() + budgetMs, rateLimits: 0 };
    this.posts.set(channel, post);
    return {
      rateLimits: () => post.rateLimits,
      end: () => {
        if (this.posts.get(channel) === post) this.posts.delete(channel);
      },
    };
  }

  /**
   * True when waiting out this rate limit would take the post past its deadline. Requests that
   * are not digest posts (no budget under way for their channel) are left to the client's waits.
   */
  wouldOverrun(info: Pick<RateLimitData, 'url' | 'retryAfter' | 'timeToReset'>): boolean {
    const channel = /\/channels\/(\d+)\/messages(?:$|[?#])/.exec(info.url)?.[1];
    const post = channel === undefined ? undefined : this.posts.get(channel);
    if (!post) return false;
    post.rateLimits += 1;
    const wait = Math.max(0, info.retryAfter, info.timeToReset);
    return this.now() + wait > post.deadline;
  }
}
