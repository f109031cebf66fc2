import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { EXAMPLE_QUESTION } from '../../helpers/seed-index.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { mentionEvent, sendSigned, TEST_SECRETS } from './helpers/slack-requests.js';

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

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';
/** Signed with the app's clock. Before the fix, a null body was an unhandled rejection: no answer, and the process ended. */
const send = (body: string, contentType: string) => sendSigned(slack.url, body, contentType, { timestamp: Math.floor(slack.clock.now() / 1000) });

/** The app still answers a mention after whatever came before. */
async function stillServes(): Promise<void> {
  expect((await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION))).status).toBe(200);
  expect(slack.api.of('chat.postMessage')).toHaveLength(1);
}

describe('a signed request whose body is not an object is refused (400), and the bot keeps serving', () => {
  it.each([
    ['JSON null', 'null', JSON_TYPE],
    ['form payload=null', 'payload=null', FORM],
    ['a JSON number', '42', JSON_TYPE],
    ['a JSON string', '"event_callback"', JSON_TYPE],
    ['a JSON array', '[{"type":"event_callback"}]', JSON_TYPE],
    ['form payload=[]', 'payload=%5B%5D', FORM],
    ['malformed JSON', '{"type":', JSON_TYPE],
    ['a form payload that is not JSON', 'payload=%7Bnope', FORM],
  ])('%s', async (_name, body, contentType) => {
    const response = await send(body, contentType);
    expect(response.status).toBe(400);
    expect(slack.api.calls).toEqual([]);
    expect(slack.logger.at('warn').map((e) => e.message)).toEqual([expect.stringMatching(/^Slack request refused: /)]);
    await stillServes();
  });

  it("still answers Slack's unsigned SSL check (form ssl_check=1) with 200, and nothing else in it", async () => {
    const response = await sendSigned(slack.url, 'ssl_check=1&payload=%7B%22type%22%3A%22block_actions%22%7D', FORM, { unsigned: true });
    expect(response.status).toBe(200);
    expect(slack.api.calls).toEqual([]);
  });

  it('does not leak the signing secret into the refusal logs', async () => {
    await send('null', JSON_TYPE);
    expect(slack.logger.dump()).not.toContain(TEST_SECRETS.signingSecret);
  });
});

describe('an unexpected exception while a request is handled is logged and answered 500, never fatal', () => {
  it("Bolt's event processing throwing gets a 500, and the next request is served", async () => {
    // Simulate a bug below paperbot's listeners: the app's event processing throws once.
    const processEvent = slack.app.processEvent.bind(slack.app);
    let thrown = false;
    slack.app.processEvent = async (event) => {
      if (!thrown) {
        thrown = true;
        throw new TypeError("Cannot read properties of null (reading 'ssl_check')");
      }
      return processEvent(event);
    };
    try {
      expect((await slack.sendEvent(mentionEvent(EXAMPLE_QUESTION))).status).toBe(500);
      expect(slack.api.calls).toEqual([]);
      await stillServes();
    } finally {
      slack.app.processEvent = processEvent;
    }
  });
});
