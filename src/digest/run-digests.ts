import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { IndexService } from '../app/index-service.js';
import { indexService, type IndexSource } from '../app/local-index-service.js';
import type { DigestRecord, PaperbotStore, Platform, Subscription } from '../store/store.js';
import { feedbackFromVotes, hasFeedback } from './channel-profile.js';
import { DigestPostError, type DigestPoster } from './digest-poster.js';
import type { Digest } from './digest-types.js';
import { localTime } from './local-time.js';
import { topicWords } from './digest-topic.js';
import { digestItems } from './select-papers.js';

/** How failed posts are retried. */
export interface DigestRetryPolicy {
  /** Attempts per digest before giving up for that day. Default 5. */
  maxAttempts: number;
  /** Wait after the n-th failed attempt before the next, in ms. Default 1, 2, 4, 8 … minutes. */
  backoffMs(attempts: number): number;
}

export const DEFAULT_DIGEST_RETRY: Readonly<DigestRetryPolicy> = Object.freeze({
  maxAttempts: 5,
  backoffMs: (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1),
});

/** A claim left `claimed` longer than this belongs to an instance that died mid-post. Default 10 minutes. */
export const DEFAULT_STALE_CLAIM_MS = 10 * 60_000;

/** Everything a digest run needs; the clock is a number so tests run any moment instantly. */
export interface DigestRunOptions {
  store: PaperbotStore;
  /** The corpus (a `PaperIndex` is served in this thread). */
  index: IndexSource;
  /** Posters by platform; a subscription whose platform has none is reported, not claimed. */
  posters: Partial<Record<Platform, DigestPoster>>;
  /** The moment to run at (ms since the epoch). */
  now: number;
  logger: Logger;
  retry?: DigestRetryPolicy;
  staleClaimMs?: number;
  /** Only these subscriptions (default: all in the store). */
  subscriptions?: Subscription[];
}

/** What one run did, digest by digest. */
export interface DigestRunReport {
  sent: string[];
  failed: Array<{ key: string; error: string; outcome: 'failed' | 'unknown' }>;
  skipped: Array<{ key: string; reason: string }>;
}

/** The key that makes a channel's digest of one local day unique. */
export function digestKey(subscription: Pick<Subscription, 'platform' | 'channel'>, localDate: string): string {
  return `${subscription.platform}:${subscription.channel}:${localDate}`;
}

/**
 * Posts every digest due at `now`: a subscription is due when its time on its local day is at
 * or before `now` and that day has no digest yet. Each digest is claimed with a unique insert
 * before posting, so across restarts and racing instances a channel gets at most one per day.
 * A failed post is retried on later runs (with backoff) and never recorded as sent; a post with
 * an unknown outcome is only re-sent with the same nonce, after asking the platform whether it
 * arrived where the platform cannot deduplicate by itself.
 */
export async function runDueDigests(options: DigestRunOptions): Promise<DigestRunReport> {
  const report: DigestRunReport = { sent: [], failed: [], skipped: [] };
  const subscriptions = options.subscriptions ?? (await options.store.listSubscriptions());
  const index = indexService(options.index);
  for (const subscription of subscriptions) {
    try {
      await runOne(subscription, index, options, report);
    } catch (error) {
      // One channel's trouble (a store hiccup, a bad subscription) must not stop the others.
      const key = digestKey(subscription, localTime(options.now, subscription.timezone).date);
      options.logger.error({ key, err: error }, 'digest run failed');
      report.failed.push({ key, error: error instanceof Error ? error.message : String(error), outcome: 'failed' });
    }
  }
  return report;
}

