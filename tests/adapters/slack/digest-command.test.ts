import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { silentLogger } from '../../../src/log/logger.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { ManualClock } from '../../../src/time/clock.js';
import { fixturePaper } from '../../helpers/sources.js';
import { seedIndex } from '../../helpers/seed-index.js';
import { md, section } from './helpers/expected-blocks.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { expectNothingPingable, expectWithinBlockKitLimits } from './helpers/payload-checks.js';
import { dmEvent, mentionEvent } from './helpers/slack-requests.js';

/**
 * `/paper digest …` through the real Bolt app in HTTP mode (signed requests in, the Web API and
 * response URLs faked with nock): what the asker sees, and what the store holds afterwards.
 * The harness's default channel "C1" is too short to be a real channel id, so a real-looking one
 * is passed.
 */

const CHANNEL = 'C0DIGEST01';
const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const PREVIEW_HINT = '"digest preview" shows what it would post now; "digest unsubscribe" stops it.';

let store: MemoryStore;
let clock: ManualClock;
let slack: HttpSlack;

beforeAll(async () => {
  const { index } = await seedIndex();
  store = new MemoryStore();
  clock = new ManualClock(NOW);
  slack = await startHttpSlack(new Paperbot(index, { store, clock, logger: silentLogger }));
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(async () => {
  slack.api.calls.length = 0;
  for (const s of await store.listSubscriptions()) await store.removeSubscription(s.platform, s.channel);
});

/** `/paper <text>` in the digest channel; returns what the response_url received. */
async function command(text: string, channel = CHANNEL) {
  const response = await slack.sendCommand(text, { channel });
  expect(response).toEqual({ status: 200, body: '' });
  const replies = slack.api.of('response_url').map((call) => call.body);
  slack.api.calls.length = 0;
  expect(replies).toHaveLength(1);
  return replies[0]!;
}

describe('/paper digest subscribe', () => {
  it('confirms ephemerally and stores the subscription for slack and the command\'s channel', async () => {
    const reply = await command('digest subscribe --time 08:00 --tz Europe/Berlin diffusion');
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text: 'Subscribed to the daily paper digest',
      blocks: [section(`*Subscribed to the daily paper digest*\nslack ${CHANNEL} — daily at 08:00 Europe/Berlin, 5 papers, topic "diffusion"\n${PREVIEW_HINT}`)],
    });
    expect(await store.listSubscriptions()).toEqual([
      { platform: 'slack', channel: CHANNEL, time: '08:00', timezone: 'Europe/Berlin', topic: 'diffusion', count: 5, quietWhenEmpty: false, updatedAt: new Date(NOW).toISOString() },
    ]);
    // Nothing is posted in the channel for anyone else.
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('takes --count and --quiet', async () => {
    await command('digest subscribe video generation --count 2 --quiet --time 7:05');
    expect(await store.getSubscription('slack', CHANNEL)).toMatchObject({ topic: 'video generation', count: 2, quietWhenEmpty: true, time: '07:05', timezone: 'UTC' });
  });

  it('escapes a topic full of markup: it is echoed as text, pinging no one', async () => {
    // As Slack sends what the user typed (should_escape): "<!channel> *bold* & <@U1> diffusion"
    const reply = await command('digest subscribe <!channel> *bold* &amp; <@U1> diffusion');
    expect((await store.getSubscription('slack', CHANNEL))?.topic).toBe('@channel *bold* & @U1 diffusion');
    expect(reply.blocks).toEqual([
      section(`*Subscribed to the daily paper digest*\nslack ${CHANNEL} — daily at 09:00 UTC, 5 papers, topic "@\u2060channel \u2217bold\u2217 &amp; @U1 diffusion"\n${PREVIEW_HINT}`),
    ]);
    expectNothingPingable(reply);
  });

  it('refuses a bad time zone ephemerally, with the usage, and stores nothing', async () => {
    const reply = await command('digest subscribe --tz Mars/Olympus');
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text: 'Error: tz must be an IANA time zone such as Europe/Berlin, not "Mars/Olympus"',
      blocks: [
        section(
          ':warning: tz must be an IANA time zone such as Europe/Berlin, not "Mars/Olympus"\nUsage: digest subscribe|unsubscribe|preview|status|why|reset [TOPIC] [--time HH:MM] [--tz ZONE] [--count N] [--quiet]',
        ),
      ],
    });
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('refuses every bad option at once', async () => {
    const reply = await command('digest subscribe --time 24:00 --tz Nowhere --count 99');
    expect(reply).toMatchObject({
      response_type: 'ephemeral',
      text: 'Error: time must be HH:MM (24 h), not "24:00"; tz must be an IANA time zone such as Europe/Berlin, not "Nowhere"; count must be at most 20',
    });
  });
});

describe('/paper digest status, preview, unsubscribe', () => {
  it('status describes the subscription ephemerally', async () => {
    await command('digest subscribe --time 08:00 --tz Europe/Berlin diffusion');
    expect(await command('digest status')).toEqual({
      response_type: 'ephemeral',
      text: 'Daily paper digest',
      blocks: [section(`*Daily paper digest*\nslack ${CHANNEL} — daily at 08:00 Europe/Berlin, 5 papers, topic "diffusion"\nNo digest posted yet.`)],
    });
  });

  it('status without a subscription says how to start one', async () => {
    expect(await command('digest status')).toEqual({
      response_type: 'ephemeral',
      text: 'No digest',
      blocks: [section('*No digest*\nThis channel has no daily digest. "digest subscribe" starts one.')],
    });
  });

  it('preview shows the digest to the asker only: a heading, one section per paper with its 👍/👎 row, a closing line', async () => {
    await command('digest subscribe diffusion --count 3');
    const reply = await command('digest preview');
    expect(reply.response_type).toBe('ephemeral');
    const blocks = reply.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    expect(blocks).toHaveLength(1 + 3 * 2 + 1);
    expect(blocks[0]).toEqual(section('*Paper digest — Mar 2, 2026 · diffusion*'));
    for (let i = 0; i < 3; i++) {
      const [paper, votes] = [blocks[1 + 2 * i]!, blocks[2 + 2 * i]!];
      expect(paper.type).toBe('section');
      expect(paper.text!.text).toMatch(new RegExp(`^\\*${i + 1}\\.\\* `));
      expect(votes.type).toBe('actions');
      expect(votes.elements!.map((button) => (button as unknown as { action_id: string }).action_id)).toEqual([`paperbot_vote.up.${i + 1}`, `paperbot_vote.down.${i + 1}`]);
    }
    expect(blocks[7]).toEqual({ type: 'context', elements: [md('3 new papers · ask me about any of them')] });
    expect(reply.text).toMatch(/^Paper digest — Mar 2, 2026 · diffusion: .+; .+; .+$/);
    expectWithinBlockKitLimits(reply);
    // A preview records nothing.
    expect(await store.listDigests('slack', CHANNEL)).toEqual([]);
    expect(await store.postedPaperIds('slack', CHANNEL)).toEqual(new Set());
  });

  it('a 20-paper preview stays within 50 blocks and Block Kit\'s limits', async () => {
    const reply = await command('digest preview --count 20');
    const blocks = reply.blocks as unknown[];
    expect(blocks).toHaveLength(1 + 20 * 2 + 1);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expectWithinBlockKitLimits(reply);
  });

  it('unsubscribe confirms ephemerally and removes the subscription; again, an ephemeral error', async () => {
    await command('digest subscribe');
    expect(await command('digest unsubscribe')).toEqual({
      response_type: 'ephemeral',
      text: 'Unsubscribed',
      blocks: [section('*Unsubscribed*\nThis channel will get no more daily digests.')],
    });
    expect(await store.listSubscriptions()).toEqual([]);
    expect(await command('digest unsubscribe')).toMatchObject({ response_type: 'ephemeral', text: 'Error: This channel has no digest subscription.' });
  });

  it('keeps channels apart: each /paper acts on the channel it was typed in', async () => {
    await command('digest subscribe --count 1', 'C0DIGEST02');
    await command('digest subscribe --count 2', CHANNEL);
    await command('digest unsubscribe', 'C0DIGEST02');
    expect((await store.listSubscriptions()).map((s) => [s.channel, s.count])).toEqual([[CHANNEL, 2]]);
  });
});

describe('/paper digest with filters in the topic', () => {
  it('subscribe and status say how the topic was read; a topic of filter words only is accepted', async () => {
    expect((await command('digest subscribe diffusion with code')).blocks).toEqual([
      section(`*Subscribed to the daily paper digest*\nslack ${CHANNEL} — daily at 09:00 UTC, 5 papers, topic "diffusion with code"\ntopic: diffusion · filters: with code\n${PREVIEW_HINT}`),
    ]);
    await command('digest subscribe with code --count 2');
    expect(await store.getSubscription('slack', CHANNEL)).toMatchObject({ topic: 'with code', count: 2 });
    expect((await command('digest status')).blocks).toEqual([
      section(`*Daily paper digest*\nslack ${CHANNEL} — daily at 09:00 UTC, 2 papers, topic "with code"\nany topic · filters: with code · newest first\nNo digest posted yet.`),
    ]);
  });

  it('preview shows the reading under the heading, then papers that pass, each with its 👍/👎 row', async () => {
    const reply = await command('digest preview diffusion with code --count 3');
    const blocks = reply.blocks as Array<{ type: string; text?: { text: string }; elements?: unknown[] }>;
    expect(blocks.slice(0, 2)).toEqual([section('*Paper digest — Mar 2, 2026 · diffusion with code*'), { type: 'context', elements: [md('topic: diffusion · filters: with code')] }]);
    expect(blocks.map((block) => block.type)).toEqual(['section', 'context', 'section', 'actions', 'section', 'actions', 'section', 'actions', 'context']);
    // Every paper listed links to code.
    for (const block of blocks.filter((b) => b.type === 'section').slice(1)) expect(block.text!.text).toMatch(/github\.com/u);
    expectWithinBlockKitLimits(reply);
  });

  it('the reading of a hostile topic pings no one and breaks no markup', async () => {
    const reply = await command('digest preview <!channel> @here *bold* <https://evil.test|x> with code --count 1');
    const reading = (reply.blocks as Array<{ type: string; elements?: Array<{ text: string }> }>)[1]!;
    expect(reading.type).toBe('context');
    expect(reading.elements![0]!.text).toMatch(/^topic: .+ · filters: with code/u);
    expectNothingPingable(reply);
    expectWithinBlockKitLimits(reply);
  });

  it('a 20-paper preview with a reading still fits 50 blocks', async () => {
    const reply = await command('digest preview with code --count 20');
    expect((reply.blocks as unknown[]).length).toBe(1 + 1 + 20 * 2 + 1);
    expectWithinBlockKitLimits(reply);
  });

  it('a 👍 pressed on the (ephemeral) preview is a vote in the channel it was shown in', async () => {
    await store.clearVotes('slack', CHANNEL);
    const reply = await command('digest preview --count 2');
    const votes = (reply.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((block) => block.type === 'actions')!;
    const up = votes.elements!.find((button) => button.action_id === 'paperbot_vote.up.1')!;
    const response = await slack.click({ actionId: up.action_id, value: up.value, channel: CHANNEL, ephemeral: true });
    expect(response.status).toBe(200);
    expect(await store.listVotes('slack', CHANNEL)).toMatchObject([{ paperId: up.value, vote: 1 }]);
    expect(JSON.stringify(slack.api.of('response_url')[0]!.body)).toContain('👍 Noted');
  });
});

describe('digest in a mention and in a DM', () => {
  it('a mention subscribes the channel it was posted in; the confirmation is ephemeral, in the thread', async () => {
    const event = mentionEvent('digest subscribe --time 06:30', { channel: CHANNEL });
    await slack.sendEvent(event);
    expect(await store.getSubscription('slack', CHANNEL)).toMatchObject({ time: '06:30' });
    const [reply] = slack.api.of('chat.postEphemeral');
    expect(reply!.body).toMatchObject({ channel: CHANNEL, thread_ts: event.ts, text: 'Subscribed to the daily paper digest' });
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('a DM subscribes the DM channel itself', async () => {
    await slack.sendEvent(dmEvent('digest subscribe --count 1', { channel: 'D0DIGEST01' }));
    expect(await store.getSubscription('slack', 'D0DIGEST01')).toMatchObject({ count: 1 });
    expect(slack.api.of('chat.postMessage')[0]!.body).toMatchObject({ channel: 'D0DIGEST01', text: 'Subscribed to the daily paper digest' });
  });
});

describe('/paper digest preview with hostile paper titles', () => {
  let hostile: HttpSlack;
  beforeAll(async () => {
    const papers = [
      fixturePaper('hostile', '<!channel> *Fast* _Diffusion_ & <@U999> @here', 'We speed up diffusion for <!everyone> & <#C1|general> readers.', { published: '2026-03-01' }),
      fixturePaper('plain', 'Faster Diffusion Sampling', 'We propose a faster diffusion sampler.', { published: '2026-02-01' }),
    ];
    hostile = await startHttpSlack(new Paperbot(PaperIndex.build(papers), { store: new MemoryStore(), clock: new ManualClock(NOW) }));
  });
  afterAll(async () => {
    await hostile?.close();
  });

  it('escapes titles and gists: nothing in the preview pings anyone or formats', async () => {
    await hostile.sendCommand('digest preview', { channel: CHANNEL });
    const [reply] = hostile.api.of('response_url').map((call) => call.body);
    expect(reply!.response_type).toBe('ephemeral');
    const blocks = reply!.blocks as Array<{ text?: { text: string } }>;
    expect(blocks[1]!.text!.text).toBe('*1.* &lt;!channel&gt; \u2217Fast\u2217 \u02cdDiffusion\u02cd &amp; &lt;@U999&gt; @\u2060here\nMar 1, 2026\nWe speed up diffusion for &lt;!everyone&gt; &amp; &lt;#C1|general&gt; readers.');
    expect(reply!.text).toBe('Paper digest — Mar 2, 2026: &lt;!channel&gt; \u2217Fast\u2217 \u02cdDiffusion\u02cd &amp; &lt;@U999&gt; @\u2060here; Faster Diffusion Sampling');
    expectNothingPingable(reply);
  });
});
