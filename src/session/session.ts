import type { PaperFilters } from '../query/filters.js';
/**
 * What a conversation remembers between two commands: the last list of papers it was shown,
 * so "show 2", "similar 3" and "more" can refer to it.
 */
export interface Session {
  last?: LastResult;
}


/** The last numbered result of a conversation. */
export interface LastResult {
  /** The command that made it; "more" continues it. */
  source: 'answer' | 'search' | 'similar' | 'papers';
  /** The question, query, or paper id it was made from. */
  query: string;
  /** Paper ids by the number users saw: `numbers[n]` is the paper shown as `n`. */
  numbers: Record<number, string>;
  /** Where the next page starts ("more"). */
  nextOffset: number;
  /** Page size. */
  limit: number;
  /** Filters given as options (search), kept for "more". */
  filters?: PaperFilters;
}

/**
 * Keeps sessions by conversation key (a Slack thread, a Discord channel and user, the console).
 * Asynchronous, since a session may live in the database (`StoreSessionStore`), shared by every
 * instance. Implementations: {@link MemorySessionStore}, `FileSessionStore` (one-shot CLI calls),
 * `StoreSessionStore`.
 */
export interface SessionStore {
  /** The conversation's session; an empty one (`{}`) when there is none. Never rejects for a missing or damaged session. */
  get(key: string): Promise<Session>;
  /** Keeps the session under `key`, replacing what was there. */
  set(key: string, session: Session): Promise<void>;
}

/** Default number of conversations a {@link MemorySessionStore} remembers. */
export const DEFAULT_MAX_SESSIONS = 10_000;

/** Sessions in memory, the least recently used dropped beyond `maxSessions` (default 10,000). */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly maxSessions = DEFAULT_MAX_SESSIONS) {}

  async get(key: string): Promise<Session> {
    const session = this.sessions.get(key);
    if (!session) return {};
    // Re-insert so iteration order is least-recently-used first.
    this.sessions.delete(key);
    this.sessions.set(key, session);
    return session;
  }

  async set(key: string, session: Session): Promise<void> {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.delete(oldest);
    }
  }
}

/** Whether a value read back from JSON is an object (not null, not an array): what a stored session must be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
