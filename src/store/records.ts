/**
 * What every store implementation shares: timestamp normalisation, input checks, and the
 * decisions of a claim, so SQLite, PostgreSQL and memory cannot drift apart on them.
 */
import { ErrorCode, PaperbotError } from '../errors.js';
import type { ClaimRequest, DigestRecord, DigestStatus, PaperbotStore, Platform, Subscription, Vote } from './store.js';

/** The platforms a store accepts (mirrors {@link Platform}). */
export const PLATFORMS: readonly Platform[] = ['slack', 'discord'];

/** The digest statuses a store accepts (mirrors {@link DigestStatus}). */
export const DIGEST_STATUSES: readonly DigestStatus[] = ['claimed', 'sent', 'failed', 'unknown'];

/** An error raised by a store: the database cannot be opened, reached or migrated. */
export class StoreUnavailableError extends PaperbotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.StoreUnavailable, message, options);
  }
}

/**
 * A timestamp in the one form every store returns: `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC). Those
 * strings sort the same as the instants they name, which the SQLite store relies on.
 * Throws on something that is not a date.
 */
export function isoTimestamp(value: string | Date, what = 'timestamp'): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new TypeError(`store: ${what} is not a valid date: ${JSON.stringify(String(value))}`);
  return new Date(ms).toISOString();
}

/** The ISO time before which a `claimed` record counts as stale. */
export function staleBefore(request: Pick<ClaimRequest, 'now' | 'staleAfterMs'>): string {
  return new Date(Date.parse(isoTimestamp(request.now, 'claim time')) - request.staleAfterMs).toISOString();
}

/** Checks a claim request before any database sees it, and returns it normalised. */
export function checkClaimRequest(request: ClaimRequest): ClaimRequest {
  checkPlatform(request.platform);
  if (!request.key) throw new TypeError('store: a digest key is required');
  if (!Array.isArray(request.paperIds) || request.paperIds.some((id) => typeof id !== 'string')) {
    throw new TypeError(`store: paperIds of ${request.key} must be an array of strings`);
  }
  if (!Number.isFinite(request.staleAfterMs) || request.staleAfterMs < 0) {
    throw new TypeError(`store: staleAfterMs must be a non-negative number (got ${request.staleAfterMs})`);
  }
  return { ...request, paperIds: [...request.paperIds], now: isoTimestamp(request.now, 'claim time') };
}

export function checkPlatform(platform: string): asserts platform is Platform {
  if (!(PLATFORMS as readonly string[]).includes(platform)) throw new TypeError(`store: unknown platform ${JSON.stringify(platform)}`);
}

/** The distinct ids of a list, in first-seen order. */
export function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Whether an existing record may be claimed again (the same rule the SQL `WHERE` clauses
 * encode): `failed` and `unknown` always, `claimed` only once it is older than the stale limit,
 * `sent` never.
 */
export function isReclaimable(record: Pick<DigestRecord, 'status' | 'claimedAt'>, staleBeforeIso: string): boolean {
  switch (record.status) {
    case 'failed':
    case 'unknown':
      return true;
    case 'claimed':
      return record.claimedAt < staleBeforeIso;
    case 'sent':
      return false;
  }
}

/** Parses the JSON text of a record's paper ids. */
export function parsePaperIds(json: string, key: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw new TypeError(`store: digest ${key} has damaged paper ids`);
  return value as string[];
}

/** Raw columns of a digest row, as both SQL stores name them. */
export interface DigestRow {
  key: string;
  platform: string;
  channel: string;
  local_date: string;
  status: string;
  attempts: number;
  nonce: string;
  paper_ids: string;
  message_ref: string | null;
  error: string | null;
  claimed_at: string | Date;
  updated_at: string | Date;
}