async function runOne(subscription: Subscription, index: IndexService, options: DigestRunOptions, report: DigestRunReport): Promise<void> {
  const { store, now, logger } = options;
  const retry = options.retry ?? DEFAULT_DIGEST_RETRY;
  const staleAfterMs = options.staleClaimMs ?? DEFAULT_STALE_CLAIM_MS;
  const local = localTime(now, subscription.timezone);
  const key = digestKey(subscription, local.date);
  if (local.time < subscription.time) return; // not due yet today

  const existing = await store.getDigest(key);
  const skip = existing && skipReason(existing, now, retry, staleAfterMs);
  if (skip) {
    report.skipped.push({ key, reason: skip });
    return;
  }
  const poster = options.posters[subscription.platform];
  if (!poster) {
    report.skipped.push({ key, reason: `no ${subscription.platform} credentials configured` });
    return;
  }

  // A retry sends the same papers as the first attempt; a first attempt picks them now.
  const paperIds = existing?.paperIds ?? (await pickPapers(subscription, index, store, now));
  const claim = await store.claimDigest({
    key,
    platform: subscription.platform,
    channel: subscription.channel,
    localDate: local.date,
    nonce: existing?.nonce ?? newNonce(),
    paperIds,
    now: new Date(now).toISOString(),
    staleAfterMs,
  });
  if (!claim.claimed) {
    report.skipped.push({ key, reason: claim.record.status === 'sent' ? 'already sent' : 'claimed by another instance' });
    return;
  }
  const record = claim.record;
  const finish = (outcome: Parameters<PaperbotStore['finishDigest']>[1]) =>
    store.finishDigest(key, outcome, new Date(options.now).toISOString(), record.attempts);

  if (record.paperIds.length === 0 && subscription.quietWhenEmpty) {
    await finish({ status: 'sent', messageRef: '' });
    report.skipped.push({ key, reason: 'nothing new (quiet)' });
    return;
  }
  // The previous attempt may have arrived after all: ask before sending it again.
  if (existing && existing.status !== 'failed' && poster.findPosted) {
    let found;
    try {
      found = await poster.findPosted(subscription.channel, record.nonce, existing.claimedAt);
    } catch (error) {
      // Cannot tell whether it arrived: still unknown; retried (asking again) after the backoff.
      const message = `could not check whether the earlier post arrived: ${error instanceof Error ? error.message : String(error)}`;
      await finish({ status: 'unknown', error: message });
      report.failed.push({ key, error: message, outcome: 'unknown' });
      logger.warn({ key, attempt: record.attempts, error: message }, 'digest post check failed');
      return;
    }
    if (found) {
      await finish({ status: 'sent', messageRef: found.messageRef });
      await store.markPosted(subscription.platform, subscription.channel, record.paperIds, new Date(now).toISOString());
      report.sent.push(key);
      return;
    }
  }
  const digest = await buildDigest(subscription, local.date, record.paperIds, index);
  try {
    const receipt = await poster.post(digest, record.nonce);
    await finish({ status: 'sent', messageRef: receipt.messageRef });
    await store.markPosted(subscription.platform, subscription.channel, digest.items.map((item) => item.id), new Date(now).toISOString());
    report.sent.push(key);
    logger.info({ key, papers: digest.items.length, attempt: record.attempts }, 'digest sent');
  } catch (error) {
    const outcome = error instanceof DigestPostError ? error.outcome : 'failed';
    const message = error instanceof Error ? error.message : String(error);
    await finish({ status: outcome, error: message });
    report.failed.push({ key, error: message, outcome });
    logger.warn({ key, outcome, attempt: record.attempts, error: message }, 'digest post failed');
  }
}

/** A first attempt's papers: not sent to the channel yet, by its topic, re-ranked by its votes. */
async function pickPapers(subscription: Subscription, index: IndexService, store: PaperbotStore, now: number): Promise<string[]> {
  const { platform, channel } = subscription;
  const posted = [...(await store.postedPaperIds(platform, channel))];
  const feedback = feedbackFromVotes(await store.listVotes(platform, channel));
  // Relative dates in the topic ("from last week") count back from this run's moment.
  const papers = await index.digestPapers(posted, subscription.count, subscription.topic, hasFeedback(feedback) ? feedback : undefined, now);
  return papers.map((paper) => paper.id);
}

function skipReason(record: DigestRecord, now: number, retry: DigestRetryPolicy, staleAfterMs: number): string | undefined {
  switch (record.status) {
    case 'sent':
      return 'already sent';
    case 'claimed':
      return now - Date.parse(record.claimedAt) < staleAfterMs ? 'claimed by another instance' : undefined;
    case 'failed':
    case 'unknown':
      if (record.attempts >= retry.maxAttempts) return `gave up after ${record.attempts} attempts`;
      if (now - Date.parse(record.updatedAt) < retry.backoffMs(record.attempts)) return 'waiting to retry';
      return undefined;
  }
}

async function buildDigest(subscription: Subscription, localDate: string, paperIds: readonly string[], index: IndexService): Promise<Digest> {
  // A paper removed from the corpus since the claim is left out rather than failing the digest.
  const papers = (await index.getMany(paperIds)).filter((paper) => paper !== undefined);
  const digest: Digest = { platform: subscription.platform, channel: subscription.channel, localDate, items: digestItems(papers, topicWords(subscription.topic)) };
  if (subscription.topic) digest.topic = subscription.topic;
  return digest;
}

/** Discord accepts nonces of up to 25 characters. */
function newNonce(): string {
  return randomUUID().replaceAll('-', '').slice(0, 25);
}
