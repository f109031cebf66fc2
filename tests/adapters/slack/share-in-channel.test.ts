import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHARE_TTL_MS } from '../../../adapters/slack/share.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { expectKind } from '../../helpers/results.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { answerBlocks, fallbackText, md, splitShare } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { mentionEvent } from './helpers/slack-requests.js';

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

const responses = () => slack.api.of('response_url').map((call) => call.body);

/** `/paper <text>` by U1; the private result's share id. */
async function askPrivately(text = EXAMPLE_QUESTION, user = 'U1'): Promise<string> {
  await slack.sendCommand(text, { user });
  return splitShare(responses().at(-1)!.blocks).shareId;
}

const share = (value: unknown, user = 'U1', responseUrl = slack.api.responseUrl()) =>
  slack.click({ actionId: 'paperbot_share', value: value as string, user, responseUrl });

describe('/paper replies are private by default, with "Share in channel"', () => {
  it('sharing posts the same result in the channel, says who shared it, and removes the private copy', async () => {
    const id = await askPrivately();
    const url = slack.api.responseUrl();
    await share(id, 'U1', url);

    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    const [, posted, removed] = slack.api.of('response_url');
    expect(`${slack.api.hooksOrigin}${posted!.path}`).toBe(url);
    expect(posted!.body).toEqual({
      response_type: 'in_channel',
      replace_original: false,
      text: fallbackText(expected),
      blocks: [...answerBlocks(expected, 'slash'), { type: 'context', elements: [md('Shared by <@U1> with /paper')] }],
    });
    expect(removed!.body).toEqual({ delete_original: true });
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('shares a result once: a second click gets a private "can no longer be shared"', async () => {
    const id = await askPrivately();
    await share(id);
    slack.api.calls.length = 0;
    await share(id);
    expect(responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringMatching(/can no longer be shared/) })]);
  });

  it('lets only the person it was shown to share it', async () => {
    const id = await askPrivately();
    slack.api.calls.length = 0;
    await share(id, 'U2');
    expect(responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'Error: This button is not valid.' })]);
    // Still shareable by its owner.
    await share(id, 'U1');
    expect(responses()[1]).toMatchObject({ response_type: 'in_channel' });
  });

  it.each([
    ['an id of the wrong shape', 'not-an-id'],
    ['a long value', 'x'.repeat(2000)],
    ['a JSON page request', '{"source":"papers","query":"","offset":0,"limit":5}'],
    ['an empty value', ''],
  ])('refuses %s privately, posting nothing in the channel', async (_what, value) => {
    await share(value);
    expect(responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'Error: This button is not valid.' })]);
  });

  it('keeps a result shareable for 30 minutes (the response_url lifetime), not longer', async () => {
    const id = await askPrivately();
    slack.clock.advance(SHARE_TTL_MS + 1);
    try {
      slack.api.calls.length = 0;
      await share(id);
      expect(responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringMatching(/can no longer be shared/) })]);
    } finally {
      slack.clock.set(Math.floor(Date.now() / 1000) * 1000);
    }
  });

  it('offers no share button on help, errors or "nothing found"', async () => {
    await slack.sendCommand('help');
    await slack.sendCommand('show no-such-paper');
    for (const reply of responses()) expect(JSON.stringify(reply.blocks)).not.toContain('paperbot_share');
  });

  it('leaves mentions public in their thread, without a share button', async () => {
    await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));
    const [post] = slack.api.of('chat.postMessage');
    expect(post!.body.thread_ts).toBeDefined();
    expect(JSON.stringify(post!.body.blocks)).not.toContain('paperbot_share');
    expect(slack.api.of('response_url')).toEqual([]);
  });
});

describe('a failed share', () => {
  it('leaves the private copy and the button working: a later click shares it', async () => {
    const id = await askPrivately();
    slack.api.calls.length = 0;
    const url = slack.api.responseUrl();
    // The fake answers response_url 404 for this click's three attempts (a 4xx is not retried).
    slack.api.script('response_url', { status: 404 });
    await share(id, 'U1', url);
    expect(responses()).toHaveLength(1);
    await share(id);
    expect(responses().at(-2)).toMatchObject({ response_type: 'in_channel' });
    expect(responses().at(-1)).toEqual({ delete_original: true });
  });
});
