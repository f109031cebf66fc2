import { runCommand, runText } from '../commands/run-command.js';
import { parsePageRequest, runPage } from '../commands/page.js';
import type { CommandResult } from '../commands/results.js';
import { asCodedError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { PaperIndex } from '../search/paper-index.js';
import { MemorySessionStore, type SessionStore } from '../session/session.js';
import { loadIndex } from './load-index.js';

/**
 * The bot's core as every front-end sees it: the index (replaceable when the corpus changes),
 * per-conversation sessions, and three ways in — a line of text, a command with options, a page
 * from a button. Everything returns platform-neutral {@link CommandResult} data.
 *
 * @example
 * const bot = await Paperbot.load('seeds');
 * const result = bot.runText('which papers speed up diffusion sampling?', 'slack:C123:1700000000.1');
 */
export class Paperbot {
  private current: PaperIndex;

  constructor(
    index: PaperIndex,
    /** Sessions by conversation key. Default: in memory. */
    readonly sessions: SessionStore = new MemorySessionStore(),
    /** Where unexpected failures go. Default: nowhere. */
    readonly logger: Logger = silentLogger,
  ) {
    this.current = index;
  }

  /** Loads a corpus (file or directory) into a new bot. */
  static async load(corpusPath: string, options: { sessions?: SessionStore; logger?: Logger } = {}): Promise<Paperbot> {
    const { index } = await loadIndex(corpusPath);
    return new Paperbot(index, options.sessions, options.logger);
  }

  /** The index in use; a question in flight keeps the index it started with. */
  get index(): PaperIndex {
    return this.current;
  }

  /** Swaps in a new index (a reloaded corpus) for the questions that come after. */
  replaceIndex(index: PaperIndex): void {
    this.current = index;
  }

  /** A line of chat or slash-command text ("show 2", "search x --limit 5", or a question). */
  runText(text: string, sessionKey: string): CommandResult {
    return this.withSession(sessionKey, (session) => runText(text, { index: this.current, session, logger: this.logger }));
  }

  /** A command with structured options (Discord options, CLI flags). */
  run(command: string, input: Record<string, unknown>, sessionKey: string): CommandResult {
    return this.withSession(sessionKey, (session) => runCommand(command, input, { index: this.current, session, logger: this.logger }));
  }

  /** A page request carried by a button ("More results"); validated, since it is user data. */
  runPage(request: unknown, sessionKey: string): CommandResult {
    return this.withSession(sessionKey, (session) => {
      try {
        return runPage(parsePageRequest(request), this.current, session);
      } catch (error) {
        const coded = asCodedError(error);
        return { kind: 'error', code: coded.code, message: coded.message };
      }
    });
  }

  private withSession(key: string, run: (session: ReturnType<SessionStore['get']>) => CommandResult): CommandResult {
    const session = this.sessions.get(key);
    const result = run(session);
    this.sessions.set(key, session);
    return result;
  }
}
