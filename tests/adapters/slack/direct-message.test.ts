import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { expectKind } from '../../helpers/results.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { answerBlocks, fallbackText } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { DM_CHANNEL, dmEvent, TEAM } from './helpers/slack-requests.js';

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

describe('a direct message to the bot', () => {
  it('is answered in the DM, not in a thread', async () => {
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION));
    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    const [reply] = slack.api.of('chat.postMessage');
    expect(reply!.body).toEqual({
      team_id: TEAM,
      channel: DM_CHANNEL,
      text: fallbackText(expected),
      blocks: answerBlocks(expected, 'dm'),
      unfurl_links: 'false',
      unfurl_media: 'false',
    });
  });

  it('remembers the DM\'s last answer: "show 1" opens its first source', async () => {
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION));
    await slack.sendEvent(dmEvent('show 1'));
    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected-2'), 'answer');
    const [, show] = slack.api.of('chat.postMessage');
    expect(JSON.stringify(show!.body.blocks)).toContain(`id: \`${expected.answer.sources[0]!.id}\``);
  });

  it('answers in the thread when the user writes in one, and strips a mention of the bot', async () => {
    await slack.sendEvent(dmEvent(`<@UBOT> ${EXAMPLE_QUESTION}`, { thread_ts: '1700000000.999999' }));
    const [reply] = slack.api.of('chat.postMessage');
    expect(reply!.body).toMatchObject({ channel: DM_CHANNEL, thread_ts: '1700000000.999999' });
    expect(JSON.stringify(reply!.body.blocks)).toContain(`Question: ${EXAMPLE_QUESTION}`);
  });

  it('posts help and errors normally (only the asker is in a DM)', async () => {
    await slack.sendEvent(dmEvent('help'));
    expect(slack.api.of('chat.postEphemeral')).toEqual([]);
    expect(slack.api.of('chat.postMessage')[0]!.body.text).toBe('paperbot commands: ask, search, show, similar, why, link, more, papers, digest, help');
  });

  it('ignores edits, deletions, joins, other bots and its own messages', async () => {
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION, { subtype: 'message_changed' }));
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION, { subtype: 'message_deleted' }));
    await slack.sendEvent(dmEvent('joined', { subtype: 'channel_join' }));
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION, { subtype: 'bot_message', bot_id: 'BBOT' }));
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION, { bot_id: 'BOTHER' }));
    await slack.sendEvent(dmEvent(EXAMPLE_QUESTION, { user: 'UBOT' }));
    expect(slack.api.calls).toEqual([]);
  });
});
