/**
 * End to end through the real `npm start` process (`node dist/adapters/main.js`): built once,
 * spawned in a temp working directory (so no .env is read) with fake credentials, Slack in HTTP
 * mode against a fake Web API on 127.0.0.1, a temp SQLite store and a temp copy of seeds/.
 *
 * One process serves the whole "Slack in HTTP mode" block (the tests run in order and share it):
 * a mention and its redelivery, the digest caught up at start-up (subscribed beforehand with the
 * CLI), a corpus file added while it runs, then SIGTERM. Nothing waits a fixed time: every wait
 * polls the fake or the process's JSON log lines (stderr) with a generous timeout.
 */
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, cliEnv, describeRun, REPO_ROOT, runNode, START_MAIN } from '../helpers/cli.js';
import { allStrings } from './slack/helpers/payload-checks.js';
import { eventEnvelope, mentionEvent, sendSigned } from './slack/helpers/slack-requests.js';
import { FakeSlackServer, freePort, pollUntil, SpawnedProcess, type FakeSlackCall } from './helpers/main-process.js';

const BOT_TOKEN = 'xoxb-test';
const SIGNING_SECRET = 'e2e-signing-secret-3f9a1c7d5b2e';
const QUESTION = 'which papers speed up diffusion sampling?';
const DIGEST_CHANNEL = 'C0DIGEST';

/** The paper added while the process runs: nothing in seeds/ mentions quokkas. */
const QUOKKA = {
  id: 'e2e-quokka-0001',
  title: 'Quokka Population Dynamics on Rottnest Island',
  abstract:
    'We model quokka population dynamics on Rottnest Island over two decades of field counts. ' +
    'A stage-structured model explains seasonal quokka mortality from summer drought. ' +
    'Our forecasts suggest the quokka population is stable under current visitor numbers.',
  authors: ['A. Marsupial', 'B. Island'],
  published: '2026-01-15',
};

/** Generous: the process loads a language model and indexes the corpus on a 2-core machine. */
const STARTUP_MS = 90_000;
const WAIT_MS = 45_000;
/** Per test: above every wait inside it, so a timeout reports what was awaited, with the output. */
const TEST_MS = 120_000;

let root: string;
let workDir: string;
let cacheHome: string;
let corpusDir: string;
let databaseUrl: string;
let fake: FakeSlackServer | undefined;
const spawned: SpawnedProcess[] = [];

beforeAll(() => {
  buildOnce();
  root = mkdtempSync(join(tmpdir(), 'paperbot-main-'));
  workDir = join(root, 'work');
  cacheHome = join(root, 'cache');
  corpusDir = join(root, 'corpus');
  mkdirSync(workDir);
  cpSync(join(REPO_ROOT, 'seeds'), corpusDir, { recursive: true });
  databaseUrl = `sqlite:${join(root, 'paperbot.db')}`;
}, 300_000);

afterAll(async () => {
  // Even when a test failed half-way: no process outlives the file.
  await Promise.all(spawned.map((child) => child.kill()));
  await fake?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Slack HTTP mode's environment (no other platform tokens: cliEnv drops the parent's). */
function slackEnv(fakeSlack: FakeSlackServer, port: number): NodeJS.ProcessEnv {
  return cliEnv(cacheHome, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fakeSlack.apiUrl,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    CORPUS_DIR: corpusDir,
    LOG_LEVEL: 'info',
  });
}

