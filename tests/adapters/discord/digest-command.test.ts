import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import { registerCommands } from '../../../adapters/discord/register.js';
import { COLORS } from '../../../adapters/discord/render-embeds.js';
import { buildSlashCommandData, slashUsage } from '../../../adapters/discord/slash-command-data.js';
import { assertValidCommandData, commandDataProblems } from '../../../adapters/discord/validate-command-data.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { parseEnv } from '../../../src/config/env.js';
import { findCommand } from '../../../src/commands/registry.js';
import { silentLogger } from '../../../src/log/logger.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { ManualClock } from '../../../src/time/clock.js';
import { seedIndex } from '../../helpers/seed-index.js';
import { APP_ID, type RecordedRequest } from './fake-discord.js';
import { BOT_TOKEN, createHarness, recordingLogger, type Harness } from './harness.js';
import { ASKER, buttonClick, CHANNEL_ID, GUILD_ID, slashCommand } from './payloads.js';

/**
 * `/paper digest action:… [topic] [time] [tz] [count] [quiet]` driven through a real discord.js
 * Client (gateway payloads in, REST calls to a fake Discord on 127.0.0.1 out): the interaction
 * callback Discord would receive, and what the store holds for the interaction's channel.
 */

const EPHEMERAL = 64;
/** What discord.js adds to every interaction reply body. */
const REPLY_DEFAULTS = { tts: false, enforce_nonce: false };
const NO_MENTIONS = { parse: [] };
const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const PREVIEW_HINT = '"digest preview" shows what it would post now; "digest unsubscribe" stops it.';
const SLASH_USAGE = '/paper digest action:<subscribe|unsubscribe|preview|status|why|reset> [topic:<text>] [time:<text>] [tz:<text>] [count:<1-20>] [quiet:<true|false>]';

let store: MemoryStore;
let h: Harness;

beforeAll(async () => {
  const { index } = await seedIndex();
  store = new MemoryStore();
  h = await createHarness(new Paperbot(index, { store, clock: new ManualClock(NOW), logger: silentLogger }));
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  for (const s of await store.listSubscriptions()) await store.removeSubscription(s.platform, s.channel);
});

type DigestOption = string | number | boolean;

/** `/paper digest name:value …` as the gateway delivers it (booleans as type 5, integers as type 4). */
function digestCommand(options: Record<string, DigestOption>, where: { guild?: string | null; channel?: string } = {}) {
  const raw = slashCommand('digest', {}, ASKER, where);
  raw.data.options[0]!.options = Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
    value: value as string | number,
  }));
  return raw;
}

const callbackPath = (raw: { id: string; token: string }) => `/interactions/${raw.id}/${raw.token}/callback`;
const calls = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

/** Delivers the interaction; it must be answered at once (type 4), with one callback and nothing else. */
async function answer(options: Record<string, DigestOption>, where: { guild?: string | null; channel?: string } = {}) {
  const raw = digestCommand(options, where);
  const requests = await h.deliver(raw);
  expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
  expect(requests[0]!.body.type).toBe(4);
  return requests[0]!.body.data;
}

