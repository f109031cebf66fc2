import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { isPlainObject, type Session, type SessionStore } from './session.js';

/**
 * Sessions in one JSON file, for one-shot CLI calls: `paperbot ask …` then `paperbot show 2`
 * in the next process. A missing or unreadable file is an empty store, never an error: losing
 * "the last result" must not break a command.
 */
export class FileSessionStore implements SessionStore {
  constructor(private readonly path: string = defaultSessionFile()) {}

  async get(key: string): Promise<Session> {
    const session = this.readAll()[key];
    // A damaged entry is forgotten rather than breaking every command that follows.
    return isPlainObject(session) ? session : {};
  }

  async set(key: string, session: Session): Promise<void> {
    const all = this.readAll();
    all[key] = session;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(this.path, JSON.stringify(all));
    } catch {
      // A read-only home still answers questions; only "show N" across calls is lost.
    }
  }

  private readAll(): Record<string, Session> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return isPlainObject(parsed) ? (parsed as Record<string, Session>) : {};
    } catch {
      return {};
    }
  }
}


/** `$XDG_CACHE_HOME/paperbot/sessions.json`, else `~/.cache/paperbot/sessions.json`. */
export function defaultSessionFile(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'paperbot', 'sessions.json');
}
