import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { expectKind } from '../../helpers/results.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { answerBlocks, fallbackText, md, moreButton, section, splitShare } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';

let bot: Paperbot;
let slack: HttpSlack;

beforeAll(async () => {
  bot = await Paperbot.load(defaultCorpusPath());
  slack = await startHttpSlack(bot);
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.api.calls.length = 0;
});

/** What the response_url received, in order. */
const responses = () => slack.api.of('response_url').map((call) => call.body);

describe('/paper', () => {
  it('acknowledges with an empty 200 and shows the answer only to the asker through response_url, with a "Share in channel" button', async () => {
    const url = slack.api.responseUrl();
    const response = await slack.sendCommand(EXAMPLE_QUESTION, { responseUrl: url });

    expect(response).toEqual({ status: 200, body: '' });
    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    const [call] = slack.api.of('response_url');
    expect(`${slack.api.hooksOrigin}${call!.path}`).toBe(url);
    expect(call!.body).toEqual({ response_type: 'ephemeral', text: fallbackText(expected), blocks: expect.any(Array) });
    expect(splitShare(call!.body.blocks).blocks).toEqual(answerBlocks(expected, 'slash'));
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('runs "ask …" like a plain question', async () => {
    await slack.sendCommand(`ask ${EXAMPLE_QUESTION}`);
    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    expect(responses()[0]).toMatchObject({ response_type: 'ephemeral', text: fallbackText(expected) });
    expect(splitShare(responses()[0]!.blocks).blocks).toEqual(answerBlocks(expected, 'slash'));
  });

  it('"search QUERY --limit N" lists a page with its range and a More results button for the next page', async () => {
    await slack.sendCommand('search diffusion --limit 5');
    const expected = expectKind(await bot.runText('search diffusion --limit 5', 'expected'), 'list');
    const [list] = responses();
    expect(list!.response_type).toBe('ephemeral');
    const blocks = splitShare(list!.blocks).blocks;
    expect(blocks[0]).toEqual(section(`*Papers for "diffusion"* — 1–5 of ${expected.total}`));
    expect(blocks[1]).toEqual({ type: 'context', elements: [md('matched: diffusion')] });
    expect(blocks).toHaveLength(2 + 5 + 1);
    expect(blocks.at(-1)).toEqual(moreButton('slash', { source: 'search', query: 'diffusion', offset: 5, limit: 5 }));
  });

  it('"show N" opens a paper of the same person\'s last list in this channel; others have their own', async () => {
    await slack.sendCommand('search diffusion --limit 5');
    const expected = expectKind(await bot.runText('search diffusion --limit 5', 'expected-show'), 'list');
    await slack.sendCommand('show 2');
    await slack.sendCommand('show 2', { user: 'U2' });

    const [, show, other] = responses();
    expect(show!.response_type).toBe('ephemeral');
    splitShare(show!.blocks);
    expect(JSON.stringify(show!.blocks)).toContain(`id: \`${expected.items[1]!.id}\``);
    expect(other).toMatchObject({ response_type: 'ephemeral', text: 'Error: No paper "2" in the corpus. Use an id from a result list, or its number (1, 2, …).' });
  });

  it('"similar ID" lists papers like it', async () => {
    await slack.sendCommand('similar parallel-sampling-of-diffusion-ad4669');
    const [list] = responses();
    expect(list!.response_type).toBe('ephemeral');
    expect(list!.text).toMatch(/^Papers like "Parallel Sampling of Diffusion Models" — 1–10 of \d+$/);
  });

  it('shows usage, ephemerally, for /paper alone and /paper help', async () => {
    await slack.sendCommand('');
    await slack.sendCommand('help');
    for (const help of responses()) {
      expect(help.response_type).toBe('ephemeral');
      expect(JSON.stringify(help.blocks)).not.toContain('paperbot_share');
      expect(help.text).toBe('paperbot commands: ask, search, show, similar, why, link, more, papers, digest, help');
      expect(JSON.stringify(help.blocks)).toContain('`/paper search QUERY [--limit N] [--since DATE] [--until DATE] [--with-code] [--sort date|upvotes]` — List the papers that best match a query');
    }
    expect(responses()).toHaveLength(2);
  });

  it('answers an unknown paper id with an ephemeral error', async () => {
    await slack.sendCommand('show no-such-paper');
    expect(responses()).toEqual([
      {
        response_type: 'ephemeral',
        text: 'Error: No paper "no-such-paper" in the corpus. Use an id from a result list, or its number (1, 2, …).',
        blocks: [
          section(
            ':warning: No paper "no-such-paper" in the corpus. Use an id from a result list, or its number (1, 2, …).\nPaper numbers refer to the last list or answer; "search" or "papers" shows ids.',
          ),
        ],
      },
    ]);
  });

  it('explains a bad option ephemerally', async () => {
    await slack.sendCommand('search diffusion --limit 500');
    expect(responses()[0]).toMatchObject({ response_type: 'ephemeral', text: 'Error: limit must be at most 50' });
  });
});
