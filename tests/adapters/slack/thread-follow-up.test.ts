import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { BOT_USER, CHANNEL, mentionEvent, nextTs, TEAM, USER } from './helpers/slack-requests.js';

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

/** A channel message in a thread, as `message.channels` delivers it (no mention). */
function threadReply(text: string, threadTs: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return { type: 'message', channel_type: 'channel', channel: CHANNEL, user: USER, text, ts, event_ts: ts, thread_ts: threadTs, team: TEAM, ...extra };
}
const blocksText = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body.blocks);

describe('follow-ups in a Slack thread, without a mention', () => {
  it('answers "why 1?", "only 2024" and "what about video?" in the thread of an answer, each from that thread\'s last result', async () => {
    const question = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(question);
    const answer = await bot.runText(EXAMPLE_QUESTION, 'expected-thread');
    if (answer.kind !== 'answer') throw new Error('expected an answer');

    await slack.sendEvent(threadReply('why 1?', question.ts));
    const why = slack.api.of('chat.postMessage')[1]!;
    expect(why.body).toMatchObject({ channel: CHANNEL, thread_ts: question.ts });
    expect(blocksText(why)).toContain('Why [1] is listed');
    expect(blocksText(why)).toContain(answer.answer.sources[0]!.title.slice(0, 30));

    await slack.sendEvent(threadReply('only 2024', question.ts));
    const narrowed = slack.api.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral').at(-1)!;
    expect(blocksText(narrowed)).toContain('from 2024-01-01 to 2024-12-31');

    await slack.sendEvent(threadReply('what about video?', question.ts));
    const video = slack.api.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral').at(-1)!;
    expect(blocksText(video)).toContain('follow-up: which papers speed up diffusion sampling for video?');
  });

  it('leaves people\'s own messages in the thread alone', async () => {
    const question = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(question);
    slack.api.calls.length = 0;
    for (const text of ['nice, I read [2] last week', 'thanks!', 'which one is fastest in practice?']) await slack.sendEvent(threadReply(text, question.ts));
    expect(slack.api.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('answers nothing in threads it never answered in, nor in a thread\'s first message', async () => {
    const ts = nextTs();
    await slack.sendEvent(threadReply('show 2', ts));
    await slack.sendEvent(threadReply('show 2', ts, { ts, event_ts: ts }));
    expect(slack.api.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('answers a follow-up that mentions the bot once (the mention handler), not twice', async () => {
    const question = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(question);
    slack.api.calls.length = 0;
    const mention = mentionEvent('show 2', { threadTs: question.ts });
    await slack.sendEvent(mention);
    // Slack also delivers the same message as message.channels; it must not be answered again.
    await slack.sendEvent(threadReply(`<@${BOT_USER}> show 2`, question.ts, { ts: mention.ts, event_ts: mention.ts }));
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
  });

  it('ignores bots, edits and its own messages', async () => {
    const question = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(question);
    slack.api.calls.length = 0;
    await slack.sendEvent(threadReply('show 2', question.ts, { bot_id: 'B1' }));
    await slack.sendEvent(threadReply('show 2', question.ts, { subtype: 'message_changed' }));
    await slack.sendEvent(threadReply('show 2', question.ts, { user: BOT_USER }));
    expect(slack.api.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });
});
