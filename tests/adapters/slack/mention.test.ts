import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { expectKind } from '../../helpers/results.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { answerBlocks, fallbackText } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { CHANNEL, mentionEvent, TEAM, USER } from './helpers/slack-requests.js';

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

/** The Similar buttons of a message, as [action id, paper id], in order. */
const similarButtons = (blocks: unknown): string[][] =>
  (blocks as Array<{ accessory?: { action_id: string; value: string } }>).flatMap(({ accessory }) =>
    accessory?.action_id.startsWith('paperbot_similar.') ? [[accessory.action_id, accessory.value]] : [],
  );

describe('@paperbot <question> in a channel', () => {
  it('posts the answer in a thread under the question: cited text, sources, keywords, buttons', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    const response = await slack.sendEvent(mention);

    expect(response.status).toBe(200);
    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    expect(slack.api.of('chat.postMessage').map((call) => call.body)).toEqual([
      {
        team_id: TEAM,
        channel: CHANNEL,
        thread_ts: mention.ts,
        text: fallbackText(expected),
        blocks: answerBlocks(expected, 'thread'),
        unfurl_links: 'false',
        unfurl_media: 'false',
      },
    ]);
    // The notification opens with the best sentence, quoted from source [1]; each source has its Similar button.
    const posted = slack.api.of('chat.postMessage')[0]!.body;
    const [first] = expected.answer.sentences;
    expect(first!.sources).toEqual([1]);
    expect((posted.text as string).startsWith(`${first!.text} [1]`)).toBe(true);
    expect(similarButtons(posted.blocks)).toEqual(expected.answer.sources.map((source) => [`paperbot_similar.thread.${source.n}`, source.id]));
  });

  it('answers follow-ups in the same thread from that thread\'s answer ("show 2")', async () => {
    const question = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(question);
    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected-2'), 'answer');

    await slack.sendEvent(mentionEvent('show 2', { threadTs: question.ts }));

    const [, showReply] = slack.api.of('chat.postMessage');
    expect(showReply!.body).toMatchObject({ channel: CHANNEL, thread_ts: question.ts });
    const head = (showReply!.body.blocks as Array<{ text: { text: string } }>)[0]!.text.text;
    expect(head).toContain(expected.answer.sources[1]!.title);
    expect(head).toContain(`id: \`${expected.answer.sources[1]!.id}\``);
  });

  it('keeps threads apart: "show 2" in a new thread has no answer to refer to, and the error is ephemeral', async () => {
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    const elsewhere = mentionEvent('show 2');
    await slack.sendEvent(elsewhere);

    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
    expect(slack.api.of('chat.postEphemeral').map((call) => call.body)).toEqual([
      {
        team_id: TEAM,
        channel: CHANNEL,
        user: USER,
        thread_ts: elsewhere.ts,
        text: 'Error: No paper "2" in the corpus. Use an id from a result list, or its number (1, 2, …).',
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              verbatim: true,
              text: ':warning: No paper "2" in the corpus. Use an id from a result list, or its number (1, 2, …).\nPaper numbers refer to the last list or answer; "search" or "papers" shows ids.',
            },
          },
        ],
      },
    ]);
  });

  it('shows usage, ephemerally, for a bare mention', async () => {
    await slack.sendEvent({ ...mentionEvent(''), text: '<@UBOT>' });
    const [help] = slack.api.of('chat.postEphemeral');
    expect(help!.body.text).toBe('paperbot commands: ask, search, show, similar, why, link, more, papers, digest, help');
    expect(JSON.stringify(help!.body.blocks)).toContain('`ask QUESTION` — Answer a question');
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('replies helpfully (and only to the asker) to an over-long question or one of stop words only', async () => {
    await slack.sendEvent(mentionEvent('why '.repeat(150)));
    await slack.sendEvent(mentionEvent('the of and'));
    const [tooLong, stopWords] = slack.api.of('chat.postEphemeral');
    expect(tooLong!.body.text).toBe('Error: question is longer than 500 characters; ask about one topic at a time');
    expect(stopWords!.body.text).toMatch(/^Your question has no topic words paperbot can search for/);
    expect(slack.api.of('chat.postMessage')).toEqual([]);
    expect(slack.logger.at('error')).toEqual([]);
  });

  it('ignores mentions by bots and edited or system messages', async () => {
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION, { extra: { bot_id: 'BOTHER' } }));
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION, { extra: { subtype: 'message_changed' } }));
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION, { user: 'UBOT' }));
    expect(slack.api.calls).toEqual([]);
  });

  it('answers only mentions in channels, not every message', async () => {
    const ts = '1700000099.000001';
    await slack.sendEvent({ type: 'message', channel_type: 'channel', channel: CHANNEL, user: USER, text: EXAMPLE_QUESTION, ts, event_ts: ts });
    expect(slack.api.calls).toEqual([]);
  });

  it('leaves a mention inside a DM to the DM handler, so it is answered once', async () => {
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION, { channel: 'D1' }));
    expect(slack.api.calls).toEqual([]);
  });
});
