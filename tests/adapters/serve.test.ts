import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type Services } from '../../adapters/serve.js';
import { parseEnv } from '../../src/config/env.js';
import { toSubscription } from '../../src/digest/subscriptions.js';
import { silentLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { FakeDiscord } from './discord/fake-discord.js';
import { BOT_TOKEN, recordingLogger } from './discord/harness.js';
import { FakeSlackServer, freePort, pollUntil } from './helpers/main-process.js';

const paper = (id: string, title: string) =>
  JSON.stringify({ id, title, abstract: `${title}. We study ${title.toLowerCase()} with diffusion models and report results.` }) + '\n';

/** Polls until `check` holds (a reload runs in the background); fails after `ms`. */
async function eventually(check: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('serve: a corpus that changed while the bot was stopped', () => {
  const dirs: string[] = [];
  let services: Services | undefined;
  afterEach(async () => {
    await services?.stop();
    services = undefined;
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  for (const workers of [0, 1]) {
    it(`is served from its previous snapshot at once, then re-indexed and swapped in (${workers} worker threads)`, async () => {
      const root = await mkdtemp(join(tmpdir(), 'paperbot-serve-'));
      dirs.push(root);
      const corpus = join(root, 'corpus');
      await mkdir(corpus);
      await writeFile(join(corpus, 'a.jsonl'), paper('p1', 'Fast sampling') + paper('p2', 'Guided editing'));
      const env = parseEnv({ CORPUS_DIR: corpus, DATABASE_URL: `sqlite://${join(root, 'bot.db')}`, PAPERBOT_WORKERS: String(workers) });
      const options = { slack: false, discord: false, digests: false };

      services = await serve(env, silentLogger, options);
      expect(services.bot.index.size).toBe(2);
      await services.stop();

      // While stopped, a sync adds a file: the snapshot of the old corpus is all there is.
      await writeFile(join(corpus, 'b.jsonl'), paper('p3', 'Consistency distillation'));
      services = await serve(env, silentLogger, options);
      const bot = services.bot;
      expect(bot.index.size).toBe(2);
      await eventually(() => bot.index.size === 3);
      const result = await bot.runText('consistency distillation', 'test');
      expect(JSON.stringify(result)).toContain('p3');
    });
  }
});

describe('serve: each front-end starts on its own (issue 11: a Discord gateway down at start-up blocked Slack)', () => {
  const dirs: string[] = [];
  let services: Services | undefined;
  let discord: FakeDiscord | undefined;
  let slack: FakeSlackServer | undefined;
  afterEach(async () => {
    await services?.stop();
    services = undefined;
    await discord?.close();
    await slack?.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('with the gateway refusing connections, Slack serves and posts its digest, Discord is retried with backoff (one line per attempt), and stop() ends it all', async () => {
    const root = await mkdtemp(join(tmpdir(), 'paperbot-serve-'));
    dirs.push(root);
    const corpus = join(root, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.jsonl'), paper('p1', 'Fast sampling') + paper('p2', 'Guided editing'));
    const databaseUrl = `sqlite:${join(root, 'bot.db')}`;
    const store = await openStore(databaseUrl);
    await store.upsertSubscription(toSubscription({ platform: 'slack', channel: 'C0DIGEST', time: '00:00' }, Date.now() - 86_400_000));
    await store.close();

    // Discord's REST answers, but the gateway it names is a port nothing listens on.
    discord = await FakeDiscord.start();
    const closedPort = await freePort();
    discord.respond('GET', /^\/gateway\/bot$/, { status: 200, body: { url: `ws://127.0.0.1:${closedPort}`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } }, Number.POSITIVE_INFINITY);
    slack = await FakeSlackServer.start();
    const port = await freePort();
    const env = parseEnv({
      CORPUS_DIR: corpus,
      DATABASE_URL: databaseUrl,
      PAPERBOT_WORKERS: '0',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'serve-test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
    });
    const logs = recordingLogger();

    services = await serve(env, logs, { slack: true, discord: true, digests: true, frontEndRetry: { firstDelayMs: 50, maxDelayMs: 200 } });
    const [slackFrontEnd, discordFrontEnd] = services.frontEnds;
    await slackFrontEnd!.settled;
    expect(slackFrontEnd!.state).toBe('up');
    await pollUntil(() => (slack!.of('chat.postMessage').some((call) => call.body.channel === 'C0DIGEST') ? true : undefined), 'the Slack digest', { describe: () => logs.text() });
    const failures = () => logs.records.filter((record) => record.message.startsWith('discord: start failed; retrying in '));
    await pollUntil(() => (failures().length >= 4 ? true : undefined), 'four failed Discord starts', { describe: () => logs.text() });
    expect(discordFrontEnd!.state).toBe('starting');
    expect(failures().slice(0, 4).map((record) => record.meta.retryInMs)).toEqual([50, 100, 200, 200]);
    expect(failures()[0]).toMatchObject({ level: 'warn', meta: { frontEnd: 'discord', attempt: 1, error: expect.stringContaining('gateway') } });
    // No line for each of discord.js's own reconnects every 0.5 s.
    expect(logs.records.filter((record) => record.message === 'discord: shard reconnecting')).toEqual([]);
    // One start-up line says what is served, with nothing secret in it.
    expect(logs.records).toContainEqual({
      level: 'info',
      message: expect.stringMatching(/^paperbot serving slack and discord; store: SQLite .*bot\.db; corpus: .*corpus \(2 papers, 0 worker threads\); digests on$/),
      meta: {
        frontEnds: ['slack', 'discord'],
        store: { kind: 'sqlite', path: join(root, 'bot.db') },
        corpus: { path: corpus, papers: 2, workers: 0 },
        digests: true,
      },
    });

    await services.stop();
    services = undefined;
    expect(discordFrontEnd!.state).toBe('stopped');
    expect(logs.records.map((record) => record.message)).toContain('Slack front-end stopped');
    expect(logs.text()).not.toContain(BOT_TOKEN);
    expect(logs.text()).not.toContain('serve-test-signing-secret');
  });
});

describe('serve: conversations are kept in the store (issue 12 §2)', () => {
  const dirs: string[] = [];
  let services: Services | undefined;
  afterEach(async () => {
    await services?.stop();
    services = undefined;
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('a restarted bot (or another instance on the database) continues a thread, kept CONVERSATION_TTL_HOURS after its last command', async () => {
    const root = await mkdtemp(join(tmpdir(), 'paperbot-serve-'));
    dirs.push(root);
    const corpus = join(root, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.jsonl'), paper('p1', 'Fast sampling') + paper('p2', 'Guided sampling') + paper('p3', 'Sampling schedules'));
    const databaseUrl = `sqlite:${join(root, 'bot.db')}`;
    const env = parseEnv({ CORPUS_DIR: corpus, DATABASE_URL: databaseUrl, PAPERBOT_WORKERS: '0', CONVERSATION_TTL_HOURS: '5' });
    const options = { slack: false, discord: false, digests: false };
    const thread = 'slack:T1:C1:1700000000.000100';

    services = await serve(env, silentLogger, options);
    const listed = await services.bot.runText('search sampling --limit 3', thread);
    expect(listed.kind).toBe('list');
    const second = listed.kind === 'list' ? listed.items[1]!.id : '';
    await services.stop();

    services = await serve(env, silentLogger, options);
    expect(await services.bot.hasConversation(thread)).toBe(true);
    expect(await services.bot.runText('show 2', thread)).toMatchObject({ kind: 'paper', paper: { id: second } });
    await services.stop();
    services = undefined;

    const db = new Database(join(root, 'bot.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT updated_at, expires_at FROM conversations WHERE key = ?').get(thread) as { updated_at: string; expires_at: string };
      expect(Date.parse(row.expires_at) - Date.parse(row.updated_at)).toBe(5 * 3_600_000);
    } finally {
      db.close();
    }
  });
});
