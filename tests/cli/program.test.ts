/**
 * The command line in this process (runCli with captured streams), for what does not need a
 * real process: usage (version, unknown commands, a question as the only argument), output
 * that is safe for a terminal and fits its width, `papers --limit` beyond a chat's 50, the
 * chat's --json, "clear" and over-long lines, and `digest run` without credentials.
 * The binary itself (EPIPE, npm start) is tested by spawning it in cli.test.ts and
 * tests/adapters/main.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer/answer-types.js';
import { loadIndex } from '../../src/app/load-index.js';
import { runCli } from '../../src/cli/program.js';
import type { PaperListResult } from '../../src/commands/results.js';
import { packageRoot } from '../../src/config/package-root.js';
import type { DigestPoster } from '../../src/digest/digest-poster.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { MemorySessionStore } from '../../src/session/session.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { Platform } from '../../src/store/store.js';
import { EXAMPLE_QUESTION } from '../helpers/seed-index.js';

/** Anything a terminal acts on: C0 except tab and newline, DEL, C1. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** A writable stream that keeps what is written, posing as a terminal of `columns` when given. */
class Capture extends Writable {
  text = '';
  isTTY?: boolean;
  columns?: number;
  constructor(terminal?: { columns: number }) {
    super();
    if (terminal) {
      this.isTTY = true;
      this.columns = terminal.columns;
    }
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** Lines on stdin (not a terminal). Default none. */
  input?: string[];
  /** Make stdout a terminal this wide. */
  columns?: number;
  corpus?: string;
  posters?: Partial<Record<Platform, DigestPoster>>;
}

let root: string;
let corpus: string;
let hostileCorpus: string;
let databaseUrl: string;

async function paperbot(argv: string[], options: RunOptions = {}): Promise<Run> {
  const stdout = new Capture(options.columns ? { columns: options.columns } : undefined);
  const stderr = new Capture();
  const code = await runCli(argv, {
    io: { stdin: Readable.from(options.input ?? []), stdout, stderr },
    sessions: new MemorySessionStore(),
    defaultCorpus: options.corpus ?? corpus,
    posters: async () => options.posters ?? {},
    clock: { now: () => Date.parse('2026-11-23T12:00:00Z') },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const describeRun = (run: Run) => `exit ${run.code}\n--- stdout ---\n${run.stdout.slice(0, 2000)}\n--- stderr ---\n${run.stderr.slice(0, 2000)}`;

const TOPICS = ['diffusion sampling', 'label smoothing', 'bilevel optimization', 'speech recognition', 'graph neural networks', 'protein folding'];
/** 120 papers, so a page of 1,000 holds more than a chat's 50. */
const PAPER_COUNT = 120;

/** A title and abstract whose text tries to take over the terminal. */
const HOSTILE = {
  id: 'hostile-1',
  title: 'Fast Diffusion Sampling\x1b]0;pwned title\x07\x1b[2J\x07\x00',
  abstract: 'We speed up diffusion sampling.\x1b[8m Hidden text.\x1b[0m We clear\x9b2J the screen. Bell\x07 and NUL\x00 and CR\rhere.',
  published: '2026-01-02',
  authors: ['Eve\x1b[31m Red'],
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'paperbot-program-'));
  corpus = join(root, 'corpus');
  hostileCorpus = join(root, 'hostile');
  mkdirSync(corpus);
  mkdirSync(hostileCorpus);
  const papers = Array.from({ length: PAPER_COUNT }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    return {
      id: `paper-${String(i).padStart(3, '0')}`,
      title: `A study of ${topic}, number ${i}`,
      abstract: `We study ${topic} in setting ${i}. Our method improves ${topic} by a wide margin over strong baselines on standard benchmarks. We speed up ${topic} with a training-free solver.`,
      published: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    };
  });
  writeFileSync(join(corpus, 'papers.jsonl'), papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeFileSync(join(hostileCorpus, 'papers.jsonl'), [HOSTILE, ...papers.slice(0, 5)].map((p) => JSON.stringify(p)).join('\n') + '\n');
  databaseUrl = `sqlite:${join(root, 'paperbot.db')}`;
});

afterEach(() => {
  vi.unstubAllEnvs();
  // runCli reports through process.exitCode; the test runner's own must stay 0.
  process.exitCode = 0;
});

describe('paperbot --version', () => {
  it('prints the version of package.json, with -V too; exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await paperbot([flag]);
      expect(run, flag).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe('paperbot WORD: an unknown command', () => {
  it('says "unknown command \'frobnicate\'" and lists the commands; exit 2, nothing on stdout', async () => {
    const run = await paperbot(['frobnicate']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("error: unknown command 'frobnicate'\n");
    expect(run.stderr).toContain('Commands: chat, ask, search, show, similar, why, link, more, papers, rank, eval, digest, sync, help.');
  });

  it('keeps `help` and `help COMMAND` as commands', async () => {
    const help = await paperbot(['help']);
    expect(help.code, describeRun(help)).toBe(0);
    expect(help.stdout).toMatch(/^Usage: paperbot /);
    const search = await paperbot(['help', 'search']);
    expect(search.code, describeRun(search)).toBe(0);
    expect(search.stdout).toMatch(/^Usage: paperbot search /);
  });

  it('suggests the command meant: a typo, or a word the chat knows as an alias', async () => {
    expect((await paperbot(['serach'])).stderr).toContain("unknown command 'serach' (did you mean 'search'?)");
    expect((await paperbot(['list'])).stderr).toContain("unknown command 'list' (did you mean 'papers'?)");
    expect((await paperbot(['frobnicate'])).stderr).not.toContain('did you mean');
  });
});

describe('paperbot "QUESTION": a question as the only argument', () => {
  it('answers a quoted question (spaces, "?") exactly as `ask` does', async () => {
    const asked = await paperbot(['ask', EXAMPLE_QUESTION]);
    expect(asked.code, describeRun(asked)).toBe(0);
    expect(asked.stdout).toContain('Sources:');
    expect(await paperbot([EXAMPLE_QUESTION])).toEqual(asked);
  });

  it('takes several unquoted words, or one word with a "?", as a question too', async () => {
    const asked = await paperbot(['--json', 'ask', 'diffusion', 'sampling']);
    expect(await paperbot(['--json', 'diffusion', 'sampling'])).toEqual(asked);
    const one = await paperbot(['--json', 'diffusion?']);
    expect(one.code, describeRun(one)).toBe(0);
    expect((JSON.parse(one.stdout) as Answer).question).toBe('diffusion?');
  });

  it('reads a quoted line as the chat does: a command word first runs that command', async () => {
    const run = await paperbot(['--json', 'papers --limit 2']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'list', source: 'papers', items: [{ n: 1 }, { n: 2 }] });
  });

  it('leaves the chat as what runs with no argument at all', async () => {
    const run = await paperbot([], { input: ['papers --limit 1\n'] });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout.startsWith('> papers --limit 1\n')).toBe(true);
  });
});

describe('papers --limit beyond 50 outside a chat', () => {
  it('lists up to 1,000 papers at once (here all 120), for --json export', async () => {
    const run = await paperbot(['--json', 'papers', '--limit', '1000']);
    expect(run.code, describeRun(run)).toBe(0);
    const list = JSON.parse(run.stdout) as PaperListResult;
    expect(list.items).toHaveLength(PAPER_COUNT);
    expect(list.total).toBe(PAPER_COUNT);
    expect(list.hasMore).toBe(false);
  });

  it('refuses 1,001 with a usage error naming --limit and its range', async () => {
    const run = await paperbot(['papers', '--limit', '1001']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--limit must be a whole number from 1 to 1000.');
  });

  it('keeps 50 in the chat, where a list is a message', async () => {
    const run = await paperbot(['chat'], { input: ['papers --limit 100\n'] });
    expect(run.stdout).toContain('Error: limit must be at most 50');
    expect(run.stdout).not.toContain('[51]');
  });
});

describe('output fits the terminal', () => {
  const lengths = (text: string) => text.split('\n').map((line) => line.length);

  it('wraps at the terminal\'s columns when stdout is a terminal', async () => {
    for (const argv of [['papers', '--limit', '5'], ['ask', EXAMPLE_QUESTION], ['show', 'paper-000']]) {
      const run = await paperbot(argv, { columns: 50 });
      expect(run.code, describeRun(run)).toBe(0);
      expect(Math.max(...lengths(run.stdout)), argv.join(' ')).toBeLessThanOrEqual(50);
    }
  });

  it('wraps --help at the terminal\'s columns too (commander wraps no narrower than about 80)', async () => {
    expect(Math.max(...lengths((await paperbot(['--help'], { columns: 80 })).stdout))).toBeLessThanOrEqual(80);
    expect(Math.max(...lengths((await paperbot(['--help'])).stdout))).toBeGreaterThan(80);
  });

  it('wraps at 100 when stdout is not a terminal', async () => {
    const run = await paperbot(['papers', '--limit', '5']);
    expect(Math.max(...lengths(run.stdout))).toBeLessThanOrEqual(100);
    expect(Math.max(...lengths(run.stdout))).toBeGreaterThan(50);
  });
});

describe('nothing printed drives the terminal', () => {
  it('strips the corpus\'s escape sequences and control characters from lists, papers and answers', async () => {
    for (const argv of [['papers'], ['show', HOSTILE.id], ['ask', 'which papers speed up diffusion sampling?'], ['search', 'diffusion']]) {
      const run = await paperbot(argv, { corpus: hostileCorpus });
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout, argv.join(' ')).toContain('Fast Diffusion Sampling');
      expect(run.stdout, argv.join(' ')).not.toMatch(CONTROL);
      expect(run.stdout).not.toContain('[2J');
      expect(run.stdout).not.toContain('pwned title');
    }
    const chat = await paperbot(['chat'], { corpus: hostileCorpus, input: [`show ${HOSTILE.id}\n`] });
    expect(chat.stdout).toContain('We speed up diffusion sampling. Hidden text. We clear the screen.');
    expect(chat.stdout).not.toMatch(CONTROL);
  });

  it('keeps --json valid and every value intact, with no raw control character in it', async () => {
    const run = await paperbot(['--json', 'show', HOSTILE.id], { corpus: hostileCorpus });
    expect(run.stdout).not.toMatch(CONTROL);
    const { paper } = JSON.parse(run.stdout) as { paper: { title: string; abstract: string } };
    // The values as the corpus loader keeps them, escape sequences and all.
    const loaded = (await loadIndex(hostileCorpus, { cacheDir: false })).index.require(HOSTILE.id);
    expect(loaded.title).toContain('\x1b]0;pwned title\x07');
    expect(paper).toMatchObject({ title: loaded.title, abstract: loaded.abstract });
  });

  it('strips them from error and usage messages that echo what was typed', async () => {
    const runs = [
      await paperbot(['--corpus', '/nonexistent\x1b[2J\x07', 'papers']),
      await paperbot(['search', 'x', '--limit', '\x1b]0;t\x07']),
      await paperbot(['--frob\x1b[8m']),
      await paperbot(['show', 'nosuch\x1b[2J']),
      await paperbot(['frob\x1b[2J']),
    ];
    for (const run of runs) {
      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.stderr.length).toBeGreaterThan(0);
      expect(run.stderr, describeRun(run)).not.toMatch(CONTROL);
    }
    expect(runs[0]!.stderr).toBe('paperbot: Corpus path "/nonexistent" does not exist.\n');
  });

  it('strips them from `digest subscribe` echoing a bad --channel', async () => {
    vi.stubEnv('DATABASE_URL', databaseUrl);
    const run = await paperbot(['digest', 'subscribe', '--platform', 'slack', '--channel', 'C12\x1b[2J\x1b]0;x\x07']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain('is not a slack channel id');
    expect(run.stderr).not.toMatch(CONTROL);
  });
});

describe('paperbot chat', () => {
  it('--json: one JSON line per line of input, the answer for a question and the result for a command', async () => {
    const run = await paperbot(['--json', 'chat'], { input: [`${EXAMPLE_QUESTION}\n`, 'show 1\n', 'papers --limit 2\n'] });
    expect(run.code, describeRun(run)).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const [answer, paper, list] = lines.map((line) => JSON.parse(line) as Record<string, any>);
    expect(answer).toMatchObject({ question: EXAMPLE_QUESTION, found: true });
    expect(paper).toMatchObject({ kind: 'paper', paper: { id: answer!.sources[0].id } });
    expect(list).toMatchObject({ kind: 'list', source: 'papers' });
    expect(list!.items).toHaveLength(2);
  });

  it('"clear" clears a terminal\'s screen, and prints nothing into a pipe', async () => {
    const terminal = await paperbot(['chat'], { input: ['clear\n'], columns: 80 });
    expect(terminal.stdout).toContain('\x1b[2J');
    const piped = await paperbot(['chat'], { input: ['clear\n', 'CLEAR\n'] });
    expect(piped).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses an over-long line with its length and the limit, without echoing it back in full', async () => {
    const line = 'diffusion '.repeat(200).trim();
    const run = await paperbot(['chat'], { input: [`${line}\n`, 'papers --limit 1\n'] });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`Error: That line is ${line.length} characters long; questions and commands are limited to 500.`);
    expect(run.stdout).not.toContain(line.slice(0, 200));
    expect(run.stdout.length).toBeLessThan(1000);
    // The chat goes on.
    expect(run.stdout).toContain('> papers --limit 1\n');
    const json = await paperbot(['--json', 'chat'], { input: [`${line}\n`] });
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'error', message: expect.stringContaining(`${line.length} characters`) });
  });
});

