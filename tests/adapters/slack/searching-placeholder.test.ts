import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCHING_DELAY_MS, SEARCHING_TEXT } from '../../../adapters/slack/index.js';
import { readyWithin } from '../../../adapters/slack/searching-placeholder.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import type { CommandResult } from '../../../src/commands/results.js';
import { manualTimers } from '../../helpers/manual-timers.js';
import { expectKind } from '../../helpers/results.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { answerBlocks, fallbackText } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { CHANNEL, DM_CHANNEL, dmEvent, mentionEvent, USER } from './helpers/slack-requests.js';

/**
 * A slow answer gets "Searching…" and an edit, as Discord's deferred replies do. The answer is
 * made slow by holding the bot's `runText` until the test releases it, and the placeholder delay
 * is a manual timer the test fires: nothing here depends on how long anything takes.
 */
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
afterEach(() => {
  vi.restoreAllMocks();
});

/** Holds the bot's next answer until `release()` (or fails it with `fail()`). */
function holdNextAnswer(): { release(): void; fail(error: Error): void } {
  const runText = bot.runText.bind(bot);
  let release!: () => void;
  let fail!: (error: Error) => void;
  const held = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  vi.spyOn(bot, 'runText').mockImplementationOnce(async (...args): Promise<CommandResult> => {
    await held;
    return runText(...args);
  });
  return { release, fail };
}

/** Waits until the delay is counting, then lets it run out: the answer is now "slow". */
async function delayRunsOut(): Promise<void> {
  await vi.waitFor(() => expect(slack.timers.pending.size).toBe(1));
  expect([...slack.timers.pending.values()][0]!.ms).toBe(SEARCHING_DELAY_MS);
  slack.timers.fire();
}

/** The ts the fake gave the placeholder (the first message posted). */
async function placeholderPosted(): Promise<{ channel: unknown; ts: string; body: Record<string, unknown> }> {
  await vi.waitFor(() => expect(slack.api.of('chat.postMessage').filter((call) => call.answered)).toHaveLength(1));
  const [call] = slack.api.of('chat.postMessage');
  const response = call!.response as { ts: string };
  return { channel: call!.body.channel, ts: response.ts, body: call!.body };
}

