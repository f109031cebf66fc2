import { afterEach, describe, expect, it } from 'vitest';
import { classifyCall, FakeSlackWebApi } from '../../../bench/load/fake-slack-web-api.js';
import { SEARCHING_TEXT } from '../../../adapters/slack/searching-placeholder.js';

describe('which thread a Web API call answers', () => {
  const none = new Map<string, string>();

  it('a post in a thread is its answer; "Searching…" without blocks is its placeholder', () => {
    expect(classifyCall('chat.postMessage', { channel: 'C', thread_ts: '1.1', text: 'An answer [1]', blocks: '[]' }, none)).toEqual({ thread: '1.1', kind: 'answer' });
    expect(classifyCall('chat.postMessage', { channel: 'C', thread_ts: '1.1', text: SEARCHING_TEXT }, none)).toEqual({ thread: '1.1', kind: 'placeholder' });
  });

  it('an ephemeral reply in a thread is its answer', () => {
    expect(classifyCall('chat.postEphemeral', { channel: 'C', user: 'U', thread_ts: '1.2', text: 'Error: …' }, none)).toEqual({ thread: '1.2', kind: 'answer' });
  });

  it("an edit answers the thread of the placeholder it edits", () => {
    expect(classifyCall('chat.update', { channel: 'C', ts: '9.9', text: 'An answer' }, new Map([['9.9', '1.3']]))).toEqual({ thread: '1.3', kind: 'answer' });
    expect(classifyCall('chat.update', { channel: 'C', ts: '9.8', text: 'An answer' }, none)).toBeUndefined();
  });

  it('other calls answer nothing', () => {
    expect(classifyCall('auth.test', {}, none)).toBeUndefined();
    expect(classifyCall('chat.postMessage', { channel: 'C', text: 'not in a thread' }, none)).toBeUndefined();
  });
});

describe('the fake Web API on 127.0.0.1', () => {
  let api: FakeSlackWebApi | undefined;
  afterEach(async () => {
    await api?.close();
  });

  const call = (url: string, method: string, fields: Record<string, string>) =>
    fetch(`${url}${method}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }).then((r) => r.json());

  it('answers auth.test as the bot, and notes when a thread got its placeholder and then its answer by an edit', async () => {
    api = new FakeSlackWebApi();
    const url = await api.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(await call(url, 'auth.test', {})).toMatchObject({ ok: true, user_id: 'UBOT' });

    const answered = api.answered('1700000000.000001');
    const placeholder = (await call(url, 'chat.postMessage', { channel: 'C', thread_ts: '1700000000.000001', text: SEARCHING_TEXT })) as { ts: string };
    expect(api.threads.get('1700000000.000001')?.answeredAt).toBeUndefined();
    await call(url, 'chat.update', { channel: 'C', ts: placeholder.ts, text: 'An answer' });
    await answered;

    const activity = api.threads.get('1700000000.000001')!;
    expect(activity.answeredBy).toBe('chat.update');
    expect(activity.answeredAt).toBeGreaterThanOrEqual(activity.placeholderAt!);
    expect(Object.fromEntries(api.counts)).toEqual({ 'auth.test': 1, 'chat.postMessage': 1, 'chat.update': 1 });
  });
});
