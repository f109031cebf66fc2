/**
 * The store for several instances: PostgreSQL through a `pg` Pool. Every write is one statement
 * (autocommit), so there is no read-then-write race: a claim is a unique insert
 * (`INSERT … ON CONFLICT DO NOTHING RETURNING`), else a conditional update of a failed, unknown or
 * stale claimed record (`UPDATE … WHERE status IN … RETURNING`). Under READ COMMITTED, racing
 * updates of one row wait for each other and re-check the `WHERE` on the row as the winner left
 * it, so exactly one caller gets the claim.
 */
import pg from 'pg';
import { migratePostgres, type MigrationReport } from './migrations.js';
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

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:port/db` (any form `pg` accepts). */
  connectionString: string;
  /**
   * Keep the tables in this schema (it becomes the connections' `search_path`, and `migrate()`
   * creates it if missing). Letters, digits and `_` only. Default: the server's search_path.
   */
  schema?: string;
  /** Connections in the pool. Default 5. */
  maxConnections?: number;
  /** How long to wait for a connection before failing (ms). Default 10000. */
  connectionTimeoutMs?: number;
  /** Errors of idle pooled connections (e.g. the server restarted); the pool replaces them. Default: ignored. */
  onBackgroundError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export class PostgresStore implements PaperbotStore {
  readonly schema: string | undefined;
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(options: PostgresStoreOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new TypeError(`store: PostgreSQL schema name must be letters, digits and _ (got ${JSON.stringify(options.schema)})`);
    }
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 5,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // Without a listener an idle connection's error would crash the process.
    this.pool.on('error', (error) => options.onBackgroundError?.(error));
  }

  async migrate(): Promise<void> {
    await this.migrateWithReport();
  }

  /** {@link migrate}, telling which versions it applied. */
  async migrateWithReport(): Promise<MigrationReport> {
    const client = await this.pool.connect();
    try {
      return await migratePostgres(client, this.schema === undefined ? {} : { schema: this.schema });
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async upsertSubscription(input: Subscription): Promise<void> {
    const s = checkSubscription(input);
    await this.pool.query(
      `INSERT INTO subscriptions (platform, channel, time, timezone, topic, count, quiet_when_empty, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (platform, channel) DO UPDATE SET
         time = excluded.time, timezone = excluded.timezone, topic = excluded.topic, count = excluded.count,
         quiet_when_empty = excluded.quiet_when_empty, updated_at = excluded.updated_at`,
      [s.platform, s.channel, s.time, s.timezone, s.topic ?? null, s.count, s.quietWhenEmpty, s.updatedAt],
    );
  }

  async removeSubscription(platform: Platform, channel: string): Promise<boolean> {
    checkPlatform(platform);
    const result = await this.pool.query('DELETE FROM subscriptions WHERE platform = $1 AND channel = $2', [platform, channel]);
    return (result.rowCount ?? 0) > 0;
  }

  async getSubscription(platform: Platform, channel: string): Promise<Subscription | undefined> {
    checkPlatform(platform);
    const result = await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 AND channel = $2', [platform, channel]);
    const row = result.rows[0];
    return row && subscriptionFromRow(row);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    // "C": code-point order, the same as SQLite's and the memory store's, whatever the database's locale.
    const result = await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform COLLATE "C", channel COLLATE "C"');
    return result.rows.map(subscriptionFromRow);
  }

  async markPosted(platform: Platform, channel: string, paperIds: readonly string[], at: string): Promise<void> {
    checkPlatform(platform);
    const postedAt = isoTimestamp(at, 'posted time');
    const ids = distinct(paperIds);
    if (ids.length === 0) return;
    await this.pool.query(
      `INSERT INTO posted_papers (platform, channel, paper_id, posted_at)
       SELECT $1, $2, id, $4 FROM unnest($3::text[]) AS id
       ON CONFLICT DO NOTHING`,
      [platform, channel, ids, postedAt],
    );
  }

  async postedPaperIds(platform: Platform, channel: string): Promise<Set<string>> {
    checkPlatform(platform);
    const result = await this.pool.query<{ paper_id: string }>('SELECT paper_id FROM posted_papers WHERE platform = $1 AND channel = $2', [platform, channel]);
    return new Set(result.rows.map((row) => row.paper_id));
  }

  async claimDigest(input: ClaimRequest): Promise<ClaimOutcome> {
    const request = checkClaimRequest(input);
    // 1. The unique insert: the first claim of this key. A racing insert of the same key waits
    //    for the other transaction and then does nothing.
    const inserted = await this.pool.query<DigestRow>(
      `INSERT INTO digests (key, platform, channel, local_date, status, attempts, nonce, paper_ids, claimed_at, updated_at)
       VALUES ($1, $2, $3, $4, 'claimed', 1, $5, $6, $7, $7)
       ON CONFLICT (key) DO NOTHING
       RETURNING *`,
      [request.key, request.platform, request.channel, request.localDate, request.nonce, JSON.stringify(request.paperIds), request.now],
    );
    if (inserted.rows[0]) return { claimed: true, record: digestFromRow(inserted.rows[0]) };
    // 2. A retry: only a failed, unknown or stale claimed record; its nonce and papers stay.
    const reclaimed = await this.pool.query<DigestRow>(
      `UPDATE digests SET status = 'claimed', attempts = attempts + 1, claimed_at = $2, updated_at = $2, error = NULL
       WHERE key = $1 AND (status IN ('failed', 'unknown') OR (status = 'claimed' AND claimed_at < $3))
       RETURNING *`,
      [request.key, request.now, staleBefore(request)],
    );
    if (reclaimed.rows[0]) return { claimed: true, record: digestFromRow(reclaimed.rows[0]) };
    // 3. Someone else's, or sent. (Records are never deleted, so it exists.)
    const current = await this.getDigest(request.key);
    if (!current) throw new Error(`store: digest ${JSON.stringify(request.key)} vanished while being claimed`);
    return { claimed: false, record: current };
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
    const result = await this.pool.query(
      `UPDATE digests SET status = $2, message_ref = $3, error = $4, updated_at = $5
        WHERE key = $1 AND status <> 'sent' AND ($2 = 'sent' OR $6::int IS NULL OR attempts = $6::int)`,
      [key, status, messageRef, error, at, attempt ?? null],
    );
    if ((result.rowCount ?? 0) === 0 && !(await this.getDigest(key))) {
      throw noDigestToFinish(key);
    }
  }

  async recordVote(input: Vote): Promise<void> {
    const v = checkVote(input);
    await this.pool.query(
      `INSERT INTO votes (platform, channel, paper_id, user_id, vote, voted_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, channel, paper_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
      [v.platform, v.channel, v.paperId, v.user, v.vote, v.votedAt],
    );
  }

  async listVotes(platform: Platform, channel: string): Promise<Vote[]> {
    checkPlatform(platform);
    const result = await this.pool.query<VoteRow>(
      'SELECT * FROM votes WHERE platform = $1 AND channel = $2 ORDER BY paper_id COLLATE "C", user_id COLLATE "C"',
      [platform, channel],
    );
    return result.rows.map(voteFromRow);
  }

  async clearVotes(platform: Platform, channel: string): Promise<number> {
    checkPlatform(platform);
    const result = await this.pool.query('DELETE FROM votes WHERE platform = $1 AND channel = $2', [platform, channel]);
    return result.rowCount ?? 0;
  }

  async getConversation(key: string, now: string): Promise<string | undefined> {
    checkConversationKey(key);
    const result = await this.pool.query<{ data: string }>('SELECT data FROM conversations WHERE key = $1 AND expires_at > $2', [key, isoTimestamp(now, 'time')]);
    return result.rows[0]?.data;
  }

  async putConversation(key: string, data: string, updatedAt: string, expiresAt: string): Promise<void> {
    const c = checkConversation(key, data, updatedAt, expiresAt);
    await this.pool.query(
      `INSERT INTO conversations (key, data, updated_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      [c.key, c.data, c.updatedAt, c.expiresAt],
    );
  }

  async purgeConversations(now: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM conversations WHERE expires_at <= $1', [isoTimestamp(now, 'time')]);
    return result.rowCount ?? 0;
  }

  async getDigest(key: string): Promise<DigestRecord | undefined> {
    const result = await this.pool.query<DigestRow>('SELECT * FROM digests WHERE key = $1', [key]);
    const row = result.rows[0];
    return row && digestFromRow(row);
  }

  async listDigests(platform: Platform, channel: string): Promise<DigestRecord[]> {
    checkPlatform(platform);
    const result = await this.pool.query<DigestRow>(
      'SELECT * FROM digests WHERE platform = $1 AND channel = $2 ORDER BY local_date COLLATE "C" DESC, key COLLATE "C" DESC',
      [platform, channel],
    );
    return result.rows.map(digestFromRow);
  }
}
