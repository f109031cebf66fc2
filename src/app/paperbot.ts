import type { Conversation } from '../commands/command.js';
import { parsePageRequest, runPage } from '../commands/page.js';
import type { CommandResult } from '../commands/results.js';
import { runCommand, runText } from '../commands/run-command.js';
import { castVote, voteValue } from '../digest/votes.js';
import { asCodedError, ErrorCode, InvalidOptionError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { MemorySessionStore, type Session, type SessionStore } from '../session/session.js';
import type { PaperbotStore } from '../store/store.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { IndexService } from './index-service.js';
import { loadIndex } from './load-index.js';
import { indexService, type IndexSource } from './local-index-service.js';

/** Optional parts of a {@link Paperbot}. */
export interface PaperbotOptions {
  /** Sessions by conversation key. Default: in memory (`MemorySessionStore`); the served bot keeps them in the store (`StoreSessionStore`). */
  sessions?: SessionStore;
  /** Where unexpected failures go. Default: nowhere. */
  logger?: Logger;
  /** The store behind digest subscriptions. Default: none (digest commands then say so). */
  store?: PaperbotStore;
  /** Default: the system clock. */
  clock?: Clock;
}

/** How a command reads and keeps its conversation's session. */
export interface RunOptions {
  /**
   * Read the session from this conversation key instead of the command's own `sessionKey` (it is
   * still saved under `sessionKey`): a Discord reply to the bot's message continues the
   * conversation of the message it answered. Default: the command's `sessionKey`.
   */
  continueFrom?: string;
}

/**
 * The bot's core as every front-end sees it: the index (replaceable when the corpus changes),
 * per-conversation sessions, and three ways in — a line of text, a command with options, a page
 * from a button. Everything returns platform-neutral {@link CommandResult} data.
 *
 * The index is an {@link IndexService}: a `PaperIndex` given here is served in this thread; a
 * worker pool's serves from worker threads, so ranking and answers never hold up the event loop.
 *
 * @example
 * const bot = await Paperbot.load('seeds');
 * const result = await bot.runText('which papers speed up diffusion sampling?', 'slack:T1:C123:1700000000.1');
 */
export class Paperbot {
  private current: IndexService;
  /** Commands (and other users, see {@link withIndex}) running on each index still in use. */
  private readonly users = new Map<IndexService, number>();
  readonly sessions: SessionStore;
  readonly logger: Logger;
  readonly store: PaperbotStore | undefined;
  readonly clock: Clock;

  constructor(index: IndexSource, options: PaperbotOptions = {}) {
    this.current = indexService(index);
    this.sessions = options.sessions ?? new MemorySessionStore();
    this.logger = options.logger ?? silentLogger;
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
  }

  /** Loads a corpus (file or directory) into a new bot, served in this thread. */
  static async load(corpusPath: string, options: PaperbotOptions = {}): Promise<Paperbot> {
    const { index } = await loadIndex(corpusPath);
    return new Paperbot(index, options);
  }

  /** The index in use. A command in flight keeps the index it started with. */
  get index(): IndexService {
    return this.current;
  }

  /**
   * Swaps in a new index (a reloaded corpus) for the commands that come after. The old one is
   * released (`IndexService.release`) once the commands that started on it have finished.
   */
  replaceIndex(index: IndexSource): void {
    const previous = this.current;
    this.current = indexService(index);
    if (previous !== this.current && !this.users.has(previous)) previous.release?.();
  }

  /**
   * Runs `use` on the index in use, which stays usable (not released by a reload) until `use`
   * settles: for work outside commands, such as digest runs and autocomplete.
   */
  async withIndex<T>(use: (index: IndexService) => Promise<T>): Promise<T> {
    const index = this.current;
    this.users.set(index, (this.users.get(index) ?? 0) + 1);
    try {
      return await use(index);
    } finally {
      const left = (this.users.get(index) ?? 1) - 1;
      if (left > 0) this.users.set(index, left);
      else {
        this.users.delete(index);
        if (index !== this.current) index.release?.();
      }
    }
  }

  /** A line of chat or slash-command text ("show 2", "search x --limit 5", "digest status", or a question). */
  runText(text: string, sessionKey: string, conversation?: Conversation, options: RunOptions = {}): Promise<CommandResult> {
    return this.withSession(sessionKey, (session, index) => runText(text, this.context(index, session, conversation)), options.continueFrom);
  }

  /** A command with structured options (Discord options, CLI flags). */
  run(command: string, input: Record<string, unknown>, sessionKey: string, conversation?: Conversation, options: RunOptions = {}): Promise<CommandResult> {
    return this.withSession(sessionKey, (session, index) => runCommand(command, input, this.context(index, session, conversation)), options.continueFrom);
  }

  /**
   * Whether the conversation `key` is live: its session holds a result that "show 2" or "more"
   * could refer to (and it has not expired). The Slack adapter asks this to tell whether a thread
   * reply without a mention belongs to a conversation with the bot.
   */
  async hasConversation(key: string): Promise<boolean> {
    return (await this.readSession(key)).last !== undefined;
  }

  /** A page request carried by a button ("More results"); validated, since it is user data. */
  runPage(request: unknown, sessionKey: string): Promise<CommandResult> {
    return this.withSession(sessionKey, async (session, index) => {
      try {
        return await runPage(parsePageRequest(request), index, session, () => this.clock.now());
      } catch (error) {
        const coded = asCodedError(error);
        if (coded.code === ErrorCode.Unknown) this.logger.error({ err: error }, 'page failed');
        return { kind: 'error', code: coded.code, message: coded.code === ErrorCode.Unknown ? 'Something went wrong while answering. Please try again.' : coded.message };
      }
    });
  }

  /**
   * A 👍/👎 button on a digest paper, pressed by `user` in a channel: the vote is stored (one per
   * user and paper, a new press replaces it) and steers the channel's next digests. The button's
   * paper id and direction are untrusted: an unknown paper or direction gets an error result.
   */
  async vote(request: { platform: Conversation['platform']; channel: string; user: string; paperId: unknown; vote: unknown }): Promise<CommandResult> {
    try {
      if (!this.store) throw new InvalidOptionError('Votes need the database, and this instance runs without one.');
      const store = this.store;
      const vote = voteValue(request.vote);
      const paperId = typeof request.paperId === 'string' ? request.paperId : '';
      const paper = paperId ? await this.withIndex((index) => index.get(paperId)) : undefined;
      if (!paper) throw new InvalidOptionError(`This button names no paper of the corpus (${JSON.stringify(String(request.paperId ?? '')).slice(0, 120)}).`);
      await castVote(store, { platform: request.platform, channel: request.channel, user: request.user, paperId, vote, now: this.clock.now() });
      return {
        kind: 'notice',
        title: vote > 0 ? '👍 Noted' : '👎 Noted',
        lines: [`${vote > 0 ? 'More' : 'Fewer'} papers like “${paper.title}” in this channel’s next digests. "digest why" shows what it learnt.`],
      };
    } catch (error) {
      const coded = asCodedError(error);
      if (coded.code === ErrorCode.Unknown) this.logger.error({ err: error }, 'vote failed');
      return { kind: 'error', code: coded.code, message: coded.code === ErrorCode.Unknown ? 'Something went wrong while recording the vote. Please try again.' : coded.message };
    }
  }

  private context(index: IndexService, session: Session, conversation: Conversation | undefined) {
    return {
      index,
      session,
      logger: this.logger,
      now: () => this.clock.now(),
      ...(this.store ? { store: this.store } : {}),
      ...(conversation ? { conversation } : {}),
    };
  }

  /** Runs a command on the session read from `from` (default: `key`), then saves it under `key`. */
  private async withSession(key: string, run: (session: Session, index: IndexService) => Promise<CommandResult>, from: string = key): Promise<CommandResult> {
    const read = await this.readSession(from);
    // A copy when continuing another conversation: a store in memory hands out the stored object
    // itself, and the two conversations must not share it.
    const session = from === key ? read : structuredClone(read);
    // The index is taken once here, so a reload during an async command cannot mix two corpora.
    const result = await this.withIndex((index) => run(session, index));
    try {
      await this.sessions.set(key, session);
    } catch (error) {
      // The answer is ready: a session that cannot be kept costs "show 2" next time, not this reply.
      this.logger.warn({ err: error, sessionKey: key }, 'session could not be saved');
    }
    return result;
  }

  /** The session of `key`; an empty one when the session store fails (logged), never an error. */
  private async readSession(key: string): Promise<Session> {
    try {
      return await this.sessions.get(key);
    } catch (error) {
      this.logger.warn({ err: error, sessionKey: key }, 'session could not be read; the conversation starts afresh');
      return {};
    }
  }
}
