import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { renderLink } from '../../../adapters/slack/render-blocks.js';
import { slackTextToPlain } from '../../../adapters/slack/slack-text.js';
import { expectKind } from '../../helpers/results.js';
import { linkedIndex } from '../../helpers/linked-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { BOT_USER, CHANNEL, mentionEvent, nextTs, USER } from './helpers/slack-requests.js';

let bot: Paperbot;
let slack: HttpSlack;

beforeAll(async () => {
  bot = new Paperbot(await linkedIndex());
  slack = await startHttpSlack(bot);
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.api.calls.length = 0;
  slack.logger.entries.length = 0;
});

/** A `link_shared` event for a message in C1 with these links. */
function linkShared(urls: string[], extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return {
    type: 'link_shared',
    channel: CHANNEL,
    user: USER,
    message_ts: ts,
    event_ts: ts,
    is_bot_user_member: true,
    links: urls.map((url) => ({ url, domain: new URL(url).hostname })),
    ...extra,
  };
}

const unfurlsOf = (body: Record<string, unknown>) => JSON.parse(body.unfurls as string) as Record<string, { blocks: unknown[] }>;

describe('a paper link posted in a channel (link_shared → chat.unfurl)', () => {
  it('unfurls an arXiv link with the paper, its gist and the three most similar papers', async () => {
    const url = 'https://arxiv.org/abs/2301.12345v2';
    const event = linkShared([url]);
    expect((await slack.sendEvent(event)).status).toBe(200);

    const expected = expectKind(await bot.run('link', { url }, 'expected'), 'link');
    expect(expected.similar).toHaveLength(3);
    const calls = slack.api.of('chat.unfurl');
    expect(calls).toHaveLength(1);
    const { body } = calls[0]!;
    expect(body).toMatchObject({ channel: CHANNEL, ts: event.message_ts });
    expect(unfurlsOf(body)).toEqual({ [url]: { blocks: renderLink(expected).blocks } });
    expect(JSON.stringify(unfurlsOf(body))).toContain('We propose consistency distillation');
  });

  it('unfurls each paper link of a message in one call, and leaves other pages of those sites alone', async () => {
    const arxiv = 'https://arxiv.org/pdf/hep-th/9901001v1';
    const hf = 'https://huggingface.co/papers/2302.00042';
    await slack.sendEvent(linkShared([arxiv, 'https://huggingface.co/stabilityai/sdxl', hf]));
    const unfurls = unfurlsOf(slack.api.of('chat.unfurl')[0]!.body);
    expect(Object.keys(unfurls)).toEqual([arxiv, hf]);
  });

  it('says a paper is not in the corpus and offers the sync', async () => {
    const url = 'https://arxiv.org/abs/2412.99999';
    await slack.sendEvent(linkShared([url]));
    const text = JSON.stringify(unfurlsOf(slack.api.of('chat.unfurl')[0]!.body)[url]);
    expect(text).toContain('arXiv 2412.99999 is not in the corpus.');
    expect(text).toContain('paperbot sync --arxiv-id 2412.99999');
  });

  it('unfurls a link still in the composer by its unfurl_id and source', async () => {
    await slack.sendEvent(linkShared(['https://arxiv.org/abs/2301.12345'], { channel: 'COMPOSER', unfurl_id: 'C123.456.7QpKqB', source: 'composer' }));
    const { body } = slack.api.of('chat.unfurl')[0]!;
    expect(body).toMatchObject({ unfurl_id: 'C123.456.7QpKqB', source: 'composer' });
    expect(body.ts).toBeUndefined();
  });

  it('makes no call when no link names a paper', async () => {
    await slack.sendEvent(linkShared(['https://arxiv.org/list/cs.CV/recent']));
    expect(slack.api.of('chat.unfurl')).toEqual([]);
  });

  it('logs a refused unfurl without failing the event', async () => {
    slack.api.script('chat.unfurl', { status: 200, body: { ok: false, error: 'cannot_unfurl_url' } });
    expect((await slack.sendEvent(linkShared(['https://arxiv.org/abs/2301.12345']))).status).toBe(200);
    expect(slack.logger.entries.some((entry) => JSON.stringify(entry).includes('cannot_unfurl_url'))).toBe(true);
  });

  it('lets "show 2" in the message\'s thread open the second similar paper', async () => {
    const url = 'https://arxiv.org/abs/2301.12345';
    const event = linkShared([url]);
    await slack.sendEvent(event);
    const expected = expectKind(await bot.run('link', { url }, 'expected-show'), 'link');
    await slack.sendEvent(mentionEvent('show 2', { threadTs: event.message_ts }));
    const posted = slack.api.of('chat.postMessage')[0]!.body;
    expect(posted.text).toContain(expected.similar[1]!.title);
  });
});

describe('@paperbot with a paper link', () => {
  it('reads Slack\'s <url|label> link markup as the link, and answers with the paper', async () => {
    const text = `<@${BOT_USER}> <https://arxiv.org/abs/2301.12345|arxiv.org/abs/2301.12345>`;
    expect(slackTextToPlain(text, BOT_USER)).toBe('arxiv.org/abs/2301.12345');
    const mention = mentionEvent('<https://arxiv.org/abs/2301.12345>');
    await slack.sendEvent(mention);
    const posted = slack.api.of('chat.postMessage')[0]!.body;
    expect(posted.thread_ts).toBe(mention.ts);
    expect(JSON.stringify(posted.blocks)).toContain('We propose consistency distillation');
  });
});
