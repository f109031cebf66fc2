import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/commands/command.js';
import { Paperbot } from '../../src/app/paperbot.js';
import { runDueDigests } from '../../src/digest/run-digests.js';
import { castVote } from '../../src/digest/votes.js';
import { ErrorCode } from '../../src/errors.js';
import { renderText } from '../../src/render/text.js';
import { silentLogger } from '../../src/log/logger.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { PaperbotStore } from '../../src/store/store.js';
import { ManualClock } from '../../src/time/clock.js';
import { FakePoster } from '../digest/fake-poster.js';
import { expectKind } from '../helpers/results.js';
import { seedIndex } from '../helpers/seed-index.js';

/**
 * The `digest` chat command through the core's front door (`Paperbot.runText` / `run`), against
 * the seed corpus, an in-memory store and a clock moved by hand: what each action answers, and
 * exactly what it leaves in the store.
 */

const SLACK: Conversation = { platform: 'slack', channel: 'C0DIGEST01' };
const DISCORD: Conversation = { platform: 'discord', channel: '1300000000000000001' };
/** Monday 2 March 2026, 10:00 UTC (11:00 in Berlin, 19:00 in Tokyo). */
const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
const USAGE = 'Usage: digest subscribe|unsubscribe|preview|status|why|reset [TOPIC] [--time HH:MM] [--tz ZONE] [--count N] [--quiet]';
const PREVIEW_HINT = '"digest preview" shows what it would post now; "digest unsubscribe" stops it.';

let index: PaperIndex;
let store: MemoryStore;
let clock: ManualClock;
let bot: Paperbot;

beforeAll(async () => {
  ({ index } = await seedIndex());
});
beforeEach(() => {
  store = new MemoryStore();
  clock = new ManualClock(NOW);
  bot = new Paperbot(index, { store, clock, logger: silentLogger });
});

/** A line of chat in a channel (each test's own session). */
const say = (text: string, where: Conversation | null = SLACK) => bot.runText(text, `test:${where?.channel ?? 'none'}`, where ?? undefined);

/** Everything a store holds for the channels used here: to show that a command changed nothing. */
async function snapshot(s: PaperbotStore) {
  const channels = [SLACK, DISCORD];
  return {
    subscriptions: await s.listSubscriptions(),
    digests: await Promise.all(channels.map((c) => s.listDigests(c.platform, c.channel))),
    posted: await Promise.all(channels.map(async (c) => [...(await s.postedPaperIds(c.platform, c.channel))].sort())),
  };
}

/** Runs the scheduled digests at `at` with a fake poster per platform; returns the posters. */
async function runDigestsAt(at: number, slack = new FakePoster('slack'), discord = new FakePoster('discord')) {
  const report = await runDueDigests({ store, index, posters: { slack, discord }, now: at, logger: silentLogger });
  return { report, slack, discord };
}