describe('/paper digest action:subscribe', () => {
  it('answers at once (type 4), ephemerally, with an embed confirming; mentions off', async () => {
    const data = await answer({ action: 'subscribe', time: '08:00', tz: 'Europe/Berlin', topic: 'diffusion', quiet: true });
    expect(data).toEqual({
      embeds: [
        {
          color: COLORS.result,
          title: 'Subscribed to the daily paper digest',
          description: `discord ${CHANNEL_ID} — daily at 08:00 Europe/Berlin, 5 papers, topic "diffusion", silent when nothing is new\n${PREVIEW_HINT}`,
        },
      ],
      components: [],
      allowed_mentions: NO_MENTIONS,
      flags: EPHEMERAL,
      ...REPLY_DEFAULTS,
    });
    expect(messageProblems(data)).toEqual([]);
  });

  it('stores the subscription for discord and the interaction\'s channel', async () => {
    await answer({ action: 'subscribe', time: '08:00', tz: 'Europe/Berlin', topic: 'diffusion', quiet: true, count: 3 });
    expect(await store.listSubscriptions()).toEqual([
      {
        platform: 'discord',
        channel: CHANNEL_ID,
        time: '08:00',
        timezone: 'Europe/Berlin',
        topic: 'diffusion',
        count: 3,
        quietWhenEmpty: true,
        updatedAt: new Date(NOW).toISOString(),
      },
    ]);
  });

  it('with action alone: the defaults; quiet:false is stored as false', async () => {
    await answer({ action: 'subscribe', quiet: false });
    expect(await store.getSubscription('discord', CHANNEL_ID)).toMatchObject({ time: '09:00', timezone: 'UTC', count: 5, quietWhenEmpty: false });
  });

  it('in a DM with the bot, subscribes the DM channel', async () => {
    await answer({ action: 'subscribe' }, { guild: null, channel: '1300000000000000099' });
    expect((await store.listSubscriptions()).map((s) => `${s.platform}:${s.channel}`)).toEqual(['discord:1300000000000000099']);
  });

  it('an invalid time zone is an ephemeral error with the slash-command usage; nothing stored', async () => {
    const data = await answer({ action: 'subscribe', tz: 'Mars/Olympus' });
    expect(data).toEqual({
      embeds: [{ color: COLORS.error, description: `tz must be an IANA time zone such as Europe/Berlin, not "Mars/Olympus"\nUsage: \`${SLASH_USAGE}\`` }],
      components: [],
      allowed_mentions: NO_MENTIONS,
      flags: EPHEMERAL,
      ...REPLY_DEFAULTS,
    });
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('an invalid time and count are reported together', async () => {
    const data = await answer({ action: 'subscribe', time: '8 am', count: 0 });
    expect(data.embeds[0].description).toMatch(/^time must be HH:MM \(24 h\), not "8 am"; count must be at least 1\n/);
    expect(data.flags).toBe(EPHEMERAL);
  });

  it('a topic with markdown and mentions is echoed escaped, and pings no one', async () => {
    const data = await answer({ action: 'subscribe', topic: '@everyone <@123> **bold** [x](https://evil.test)' });
    expect(data.embeds[0].description).toBe(
      `discord ${CHANNEL_ID} — daily at 09:00 UTC, 5 papers, topic "@\u200beveryone \\<@123> \\*\\*bold\\*\\* \\[x\\](https://evil.test)"\n${PREVIEW_HINT}`,
    );
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
  });
});

describe('/paper digest action:status|preview|unsubscribe', () => {
  it('status describes the subscription, ephemerally', async () => {
    await answer({ action: 'subscribe', time: '08:00', tz: 'Europe/Berlin', topic: 'diffusion' });
    const data = await answer({ action: 'status' });
    expect(data).toEqual({
      embeds: [{ color: COLORS.result, title: 'Daily paper digest', description: `discord ${CHANNEL_ID} — daily at 08:00 Europe/Berlin, 5 papers, topic "diffusion"\nNo digest posted yet.` }],
      components: [],
      allowed_mentions: NO_MENTIONS,
      flags: EPHEMERAL,
      ...REPLY_DEFAULTS,
    });
  });

  it('status without a subscription says so', async () => {
    const data = await answer({ action: 'status' });
    expect(data.embeds).toEqual([{ color: COLORS.result, title: 'No digest', description: 'This channel has no daily digest. "digest subscribe" starts one.' }]);
  });

  it('preview shows the digest embed to the asker only, within Discord\'s limits, and records nothing', async () => {
    await answer({ action: 'subscribe', topic: 'diffusion', count: 4 });
    const data = await answer({ action: 'preview' });
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    expect(data.embeds).toHaveLength(1);
    const [embed] = data.embeds;
    expect(embed.title).toBe('Paper digest — Mar 2, 2026 · diffusion');
    expect(embed.footer).toEqual({ text: '4 new papers' });
    expect(embed.description.split('\n\n').map((entry: string) => entry.slice(0, 7))).toEqual(['**1.** ', '**2.** ', '**3.** ', '**4.** ']);
    expect(messageProblems(data)).toEqual([]);
    expect(await store.listDigests('discord', CHANNEL_ID)).toEqual([]);
    expect(await store.postedPaperIds('discord', CHANNEL_ID)).toEqual(new Set());
  });

  it('with filters in the topic: subscribe says how it was read, and the preview\'s footer too', async () => {
    const subscribed = await answer({ action: 'subscribe', topic: 'diffusion with code' });
    expect(subscribed.embeds[0].description).toBe(`discord ${CHANNEL_ID} — daily at 09:00 UTC, 5 papers, topic "diffusion with code"\ntopic: diffusion · filters: with code\n${PREVIEW_HINT}`);
    const preview = await answer({ action: 'preview', count: 2 });
    expect(preview.embeds[0].title).toBe('Paper digest — Mar 2, 2026 · diffusion with code');
    expect(preview.embeds[0].footer).toEqual({ text: '2 new papers · topic: diffusion · filters: with code' });
    expect(preview.embeds[0].description).toMatch(/github\.com/u);
    expect(messageProblems(preview)).toEqual([]);
    // A topic that is only filter words is a topic like any other.
    await answer({ action: 'subscribe', topic: 'with code' });
    expect((await answer({ action: 'status' })).embeds[0].description).toBe(
      `discord ${CHANNEL_ID} — daily at 09:00 UTC, 5 papers, topic "with code"\nany topic · filters: with code · newest first\nNo digest posted yet.`,
    );
  });

  it('the reading of a hostile topic in the preview footer pings no one', async () => {
    const preview = await answer({ action: 'preview', topic: '@everyone <@123> with code', count: 1 });
    // No paper is about "@everyone <@123>": an empty preview, whose footer still says why.
    expect(preview.embeds[0]).toMatchObject({ description: 'Nothing new today.', footer: { text: 'topic: @\u200beveryone <\u200b@123> · filters: with code (no paper in the corpus passes them yet)' } });
    expect(preview.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('preview of 20 papers still fits one message', async () => {
    const data = await answer({ action: 'preview', count: 20 });
    expect(messageProblems(data)).toEqual([]);
    expect(data.embeds[0].footer.text).toMatch(/^(20 new papers|\d+ more did not fit)$/);
  });

  it('unsubscribe confirms and removes; a second time is an ephemeral error', async () => {
    await answer({ action: 'subscribe' });
    expect((await answer({ action: 'unsubscribe' })).embeds).toEqual([{ color: COLORS.result, title: 'Unsubscribed', description: 'This channel will get no more daily digests.' }]);
    expect(await store.listSubscriptions()).toEqual([]);
    const again = await answer({ action: 'unsubscribe' });
    expect(again).toMatchObject({ flags: EPHEMERAL, embeds: [{ color: COLORS.error, description: `This channel has no digest subscription.\nUsage: \`${SLASH_USAGE}\`` }] });
  });

  it('each channel has its own subscription', async () => {
    await answer({ action: 'subscribe', count: 1 }, { channel: '1300000000000000002' });
    await answer({ action: 'subscribe', count: 2 });
    await answer({ action: 'unsubscribe' }, { channel: '1300000000000000002' });
    expect((await store.listSubscriptions()).map((s) => [s.channel, s.count])).toEqual([[CHANNEL_ID, 2]]);
  });

  it('an action Discord would not offer (a stale client) is refused by the core', async () => {
    const data = await answer({ action: 'list' });
    expect(data).toMatchObject({ flags: EPHEMERAL, embeds: [{ description: expect.stringMatching(/^action must be one of subscribe, unsubscribe, preview, status, why, reset\n/) }] });
  });
});

describe('the registered /paper command', () => {
  const data = buildSlashCommandData();
  const digest = (data.options as unknown as Array<{ name: string; type: number; description: string; options: Array<Record<string, unknown>> }>).find((o) => o.name === 'digest')!;

  it('has a digest subcommand: action with its six choices first, then topic, time, tz, count and a Boolean quiet', () => {
    expect(digest).toEqual({
      type: 1,
      name: 'digest',
      description: 'Daily digest for this channel: subscribe, unsubscribe, preview, status, why (votes) or reset',
      options: [
        {
          type: 3,
          name: 'action',
          description: 'subscribe, unsubscribe, preview, status, why or reset',
          required: true,
          choices: ['subscribe', 'unsubscribe', 'preview', 'status', 'why', 'reset'].map((value) => ({ name: value, value })),
        },
        { type: 3, name: 'topic', description: 'Topic to rank by; filters in words too, e.g. "diffusion with code" (subscribe, preview)', required: false, max_length: 500 },
        { type: 3, name: 'time', description: 'Local time of day, HH:MM (default 09:00)', required: false, max_length: 5 },
        { type: 3, name: 'tz', description: 'IANA time zone, e.g. Europe/Berlin (default UTC)', required: false, max_length: 64 },
        { type: 4, name: 'count', description: 'Papers per digest (1-20, default 5)', required: false, min_value: 1, max_value: 20 },
        { type: 5, name: 'quiet', description: 'Post nothing on days with nothing new (default: a short note)', required: false },
      ],
    });
    expect(slashUsage(findCommand('digest')!)).toBe(SLASH_USAGE);
  });

  it('still fits every Discord limit with the digest subcommand in it', () => {
    expect(commandDataProblems(data)).toEqual([]);
    expect(() => assertValidCommandData(data)).not.toThrow();
  });

  it('is what npm run discord:register PUTs', async () => {
    const env = parseEnv({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: h.fake.apiUrl, DISCORD_CLIENT_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID });
    const before = h.fake.requests.length;
    await registerCommands(env, recordingLogger(), { rest: { offset: 0 } });
    const [put] = h.fake.requests.slice(before);
    expect(`${put!.method} ${put!.path}`).toBe(`PUT /applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put!.body[0].options.find((o: { name: string }) => o.name === 'digest')).toEqual(digest);
  });
});

describe('digest 👍/👎 buttons (Discord)', () => {
  beforeEach(async () => {
    await store.clearVotes('discord', CHANNEL_ID);
  });

  /** Clicks a vote button; it is answered at once, privately, with one callback. */
  async function vote(customId: string, user = ASKER) {
    const raw = buttonClick(customId, user);
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
    expect(requests[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    return JSON.stringify(requests[0]!.body.data);
  }

  it('records the clicker’s vote in the channel, one per user and paper (a second press changes it), from anyone', async () => {
    const paperId = [...(await seedIndex()).index.all()][0]!.id;
    expect(await vote(`pb:vote:up:${paperId}`)).toContain('👍 Noted');
    expect(await vote(`pb:vote:down:${paperId}`)).toContain('👎 Noted');
    await vote(`pb:vote:up:${paperId}`, '1100000000000000077');
    expect((await store.listVotes('discord', CHANNEL_ID)).map((v) => [v.user, v.vote])).toEqual([
      ['1100000000000000077', 1],
      [ASKER, -1],
    ]);
  });

  it('a preview carries the same 👍/👎 rows as a posted digest, though only the asker sees it', async () => {
    const data = await answer({ action: 'preview', count: 3 });
    expect(data.flags).toBe(EPHEMERAL);
    const buttons = data.components.flatMap((row: { type: number; components: Array<{ label: string; custom_id: string }> }) => {
      expect(row.type).toBe(1);
      return row.components;
    });
    expect(buttons.map((button: { label: string }) => button.label)).toEqual(['1 👍', '1 👎', '2 👍', '2 👎', '3 👍', '3 👎']);
    for (const button of buttons) expect(button.custom_id).toMatch(/^pb:vote:(up|down):.+$/u);
    expect(messageProblems(data)).toEqual([]);
  });

  it('a 👍 pressed on the (ephemeral) preview is a vote in the channel it was shown in', async () => {
    const data = await answer({ action: 'preview', count: 1 });
    const up = data.components[0].components[0].custom_id as string;
    const raw = buttonClick(up);
    raw.message.flags = EPHEMERAL;
    const requests = await h.deliver(raw);
    expect(JSON.stringify(requests[0]!.body.data)).toContain('👍 Noted');
    expect(await store.listVotes('discord', CHANNEL_ID)).toMatchObject([{ paperId: up.slice('pb:vote:up:'.length), user: ASKER, vote: 1 }]);
  });

  it('a custom_id naming no paper of the corpus stores nothing and says so privately', async () => {
    expect(await vote('pb:vote:up:no-such-paper')).toContain('names no paper of the corpus');
    expect(await store.listVotes('discord', CHANNEL_ID)).toEqual([]);
  });
});