export function digestFromRow(row: DigestRow): DigestRecord {
  checkPlatform(row.platform);
  if (!(DIGEST_STATUSES as readonly string[]).includes(row.status)) throw new TypeError(`store: digest ${row.key} has an unknown status ${JSON.stringify(row.status)}`);
  const record: DigestRecord = {
    key: row.key,
    platform: row.platform,
    channel: row.channel,
    localDate: row.local_date,
    status: row.status as DigestStatus,
    attempts: Number(row.attempts),
    nonce: row.nonce,
    paperIds: parsePaperIds(row.paper_ids, row.key),
    claimedAt: isoTimestamp(row.claimed_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
  if (row.message_ref !== null) record.messageRef = row.message_ref;
  if (row.error !== null) record.error = row.error;
  return record;
}

/** Raw columns of a subscription row (`quiet_when_empty` is 0/1 in SQLite, boolean in PostgreSQL). */
export interface SubscriptionRow {
  platform: string;
  channel: string;
  time: string;
  timezone: string;
  topic: string | null;
  count: number;
  quiet_when_empty: number | boolean;
  updated_at: string | Date;
}

export function subscriptionFromRow(row: SubscriptionRow): Subscription {
  checkPlatform(row.platform);
  const subscription: Subscription = {
    platform: row.platform,
    channel: row.channel,
    time: row.time,
    timezone: row.timezone,
    count: Number(row.count),
    quietWhenEmpty: Boolean(row.quiet_when_empty),
    updatedAt: isoTimestamp(row.updated_at),
  };
  if (row.topic !== null) subscription.topic = row.topic;
  return subscription;
}

/** Checks a subscription before it is stored, and returns a normalised copy. */
export function checkSubscription(subscription: Subscription): Subscription {
  checkPlatform(subscription.platform);
  if (!subscription.channel) throw new TypeError('store: a subscription needs a channel');
  if (!Number.isInteger(subscription.count)) throw new TypeError(`store: subscription count must be an integer (got ${subscription.count})`);
  const copy: Subscription = { ...subscription, updatedAt: isoTimestamp(subscription.updatedAt, 'subscription updatedAt') };
  if (copy.topic === undefined) delete copy.topic;
  return copy;
}

/** Orders by platform, then channel, character by character (as PostgreSQL's "C" collation and SQLite's BINARY do for ids). */
export function compareChannels(a: { platform: string; channel: string }, b: { platform: string; channel: string }): number {
  return compareText(a.platform, b.platform) || compareText(a.channel, b.channel);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What {@link PaperbotStore.finishDigest} records. */
export type FinishOutcome = Parameters<PaperbotStore['finishDigest']>[1];

/** Checks an outcome and returns the columns it sets. */
export function outcomeColumns(outcome: FinishOutcome): { status: FinishOutcome['status']; messageRef: string | null; error: string | null } {
  switch (outcome.status) {
    case 'sent':
      return { status: 'sent', messageRef: String(outcome.messageRef), error: null };
    case 'failed':
    case 'unknown':
      return { status: outcome.status, messageRef: null, error: String(outcome.error) };
    default:
      throw new TypeError(`store: a digest cannot be finished as ${JSON.stringify((outcome as { status: unknown }).status)}`);
  }
}

export function noDigestToFinish(key: string): Error {
  return new Error(`store: no digest ${JSON.stringify(key)} to finish (it was never claimed)`);
}

/** Checks a vote before it is stored, and returns a normalised copy. */
export function checkVote(vote: Vote): Vote {
  checkPlatform(vote.platform);
  if (!vote.channel) throw new TypeError('store: a vote needs a channel');
  if (!vote.paperId) throw new TypeError('store: a vote needs a paper id');
  if (!vote.user) throw new TypeError('store: a vote needs a user');
  if (vote.vote !== 1 && vote.vote !== -1) throw new TypeError(`store: a vote must be 1 or -1 (got ${JSON.stringify(vote.vote)})`);
  return { ...vote, votedAt: isoTimestamp(vote.votedAt, 'vote time') };
}

/** Raw columns of a vote row. */
export interface VoteRow {
  platform: string;
  channel: string;
  paper_id: string;
  user_id: string;
  vote: number;
  voted_at: string | Date;
}

export function voteFromRow(row: VoteRow): Vote {
  checkPlatform(row.platform);
  const value = Number(row.vote);
  if (value !== 1 && value !== -1) throw new TypeError(`store: vote of ${row.user_id} on ${row.paper_id} is damaged (${row.vote})`);
  return { platform: row.platform, channel: row.channel, paperId: row.paper_id, user: row.user_id, vote: value as 1 | -1, votedAt: isoTimestamp(row.voted_at) };
}

/** Orders votes by paper id, then user (code-point order). */
export function compareVotes(a: Vote, b: Vote): number {
  return compareText(a.paperId, b.paperId) || compareText(a.user, b.user);
}

/** A conversation row as written: the key and data checked, the timestamps normalised. */
export interface ConversationWrite {
  key: string;
  data: string;
  updatedAt: string;
  expiresAt: string;
}

/**
 * Checks a conversation before it is stored. Key and data must be strings without NUL, which
 * PostgreSQL's text refuses (JSON escapes it, so a session's JSON never has one).
 */
export function checkConversation(key: string, data: string, updatedAt: string, expiresAt: string): ConversationWrite {
  checkConversationKey(key);
  if (typeof data !== 'string' || data.includes('\u0000')) throw new TypeError(`store: the data of conversation ${JSON.stringify(key)} must be text without NUL`);
  return { key, data, updatedAt: isoTimestamp(updatedAt, 'conversation update time'), expiresAt: isoTimestamp(expiresAt, 'conversation expiry time') };
}

export function checkConversationKey(key: string): void {
  if (typeof key !== 'string' || key === '' || key.includes('\u0000')) throw new TypeError(`store: a conversation key must be non-empty text without NUL (got ${JSON.stringify(key)})`);
}
