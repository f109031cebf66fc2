import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import { buildSlashCommandData } from '../../../adapters/discord/slash-command-data.js';
import { commandDataProblems } from '../../../adapters/discord/validate-command-data.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { expectKind } from '../../helpers/results.js';
import { linkedIndex } from '../../helpers/linked-index.js';
import { APP_ID } from './fake-discord.js';
import { createHarness, type Harness } from './harness.js';
import { slashCommand } from './payloads.js';

const EPHEMERAL = 64;
let bot: Paperbot;
let h: Harness;

beforeAll(async () => {
  bot = new Paperbot(await linkedIndex());
  h = await createHarness(bot);
});
afterAll(async () => {
  await h?.close();
});

const originalPath = (raw: { token: string }) => `/webhooks/${APP_ID}/${raw.token}/messages/@original`;
const followUpPath = (raw: { token: string }) => `/webhooks/${APP_ID}/${raw.token}`;

describe('/paper link url:…', () => {
  it('is a subcommand with one required url option, and the command data stays valid', () => {
    const data = buildSlashCommandData();
    const link = (data.options ?? []).find((option) => option.name === 'link') as { options?: Array<{ name: string; required?: boolean }> } | undefined;
    expect(link?.options?.map((o) => [o.name, o.required ?? false])).toEqual([
      ['url', true],
      ['private', false],
    ]);
    expect(commandDataProblems(data)).toEqual([]);
  });

  it('defers, then edits the original with the paper, its gist and Similar buttons for the three similar papers', async () => {
    const raw = slashCommand('link', { url: 'https://arxiv.org/abs/2301.12345v2' });
    const requests = await h.deliver(raw);
    expect(requests.map((r) => `${r.method} ${r.path}`).slice(1)).toEqual([`PATCH ${originalPath(raw)}`]);
    const body = requests[1]!.body;
    const embed = body.embeds[0];
    expect(embed.title).toContain('Consistency Distillation');
    expect(embed.url).toBe('https://arxiv.org/abs/2301.12345');
    expect(embed.description).toContain('> We propose consistency distillation');
    expect(embed.footer.text).toBe('id: 2301.12345');
    const expected = expectKind(await bot.run('link', { url: 'https://arxiv.org/abs/2301.12345' }, 'expected'), 'link');
    const labels = (body.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.label));
    expect(labels).toEqual(expected.similar.map((item) => `Similar to [${item.n}]`));
    expect(messageProblems(body)).toEqual([]);
  });

  it('tells the asker alone that a paper is not in the corpus, with the sync to run', async () => {
    const raw = slashCommand('link', { url: 'https://huggingface.co/papers/2412.99999' });
    const requests = await h.deliver(raw);
    expect(requests.map((r) => `${r.method} ${r.path}`).slice(1)).toEqual([`POST ${followUpPath(raw)}`, `DELETE ${originalPath(raw)}`]);
    expect(requests[1]!.body.flags).toBe(EPHEMERAL);
    expect(requests[1]!.body.embeds[0].description).toBe('arXiv 2412.99999 is not in the corpus.\nFetch it with: `paperbot sync --arxiv-id 2412.99999`');
  });

  it('answers a link that names no paper with an ephemeral error naming the url option', async () => {
    const raw = slashCommand('link', { url: 'https://example.com/x' });
    const requests = await h.deliver(raw);
    expect(requests[1]!.body.flags).toBe(EPHEMERAL);
    expect(requests[1]!.body.embeds[0].description).toMatch(/^url is not an arXiv or Hugging Face paper link/);
  });
});
