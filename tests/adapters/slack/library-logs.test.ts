import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { digestPosters } from '../../../adapters/posters.js';
import { SlackDigestPoster } from '../../../adapters/slack/digest-poster.js';
import { DigestPostError } from '../../../src/digest/digest-poster.js';
import { sampleDigest } from '../../fixtures/digest.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';
import { RecordingLogger } from './helpers/recording-logger.js';
import { TEST_SECRETS } from './helpers/slack-requests.js';

/**
 * The Slack Web API client's own logs (rate limits, retries) go through paperbot's logger, never
 * the library's console logger: that one writes to stdout, where `paperbot --json digest run`
 * prints its JSON.
 */

let api: FakeSlackApi;
let consoleSpies: MockInstance[];
let stdout: MockInstance;

beforeEach(() => {
  api = new FakeSlackApi();
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) => vi.spyOn(console, name));
  stdout = vi.spyOn(process.stdout, 'write');
});
afterEach(() => {
  vi.restoreAllMocks();
  api.close();
});

const NO_RETRIES = { retries: 0, minDelayMs: 0, maxDelayMs: 0, timeoutMs: 2000 };
const rateLimited = { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } };

describe('a rate-limited (429) digest post', () => {
  it('writes nothing to stdout or the console; the client’s rate-limit line reaches our logger, scrubbed', async () => {
    const logger = new RecordingLogger();
    api.script('chat.postMessage', rateLimited);
    const poster = SlackDigestPoster.fromEnv({ SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_API_URL: api.apiUrl }, NO_RETRIES, logger);

    await expect(poster.post(sampleDigest('slack', 'C0DIGEST01'), 'nonce-1')).rejects.toThrow(DigestPostError);

    expect(api.of('chat.postMessage')).toHaveLength(1);
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    expect(logger.entries.map((e) => e.message)).toContainEqual(expect.stringMatching(/rate limiting/));
    expect(logger.dump()).not.toContain(TEST_SECRETS.botToken);
  });

  it('through digestPosters(env) (what `paperbot digest run` uses), also nothing on stdout', async () => {
    api.script('chat.postMessage', rateLimited);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const posters = digestPosters({ SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_API_URL: api.apiUrl, LOG_LEVEL: 'error' });

    await expect(posters.slack!.post(sampleDigest('slack', 'C0DIGEST01'), 'nonce-2')).rejects.toThrow(DigestPostError);

    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    stderr.mockRestore();
  });
});
