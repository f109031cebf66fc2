/**
 * An in-memory store with the same semantics as the SQL ones (the same contract tests run
 * against it), for fast unit tests of the code that uses a store. Single process only; every
 * method works on copies, so a caller can never change stored state by mutating what it got.
 * Each method does its whole read-and-write synchronously, so concurrent calls cannot interleave.
 */
import {
  checkClaimRequest,
  checkConversation,
  checkConversationKey,
  checkVote,
  compareVotes,
  checkPlatform,
  checkSubscription,
  compareChannels,
  compareText,
  distinct,
  isoTimestamp,
  isReclaimable,
  noDigestToFinish,
  outcomeColumns,
  staleBefore,
  type ConversationWrite,
  type FinishOutcome,
} from './records.js';
import type { ClaimOutcome, ClaimRequest, DigestRecord, PaperbotStore, Platform, Subscription, Vote } from './store.js';

const channelKey = (platform: Platform, channel: string) => JSON.stringify([platform, channel]);

export class MemoryStore implements PaperbotStore {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly posted = new Map<string, Map<string, string>>();
  private readonly digests = new Map<string, DigestRecord>();
  /** Channel key → `paperId user` → vote. */
  private readonly votes = new Map<string, Map<string, Vote>>();
  /** Conversation key → its row (timestamps normalised ISO text, which sorts as time does). */
  private readonly conversations = new Map<string, ConversationWrite>();
  private closed = false;

  /** Nothing to create: the "schema" is the maps above. */
  async migrate(): Promise<void> {
    this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async ping(): Promise<void> {
    this.open();
  }

  async upsertSubscription(input: Subscription): Promise<void> {
    this.open();
    const subscription = checkSubscription(input);
    this.subscriptions.set(channelKey(subscription.platform, subscription.channel), subscription);
  }

  async removeSubscription(platform: Platform, channel: string): Promise<boolean> {
    this.open();
    checkPlatform(platform);
    return this.subscriptions.delete(channelKey(platform, channel));
  }

  async getSubscription(platform: Platform, channel: string): Promise<Subscription | undefined> {
    this.open();
    checkPlatform(platform);
    const subscription = this.subscriptions.get(channelKey(platform, channel));
    return subscription && { ...subscription };
  }

  async listSubscriptions(): Promise<Subscription[]> {
    this.open();
    return [...this.subscriptions.values()].sort(compareChannels).map((subscription) => ({ ...subscription }));
  }

  async markPosted(platform: Platform, channel: string, paperIds: readonly string[], at: string): Promise<void> {
    this.open();
    checkPlatform(platform);
    const postedAt = isoTimestamp(at, 'posted time');
    const key = channelKey(platform, channel);
    const papers = this.posted.get(key) ?? new Map<string, string>();
    for (const id of distinct(paperIds)) if (!papers.has(id)) papers.set(id, postedAt);
    if (papers.size > 0) this.posted.set(key, papers);
  }

  async postedPaperIds(platform: Platform, channel: string): Promise<Set<string>> {
    this.open();
    checkPlatform(platform);
    return new Set(this.posted.get(channelKey(platform, channel))?.keys());
  }

  async claimDigest(input: ClaimRequest): Promise<ClaimOutcome> {
    this.open();
    const request = checkClaimRequest(input);
    const existing = this.digests.get(request.key);
    if (!existing) {
      const record: DigestRecord = {
        key: request.key,
        platform: request.platform,
        channel: request.channel,
        localDate: request.localDate,
        status: 'claimed',
        attempts: 1,
        nonce: request.nonce,
        paperIds: [...request.paperIds],
        claimedAt: request.now,
        updatedAt: request.now,
      };
      this.digests.set(record.key, record);
      return { claimed: true, record: copy(record) };
    }
    if (isReclaimable(existing, staleBefore(request))) {
      existing.status = 'claimed';
      existing.attempts += 1;
      existing.claimedAt = request.now;
      existing.updatedAt = request.now;
      delete existing.error;
      return { claimed: true, record: copy(existing) };
    }
    return { claimed: false, record: copy(existing) };
  }

  async finishDigest(key: string, outcome: FinishOutcome, now: string, attempt?: number): Promise<void> {
    this.open();
    const at = isoTimestamp(now, 'finish time');
    const { status, messageRef, error } = outcomeColumns(outcome);
    const record = this.digests.get(key);
    if (!record) throw noDigestToFinish(key);
    // `sent` is final; a failure of an attempt that was taken over does not count.
    if (record.status === 'sent') return;
    if (status !== 'sent' && attempt !== undefined && record.attempts !== attempt) return;
    record.status = status;
    record.updatedAt = at;
    if (messageRef === null) delete record.messageRef;
    else record.messageRef = messageRef;
    if (error === null) delete record.error;
    else record.error = error;
  }

  async recordVote(input: Vote): Promise<void> {
    this.open();
    const vote = checkVote(input);
    const key = channelKey(vote.platform, vote.channel);
    const votes = this.votes.get(key) ?? new Map<string, Vote>();
    votes.set(JSON.stringify([vote.paperId, vote.user]), vote);
    this.votes.set(key, votes);
  }

  async listVotes(platform: Platform, channel: string): Promise<Vote[]> {
    this.open();
    checkPlatform(platform);
    return [...(this.votes.get(channelKey(platform, channel))?.values() ?? [])].sort(compareVotes).map((vote) => ({ ...vote }));
  }

  async clearVotes(platform: Platform, channel: string): Promise<number> {
    this.open();
    checkPlatform(platform);
    const key = channelKey(platform, channel);
    const count = this.votes.get(key)?.size ?? 0;
    this.votes.delete(key);
    return count;
  }

  async getConversation(key: string, now: string): Promise<string | undefined> {
    this.open();
    checkConversationKey(key);
    const at = isoTimestamp(now, 'time');
    const row = this.conversations.get(key);
    return row && row.expiresAt > at ? row.data : undefined;
  }

  async putConversation(key: string, data: string, updatedAt: string, expiresAt: string): Promise<void> {
    this.open();
    const row = checkConversation(key, data, updatedAt, expiresAt);
    this.conversations.set(row.key, row);
  }

  async purgeConversations(now: string): Promise<number> {
    this.open();
    const at = isoTimestamp(now, 'time');
    let purged = 0;
    for (const [key, row] of this.conversations) {
      if (row.expiresAt <= at) {
        this.conversations.delete(key);
        purged += 1;
      }
    }
    return purged;
  }

  async getDigest(key: string): Promise<DigestRecord | undefined> {
    this.open();
    const record = this.digests.get(key);
    return record && copy(record);
  }

  async listDigests(platform: Platform, channel: string): Promise<DigestRecord[]> {
    this.open();
    checkPlatform(platform);
    return [...this.digests.values()]
      .filter((record) => record.platform === platform && record.channel === channel)
      .sort((a, b) => compareText(b.localDate, a.localDate) || compareText(b.key, a.key))
      .map(copy);
  }

  private open(): void {
    if (this.closed) throw new Error('store: the store is closed');
  }
}

function copy(record: DigestRecord): DigestRecord {
  return { ...record, paperIds: [...record.paperIds] };
}
