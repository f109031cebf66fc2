import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type Services } from '../../adapters/serve.js';
import { parseEnv } from '../../src/config/env.js';
import { silentLogger } from '../../src/log/logger.js';

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
