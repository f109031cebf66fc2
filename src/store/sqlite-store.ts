/**
 * The embedded store: one SQLite file (better-sqlite3), in WAL mode with a busy timeout so
 * several processes can share it. better-sqlite3 is synchronous, so within one process calls
 * never interleave; across processes every write that reads first runs in `BEGIN IMMEDIATE`
 * (the write lock is taken before the read), and a claim is a unique insert or a conditional
 * update, so exactly one caller wins a digest.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { migrateSqlite, type MigrationReport } from './migrations.js';
import {
  checkClaimRequest,
  checkConversation,
  checkConversationKey,
  checkVote,
  checkPlatform,
  checkSubscription,
  digestFromRow,
  distinct,
  isoTimestamp,
  noDigestToFinish,
  outcomeColumns,
  staleBefore,
  subscriptionFromRow,
  voteFromRow,
  type DigestRow,
  type FinishOutcome,
  type SubscriptionRow,
  type VoteRow,
} from './records.js';
import type { ClaimOutcome, ClaimRequest, DigestRecord, PaperbotStore, Platform, Subscription, Vote } from './store.js';

export interface SqliteStoreOptions {
  /** How long a statement waits for another process's lock before failing (ms). Default 5000. */
  busyTimeoutMs?: number;
}

/** The path that opens a private in-memory database (tests). */
export const SQLITE_MEMORY = ':memory:';

export class SqliteStore implements PaperbotStore {
  readonly path: string;
  private readonly db: Database;

  /** Opens (creating it and its directory if needed) the database file at `path`, or `:memory:`. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    if (path !== SQLITE_MEMORY) mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseConstructor(path);
    try {
      const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
      this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      // Switching a new file to WAL while another process does the same can fail with SQLITE_BUSY
      // at once (SQLite skips the busy handler where waiting could deadlock): retry it.
      const mode = retryWhileBusy(busyTimeoutMs, () => this.db.pragma('journal_mode = WAL', { simple: true }));
      if (path !== SQLITE_MEMORY && mode !== 'wal') throw new Error(`cannot switch ${path} to WAL mode (journal mode: ${String(mode)})`);
      // FULL (the default) also in WAL: a claim must survive a power cut, or a digest could go out twice.
      this.db.pragma('synchronous = FULL');
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** The journal mode in force (`wal` for a file, `memory` for `:memory:`). */
  journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  async migrate(): Promise<void> {
    this.migrateSync();
  }

