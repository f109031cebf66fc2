/**
 * The repository paperbot keeps its state in: digest subscriptions, which papers each channel
 * has been sent, the claims that make each digest go out exactly once, digest votes, and the
 * conversations (sessions) every instance shares. Two implementations
 * follow this interface — SQLite (embedded default) and PostgreSQL (several instances) — and one
 * test suite runs against both.
 */

/** A chat platform paperbot posts to. */
export type Platform = 'slack' | 'discord';

/** A channel's digest subscription. One per (platform, channel). */
export interface Subscription {
  platform: Platform;
  /** Slack channel id (C…/G…/D…) or Discord channel id (snowflake). */
  channel: string;
  /** Local time of day the digest is due, `HH:MM` (24 h). Default 09:00. */
  time: string;
  /** IANA time zone the time is in. Default `UTC`. */
  timezone: string;
  /** Optional topic query; papers are ranked by relevance to it. */
  topic?: string;
  /** Papers per digest. Default 5. */
  count: number;
  /** When there is nothing new: post a short "nothing new today" (false) or stay silent (true). Default false. */
  quietWhenEmpty: boolean;
  /** ISO timestamp of creation (or last change). */
  updatedAt: string;
}

/** The state of one scheduled digest (one channel, one local day). */
export type DigestStatus =
  /** Claimed by an instance that is posting it now. */
  | 'claimed'
  /** Posted; never posted again. */
  | 'sent'
  /** The post failed for sure (an error answer): it may be claimed again and retried. */
  | 'failed'
  /** The post's outcome is unknown (timeout): it is only re-sent in a way the platform deduplicates. */
  | 'unknown';

/** The record that makes a digest exactly-once: its key is unique in the store. */
export interface DigestRecord {
  /** `platform:channel:YYYY-MM-DD` (the subscription's local date). */
  key: string;
  platform: Platform;
  channel: string;
  localDate: string;
  status: DigestStatus;
  /** How many times a post was attempted. */
  attempts: number;
  /** Idempotency token sent with every attempt of this digest (Discord `nonce`, Slack metadata). */
  nonce: string;
  /** Ids of the papers in this digest (fixed at the first claim so a retry sends the same ones). */
  paperIds: string[];
  /** The platform's id of the posted message (Slack ts, Discord message id), once sent. */
  messageRef?: string;
  /** The last error, for `failed` and `unknown`. */
  error?: string;
  /** ISO timestamps. */
  claimedAt: string;
  updatedAt: string;
}

/** What {@link PaperbotStore.claimDigest} decided. */
export type ClaimOutcome =
  /** This caller now owns the digest and must post it (first claim, or a retry of `failed`/`unknown`/a stale `claimed`). */
  | { claimed: true; record: DigestRecord }
  /** Another caller owns it or it was sent: do nothing. */
  | { claimed: false; record: DigestRecord };

/** A new claim: the digest's identity and what it will contain. */
export interface ClaimRequest {
  key: string;
  platform: Platform;
  channel: string;
  localDate: string;
  nonce: string;
  paperIds: string[];
  /** ISO time of the claim. */
  now: string;
  /**
   * A `claimed` record older than this (ms) is taken to belong to an instance that died while
   * posting, and may be claimed again (its outcome is unknown, so it is re-sent with the same nonce).
   */
  staleAfterMs: number;
}

/** A channel member's verdict on a paper of a digest: +1 (👍) or −1 (👎). */
export type VoteValue = 1 | -1;

/** One vote. A user has at most one per paper and channel; voting again replaces it. */
export interface Vote {
  platform: Platform;
  channel: string;
  paperId: string;
  /** The platform's user id (Slack U…, Discord snowflake). */
  user: string;
  vote: VoteValue;
  /** ISO timestamp of the vote (or of its last change). */
  votedAt: string;
}

/** The repository. All methods are safe to call from several processes on the same database. */
export interface PaperbotStore {
  /** Creates or upgrades the schema (runs at start-up; idempotent; safe when two instances start at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when the store answers a trivial query, rejects when it cannot (health checks). */
  ping(): Promise<void>;

  /** Creates or replaces the subscription of (platform, channel). */
  upsertSubscription(subscription: Subscription): Promise<void>;
  /** Removes it; false when there was none. */
  removeSubscription(platform: Platform, channel: string): Promise<boolean>;
  getSubscription(platform: Platform, channel: string): Promise<Subscription | undefined>;
  /** All subscriptions, ordered by platform then channel. */
  listSubscriptions(): Promise<Subscription[]>;

  /** Records that these papers were sent to the channel (ignores ones already recorded). */
  markPosted(platform: Platform, channel: string, paperIds: readonly string[], at: string): Promise<void>;
  /** Ids of every paper ever sent to the channel. */
  postedPaperIds(platform: Platform, channel: string): Promise<Set<string>>;

  /**
   * Claims a digest with a unique insert. If the key exists: `sent` and fresh `claimed` records
   * are not claimable; `failed`, `unknown` and stale `claimed` ones are claimed again atomically
   * (one winner among racing callers), keeping their nonce and paper ids, attempts + 1.
   */
  claimDigest(request: ClaimRequest): Promise<ClaimOutcome>;
  /**
   * Records the outcome of the post made under a claim. `sent` is final: nothing changes a sent
   * digest, and `sent` is recorded whichever attempt reports it (a message that arrived is the
   * truth). A `failed`/`unknown` outcome given with `attempt` only applies while the record is
   * still at that attempt: an instance whose claim went stale and was taken over cannot turn the
   * new owner's claim into a retry. Throws for a key that was never claimed.
   */
  finishDigest(
    key: string,
    outcome: { status: 'sent'; messageRef: string } | { status: 'failed' | 'unknown'; error: string },
    now: string,
    attempt?: number,
  ): Promise<void>;
  /** Records a vote, replacing the same user's earlier vote on the same paper in the same channel. */
  recordVote(vote: Vote): Promise<void>;
  /** A channel's votes, ordered by paper id then user (code-point order). */
  listVotes(platform: Platform, channel: string): Promise<Vote[]>;
  /** Forgets every vote of a channel (`digest reset`); returns how many there were. */
  clearVotes(platform: Platform, channel: string): Promise<number>;

  /**
   * The session kept for a conversation (opaque text, JSON by convention), or undefined when there
   * is none or it has expired (its `expiresAt` is at or before `now`, an ISO time).
   */
  getConversation(key: string, now: string): Promise<string | undefined>;
  /** Creates or replaces a conversation's session; it counts as expired from `expiresAt` on. */
  putConversation(key: string, data: string, updatedAt: string, expiresAt: string): Promise<void>;
  /** Deletes every conversation expired at `now` (ISO time); returns how many. */
  purgeConversations(now: string): Promise<number>;

  getDigest(key: string): Promise<DigestRecord | undefined>;
  /** Digests of one channel, newest local date first. */
  listDigests(platform: Platform, channel: string): Promise<DigestRecord[]>;
}
