import { resolve } from 'node:path';
import { Command as Program, InvalidArgumentError, Option } from 'commander';
import { describeCorpus, loadIndex } from '../app/load-index.js';
import { defaultCorpusPath, packageVersion } from '../config/package-root.js';
import { runCommand, runText } from '../commands/run-command.js';
import { isPaperLink } from '../corpus/arxiv-link.js';
import { COMMAND_ALIASES } from '../commands/registry.js';
import { MAX_EXPORT_PAGE_SIZE } from '../commands/limits.js';
import type { CommandResult } from '../commands/results.js';
import { asCodedError, ErrorCode } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { RankingOptions } from '../search/ranking-options.js';
import { renderText } from '../render/text.js';
import { formatAnswerReport } from '../eval/answer-report.js';
import { FileSessionStore } from '../session/file-session-store.js';
import type { SessionStore } from '../session/session.js';
import { SYNC_CLI_FLAGS, syncSourcesFromFlags, type SyncFlags } from '../ingest/sync/sync-flags.js';
import type { DigestPoster } from '../digest/digest-poster.js';
import type { Platform } from '../store/store.js';
import { systemClock, type Clock } from '../time/clock.js';
import { runChat } from './chat.js';
import { addDigestCommands } from './digest-commands.js';
import { print as printText, println, printJson, textWidth, type CliIo } from './io.js';
import { closestName } from './suggest.js';
import { evalCommand, rankCommand } from './trec-commands.js';
import { answerEvalCommand } from './answer-eval-command.js';

/** What the CLI needs from outside, injectable for tests. */
export interface CliDeps {
  io: CliIo;
  /** Where one-shot commands keep "the last result". Default: a file under ~/.cache/paperbot. */
  sessions?: SessionStore;
  /** Corpus used when --corpus is not given. Default: $CORPUS_DIR, else the bundled seeds/. */
  defaultCorpus?: string;
  /**
   * Digest posters for the platforms with credentials, made by the composition root (which
   * knows the platform adapters). Default: none, so `digest run` reports every digest unposted.
   */
  posters?: () => Promise<Partial<Record<Platform, DigestPoster>>>;
  /** The clock of `digest run` and `subscribe`. Default: the system clock. */
  clock?: Clock;
}

interface GlobalOptions {
  corpus?: string;
  json?: boolean;
  /** False with --no-cache. */
  cache: boolean;
}

function positiveInt(name: string, max = 100_000) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}.`);
    return n;
  };
}

/** `--ranking`: partial ranking options as a JSON object. */
function rankingJson(value: string): Partial<RankingOptions> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`--ranking must be JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('--ranking must be a JSON object of ranking options.');
  return parsed as Partial<RankingOptions>;
}

