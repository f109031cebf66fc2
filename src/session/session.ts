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
 * Implementations: {@link MemorySessionStore}; a database-backed one can follow the same shape.
 */
export interface SessionStore {
  get(key: string): Session;
  set(key: string, session: Session): void;
}

/** Default number of conversations a {@link MemorySessionStore} remembers. */
export const DEFAULT_MAX_SESSIONS = 10_000;

/** Sessions in memory, the least recently used dropped beyond `maxSessions` (default 10,000). */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly maxSessions = DEFAULT_MAX_SESSIONS) {}

  get(key: string): Session {
    const session = this.sessions.get(key);
    if (!session) return {};
    // Re-insert so iteration order is least-recently-used first.
    this.sessions.delete(key);
    this.sessions.set(key, session);
    return session;
  }

  set(key: string, session: Session): void {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.delete(oldest);
    }
  }
}