describe('paperbot digest run without credentials', () => {
  /** A poster that records what it posts. */
  function fakePoster(platform: Platform): DigestPoster & { posts: Digest[] } {
    const posts: Digest[] = [];
    return { platform, posts, post: async (digest) => (posts.push(digest), { messageRef: `m${posts.length}` }) };
  }

  it('exits 1 naming the missing variable when a subscription\'s platform has no credentials; 0 once it has', async () => {
    vi.stubEnv('DATABASE_URL', `sqlite:${join(root, 'digest-run.db')}`);
    expect((await paperbot(['digest', 'subscribe', '--platform', 'slack', '--channel', 'C0123ABC', '--time', '09:00'])).code).toBe(0);

    const without = await paperbot(['digest', 'run']);
    expect(without.code, describeRun(without)).toBe(1);
    expect(without.stdout).toMatch(/^skipped {2}slack:C0123ABC:2026-11-23: no slack credentials configured$/m);
    expect(without.stderr).toBe('paperbot: 1 digest subscription cannot be posted: Slack needs SLACK_BOT_TOKEN (not set in the environment or .env)\n');

    const slack = fakePoster('slack');
    const withPoster = await paperbot(['digest', 'run'], { posters: { slack } });
    expect(withPoster.code, describeRun(withPoster)).toBe(0);
    expect(slack.posts).toHaveLength(1);
  });

  it('names every platform missing, also for subscriptions not due yet', async () => {
    vi.stubEnv('DATABASE_URL', `sqlite:${join(root, 'digest-two.db')}`);
    await paperbot(['digest', 'subscribe', '--platform', 'slack', '--channel', 'C0123ABC', '--time', '23:00']);
    await paperbot(['digest', 'subscribe', '--platform', 'discord', '--channel', '123456789012345678', '--time', '23:00']);
    const run = await paperbot(['--json', 'digest', 'run']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ sent: [], failed: [], skipped: [] });
    expect(run.stderr).toMatch(/^paperbot: 2 digest subscriptions cannot be posted: .*\(not set in the environment or \.env\)\n$/);
    expect(run.stderr).toContain('Slack needs SLACK_BOT_TOKEN');
    expect(run.stderr).toContain('Discord needs DISCORD_TOKEN');
  });
});