  /** {@link migrate}, telling which versions it applied. */
  migrateSync(): MigrationReport {
    return migrateSqlite(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async upsertSubscription(input: Subscription): Promise<void> {
    const s = checkSubscription(input);
    this.db
      .prepare(
        `INSERT INTO subscriptions (platform, channel, time, timezone, topic, count, quiet_when_empty, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel) DO UPDATE SET
           time = excluded.time, timezone = excluded.timezone, topic = excluded.topic, count = excluded.count,
           quiet_when_empty = excluded.quiet_when_empty, updated_at = excluded.updated_at`,
      )
      .run(s.platform, s.channel, s.time, s.timezone, s.topic ?? null, s.count, s.quietWhenEmpty ? 1 : 0, s.updatedAt);
  }

  async removeSubscription(platform: Platform, channel: string): Promise<boolean> {
    checkPlatform(platform);
    return this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel = ?').run(platform, channel).changes > 0;
  }

  async getSubscription(platform: Platform, channel: string): Promise<Subscription | undefined> {
    checkPlatform(platform);
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel = ?').get(platform, channel) as SubscriptionRow | undefined;
    return row && subscriptionFromRow(row);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const rows = this.db.prepare('SELECT * FROM subscriptions ORDER BY platform, channel').all() as SubscriptionRow[];
    return rows.map(subscriptionFromRow);
  }

  async markPosted(platform: Platform, channel: string, paperIds: readonly string[], at: string): Promise<void> {
    checkPlatform(platform);
    const postedAt = isoTimestamp(at, 'posted time');
    const ids = distinct(paperIds);
    if (ids.length === 0) return;
    const insert = this.db.prepare('INSERT INTO posted_papers (platform, channel, paper_id, posted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.db.transaction(() => {
      for (const id of ids) insert.run(platform, channel, id, postedAt);
    }).immediate();
  }

  async postedPaperIds(platform: Platform, channel: string): Promise<Set<string>> {
    checkPlatform(platform);
    const rows = this.db.prepare('SELECT paper_id FROM posted_papers WHERE platform = ? AND channel = ?').all(platform, channel) as Array<{ paper_id: string }>;
    return new Set(rows.map((row) => row.paper_id));
  }

  async claimDigest(input: ClaimRequest): Promise<ClaimOutcome> {
    const request = checkClaimRequest(input);
    const cutoff = staleBefore(request);
    const claim = this.db.transaction((): ClaimOutcome => {
      // 1. The unique insert: the first claim of this key.
      const inserted = this.db
        .prepare(
          `INSERT INTO digests (key, platform, channel, local_date, status, attempts, nonce, paper_ids, claimed_at, updated_at)
           VALUES (?, ?, ?, ?, 'claimed', 1, ?, ?, ?, ?)
           ON CONFLICT (key) DO NOTHING
           RETURNING *`,
        )
        .get(request.key, request.platform, request.channel, request.localDate, request.nonce, JSON.stringify(request.paperIds), request.now, request.now) as
        | DigestRow
        | undefined;
      if (inserted) return { claimed: true, record: digestFromRow(inserted) };
      // 2. A retry: only a failed, unknown or stale claimed record; its nonce and papers stay.
      const reclaimed = this.db
        .prepare(
          `UPDATE digests SET status = 'claimed', attempts = attempts + 1, claimed_at = ?, updated_at = ?, error = NULL
           WHERE key = ? AND (status IN ('failed', 'unknown') OR (status = 'claimed' AND claimed_at < ?))
           RETURNING *`,
        )
        .get(request.now, request.now, request.key, cutoff) as DigestRow | undefined;
      if (reclaimed) return { claimed: true, record: digestFromRow(reclaimed) };
      // 3. Someone else's, or sent.
      const current = this.db.prepare('SELECT * FROM digests WHERE key = ?').get(request.key) as DigestRow;
      return { claimed: false, record: digestFromRow(current) };
    });
    return claim.immediate();
  }

  async finishDigest(
    key: string,
    outcome: FinishOutcome,
    now: string,
    attempt?: number,
  ): Promise<void> {
    const at = isoTimestamp(now, 'finish time');
    const { status, messageRef, error } = outcomeColumns(outcome);
    // `sent` is final; a failure of an attempt that was taken over does not count.
    const result = this.db
      .prepare(
        `UPDATE digests SET status = ?, message_ref = ?, error = ?, updated_at = ?
          WHERE key = ? AND status <> 'sent' AND (? = 'sent' OR ? IS NULL OR attempts = ?)`,
      )
      .run(status, messageRef, error, at, key, status, attempt ?? null, attempt ?? null);
    if (result.changes === 0 && !(await this.getDigest(key))) {
      throw noDigestToFinish(key);
    }
  }

  async recordVote(input: Vote): Promise<void> {
    const v = checkVote(input);
    this.db
      .prepare(
        `INSERT INTO votes (platform, channel, paper_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel, paper_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
      )
      .run(v.platform, v.channel, v.paperId, v.user, v.vote, v.votedAt);
  }

  async listVotes(platform: Platform, channel: string): Promise<Vote[]> {
    checkPlatform(platform);
    const rows = this.db.prepare('SELECT * FROM votes WHERE platform = ? AND channel = ? ORDER BY paper_id, user_id').all(platform, channel) as VoteRow[];
    return rows.map(voteFromRow);
  }

  async clearVotes(platform: Platform, channel: string): Promise<number> {
    checkPlatform(platform);
    return this.db.prepare('DELETE FROM votes WHERE platform = ? AND channel = ?').run(platform, channel).changes;
  }

  async getConversation(key: string, now: string): Promise<string | undefined> {
    checkConversationKey(key);
    // ISO text in one format sorts as time does, so expiry is a text comparison.
    const row = this.db.prepare('SELECT data FROM conversations WHERE key = ? AND expires_at > ?').get(key, isoTimestamp(now, 'time')) as { data: string } | undefined;
    return row?.data;
  }

  async putConversation(key: string, data: string, updatedAt: string, expiresAt: string): Promise<void> {
    const c = checkConversation(key, data, updatedAt, expiresAt);
    this.db
      .prepare(
        `INSERT INTO conversations (key, data, updated_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      )
      .run(c.key, c.data, c.updatedAt, c.expiresAt);
  }

  async purgeConversations(now: string): Promise<number> {
    return this.db.prepare('DELETE FROM conversations WHERE expires_at <= ?').run(isoTimestamp(now, 'time')).changes;
  }

  async getDigest(key: string): Promise<DigestRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM digests WHERE key = ?').get(key) as DigestRow | undefined;
    return row && digestFromRow(row);
  }

  async listDigests(platform: Platform, channel: string): Promise<DigestRecord[]> {
    checkPlatform(platform);
    const rows = this.db.prepare('SELECT * FROM digests WHERE platform = ? AND channel = ? ORDER BY local_date DESC, key DESC').all(platform, channel) as DigestRow[];
    return rows.map(digestFromRow);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `step`, and again after a short pause while it fails with SQLITE_BUSY, for up to
 * `timeoutMs`. Synchronous like better-sqlite3 itself; used only where SQLite reports busy
 * without using its busy timeout.
 */
export function retryWhileBusy<T>(timeoutMs: number, step: () => T): T {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      return step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, wait * (0.5 + Math.random()));
    }
  }
}
