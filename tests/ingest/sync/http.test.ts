import { describe, expect, it } from 'vitest';
import { createHttpClient, defaultUserAgent, parseRetryAfter, SyncError, type FetchLike } from '../../../src/ingest/sync/http.js';
import { ManualClock } from '../../../src/time/clock.js';
import { hfApi, JSON_TYPE, NOW, recordingSleep } from './sync-fixtures.js';

const URL_ = 'https://huggingface.co/api/daily_papers';
const SOURCE = 'Hugging Face daily papers API';

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

describe('createHttpClient (over the global fetch, intercepted by nock)', () => {
  it('returns the body of a 2xx response, sending a User-Agent and the Accept asked for', async () => {
    const scope = hfApi()
      .get('/api/daily_papers')
      .matchHeader('user-agent', /^paperbot\/\d+\.\d+\.\d+ /u)
      .matchHeader('accept', 'application/json')
      .reply(200, '[]', JSON_TYPE);
    await expect(createHttpClient().getText(URL_, SOURCE, 'application/json')).resolves.toBe('[]');
    scope.done();
    expect(defaultUserAgent()).toMatch(/^paperbot\/0\.1\.0 /u);
  });

  it('retries a 500 and returns the next success, after a backoff', async () => {
    const scope = hfApi().get('/api/daily_papers').reply(500, 'Internal Server Error').get('/api/daily_papers').reply(200, '[1]');
    const { sleep, waits } = recordingSleep();
    await expect(createHttpClient({ sleep, backoffMs: 250 }).getText(URL_, SOURCE)).resolves.toBe('[1]');
    expect(waits).toEqual([250]);
    scope.done();
  });

  it('backs off exponentially, capped by maxRetryDelayMs', async () => {
    const scope = hfApi().get('/api/daily_papers').times(3).reply(503).get('/api/daily_papers').reply(200, 'ok');
    const { sleep, waits } = recordingSleep();
    await createHttpClient({ sleep, backoffMs: 1000, maxRetryDelayMs: 3000 }).getText(URL_, SOURCE);
    expect(waits).toEqual([1000, 2000, 3000]);
    scope.done();
  });

  it('honours Retry-After in seconds on a 429', async () => {
    const scope = hfApi()
      .get('/api/daily_papers')
      .reply(429, 'Too Many Requests', { 'Retry-After': '7' })
      .get('/api/daily_papers')
      .reply(200, '[]');
    const { sleep, waits } = recordingSleep();
    await createHttpClient({ sleep }).getText(URL_, SOURCE);
    expect(waits).toEqual([7000]);
    scope.done();
  });

  it('honours Retry-After given as an HTTP date, by the injected clock', async () => {
    const clock = new ManualClock(NOW);
    const scope = hfApi()
      .get('/api/daily_papers')
      .reply(503, '', { 'Retry-After': new Date(NOW + 12_000).toUTCString() })
      .get('/api/daily_papers')
      .reply(200, '[]');
    const { sleep, waits } = recordingSleep();
    await createHttpClient({ sleep, clock }).getText(URL_, SOURCE);
    expect(waits).toEqual([12_000]);
    scope.done();
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    const scope = hfApi().get('/api/daily_papers').reply(429, 'Rate limit exceeded', { 'Retry-After': '3600' });
    const { sleep, waits } = recordingSleep();
    const error = await failure(createHttpClient({ sleep, maxRetryDelayMs: 60_000 }).getText(URL_, SOURCE));
    expect(error.message).toBe(
      `${SOURCE}: HTTP 429 Too Many Requests for ${URL_}: Rate limit exceeded; the server asks to retry after 3600 s, longer than the 60 s this sync waits`,
    );
    expect(error.details.status).toBe(429);
    expect(waits).toEqual([]);
    scope.done();
  });

  it('names the source, status and URL when retries run out', async () => {
    const scope = hfApi().get('/api/daily_papers').times(3).reply(502, '<html>Bad Gateway</html>');
    const { sleep } = recordingSleep();
    const error = await failure(createHttpClient({ sleep, retries: 2 }).getText(URL_, SOURCE));
    expect(error.message).toBe(`${SOURCE}: HTTP 502 Bad Gateway for ${URL_} (gave up after 3 attempts)`);
    expect(error.source).toBe(SOURCE);
    scope.done();
  });

  it('does not retry other 4xx', async () => {
    const scope = hfApi().get('/api/daily_papers').reply(404, '{"error":"Not Found"}');
    const { sleep, waits } = recordingSleep();
    const error = await failure(createHttpClient({ sleep }).getText(URL_, SOURCE));
    expect(error.message).toBe(`${SOURCE}: HTTP 404 Not Found for ${URL_}: {"error":"Not Found"}`);
    expect(waits).toEqual([]);
    scope.done();
  });

  it('times out a response that does not come, and retries it', async () => {
    const scope = hfApi().get('/api/daily_papers').delay(5_000).reply(200, '[]').get('/api/daily_papers').reply(200, '[2]');
    const { sleep } = recordingSleep();
    await expect(createHttpClient({ sleep, timeoutMs: 50 }).getText(URL_, SOURCE)).resolves.toBe('[2]');
    scope.done();
  });

  it('reports a timeout clearly when every attempt times out', async () => {
    hfApi().get('/api/daily_papers').times(2).delay(5_000).reply(200, '[]');
    const { sleep } = recordingSleep();
    const error = await failure(createHttpClient({ sleep, timeoutMs: 50, retries: 1 }).getText(URL_, SOURCE));
    expect(error.message).toBe(`${SOURCE}: no response within 50 ms from ${URL_} (gave up after 2 attempts)`);
  });

  it('retries a network error', async () => {
    const scope = hfApi().get('/api/daily_papers').replyWithError('socket hang up').get('/api/daily_papers').reply(200, '[]');
    const { sleep, waits } = recordingSleep();
    await createHttpClient({ sleep, backoffMs: 10 }).getText(URL_, SOURCE);
    expect(waits).toEqual([10]);
    scope.done();
  });

  it('works over an injected fetch (no global fetch needed)', async () => {
    const calls: string[] = [];
    const fake: FetchLike = async (url, init) => {
      calls.push(`${url} ${init.headers['User-Agent']}`);
      return { status: 200, headers: new Headers(), text: async () => 'fake' };
    };
    await expect(createHttpClient({ fetch: fake, userAgent: 'test-agent' }).getText('http://example.test/x', 'Test')).resolves.toBe('fake');
    expect(calls).toEqual(['http://example.test/x test-agent']);
  });

  it('times out an injected fetch that never answers (the signal aborts it)', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    const error = await failure(createHttpClient({ fetch: hanging, timeoutMs: 20, retries: 0 }).getText('http://example.test/x', 'Test'));
    expect(error.message).toBe('Test: no response within 20 ms from http://example.test/x (gave up after 1 attempt)');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