describe('npm start with Slack in HTTP mode (one process, tests in order)', { timeout: TEST_MS }, () => {
  let port: number;
  let env: NodeJS.ProcessEnv;
  let bot: SpawnedProcess;
  let eventsUrl: string;

  /** The CLI with the same environment, store and working directory as the process. */
  const cli = (args: readonly string[]) => runNode(args, { cwd: workDir, env });
  const digestPosts = () => fake!.of('chat.postMessage').filter((call) => call.body.channel === DIGEST_CHANNEL);
  const mentionPosts = () => fake!.of('chat.postMessage').filter((call) => call.body.channel !== DIGEST_CHANNEL);
  const slackPost = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    sendSigned(eventsUrl, body, contentType, { secret: SIGNING_SECRET, headers });

  beforeAll(async () => {
    fake = await FakeSlackServer.start();
    port = await freePort();
    env = slackEnv(fake, port);
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;

    const subscribed = await cli(['digest', 'subscribe', '--platform', 'slack', '--channel', DIGEST_CHANNEL, '--time', '00:00']);
    if (subscribed.code !== 0) throw new Error(`digest subscribe failed: ${describeRun(subscribed)}`);

    bot = new SpawnedProcess(START_MAIN, [], { cwd: workDir, env });
    spawned.push(bot);
    await bot.waitForLog((line) => line.msg === 'Slack front-end started', '"Slack front-end started"', STARTUP_MS);
  }, STARTUP_MS + 60_000);

  it('logs JSON lines on stderr: Slack started in HTTP mode on PORT at /slack/events, after auth.test with the bot token', () => {
    const started = bot.logs().find((line) => line.msg === 'Slack front-end started');
    expect(started).toMatchObject({ source: 'slack', mode: 'http', port, path: '/slack/events' });
    expect(fake!.of('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(fake!.of('auth.test')[0]!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('answers a signed app_mention in its thread with cited blocks; a redelivery (X-Slack-Retry-Num: 1) is not answered again', async () => {
    const mention = mentionEvent(QUESTION);
    expect(mention.text).toBe(`<@UBOT> ${QUESTION}`);
    const body = JSON.stringify(eventEnvelope(mention, 'EvE2E0000001'));

    const first = await slackPost(body, 'application/json');
    expect(first.status).toBe(200);
    // The answer is posted, or — on a slow machine, after SEARCHING_DELAY_MS — a "Searching…"
    // placeholder is posted and then edited into it: either way, the thread ends with the answer.
    const [post, answer] = await pollUntil(
      () => {
        const posted = mentionPosts()[0];
        if (!posted) return undefined;
        if (Array.isArray(posted.body.blocks)) return [posted, posted.body] as const;
        const edit = fake!.of('chat.update').find((update) => Array.isArray(update.body.blocks));
        return edit ? ([posted, edit.body] as const) : undefined;
      },
      'the answer to the mention',
      { timeoutMs: WAIT_MS, describe: () => `${fake!.describe()}\n${bot.describe()}` },
    );
    expect(post!.body).toMatchObject({ channel: mention.channel, thread_ts: mention.ts });
    expect(post!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(allStrings(answer.blocks).join('\n')).toContain('[1]');

    const retry = await slackPost(body, 'application/json', { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    // The process says when it drops the redelivery; only then is "no second post" final.
    const ignored = await bot.waitForLog((line) => line.msg === 'duplicate event ignored' && line.eventId === 'EvE2E0000001', 'the redelivery to be ignored', WAIT_MS);
    expect(ignored).toMatchObject({ source: 'slack', retryNum: 1 });
    expect(mentionPosts(), fake!.describe()).toHaveLength(1);
    expect(fake!.of('chat.postEphemeral')).toHaveLength(0);
  });

  it('catches up the digest at start-up: exactly one chat.postMessage to the subscribed channel, marked paperbot_digest', async () => {
    await pollUntil(() => (digestPosts().length > 0 ? true : undefined), `a digest post to ${DIGEST_CHANNEL}`, {
      timeoutMs: WAIT_MS,
      describe: () => `${fake!.describe()}\n${bot.describe()}`,
    });
    // Recorded as sent in the store (logged after the post) before the CLI looks at it.
    await bot.waitForLog((line) => line.msg === 'digest sent', '"digest sent"', WAIT_MS);
    const posts = digestPosts();
    expect(posts, fake!.describe()).toHaveLength(1);
    expect(posts[0]!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(posts[0]!.body.metadata).toMatchObject({ event_type: 'paperbot_digest' });
    expect(posts[0]!.body.metadata.event_payload).toMatchObject({ nonce: expect.any(String), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('`paperbot digest run` afterwards (same store) posts nothing more and exits 0: "already sent"', async () => {
    const before = fake!.calls.length;
    const date = digestPosts()[0]?.body.metadata?.event_payload?.date as string | undefined;
    expect(date).toBeDefined();

    // Run at the moment of the start-up digest's day: plain `digest run` (now), unless UTC
    // midnight has passed or is about to (then the next day's digest would rightly be due).
    const msOfDay = Date.now() % 86_400_000;
    const sameDay = new Date().toISOString().slice(0, 10) === date && msOfDay < 86_400_000 - 120_000;
    const result = await cli(sameDay ? ['digest', 'run'] : ['digest', 'run', '--at', `${date}T23:59:59Z`]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout, describeRun(result)).toContain(`skipped  slack:${DIGEST_CHANNEL}:${date}: already sent`);
    expect(fake!.calls.slice(before).filter((call) => call.method === 'chat.postMessage'), fake!.describe()).toHaveLength(0);
    expect(digestPosts()).toHaveLength(1);
  });

  it('`paperbot digest list` shows the subscription', async () => {
    const result = await cli(['digest', 'list']);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout.trim()).toBe(`slack ${DIGEST_CHANNEL} — daily at 00:00 UTC, 5 papers`);
  });

  it('picks up a corpus file added while running: `/paper search quokka` then lists the new paper through response_url', async () => {
    // Written beside the corpus as a dotfile (ignored), then renamed into place in one step.
    const staging = join(corpusDir, '.extra.jsonl.tmp');
    writeFileSync(staging, `${JSON.stringify(QUOKKA)}\n`);
    renameSync(staging, join(corpusDir, 'extra.jsonl'));

    const reloaded = await bot.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('corpus reloaded:'), 'the corpus to be reloaded', WAIT_MS);
    expect(reloaded.files).toContain('extra.jsonl');
    expect(bot.logs().filter((line) => line.level !== undefined && line.level >= 50)).toEqual([]);

    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T1',
      team_domain: 'test',
      channel_id: 'C1',
      channel_name: 'general',
      user_id: 'U1',
      user_name: 'asker',
      command: '/paper',
      text: 'search quokka',
      api_app_id: 'A1',
      response_url: fake!.responseUrl,
      trigger_id: '1234.5678.e2e',
    }).toString();
    const response = await slackPost(form, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);

    const [reply] = await pollUntil(() => (fake!.of('response_url').length > 0 ? fake!.of('response_url') : undefined), 'the reply on response_url', {
      timeoutMs: WAIT_MS,
      describe: () => `${fake!.describe()}\n${bot.describe()}`,
    });
    const shown = allStrings(reply!.body).join('\n');
    expect(shown).toContain(QUOKKA.title);
    // Visible only to the asker, with a button to share it in the channel.
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply!.body.blocks)).toContain('"action_id":"paperbot_share"');
  });

  it('serves GET /healthz: the corpus size, the store reachable, the digest schedule\'s last tick', async () => {
    const response = await fetch(eventsUrl.replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
    const health = (await response.json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', storeReachable: true, papers: expect.any(Number) });
    expect(health.papers as number).toBeGreaterThan(0);
    // The schedule ran at start-up (it caught up the digest), so its tick is known.
    expect(health.lastDigestTick).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('SIGTERM: exits 0 within a few seconds; no token or signing secret anywhere in its output', async () => {
    bot.signal('SIGTERM');
    const exit = await bot.exitWithin(15_000);
    expect(exit, `still running 15 s after SIGTERM\n${bot.describe()}`).toEqual({ code: 0, signal: null });
    expect(bot.logs().map((line) => line.msg)).toEqual(expect.arrayContaining(['stopping', 'Slack front-end stopped']));
    for (const secret of [BOT_TOKEN, SIGNING_SECRET]) {
      expect(bot.stdout).not.toContain(secret);
      expect(bot.stderr).not.toContain(secret);
    }
    // The port is free again.
    await expect(fetch(eventsUrl, { method: 'POST' })).rejects.toThrow();
  });
});

describe('npm start with bad settings', { timeout: TEST_MS }, () => {
  it('PORT=abc and a bot token with neither signing secret nor app token: exit 1, both problems listed, no value echoed', async () => {
    const result = await runNode([], {
      script: START_MAIN,
      cwd: workDir,
      env: cliEnv(cacheHome, { PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-1', DATABASE_URL: databaseUrl }),
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Invalid settings in the environment');
    expect(result.stderr).toMatch(/^ {2}PORT: must be a number$/m);
    expect(result.stderr).toMatch(/^ {2}SLACK_BOT_TOKEN: is set, but neither SLACK_APP_TOKEN \(Socket Mode\) nor SLACK_SIGNING_SECRET \(HTTP mode\) is$/m);
    expect(result.stderr).not.toContain('xoxb-1');
    expect(result.stderr).not.toMatch(/\babc\b/);
  });
});

describe('npm start never falls back silently (issue 11)', { timeout: TEST_MS }, () => {
  const start = (env: Record<string, string>, input?: string) =>
    runNode([], { script: START_MAIN, cwd: workDir, env: cliEnv(cacheHome, { CORPUS_DIR: corpusDir, ...env }), ...(input === undefined ? {} : { input }) });

  it('a Slack app token and signing secret without the bot token: exit 1 naming SLACK_BOT_TOKEN, no console chat, no value echoed', async () => {
    const result = await start({ SLACK_APP_TOKEN: 'xapp-secret-1', SLACK_SIGNING_SECRET: 'signing-secret-2' }, 'which papers speed up diffusion sampling?\n');
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ {2}SLACK_BOT_TOKEN: is not set, but SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are \(Slack half-configured\)/m);
    expect(result.stderr).not.toContain('xapp-secret-1');
    expect(result.stderr).not.toContain('signing-secret-2');
  });

  it('a Discord application id without DISCORD_TOKEN: exit 1 naming DISCORD_TOKEN', async () => {
    const result = await start({ DISCORD_CLIENT_ID: '1234567890' }, 'which papers speed up diffusion sampling?\n');
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ {2}DISCORD_TOKEN: is not set, but DISCORD_CLIENT_ID is \(Discord half-configured\)/m);
  });

  it('no platform and stdin at its end at once (a service manager\'s /dev/null): says so, exit 1', async () => {
    const result = await start({}, '');
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^paperbot: no platform token configured and stdin is not a terminal: .*SLACK_BOT_TOKEN.*DISCORD_TOKEN.*\n$/);
  });
});

describe('npm start when every front-end is refused (issue 11)', { timeout: TEST_MS }, () => {
  it('a bot token Slack refuses at auth.test: the error names SLACK_BOT_TOKEN, no retry, exit 1 — not an idle process', async () => {
    // A Web API that refuses every token.
    const { createServer } = await import('node:http');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    try {
      const result = await runNode([], {
        script: START_MAIN,
        cwd: workDir,
        env: cliEnv(cacheHome, {
          SLACK_BOT_TOKEN: 'xoxb-refused-token-9',
          SLACK_SIGNING_SECRET: 'refused-signing-secret',
          SLACK_API_URL: `http://127.0.0.1:${address.port}/api/`,
          PORT: String(await freePort()),
          DATABASE_URL: `sqlite:${join(root, 'refused.db')}`,
          CORPUS_DIR: corpusDir,
          PAPERBOT_WORKERS: '0',
        }),
      });
      expect(result.code, describeRun(result)).toBe(1);
      expect(result.stderr).toContain('Slack refused SLACK_BOT_TOKEN at auth.test (invalid_auth)');
      expect(result.stderr).toMatch(/paperbot: no front-end could start: slack refused the configuration/);
      expect(result.stderr).not.toContain('retrying');
      expect(result.stderr).not.toContain('xoxb-refused-token-9');
    } finally {
      server.close();
    }
  });
});
