import { it } from 'vitest';
import { SlackDigestPoster } from '../../../adapters/slack/digest-poster.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';
import { TEST_SECRETS } from './helpers/slack-requests.js';

it('probe', async () => {
  const api = new FakeSlackApi();
  const poster = SlackDigestPoster.fromEnv({ SLACK_BOT_TOKEN: TEST_SECRETS.botToken, SLACK_API_URL: api.apiUrl }, { retries: 0, minDelayMs: 0, maxDelayMs: 0, timeoutMs: 200 });
  const digest = { platform: 'slack' as const, channel: 'C0DIGEST01', localDate: '2026-03-02', topic: 'diffusion', items: [
    { n: 1, id: 'a', title: 'A <!channel> *paper*', links: [{ kind: 'paper' as const, url: 'https://arxiv.org/abs/1' }], matched: [], gist: 'We propose @here things & more.', published: '2026-03-01', upvotes: 3 },
  ] };
  console.log(JSON.stringify(await poster.post(digest, 'nonce123')));
  console.log(JSON.stringify(api.calls, null, 1));
  api.script('chat.postMessage', { status: 200, body: { ok: false, error: 'channel_not_found' } });
  try { await poster.post(digest, 'n2'); } catch (e: any) { console.log(e.name, e.outcome, e.message, e.code); }
  let release!: () => void; const held = new Promise<void>((r) => (release = r));
  api.script('chat.postMessage', { status: 200, until: held });
  const t0 = Date.now();
  try { await poster.post(digest, 'n3'); } catch (e: any) { console.log(e.name, e.outcome, e.message, Date.now() - t0); }
  release();
  console.log(api.calls.length, JSON.stringify(api.calls.at(-1)));
  console.log(JSON.stringify(await poster.findPosted('C0DIGEST01', 'n3', '2026-03-02T09:00:00.000Z')));
  console.log(JSON.stringify(api.calls.at(-1)));
  api.close();
});