describe('paperbot digest why / reset', () => {
  it('shows what a channel learnt from its votes, as words, and forgets them', async () => {
    const file = join(root, 'digest-votes.db');
    vi.stubEnv('DATABASE_URL', `sqlite:${file}`);
    // paper-000 of the test corpus: "A study of <TOPICS[0]>, number 0".
    const store = new SqliteStore(file);
    await store.migrate();
    await store.recordVote({ platform: 'slack', channel: 'C0123ABC', paperId: 'paper-000', user: 'U1', vote: 1, votedAt: '2026-03-02T10:00:00Z' });
    await store.close();

    const why = await paperbot(['digest', 'why', '--platform', 'slack', '--channel', 'C0123ABC']);
    expect(why.code).toBe(0);
    // Its topic's words first (rarest in the corpus, and in the title), as written, not stemmed ("diffus").
    expect(why.stdout).toMatch(/^From the votes on 1 liked and 0 disliked papers:\nMore of: diffusion, sampling, .+\nLess of: —\n$/);

    const reset = await paperbot(['digest', 'reset', '--platform', 'slack', '--channel', 'C0123ABC']);
    expect(reset.stdout).toBe('Forgot 1 vote of slack C0123ABC.\n');
    expect((await paperbot(['digest', 'why', '--platform', 'slack', '--channel', 'C0123ABC'])).stdout).toBe(
      'No votes in slack C0123ABC: its digests follow the topic and the newest papers.\n',
    );
  });
});
