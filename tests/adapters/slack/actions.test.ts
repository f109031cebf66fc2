import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { expectKind } from '../../helpers/results.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { moreButton, section, splitShare } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { CHANNEL, DM_CHANNEL, mentionEvent, TEAM } from './helpers/slack-requests.js';

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
  slack.logger.entries.length = 0;
});

/** The value and action id of a button in a posted message. */
function buttonIn(blocks: unknown, actionId: RegExp): { action_id: string; value: string } {
  const found = JSON.stringify(blocks).match(new RegExp(`\\{"type":"button"[^{}]*\\{[^{}]*\\}[^{}]*"action_id":"(${actionId.source})","value":("(?:[^"\\\\]|\\\\.)*")\\}`));
  if (!found) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks).slice(0, 300)}`);
  return { action_id: found[1]!, value: JSON.parse(found[2]!) as string };
}

const TAMPERED = 'Error: This button is out of date or damaged; run the command again.';

describe('"More results"', () => {
  it('on an answer in a thread posts the ranked papers for the question in the same thread', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(mention);
    const more = buttonIn(slack.api.of('chat.postMessage')[0]!.body.blocks, /paperbot_more\.thread/);

    const response = await slack.click({ actionId: more.action_id, value: more.value, messageTs: '1800000000.000009', threadTs: mention.ts });

    expect(response.status).toBe(200);
    const [, page] = slack.api.of('chat.postMessage');
    const expected = expectKind(await bot.runPage(JSON.parse(more.value), 'expected'), 'list');
    expect(page!.body).toMatchObject({ team_id: TEAM, channel: CHANNEL, thread_ts: mention.ts, text: `Papers for "${EXAMPLE_QUESTION}" — 1–10 of ${expected.total}` });
    expect((page!.body.blocks as unknown[]).at(-1)).toEqual(moreButton('thread', { source: 'search', query: EXAMPLE_QUESTION, offset: 10, limit: 10 }));
  });

  it('continues the thread\'s session, so "show 11" after the second page works there', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(mention);
    const value = JSON.stringify({ source: 'search', query: EXAMPLE_QUESTION, offset: 10, limit: 10 });
    await slack.click({ actionId: 'paperbot_more.thread', value, threadTs: mention.ts });
    await slack.sendEvent(mentionEvent('show 11', { threadTs: mention.ts }));
    const show = slack.api.of('chat.postMessage').at(-1)!;
    expect(show.body.thread_ts).toBe(mention.ts);
    expect(JSON.stringify(show.body.blocks)).toContain('id: `');
    expect(slack.api.of('chat.postEphemeral')).toEqual([]);
  });

  it('on a /paper list shows the next page through response_url to the clicker only, keeping the original, with its own share button', async () => {
    await slack.sendCommand('search diffusion --limit 5');
    const more = buttonIn(slack.api.of('response_url')[0]!.body.blocks, /paperbot_more\.slash/);
    const url = slack.api.responseUrl();

    await slack.click({ actionId: more.action_id, value: more.value, responseUrl: url });

    const [, page] = slack.api.of('response_url');
    expect(`${slack.api.hooksOrigin}${page!.path}`).toBe(url);
    expect(page!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/^Papers for "diffusion" — 6–10 of \d+$/) });
    expect(splitShare(page!.body.blocks).shareId).toMatch(/^[\w-]{16}$/);
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('in a DM posts the next page in the DM', async () => {
    const value = JSON.stringify({ source: 'papers', query: '', offset: 0, limit: 3 });
    await slack.click({ actionId: 'paperbot_more.dm', value, channel: DM_CHANNEL });
    const [page] = slack.api.of('chat.postMessage');
    expect(page!.body).toMatchObject({ channel: DM_CHANNEL, text: 'Papers in the corpus (231) — 1–3 of 231' });
    expect(page!.body.thread_ts).toBeUndefined();
  });
});

describe('"Similar"', () => {
  it('on a source lists the papers like it in the thread', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(mention);
    const source = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected-answer'), 'answer').answer.sources[1]!;
    const similar = buttonIn(slack.api.of('chat.postMessage')[0]!.body.blocks, /paperbot_similar\.thread\.2/);
    expect(similar.value).toBe(source.id);

    await slack.click({ actionId: similar.action_id, value: similar.value, threadTs: mention.ts });

    const [, list] = slack.api.of('chat.postMessage');
    const expected = expectKind(await bot.run('similar', { paper: source.id }, 'expected'), 'list');
    expect(expected.title).toBe(`Papers like "${source.title}"`);
    expect(list!.body).toMatchObject({ channel: CHANNEL, thread_ts: mention.ts, text: `Papers like "${source.title}" — 1–10 of ${expected.total}` });
    expect((list!.body.blocks as unknown[])[0]).toEqual(section(`*Papers like "${source.title}"* — 1–10 of ${expected.total}`));
  });

  it('on a paper shown by /paper lists similar papers to the clicker only, with a share button', async () => {
    await slack.click({ actionId: 'paperbot_similar.slash', value: 'parallel-sampling-of-diffusion-ad4669' });
    expect(slack.api.of('response_url')[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    splitShare(slack.api.of('response_url')[0]!.body.blocks);
  });

  it('with an unknown paper id answers with an ephemeral error', async () => {
    await slack.click({ actionId: 'paperbot_similar.thread.1', value: 'no-such-paper', threadTs: '1700000000.000001' });
    expect(slack.api.of('response_url').map((call) => call.body.response_type)).toEqual(['ephemeral']);
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });
});

describe('a tampered button', () => {
  const damaged = [
    ['not JSON', '{"source":"search","query'],
    ['a negative offset', JSON.stringify({ source: 'search', query: 'x', offset: -5, limit: 10 })],
    ['an unknown list', JSON.stringify({ source: 'users', query: '', offset: 0, limit: 10 })],
    ['an oversized page', JSON.stringify({ source: 'search', query: 'x', offset: 0, limit: 5000 })],
    ['an overlong value', 'x'.repeat(5000)],
  ] as const;

  it.each(damaged)('with %s gets an ephemeral "out of date" reply, and nothing is posted publicly', async (_what, value) => {
    const response = await slack.click({ actionId: 'paperbot_more.thread', value, threadTs: '1700000000.000001' });
    expect(response.status).toBe(200);
    expect(slack.api.of('response_url').map((call) => call.body)).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: TAMPERED, blocks: [section(':warning: This button is out of date or damaged; run the command again.')] },
    ]);
    expect(slack.api.of('chat.postMessage')).toEqual([]);
    expect(slack.logger.at('error')).toEqual([]);
  });

  it('does not stop the app: the next question is answered', async () => {
    await slack.click({ actionId: 'paperbot_more.slash', value: '][' });
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
  });
});
