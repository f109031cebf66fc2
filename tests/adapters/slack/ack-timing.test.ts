import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { mentionEvent } from './helpers/slack-requests.js';

/**
 * In production (processBeforeResponse off) Slack gets its acknowledgement before any reply is
 * sent: here every reply is held until the test releases it, and the HTTP response must arrive
 * first. Ordering, not timing: nothing measures milliseconds.
 */
let slack: HttpSlack;

beforeAll(async () => {
  slack = await startHttpSlack(await Paperbot.load(defaultCorpusPath()), { processBeforeResponse: false });
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.api.calls.length = 0;
});

function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('acknowledging within 3 seconds', () => {
  it('acknowledges a slash command before its answer is delivered', async () => {
    const held = gate();
    slack.api.script('response_url', { status: 200, until: held.opened });

    const response = await slack.sendCommand(EXAMPLE_QUESTION);

    expect(response).toEqual({ status: 200, body: '' });
    expect(slack.api.of('response_url').filter((call) => call.answered)).toEqual([]);
    held.open();
    await vi.waitFor(() => expect(slack.api.of('response_url').filter((call) => call.answered)).toHaveLength(1));
  });

  it('acknowledges an event before its answer is posted', async () => {
    const held = gate();
    slack.api.script('chat.postMessage', { status: 200, until: held.opened });

    expect((await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION))).status).toBe(200);

    expect(slack.api.of('chat.postMessage').filter((call) => call.answered)).toEqual([]);
    held.open();
    await vi.waitFor(() => expect(slack.api.of('chat.postMessage').filter((call) => call.answered)).toHaveLength(1));
  });

  it('acknowledges a button click before its follow-up is posted', async () => {
    const held = gate();
    slack.api.script('response_url', { status: 200, until: held.opened });
    const value = JSON.stringify({ source: 'search', query: 'diffusion', offset: 10, limit: 10 });

    expect((await slack.click({ actionId: 'paperbot_more.slash', value })).status).toBe(200);

    expect(slack.api.of('response_url').filter((call) => call.answered)).toEqual([]);
    held.open();
    await vi.waitFor(() => expect(slack.api.of('response_url').filter((call) => call.answered)).toHaveLength(1));
  });
});
