import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { postToResponseUrl, ResponseUrlError } from '../../../adapters/slack/response-url.js';

const URL_BASE = 'http://hooks.slack.test';
const policy = { retries: 2, minDelayMs: 100, maxDelayMs: 400, timeoutMs: 1000 };
const message = { response_type: 'in_channel' as const, text: 'hi' };

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

afterEach(() => {
  nock.cleanAll();
});

describe('postToResponseUrl: replies to slash commands and buttons, retried', () => {
  it('posts the message as JSON once when Slack accepts it', async () => {
    const scope = nock(URL_BASE).post('/r/1', { response_type: 'in_channel', text: 'hi' }).matchHeader('content-type', /application\/json/).reply(200, 'ok');
    const { waits, sleep } = recordingSleep();
    await postToResponseUrl(`${URL_BASE}/r/1`, message, policy, sleep);
    expect(scope.isDone()).toBe(true);
    expect(waits).toEqual([]);
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    nock(URL_BASE).post('/r/2').reply(429, '', { 'Retry-After': '3' }).post('/r/2').reply(200, 'ok');
    const { waits, sleep } = recordingSleep();
    await postToResponseUrl(`${URL_BASE}/r/2`, message, policy, sleep);
    expect(waits).toEqual([3000]);
  });

  it('backs off on 5xx (doubling, capped), and gives up after the retries with the status', async () => {
    nock(URL_BASE).post('/r/3').times(3).reply(503, 'busy');
    const { waits, sleep } = recordingSleep();
    const failure = await postToResponseUrl(`${URL_BASE}/r/3`, message, policy, sleep).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseUrlError);
    expect((failure as ResponseUrlError).status).toBe(503);
    expect(waits).toEqual([100, 200]);
  });

  it('does not retry other client errors (an expired response_url is 404)', async () => {
    nock(URL_BASE).post('/r/4').reply(404, 'expired_url');
    const { waits, sleep } = recordingSleep();
    await expect(postToResponseUrl(`${URL_BASE}/r/4`, message, policy, sleep)).rejects.toMatchObject({ status: 404 });
    expect(waits).toEqual([]);
  });

  it('retries a network failure', async () => {
    nock(URL_BASE).post('/r/5').replyWithError('socket hang up').post('/r/5').reply(200, 'ok');
    const { waits, sleep } = recordingSleep();
    await postToResponseUrl(`${URL_BASE}/r/5`, message, policy, sleep);
    expect(waits).toEqual([100]);
  });

  it('never puts the URL (a credential) in its error', async () => {
    nock(URL_BASE).post('/secret-path').times(3).reply(500);
    const failure = await postToResponseUrl(`${URL_BASE}/secret-path`, message, policy, async () => {}).catch((e: unknown) => e);
    expect(String((failure as Error).message)).not.toContain('secret-path');
  });
});