function nonNegativeInt(name: string, max = 1_000_000) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}.`);
    return n;
  };
}

/**
 * The `paperbot` command line: every chat command as a subcommand (same definitions, same
 * results), plus `chat`, `rank` and `eval`. With no command it is the chat; with a question
 * (`paperbot "which papers …?"`) it answers it like `ask`. Exit code 0 on success, 1 when a
 * command reports an error, 2 on bad usage (commander's own, and an unknown command).
 */
export function createProgram(deps: CliDeps): Program {
  const { io } = deps;
  const program = new Program('paperbot')
    .description('Answers questions about a corpus of research papers, quoting and citing their abstracts.')
    .version(packageVersion(), '-V, --version', 'print the version')
    // Commander drops its `help [command]` once the program has an action (the question): keep it.
    .helpCommand(true)
    .argument('[question...]', 'a question (quoted, or several words), answered like "ask"; a quoted chat line ("show 2") runs as in the chat; none: the chat')
    .option('--corpus <path>', 'corpus file or directory (default: $CORPUS_DIR, else the bundled seeds/)')
    .option('--json', 'print the result object as JSON')
    .option('--no-cache', 'neither read nor save the index snapshot (default: kept under $PAPERBOT_CACHE_DIR, else ~/.cache/paperbot/snapshots)')
    // Commander echoes arguments in its errors ("unknown option '…'"): terminal-safe too.
    .configureOutput({
      writeOut: (s) => printText(io.stdout, s),
      writeErr: (s) => printText(io.stderr, s),
      getOutHelpWidth: () => textWidth(io.stdout),
      getErrHelpWidth: () => textWidth(io.stderr),
    })
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const corpusPath = () => globals().corpus ?? deps.defaultCorpus ?? process.env.CORPUS_DIR ?? defaultCorpusPath();

  /** The corpus and its index, from the snapshot cache unless --no-cache; a refused snapshot or failed save is a line on stderr. */
  const load = (path: string, ranking?: Partial<RankingOptions>) =>
    loadIndex(path, { logger: cliLogger(io), ...(ranking ? { ranking } : {}), ...(globals().cache ? {} : { cacheDir: false as const }) });

  async function open(ranking?: Partial<RankingOptions>) {
    const path = corpusPath();
    const loaded = await load(path, ranking);
    // Skipped records are always reported (on stderr, so --json output stays clean).
    if (loaded.corpus.issues.length > 0) for (const line of describeCorpus(loaded.corpus, path)) println(io.stderr, line);
    return loaded.index;
  }

  /** Runs a command by name with its input, or (name undefined) a line as the chat reads it. */
  async function run(name: string | undefined, input: Record<string, unknown> | string) {
    const index = await open();
    const sessions = deps.sessions ?? new FileSessionStore();
    // The same corpus typed two ways ("seeds", "./seeds/") is one conversation.
    const key = `cli:${resolve(corpusPath())}`;
    const session = sessions.get(key);
    // Nothing here has to fit in a chat message: `papers` may list up to 1,000 at once.
    const context = { index, session, logger: cliLogger(io), maxListLimit: MAX_EXPORT_PAGE_SIZE };
    const result = name === undefined ? await runText(String(input), context) : await runCommand(name, input, context);
    sessions.set(key, session);
    print(result);
  }

  function print(result: CommandResult) {
    if (globals().json) {
      printJson(io.stdout, result.kind === 'answer' ? result.answer : result);
    } else {
      const stream = result.kind === 'error' ? io.stderr : io.stdout;
      println(stream, renderText(result, { width: textWidth(stream) }));
    }
    if (result.kind === 'error') process.exitCode = 1;
  }

  async function chat() {
    const path = corpusPath();
    const loaded = await load(path);
    const report = describeCorpus(loaded.corpus, path);
    if (loaded.corpus.issues.length > 0) for (const line of report) println(io.stderr, line);
    await runChat(loaded.index, io, { greeting: loaded.corpus.issues.length > 0 ? [] : report, json: Boolean(globals().json) });
  }

  /** `paperbot frobnicate`: a single word is a mistyped command more often than a question. */
  function unknownCommand(word: string): never {
    const names = [...program.commands.map((c) => c.name()), 'help'];
    const alias = COMMAND_ALIASES[word.toLowerCase()];
    const suggestion = alias && names.includes(alias) ? alias : closestName(word, names);
    return program.error(
      [
        `error: unknown command '${word}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        `Commands: ${names.join(', ')}.`,
        'To ask a question, use several words or quote it: paperbot "which papers speed up diffusion sampling?"',
      ].join('\n'),
      { exitCode: 2, code: 'commander.unknownCommand' },
    );
  }

  program.action(async (words: string[]) => {
    if (words.length === 0) return chat();
    // One word without a "?" is a command that does not exist; several words, or a "?", a
    // question — read as a chat line, so `paperbot "show 2"` works as in the chat too.
    // A paper link alone (`paperbot https://arxiv.org/abs/…`) is `link`, as in the chat.
    if (words.length === 1 && /^\S+$/.test(words[0]!) && !words[0]!.includes('?') && !isPaperLink(words[0]!)) return unknownCommand(words[0]!);
    return run(undefined, words.join(' '));
  });

  program
    .command('chat')
    .description('chat with the corpus in the terminal (answers each line of piped input, then exits; with --json, one JSON line per answer)')
    .action(chat);

  program
    .command('ask')
    .description('answer a question with cited sentences from abstracts')
    .argument('<question...>', 'the question, in your own words')
    .action((words: string[]) => run('ask', { question: words.join(' ') }));

  program
    .command('search')
    .description('list the papers that best match a query')
    .argument('<query...>', 'what to look for')
    .option('-l, --limit <n>', 'how many papers (1-50)', positiveInt('--limit', 50), 10)
    .option('--since <date>', 'only papers published on or after this date (2024, 2024-03, 2024-03-15)')
    .option('--until <date>', 'only papers published on or before this date')
    .option('--with-code', 'only papers that link to code (GitHub)')
    .option('--sort <order>', 'relevance (default), date (newest first) or upvotes')
    .action((words: string[], options: { limit: number; since?: string; until?: string; withCode?: boolean; sort?: string }) =>
      run('search', {
        query: words.join(' '),
        limit: options.limit,
        ...(options.since !== undefined ? { since: options.since } : {}),
        ...(options.until !== undefined ? { until: options.until } : {}),
        ...(options.withCode ? { 'with-code': true } : {}),
        ...(options.sort !== undefined ? { sort: options.sort } : {}),
      }),
    );

  program
    .command('show')
    .description('show one paper in full')
    .argument('<paper>', 'a paper id, or its number in the last result')
    .action((paper: string) => run('show', { paper }));

  program
    .command('similar')
    .description('list the papers most like a given one')
    .argument('<paper>', 'a paper id, or its number in the last result')
    .option('-l, --limit <n>', 'how many papers (1-50)', positiveInt('--limit', 50), 10)
    .action((paper: string, options: { limit: number }) => run('similar', { paper, limit: options.limit }));

  program
    .command('why')
    .description('why a paper is in the last result: the words it matched and the sentence that matched')
    .argument('<paper>', 'its number in the last result (or a paper id)')
    .action((paper: string) => run('why', { paper: paper.replace(/^\[(\d+)\]$/, '$1') }));

  program
    .command('link')
    .description("an arXiv or Hugging Face paper link's gist and the papers most like it")
    .argument('<url>', 'e.g. https://arxiv.org/abs/2301.12345 or https://huggingface.co/papers/2301.12345')
    .action((url: string) => run('link', { url }));

  program
    .command('more')
    .description('the next page of the last result')
    .action(() => run('more', {}));

  program
    .command('papers')
    .description('list the papers in the corpus, newest first')
    .option('-l, --limit <n>', `how many papers (1-${MAX_EXPORT_PAGE_SIZE})`, positiveInt('--limit', MAX_EXPORT_PAGE_SIZE), 10)
    .option('--offset <n>', 'how many to skip (0 or more)', nonNegativeInt('--offset'), 0)
    .action((options: { limit: number; offset: number }) => run('papers', options));

  program
    .command('rank')
    .description('rank benchmark queries and print a TREC run: qid Q0 docid rank score paperbot')
    .requiredOption('--queries <file>', 'queries, one per line: qid<TAB>text')
    .addOption(new Option('--k <n>', 'hits per query').argParser(positiveInt('--k')).default(100))
    .action(async (options: { queries: string; k: number }) => {
      const index = await open();
      await rankCommand(index, options.queries, options.k, (text) => printText(io.stdout, text));
    });

  program
    .command('eval')
    .description('score benchmark queries: the ranking against --qrels (nDCG@10, MAP, …) or the answers against --answers (key-hit, …)')
    .requiredOption('--queries <file>', 'queries, one per line: qid<TAB>text')
    .option('--qrels <file>', 'score the ranking: TREC relevance judgments, qid 0 docid grade')
    .option('--answers <file>', 'score the answers: gold sentences, JSONL {qid, docid, key: [...], support: [...]}')
    .addOption(new Option('--k <n>', 'ranking depth (with --qrels)').argParser(positiveInt('--k')).default(1000))
    .addOption(
      new Option('--ranking <json>', 'ranking options to measure instead of the defaults, as JSON, e.g. \'{"feedback":false}\' (see docs/dev/retrieval-quality.md)').argParser(
        rankingJson,
      ),
    )
    .action(async (options: { queries: string; qrels?: string; answers?: string; k: number; ranking?: Partial<RankingOptions> }, command: Program) => {
      // Checked before the corpus loads, so a usage mistake is reported at once.
      if ((options.qrels === undefined) === (options.answers === undefined)) {
        command.error(
          `error: eval needs exactly one of --qrels <file> (score the ranking) and --answers <file> (score the answers), got ${options.qrels === undefined ? 'neither' : 'both'}`,
        );
      }
      const index = await open(options.ranking);
      if (options.qrels !== undefined) {
        printText(io.stdout, await evalCommand(index, options.queries, options.qrels, options.k));
        return;
      }
      // --answers is given: the check above let exactly one of the two through.
      const report = await answerEvalCommand(index, options.queries, options.answers!);
      if (globals().json) printJson(io.stdout, report);
      else printText(io.stdout, formatAnswerReport(report));
    });

  addDigestCommands(program, {
    io,
    // Drivers (pg, better-sqlite3) and the XML parser load only for the commands that use them.
    openStore: async () => (await import('../store/open-store.js')).openStore(process.env.DATABASE_URL || undefined),
    posters: deps.posters ?? (async () => ({})),
    index: open,
    now: () => (deps.clock ?? systemClock).now(),
    logger: cliLogger(io),
    json: () => Boolean(globals().json),
  });

  const sync = program
    .command('sync')
    .description('fetch new papers from arXiv and/or Hugging Face daily papers into a JSONL file in the corpus directory');
  for (const flag of SYNC_CLI_FLAGS) {
    const option = new Option(flag.flags, flag.description);
    if (flag.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    if (flag.integer) option.argParser(positiveInt(flag.flags.split(' ')[0]!, flag.integer.max));
    if (flag.default !== undefined) option.default(flag.default);
    sync.addOption(option);
  }
  sync.action(async (flags: SyncFlags) => {
    const sources = syncSourcesFromFlags(flags);
    const { formatSyncReport, syncCorpus } = await import('../ingest/sync/index.js');
    const report = await syncCorpus({
      dir: corpusPath(),
      sources,
      dryRun: Boolean(flags.dryRun),
      ...(process.env.ARXIV_API_URL ? { arxivApiUrl: process.env.ARXIV_API_URL } : {}),
      ...(process.env.HF_API_URL ? { hfApiUrl: process.env.HF_API_URL } : {}),
    });
    if (globals().json) printJson(io.stdout, report);
    else println(io.stdout, formatSyncReport(report));
    if (!report.ok) process.exitCode = 1;
  });

  return program;
}

/** Internal errors on stderr: one line, and the stack with DEBUG set. Users' mistakes are not logged. */
function cliLogger(io: CliIo): Logger {
  const write = (meta: Record<string, unknown>, message: string) => {
    const error = meta.err instanceof Error ? meta.err : undefined;
    println(io.stderr, `paperbot: ${message}${error ? `: ${error.message}` : ''}`);
    if (error && process.env.DEBUG) println(io.stderr, String(error.stack));
  };
  return { debug() {}, info() {}, warn: write, error: write };
}

/** Runs the CLI; returns the exit code. Errors are printed as one clear line, never a stack trace. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const program = createProgram(deps);
  process.exitCode = 0;
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // Help and version exit 0; usage errors were already printed by commander.
      return code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : 2;
    }
    const coded = asCodedError(error);
    println(deps.io.stderr, `paperbot: ${coded.message}`);
    if (coded.code === ErrorCode.Unknown && process.env.DEBUG) println(deps.io.stderr, String((error as Error).stack));
    return 1;
  }
}