describe('digest subscribe', () => {
  it('with no options: daily at 09:00 UTC, 5 papers, a note on empty days; stored for this platform and channel', async () => {
    expect(await say('digest subscribe')).toEqual({
      kind: 'notice',
      title: 'Subscribed to the daily paper digest',
      lines: ['slack C0DIGEST01 — daily at 09:00 UTC, 5 papers', PREVIEW_HINT],
    });
    expect(await store.listSubscriptions()).toEqual([
      { platform: 'slack', channel: 'C0DIGEST01', time: '09:00', timezone: 'UTC', count: 5, quietWhenEmpty: false, updatedAt: NOW_ISO },
    ]);
    expect(await store.getSubscription('discord', 'C0DIGEST01')).toBeUndefined();
  });

  it('reads the topic and every option from the text ("7:30" is padded to 07:30)', async () => {
    const result = await say('digest subscribe video generation --time 7:30 --tz Europe/Berlin --count 3 --quiet');
    expect(result).toEqual({
      kind: 'notice',
      title: 'Subscribed to the daily paper digest',
      lines: ['slack C0DIGEST01 — daily at 07:30 Europe/Berlin, 3 papers, topic "video generation", silent when nothing is new', PREVIEW_HINT],
    });
    expect(await store.getSubscription('slack', 'C0DIGEST01')).toEqual({
      platform: 'slack',
      channel: 'C0DIGEST01',
      time: '07:30',
      timezone: 'Europe/Berlin',
      topic: 'video generation',
      count: 3,
      quietWhenEmpty: true,
      updatedAt: NOW_ISO,
    });
  });

  it('accepts --name=value, a capitalised action, and options before the topic', async () => {
    expectKind(await say('digest Subscribe --time=18:45 --count=1 diffusion sampling'), 'notice');
    expect(await store.getSubscription('slack', 'C0DIGEST01')).toMatchObject({ time: '18:45', count: 1, topic: 'diffusion sampling', timezone: 'UTC' });
  });

  it('replaces the channel\'s earlier subscription (one per channel), and keeps platforms and channels apart', async () => {
    await say('digest subscribe diffusion --time 08:00');
    clock.advance(60_000);
    await say('digest subscribe --count 2');
    await say('digest subscribe robots', DISCORD);
    expect(await store.listSubscriptions()).toEqual([
      { platform: 'discord', channel: '1300000000000000001', time: '09:00', timezone: 'UTC', topic: 'robots', count: 5, quietWhenEmpty: false, updatedAt: new Date(NOW + 60_000).toISOString() },
      { platform: 'slack', channel: 'C0DIGEST01', time: '09:00', timezone: 'UTC', count: 2, quietWhenEmpty: false, updatedAt: new Date(NOW + 60_000).toISOString() },
    ]);
  });

  it('refuses an invalid time, time zone and count with one error naming each problem, and stores nothing', async () => {
    expect(await say('digest subscribe --time 25:00 --tz Mars/Olympus --count 0')).toEqual({
      kind: 'error',
      code: ErrorCode.InvalidOption,
      message: 'time must be HH:MM (24 h), not "25:00"; tz must be an IANA time zone such as Europe/Berlin, not "Mars/Olympus"; count must be at least 1',
      hint: USAGE,
    });
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it.each([
    ['--time 9am', 'time must be HH:MM (24 h), not "9am"'],
    ['--time 12:60', 'time must be HH:MM (24 h), not "12:60"'],
    ['--tz Berlin/Europe', 'tz must be an IANA time zone such as Europe/Berlin, not "Berlin/Europe"'],
    ['--count 21', 'count must be at most 20'],
    ['--count 2.5', 'count must be a whole number'],
    ['--tz', 'Option --tz needs a value'],
    ['--every monday', 'Unknown option --every (options: --time, --tz, --count, --topic, --quiet)'],
    [`${'x'.repeat(501)}`, 'topic must be at most 500 characters'],
  ])('refuses "digest subscribe %s"', async (args, message) => {
    expect(await say(`digest subscribe ${args}`)).toEqual({ kind: 'error', code: ErrorCode.InvalidOption, message, hint: USAGE });
    expect(await store.listSubscriptions()).toEqual([]);
  });

  // BUG (src/commands/digest.ts, schema `count: z.coerce.number().optional()`): a count that is
  // not a number is rejected by the command schema before the subscription is validated, with
  // zod's default wording, and the other problems are not reported at all. Actual message:
  // 'count: Invalid input: expected number, received NaN'.
  it('a count that is not a number is reported in words, together with the other problems', async () => {
    const result = expectKind(await say('digest subscribe --time 25:00 --count many'), 'error');
    expect(result.message).toBe('time must be HH:MM (24 h), not "25:00"; count must be a whole number');
  });

  it('refuses a channel id that is not one of the platform\'s', async () => {
    const result = await say('digest subscribe', { platform: 'slack', channel: 'general' });
    expect(result).toEqual({ kind: 'error', code: ErrorCode.InvalidOption, message: 'channel "general" is not a slack channel id', hint: USAGE });
    expect(await store.listSubscriptions()).toEqual([]);
  });
});

describe('where the digest command can run', () => {
  it.each(['subscribe', 'unsubscribe', 'preview', 'status'])('"digest %s" without a store says the database is needed', async (action) => {
    const bare = new Paperbot(index, { clock });
    expect(await bare.runText(`digest ${action}`, 'k', SLACK)).toEqual({
      kind: 'error',
      code: ErrorCode.InvalidOption,
      message: 'Digests need the database, and this instance runs without one.',
      hint: USAGE,
    });
  });

  it.each(['subscribe', 'unsubscribe', 'preview', 'status'])('"digest %s" outside a channel names the CLI command instead', async (action) => {
    expect(await say(`digest ${action}`, null)).toEqual({
      kind: 'error',
      code: ErrorCode.InvalidOption,
      message: 'Digests are per channel: use this command in a Slack or Discord channel (from a terminal: paperbot digest subscribe --platform … --channel …).',
      hint: USAGE,
    });
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('"digest of papers on diffusion" (no action word) is a question, and touches no subscription', async () => {
    const { answer } = expectKind(await say('digest of papers on diffusion'), 'answer');
    expect(answer.question).toBe('digest of papers on diffusion');
    expect(answer.keywords).toContain('diffusion');
    expect(await store.listSubscriptions()).toEqual([]);
  });
});

describe('digest unsubscribe', () => {
  it('removes only this channel\'s subscription; a second time is an error', async () => {
    await say('digest subscribe');
    await say('digest subscribe', DISCORD);
    expect(await say('digest unsubscribe')).toEqual({ kind: 'notice', title: 'Unsubscribed', lines: ['This channel will get no more daily digests.'] });
    expect((await store.listSubscriptions()).map((s) => `${s.platform}:${s.channel}`)).toEqual(['discord:1300000000000000001']);
    expect(await say('digest unsubscribe')).toEqual({ kind: 'error', code: ErrorCode.InvalidOption, message: 'This channel has no digest subscription.', hint: USAGE });
  });

  it('after unsubscribing, no digest is posted', async () => {
    await say('digest subscribe --time 09:00');
    await say('digest unsubscribe');
    const { report, slack } = await runDigestsAt(Date.parse('2026-03-03T09:00:00Z'));
    expect(report).toEqual({ sent: [], failed: [], skipped: [] });
    expect(slack.attempts).toEqual([]);
  });
});

describe('digest status', () => {
  it('without a subscription says how to start one', async () => {
    expect(await say('digest status')).toEqual({ kind: 'notice', title: 'No digest', lines: ['This channel has no daily digest. "digest subscribe" starts one.'] });
  });

  it('describes the subscription, then lists the digests posted, newest first', async () => {
    await say('digest subscribe diffusion --time 09:00 --tz Europe/Berlin --count 3');
    expect(await say('digest status')).toEqual({
      kind: 'notice',
      title: 'Daily paper digest',
      lines: ['slack C0DIGEST01 — daily at 09:00 Europe/Berlin, 3 papers, topic "diffusion"', 'No digest posted yet.'],
    });

    // 09:00 in Berlin on 3 March is 08:00Z; the next day's post fails.
    const first = await runDigestsAt(Date.parse('2026-03-03T08:00:00Z'));
    expect(first.report.sent).toEqual(['slack:C0DIGEST01:2026-03-03']);
    await runDigestsAt(Date.parse('2026-03-04T08:00:00Z'), new FakePoster('slack', ['fail']));

    expect(await say('digest status')).toEqual({
      kind: 'notice',
      title: 'Daily paper digest',
      lines: ['slack C0DIGEST01 — daily at 09:00 Europe/Berlin, 3 papers, topic "diffusion"', '2026-03-04: failed (attempt 1)', '2026-03-03: sent (3 papers)'],
    });
  });

  it('shows at most the three latest digests', async () => {
    await say('digest subscribe --count 2');
    for (const day of ['01', '02', '03', '04']) await runDigestsAt(Date.parse(`2026-04-${day}T09:00:00Z`));
    const status = expectKind(await say('digest status'), 'notice');
    expect(status.lines.slice(1)).toEqual(['2026-04-04: sent (2 papers)', '2026-04-03: sent (2 papers)', '2026-04-02: sent (2 papers)']);
  });

  // BUG (cosmetic, src/commands/digest.ts, status case): the paper count is always plural, while
  // describeSubscription says "1 paper". Actual line: '2026-04-01: sent (1 papers)'.
  it('says "1 paper" for a one-paper digest', async () => {
    await say('digest subscribe --count 1');
    await runDigestsAt(Date.parse('2026-04-01T09:00:00Z'));
    expect(expectKind(await say('digest status'), 'notice').lines).toEqual(['slack C0DIGEST01 — daily at 09:00 UTC, 1 paper', '2026-04-01: sent (1 paper)']);
  });

  it('changes nothing in the store', async () => {
    await say('digest subscribe --count 2');
    await runDigestsAt(Date.parse('2026-03-02T09:00:00Z'));
    const before = await snapshot(store);
    await say('digest status');
    expect(await snapshot(store)).toEqual(before);
  });
});

describe('digest why and digest reset (what the digest learnt from votes)', () => {
  /** Every paper mentioning video liked by two members, the rest of the first 40 newest disliked. */
  async function voteOnVideo(where: Conversation = SLACK) {
    const papers = [...index.all()].slice(0, 40);
    for (const paper of papers) {
      const liked = /\bvideo/i.test(`${paper.title} ${paper.abstract}`);
      for (const user of ['U1', 'U2']) await castVote(store, { ...where, user, paperId: paper.id, vote: liked ? 'up' : 'down', now: NOW });
    }
    return papers;
  }

  it('without votes says nothing was learnt and how to vote', async () => {
    expect(await say('digest why')).toEqual({
      kind: 'notice',
      title: 'Nothing learnt yet',
      lines: ['No votes in this channel: digests follow the topic and the newest papers. Vote 👍 or 👎 on a digest’s papers to steer the next ones.'],
    });
  });

  it('names the liked papers’ strongest terms as words (not stems), and the disliked ones’', async () => {
    const papers = await voteOnVideo();
    const liked = papers.filter((paper) => /\bvideo/i.test(`${paper.title} ${paper.abstract}`)).length;
    const why = expectKind(await say('digest why'), 'notice');
    expect(why.title).toBe('What this channel’s digest has learnt');
    expect(why.lines[0]).toBe(`From the votes on ${liked} paper${liked === 1 ? '' : 's'} liked and ${40 - liked} papers disliked.`);
    const more = why.lines.find((line) => line.startsWith('More of: '))!;
    expect(more.slice('More of: '.length).split(', ')).toContain('video');
    expect(why.lines.find((line) => line.startsWith('Less of: '))).toBeDefined();
    expect(why.lines.at(-1)).toBe('"digest reset" forgets the votes.');
    // Words as written, e.g. no stem like "diffus" or "generat".
    for (const word of more.slice('More of: '.length).split(', ')) expect(`${papers.map((p) => `${p.title} ${p.abstract}`).join(' ')}`.toLowerCase()).toContain(word);
  });

  it('votes steer the preview; reset forgets this channel’s votes only, and the preview is the plain one again', async () => {
    await say('digest subscribe --count 5');
    const plain = expectKind(await say('digest preview'), 'digest').digest.items.map((item) => item.id);
    await voteOnVideo();
    await voteOnVideo(DISCORD);
    const steered = expectKind(await say('digest preview'), 'digest').digest.items;
    expect(steered.map((item) => item.id)).not.toEqual(plain);
    const videoShare = (ids: string[]) => ids.filter((id) => /\bvideo/i.test(`${index.require(id).title} ${index.require(id).abstract}`)).length;
    expect(videoShare(steered.map((item) => item.id))).toBeGreaterThan(videoShare(plain));

    const votes = (await store.listVotes('slack', SLACK.channel)).length;
    expect(await say('digest reset')).toEqual({
      kind: 'notice',
      title: 'Votes forgotten',
      lines: [`Forgot ${votes} votes: the next digests follow the topic and the newest papers again (papers already sent are still never sent again).`],
    });
    expect(await store.listVotes('slack', SLACK.channel)).toEqual([]);
    expect((await store.listVotes('discord', DISCORD.channel)).length).toBe(votes);
    expect(expectKind(await say('digest preview'), 'digest').digest.items.map((item) => item.id)).toEqual(plain);
    expect(expectKind(await say('digest reset'), 'notice').lines).toEqual(['This channel had no votes; digests follow the topic and the newest papers.']);
  });
});

describe('digest preview', () => {
  it('shows the digest the channel would get now: its topic, count and local date, the same papers the schedule posts', async () => {
    await say('digest subscribe video generation --tz Asia/Tokyo --count 3 --time 23:00');
    clock.set(Date.parse('2026-03-02T20:30:00Z')); // 05:30 on 3 March in Tokyo
    const { digest } = expectKind(await say('digest preview'), 'digest');
    expect(digest).toMatchObject({ platform: 'slack', channel: 'C0DIGEST01', localDate: '2026-03-03', topic: 'video generation' });
    expect(digest.items.map((item) => item.n)).toEqual([1, 2, 3]);
    for (const item of digest.items) {
      expect(index.get(item.id)?.title).toBe(item.title);
      expect(item.gist.length).toBeGreaterThan(0);
      expect(`${item.title} ${index.require(item.id).abstract}`.toLowerCase()).toMatch(/video/);
    }

    const { slack } = await runDigestsAt(Date.parse('2026-03-03T14:00:00Z')); // 23:00 in Tokyo
    expect(slack.attempts.map((a) => a.digest.items.map((item) => item.id))).toEqual([digest.items.map((item) => item.id)]);
  });

  it('a topic typed with preview overrides the subscription\'s; without a subscription: 5 papers, UTC date', async () => {
    const { digest } = expectKind(await say('digest preview'), 'digest');
    expect(digest).toEqual({ platform: 'slack', channel: 'C0DIGEST01', localDate: '2026-03-02', items: expect.any(Array) });
    expect(digest.items).toHaveLength(5);

    await say('digest subscribe robot manipulation --count 2');
    const typed = expectKind(await say('digest preview video generation'), 'digest').digest;
    expect(typed.topic).toBe('video generation');
    expect(typed.items).toHaveLength(2);
    const subscribed = expectKind(await say('digest preview'), 'digest').digest;
    expect(subscribed.topic).toBe('robot manipulation');
    expect(typed.items.map((i) => i.id)).not.toEqual(subscribed.items.map((i) => i.id));
  });

  it('leaves out papers already posted to this channel (but not those posted elsewhere)', async () => {
    await say('digest subscribe --count 3');
    const before = expectKind(await say('digest preview'), 'digest').digest.items.map((item) => item.id);
    const { slack } = await runDigestsAt(Date.parse('2026-03-02T09:00:00Z'));
    const posted = slack.attempts[0]!.digest.items.map((item) => item.id);
    expect(posted).toEqual(before);

    const after = expectKind(await say('digest preview'), 'digest').digest.items.map((item) => item.id);
    expect(after).toHaveLength(3);
    expect(after.filter((id) => posted.includes(id))).toEqual([]);
    // Another channel has seen nothing yet.
    expect(expectKind(await say('digest preview --count 3', DISCORD), 'digest').digest.items.map((i) => i.id)).toEqual(before);
  });

  it('never records anything: no digest, no posted papers, no subscription change', async () => {
    await say('digest subscribe diffusion --count 4');
    const before = await snapshot(store);
    await say('digest preview');
    await say('digest preview video --count 20');
    await say('digest preview', DISCORD);
    expect(await snapshot(store)).toEqual(before);
    // And the schedule still posts the first digest afterwards.
    expect((await runDigestsAt(Date.parse('2026-03-02T09:00:00Z'))).report.sent).toEqual(['slack:C0DIGEST01:2026-03-02']);
  });

  it('refuses a count outside 1-20', async () => {
    for (const count of ['0', '21']) {
      expect(await say(`digest preview --count ${count}`)).toEqual({
        kind: 'error',
        code: ErrorCode.InvalidOption,
        message: 'count must be a whole number from 1 to 20',
        hint: USAGE,
      });
    }
  });
});

describe('structured input (Discord options, CLI flags): Paperbot.run', () => {
  it('subscribes with typed options, a boolean quiet and an integer count', async () => {
    const result = await bot.run('digest', { action: 'subscribe', topic: 'diffusion', time: '06:05', tz: 'America/New_York', count: 7, quiet: true }, 'k', DISCORD);
    expect(result).toEqual({
      kind: 'notice',
      title: 'Subscribed to the daily paper digest',
      lines: ['discord 1300000000000000001 — daily at 06:05 America/New_York, 7 papers, topic "diffusion", silent when nothing is new', PREVIEW_HINT],
    });
    expect(await store.getSubscription('discord', '1300000000000000001')).toEqual({
      platform: 'discord',
      channel: '1300000000000000001',
      time: '06:05',
      timezone: 'America/New_York',
      topic: 'diffusion',
      count: 7,
      quietWhenEmpty: true,
      updatedAt: NOW_ISO,
    });
  });

  it('accepts "true"/"false" for quiet and a numeric string for count', async () => {
    await bot.run('digest', { action: 'subscribe', quiet: 'false', count: '2' }, 'k', SLACK);
    expect(await store.getSubscription('slack', 'C0DIGEST01')).toMatchObject({ quietWhenEmpty: false, count: 2 });
  });

  it('an empty topic is no topic', async () => {
    await bot.run('digest', { action: 'subscribe', topic: '   ' }, 'k', SLACK);
    expect(await store.getSubscription('slack', 'C0DIGEST01')).not.toHaveProperty('topic');
  });

  it('refuses an unknown or missing action, and lists each bad option', async () => {
    for (const input of [{ action: 'list' }, {}]) {
      expect(await bot.run('digest', input, 'k', SLACK)).toEqual({
        kind: 'error',
        code: ErrorCode.InvalidOption,
        message: 'action must be one of subscribe, unsubscribe, preview, status, why, reset',
        hint: USAGE,
      });
    }
    const bad = expectKind(await bot.run('digest', { action: 'subscribe', time: 'noon', tz: 'Nowhere', count: 3.5 }, 'k', SLACK), 'error');
    expect(bad.message).toBe('time must be HH:MM (24 h), not "noon"; tz must be an IANA time zone such as Europe/Berlin, not "Nowhere"; count must be a whole number');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('runs status, preview and unsubscribe like the text forms', async () => {
    await bot.run('digest', { action: 'subscribe', count: 2 }, 'k', SLACK);
    expect(expectKind(await bot.run('digest', { action: 'status' }, 'k', SLACK), 'notice').lines[0]).toBe('slack C0DIGEST01 — daily at 09:00 UTC, 2 papers');
    expect(expectKind(await bot.run('digest', { action: 'preview' }, 'k', SLACK), 'digest').digest.items).toHaveLength(2);
    expectKind(await bot.run('digest', { action: 'unsubscribe' }, 'k', SLACK), 'notice');
    expect(await store.listSubscriptions()).toEqual([]);
  });
});

describe('digest topics with filters in plain words', () => {
  const hasCode = (id: string) => index.require(id).links.some((link) => link.kind === 'github');

  it('subscribe accepts a topic that is only filter words, and says how every topic was read', async () => {
    for (const [topic, reading] of [
      ['diffusion with code', 'topic: diffusion · filters: with code'],
      ['with code', 'any topic · filters: with code · newest first'],
      ['not video', 'any topic · filters: not "video" · newest first'],
      ['most upvoted', expect.stringMatching(/^any topic · filters: most upvoted first \(upvotes known for \d+ of 231 papers\)$/u)],
      ['video since 2024', expect.stringMatching(/^topic: video · filters: since 2024-01-01 \(dates known for \d+ of \d+ papers; \d+ match\)$/u)],
    ] as const) {
      const result = expectKind(await say(`digest subscribe ${topic}`), 'notice');
      expect(result.lines).toEqual([`slack C0DIGEST01 — daily at 09:00 UTC, 5 papers, topic "${topic}"`, reading, PREVIEW_HINT]);
      expect(await store.getSubscription('slack', 'C0DIGEST01')).toMatchObject({ topic });
    }
  });

  it('status shows the reading; a plain topic shows none', async () => {
    await say('digest subscribe diffusion with code --count 3');
    expect(expectKind(await say('digest status'), 'notice').lines).toEqual([
      'slack C0DIGEST01 — daily at 09:00 UTC, 3 papers, topic "diffusion with code"',
      'topic: diffusion · filters: with code',
      'No digest posted yet.',
    ]);
    await say('digest subscribe diffusion sampling');
    expect(expectKind(await say('digest status'), 'notice').lines).toHaveLength(2);
  });

  it('preview: "with code" alone lists the newest papers with code; the reading is in the result and in the text', async () => {
    await say('digest subscribe with code --count 4');
    const { digest } = expectKind(await say('digest preview'), 'digest');
    expect(digest.reading).toEqual({ words: '', filters: ['with code'], notes: [], matching: expect.any(Number) });
    const ids = digest.items.map((item) => item.id);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(hasCode(id)).toBe(true);
    const dates = ids.map((id) => index.require(id).published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(renderText({ kind: 'digest', digest }).split('\n').slice(0, 2)).toEqual(['Paper digest — Mar 2, 2026 · with code', 'any topic · filters: with code · newest first']);
  });

  it('"diffusion with code": papers about diffusion with code only; the schedule posts the same, and never one twice', async () => {
    await say('digest subscribe diffusion with code --count 3');
    const preview = expectKind(await say('digest preview'), 'digest').digest.items.map((item) => item.id);
    expect(preview).toHaveLength(3);
    for (const id of preview) {
      expect(hasCode(id)).toBe(true);
      expect(`${index.require(id).title} ${index.require(id).abstract}`).toMatch(/diffusion/iu);
    }
    const { slack } = await runDigestsAt(Date.parse('2026-03-03T09:00:00Z'));
    await runDigestsAt(Date.parse('2026-03-04T09:00:00Z'), slack);
    const sent = slack.attempts.flatMap((attempt) => attempt.digest.items.map((item) => item.id));
    expect(sent.slice(0, 3)).toEqual(preview);
    expect(new Set(sent).size).toBe(sent.length);
    for (const id of sent) expect(hasCode(id)).toBe(true);
  });
});