describe('a mention whose answer is slow', () => {
  it('posts "Searching…" in the thread, then edits it into the answer', async () => {
    const answer = holdNextAnswer();
    const mention = mentionEvent(EXAMPLE_QUESTION);
    const response = slack.sendEvent(mention);

    await delayRunsOut();
    const placeholder = await placeholderPosted();
    expect(placeholder.body).toEqual(expect.objectContaining({ channel: CHANNEL, thread_ts: mention.ts, text: SEARCHING_TEXT }));
    expect(placeholder.body.blocks).toBeUndefined();
    answer.release();
    expect((await response).status).toBe(200);

    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    expect(slack.api.of('chat.update').map((call) => call.body)).toEqual([
      { team_id: 'T1', channel: CHANNEL, ts: placeholder.ts, text: fallbackText(expected), blocks: answerBlocks(expected, 'thread') },
    ]);
    expect(slack.api.of('chat.postMessage')).toHaveLength(1);
  });

  it('posts the answer when the edit fails, and says why in the log', async () => {
    const answer = holdNextAnswer();
    slack.api.script('chat.update', { status: 200, body: { ok: false, error: 'message_not_found' } });
    const mention = mentionEvent(EXAMPLE_QUESTION);
    const response = slack.sendEvent(mention);

    await delayRunsOut();
    await placeholderPosted();
    answer.release();
    await response;

    const [, posted] = slack.api.of('chat.postMessage');
    expect(posted!.body).toMatchObject({ channel: CHANNEL, thread_ts: mention.ts });
    expect(posted!.body.blocks).toEqual(answerBlocks(expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer'), 'thread'));
    expect(slack.logger.at('warn').map((entry) => entry.message)).toEqual(['could not edit the "Searching…" placeholder; posting the answer instead']);
  });

  it('posts the answer as usual when the placeholder itself could not be posted', async () => {
    const answer = holdNextAnswer();
    slack.api.script('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const response = slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));

    await delayRunsOut();
    await vi.waitFor(() => expect(slack.api.of('chat.postMessage').filter((call) => call.answered)).toHaveLength(1));
    answer.release();
    await response;

    expect(slack.api.of('chat.postMessage').map((call) => call.body.text === SEARCHING_TEXT)).toEqual([true, false]);
    expect(slack.api.of('chat.update')).toEqual([]);
  });

  it('sends an error only to the asker and deletes the public placeholder', async () => {
    const answer = holdNextAnswer();
    const mention = mentionEvent('show 2');
    const response = slack.sendEvent(mention);

    await delayRunsOut();
    const placeholder = await placeholderPosted();
    answer.release();
    await response;

    expect(slack.api.of('chat.postEphemeral').map((call) => call.body)).toEqual([
      expect.objectContaining({ channel: CHANNEL, user: USER, thread_ts: mention.ts, text: expect.stringMatching(/^Error: No paper "2"/) }),
    ]);
    expect(slack.api.of('chat.delete').map((call) => call.body)).toEqual([{ team_id: 'T1', channel: CHANNEL, ts: placeholder.ts }]);
    expect(slack.api.of('chat.update')).toEqual([]);
  });

  it('deletes the placeholder when answering fails, and the failure is logged', async () => {
    const answer = holdNextAnswer();
    const response = slack.sendEvent(mentionEvent(EXAMPLE_QUESTION));

    await delayRunsOut();
    const placeholder = await placeholderPosted();
    answer.fail(new Error('ranking crashed'));
    await response;

    expect(slack.api.of('chat.delete').map((call) => call.body.ts)).toEqual([placeholder.ts]);
    expect(slack.logger.at('error').map((entry) => entry.message)).toEqual(['Slack listener failed']);
  });
});

describe('a mention whose answer is fast', () => {
  it('posts the answer directly: no placeholder, and no timer left behind', async () => {
    const mention = mentionEvent(EXAMPLE_QUESTION);
    await slack.sendEvent(mention);

    const posted = slack.api.of('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({ channel: CHANNEL, thread_ts: mention.ts });
    expect(posted[0]!.body.text).not.toBe(SEARCHING_TEXT);
    expect(slack.api.of('chat.update')).toEqual([]);
    expect(slack.timers.pending.size).toBe(0);
  });
});

describe('a DM whose answer is slow', () => {
  it('edits the placeholder in the DM into the answer', async () => {
    const answer = holdNextAnswer();
    const response = slack.sendEvent(dmEvent(EXAMPLE_QUESTION));

    await delayRunsOut();
    const placeholder = await placeholderPosted();
    expect(placeholder.channel).toBe(DM_CHANNEL);
    answer.release();
    await response;

    const expected = expectKind(await bot.runText(EXAMPLE_QUESTION, 'expected'), 'answer');
    expect(slack.api.of('chat.update').map((call) => call.body)).toEqual([
      { team_id: 'T1', channel: DM_CHANNEL, ts: placeholder.ts, text: fallbackText(expected), blocks: answerBlocks(expected, 'dm') },
    ]);
  });

  it('edits an error into the placeholder too: only the asker is in a DM', async () => {
    const answer = holdNextAnswer();
    // A DM of its own, so no earlier answer gives "2" a meaning.
    const response = slack.sendEvent(dmEvent('show 2', { channel: 'D9' }));

    await delayRunsOut();
    await placeholderPosted();
    answer.release();
    await response;

    expect(slack.api.of('chat.update').map((call) => call.body.text)).toEqual([expect.stringMatching(/^Error: No paper "2"/)]);
    expect(slack.api.of('chat.delete')).toEqual([]);
    expect(slack.api.of('chat.postEphemeral')).toEqual([]);
  });
});

describe('/paper with a slow answer', () => {
  // That the acknowledgement arrives before the answer, in production: ack-timing.test.ts.
  it('posts no placeholder: the answer goes through response_url when it is ready', async () => {
    const answer = holdNextAnswer();
    const response = slack.sendCommand(EXAMPLE_QUESTION);
    await vi.waitFor(() => expect(bot.runText).toHaveBeenCalledTimes(1));
    expect(slack.api.calls).toEqual([]);
    expect(slack.timers.pending.size).toBe(0);
    answer.release();
    expect(await response).toEqual({ status: 200, body: '' });
    expect(slack.api.of('response_url')).toHaveLength(1);
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });
});

describe('readyWithin', () => {
  it('gives the value when it settles first, and clears its timer', async () => {
    const timers = manualTimers();
    await expect(readyWithin(Promise.resolve(42), { delayMs: 700, timers: timers.timers })).resolves.toEqual({ value: 42 });
    expect(timers.pending.size).toBe(0);
  });

  it('gives undefined when the delay runs out first; the value comes later to whoever awaits it', async () => {
    const timers = manualTimers();
    let resolve!: (n: number) => void;
    const pending = new Promise<number>((r) => (resolve = r));
    const ready = readyWithin(pending, { delayMs: 700, timers: timers.timers });
    timers.fire();
    await expect(ready).resolves.toBeUndefined();
    resolve(42);
    await expect(pending).resolves.toBe(42);
  });

  it('rejects when the promise rejects within the delay', async () => {
    const timers = manualTimers();
    await expect(readyWithin(Promise.reject(new Error('boom')), { delayMs: 700, timers: timers.timers })).rejects.toThrow('boom');
    expect(timers.pending.size).toBe(0);
  });
});
