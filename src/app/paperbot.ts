import type { Conversation } from '../commands/command.js';
import { parsePageRequest, runPage } from '../commands/page.js';
import type { CommandResult } from '../commands/results.js';
import { runCommand, runText } from '../commands/run-command.js';
import { asCodedError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { PaperIndex } from '../search/paper-index.js';
import { MemorySessionStore, type Session, type SessionStore } from '../session/session.js';
import type { PaperbotStore } from '../store/store.js';
import { systemClock, type Clock } from '../time/clock.js';
import { loadIndex } from './load-index.js';

/** Optional parts of a {@link Paperbot}. */
export interface PaperbotOptions {
  /** Sessions by conversation key. Default: in memory. */
  sessions?: SessionStore;
  /** Where unexpected failures go. Default: nowhere. */
  logger?: Logger;
  /** The store behind digest subscriptions. Default: none (digest commands then say so). */
  store?: PaperbotStore;
  /** Default: the system clock. */
  clock?: Clock;
}

/**
 * The bot's core as every front-end sees it: the index (replaceable when the corpus changes),
 * per-conversation sessions, and three ways in — a line of text, a command with options, a page
 * from a button. Everything returns platform-neutral {@link CommandResult} data.
 *
 * @example
 * const bot = await Paperbot.load('seeds');
 * const result = await bot.runText('which papers speed up diffusion sampling?', 'slack:T1:C123:1700000000.1');
 */
export class Paperbot {
  private current: PaperIndex;
  readonly sessions: SessionStore;
  readonly logger: Logger;
  readonly store: PaperbotStore | undefined;
  readonly clock: Clock;

  constructor(index: PaperIndex, options: PaperbotOptions = {}) {
    this.current = index;
    this.sessions = options.sessions ?? new MemorySessionStore();
    this.logger = options.logger ?? silentLogger;
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
  }

  /** Loads a corpus (file or directory) into a new bot. */
  static async load(corpusPath: string, options: PaperbotOptions = {}): Promise<Paperbot> {
    const { index } = await loadIndex(corpusPath);
    return new Paperbot(index, options);
  }

  /** The index in use. A command in flight keeps the index it started with. */
  get index(): PaperIndex {
    return this.current;
  }

  /** Swaps in a new index (a reloaded corpus) for the commands that come after. */
  replaceIndex(index: PaperIndex): void {
    this.current = index;
  }

  /** A line of chat or slash-command text ("show 2", "search x --limit 5", "digest status", or a question). */
  runText(text: string, sessionKey: string, conversation?: Conversation): Promise<CommandResult> {
    return this.withSession(sessionKey, (session) => runText(text, this.context(session, conversation)));
  }

  /** A command with structured options (Discord options, CLI flags). */
  run(command: string, input: Record<string, unknown>, sessionKey: string, conversation?: Conversation): Promise<CommandResult> {
    return this.withSession(sessionKey, (session) => runCommand(command, input, this.context(session, conversation)));
  }

  /** A page request carried by a button ("More results"); validated, since it is user data. */
  runPage(request: unknown, sessionKey: string): Promise<CommandResult> {
    return this.withSession(sessionKey, async (session) => {
      try {
        return runPage(parsePageRequest(request), this.current, session);
      } catch (error) {
        const coded = asCodedError(error);
        return { kind: 'error', code: coded.code, message: coded.message };
      }
    });
  }

  private context(session: Session, conversation: Conversation | undefined) {
    // The index is read once here, so a reload during an async command cannot mix two corpora.
    return {
      index: this.current,
      session,
      logger: this.logger,
      now: () => this.clock.now(),
      ...(this.store ? { store: this.store } : {}),
      ...(conversation ? { conversation } : {}),
    };
  }

  private async withSession(key: string, run: (session: Session) => Promise<CommandResult>): Promise<CommandResult> {
    const session = this.sessions.get(key);
    const result = await run(session);
    this.sessions.set(key, session);
    return result;
  }
}
