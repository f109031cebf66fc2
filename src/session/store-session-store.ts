import { silentLogger, type Logger } from '../log/logger.js';
import type { PaperbotStore } from '../store/store.js';
import { systemClock, type Clock } from '../time/clock.js';
import { isPlainObject, type Session, type SessionStore } from './session.js';

/** The part of a {@link PaperbotStore} that keeps conversations. */
export type ConversationStore = Pick<PaperbotStore, 'getConversation' | 'putConversation' | 'purgeConversations'>;

const HOUR_MS = 3_600_000;

/** How long a conversation is remembered after its last command, by default: 168 hours (7 days). */
export const DEFAULT_CONVERSATION_TTL_HOURS = 168;

/** The largest session kept, by default: 64 KiB of JSON (UTF-8). */
export const DEFAULT_MAX_SESSION_BYTES = 64 * 1024;

/** Options of a {@link StoreSessionStore}. */
export interface StoreSessionStoreOptions {
  /** How long a conversation is remembered after its last command (ms). Default {@link DEFAULT_CONVERSATION_TTL_HOURS} hours. */
  ttlMs?: number;
  /** Default: the system clock. */
  clock?: Clock;
  /** Where a failing or damaged read, a failing write and an oversized session are reported (warn). Default: nowhere. */
  logger?: Logger;
  /** A session whose JSON is larger than this (UTF-8 bytes) is not kept. Default {@link DEFAULT_MAX_SESSION_BYTES} (64 KiB). */
  maxBytes?: number;
  /** Expired conversations are deleted on a `set()` at most this often (ms). Default one hour. */
  purgeEveryMs?: number;
}

/**
 * Sessions in the store (SQLite or PostgreSQL), so every instance behind one database continues
 * the same conversation: "ask" answered by one instance, "show 2" by another. Each `set()` keeps
 * the conversation for `ttlMs` more; after that it reads as empty, and expired rows are deleted
 * now and then on a `set()` (no timer of its own, so nothing keeps the process alive).
 *
 * Losing a conversation costs only "show 2"-style references, never a command: a store that
 * fails, a damaged row or a session too large to keep is logged and read as an empty session.
 */
export class StoreSessionStore implements SessionStore {
  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly maxBytes: number;
  private readonly purgeEveryMs: number;
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: ConversationStore,
    options: StoreSessionStoreOptions = {},
  ) {
    this.ttlMs = positive(options.ttlMs ?? DEFAULT_CONVERSATION_TTL_HOURS * HOUR_MS, 'ttlMs');
    this.maxBytes = positive(options.maxBytes ?? DEFAULT_MAX_SESSION_BYTES, 'maxBytes');
    this.purgeEveryMs = positive(options.purgeEveryMs ?? HOUR_MS, 'purgeEveryMs');
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  async get(key: string): Promise<Session> {
    let data: string | undefined;
    try {
      data = await this.store.getConversation(key, iso(this.clock.now()));
    } catch (error) {
      this.logger.warn({ err: error, sessionKey: key }, 'conversation could not be read from the store; it starts afresh');
      return {};
    }
    if (data === undefined) return {};
    const session = parseSession(data);
    if (!session) this.logger.warn({ sessionKey: key, bytes: Buffer.byteLength(data) }, 'conversation in the store is damaged; it starts afresh');
    return session ?? {};
  }

  async set(key: string, session: Session): Promise<void> {
    const now = this.clock.now();
    let data: string;
    try {
      data = JSON.stringify(session);
    } catch (error) {
      // Not JSON-able (a cycle, a BigInt): a bug to report, still not a reason to fail the command.
      this.logger.warn({ err: error, sessionKey: key }, 'conversation is not JSON; it starts afresh');
      data = '{}';
    }
    const bytes = Buffer.byteLength(data);
    if (bytes > this.maxBytes) {
      // Kept empty rather than left as it was: "show 2" must never refer to an older list.
      this.logger.warn({ sessionKey: key, bytes, maxBytes: this.maxBytes }, 'conversation too large to keep; it starts afresh');
      data = '{}';
    }
    try {
      await this.store.putConversation(key, data, iso(now), iso(now + this.ttlMs));
    } catch (error) {
      this.logger.warn({ err: error, sessionKey: key }, 'conversation could not be saved to the store');
    }
    await this.purgeIfDue(now);
  }

  /** Deletes expired conversations, if the last purge (by this instance) was `purgeEveryMs` ago or more. */
  private async purgeIfDue(now: number): Promise<void> {
    if (now - this.lastPurge < this.purgeEveryMs) return;
    this.lastPurge = now;
    try {
      const purged = await this.store.purgeConversations(iso(now));
      if (purged > 0) this.logger.debug({ purged }, 'expired conversations deleted');
    } catch (error) {
      this.logger.warn({ err: error }, 'expired conversations could not be deleted; trying again later');
    }
  }
}

/**
 * A session from its JSON, or undefined when it is damaged: not JSON, not an object, or a `last`
 * that is not an object with a `numbers` object (every command that refers to it reads those).
 */
function parseSession(data: string): Session | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed)) return undefined;
  if (parsed.last !== undefined && !(isPlainObject(parsed.last) && isPlainObject(parsed.last.numbers))) return undefined;
  return parsed as Session;
}


const iso = (ms: number): string => new Date(ms).toISOString();

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`StoreSessionStore: ${name} must be a positive number of ${name === 'maxBytes' ? 'bytes' : 'milliseconds'} (got ${value})`);
  return value;
}
