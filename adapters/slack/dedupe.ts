import type { Clock } from '../../src/time/clock.js';

/**
 * Remembers Events API `event_id`s for a while, so an event Slack delivers again is answered
 * once. Slack redelivers when it did not see our acknowledgement in time (HTTP: the same body
 * with `X-Slack-Retry-Num`; Socket Mode: the same envelope again), and Bolt 5 passes every
 * redelivery to the listeners (it only records `context.retryNum`), so the retry header alone
 * is no guide: a first delivery can be lost and a retry be the only one that arrives. The id is
 * the one reliable key. Bounded in time (TTL) and size; the clock is injected for tests.
 */
export class EventDeduper {
  /** event id -> when it may be forgotten (ms). Insertion order is expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    /** How long an id is remembered. Slack retries within minutes (3 retries over ~5 min). */
    readonly ttlMs = 10 * 60_000,
    /** Most ids remembered; the oldest are forgotten first. */
    readonly maxEntries = 10_000,
  ) {}

  /** True the first time `id` is seen within the TTL (and records it); false for a repeat. */
  firstSeen(id: string): boolean {
    const now = this.clock.now();
    this.forgetExpired(now);
    const expires = this.seen.get(id);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(id);
    this.seen.set(id, now + this.ttlMs);
    while (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  /** How many ids are remembered now. */
  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(now: number): void {
    for (const [id, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(id);
    }
  }
}
