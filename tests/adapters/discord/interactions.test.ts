import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import { NOTICES } from '../../../adapters/discord/interaction-handler.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import type { Answer } from '../../../src/answer/answer-types.js';
import { ManualClock } from '../../../src/time/clock.js';
import { expectKind, flat } from '../../helpers/results.js';
import { APP_ID, type RecordedRequest } from './fake-discord.js';
import { BOT_TOKEN, createHarness, type Harness } from './harness.js';
import { ASKER, autocomplete, buttonClick, CHANNEL_ID, GUILD_ID, OTHER_USER, slashCommand } from './payloads.js';

/**
 * The Discord adapter driven end to end through a real discord.js Client: gateway interaction
 * payloads in, the exact REST calls Discord would receive out (to a fake Discord on 127.0.0.1).
 */

const QUESTION = 'which papers speed up diffusion sampling?';
const NO_MENTIONS = { parse: [] };
const EPHEMERAL = 64;

let bot: Paperbot;
let h: Harness;
const clock = new ManualClock(Date.UTC(2024, 5, 23));

beforeAll(async () => {
  bot = await Paperbot.load(defaultCorpusPath());
  h = await createHarness(bot, { clock });
});

afterAll(async () => {
  await h?.close();
});

const callbackPath = (raw: { id: string; token: string }) => `/interactions/${raw.id}/${raw.token}/callback`;
const originalPath = (raw: { token: string }) => `/webhooks/${APP_ID}/${raw.token}/messages/@original`;
const followUpPath = (raw: { token: string }) => `/webhooks/${APP_ID}/${raw.token}`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The request list as `METHOD path` lines, for asserting the exact sequence of calls. */
const calls = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

/** The core's answer to QUESTION, which every front-end renders (asked in a session of its own). */
async function expectedAnswer(): Promise<Answer> {
  return expectKind(await bot.runText(QUESTION, 'expected'), 'answer').answer;
}

/** Discord markdown as it reads: bold markers and the backslashes before escaped punctuation dropped. */
const readable = (markdown: string): string => markdown.replaceAll('**', '').replace(/\\([^\w\s])/g, '$1');

/** Buttons of a message body, by label. */
function buttons(body: any): Record<string, string> {
  return Object.fromEntries((body.components ?? []).flatMap((row: any) => row.components.map((b: any) => [b.label, b.custom_id])));
}

describe('/paper ask', () => {
  it('defers (type 5), then edits the original with the cited answer, its sources and its buttons', async () => {
    const raw = slashCommand('ask', { question: QUESTION });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `PATCH ${originalPath(raw)}`]);
    expect(requests[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(requests[0]!.query).toBe('?with_response=false');
    const edit = requests[1]!.body;
    expect(edit.allowed_mentions).toEqual(NO_MENTIONS);
    expect(edit.content).toBeUndefined();
    expect(edit.flags).toBeUndefined();
    expect(edit.embeds).toHaveLength(1);
    const [embed] = edit.embeds;
    expect(embed.title).toBe(QUESTION);
    const expected = await expectedAnswer();
    const [quotes, sourceList] = embed.description.split('\n\n**Sources**\n') as [string, string];
    // The quotes in the answer's order, each with its [n] markers; the best sentence first, from source [1].
    expect(expected.sentences[0]!.sources).toEqual([1]);
    expect(readable(quotes)).toBe(expected.sentences.map((s) => `${s.text} ${s.sources.map((n) => `[${n}]`).join('')}`).join(' '));
    // The question's words are bold in the quotes (`**…**`).
    const highlighted = expected.sentences.find((s) => s.highlights.length > 0)!;
    const [start, end] = highlighted.highlights[0]!;
    expect(quotes).toContain(`**${highlighted.text.slice(start, end)}**`);
    // The sources in citation order, each with the words found in it.
    const sourceLines = readable(sourceList).split('\n');
    expect(sourceLines.filter((line) => !line.startsWith('matched: '))).toEqual(expected.sources.map((source) => expect.stringMatching(new RegExp(`^\\[${source.n}\\] \\[?${escapeRegExp(source.title)}`))));
    expect(sourceLines.filter((line) => line.startsWith('matched: '))).toEqual(expected.sources.filter((source) => source.matched.length > 0).map((source) => `matched: ${source.matched.join(', ')}`));
    expect(embed.footer).toEqual({ text: 'matched: speed, diffusion sampling' });
    // "More results", then one Similar button per source (at most four fit beside it).
    expect(edit.components).toHaveLength(1);
    const labels = buttons(edit);
    const similar = expected.sources.slice(0, 4);
    expect(Object.keys(labels)).toEqual(['More results', ...similar.map((source) => `Similar to [${source.n}]`)]);
    expect(labels['More results']).toMatch(new RegExp(`^pb:page:${ASKER}:[A-Za-z0-9_-]{8}$`));
    for (const source of similar) expect(labels[`Similar to [${source.n}]`]).toBe(`pb:sim:${ASKER}:${source.id}`);
    expect(messageProblems(edit)).toEqual([]);
  });

  it('acknowledges before the core starts ranking (the defer path)', async () => {
    const raw = slashCommand('ask', { question: 'label smoothing' });
    const before = h.fake.requests.length;
    let seenWhenRunning: RecordedRequest[] = [];
    const run = bot.run.bind(bot);
    bot.run = (command, input, key) => {
      seenWhenRunning = h.fake.requests.slice(before);
      return run(command, input, key);
    };
    try {
      await h.deliver(raw);
    } finally {
      bot.run = run;
    }
    expect(calls(seenWhenRunning)).toEqual([`POST ${callbackPath(raw)}`]);
    expect(seenWhenRunning[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
  });

  it('answers a question about nothing in the corpus publicly, without buttons', async () => {
    const requests = await h.deliver(slashCommand('ask', { question: 'zebra migration patterns in Kenya' }));
    const edit = requests.find((r) => r.method === 'PATCH')!.body;
    expect(edit.embeds[0].description.length).toBeGreaterThan(0);
    expect(edit.components).toEqual([]);
  });

  it('rejects a blank or over-long question with an ephemeral follow-up, deleting the placeholder', async () => {
    const raw = slashCommand('ask', { question: '   ' });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `POST ${followUpPath(raw)}`, `DELETE ${originalPath(raw)}`]);
    const followUp = requests[1]!.body;
    expect(followUp.flags).toBe(EPHEMERAL);
    expect(followUp.allowed_mentions).toEqual(NO_MENTIONS);
    expect(followUp.embeds[0].description).toBe('question is empty\nUsage: `/paper ask question:<text>`');
    expect(followUp.components).toEqual([]);

    const long = await h.deliver(slashCommand('ask', { question: 'why '.repeat(150) }));
    expect(long[1]!.body.embeds[0].description).toContain('question is longer than 500 characters');
    expect(long[1]!.body.flags).toBe(EPHEMERAL);
  });
});

describe('/paper search', () => {
  it('lists papers with ids and snippets, and "More results" opens the next page as a new message', async () => {
    const raw = slashCommand('search', { query: 'diffusion sampling', limit: 3 }, ASKER, { channel: '1300000000000000002' });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `PATCH ${originalPath(raw)}`]);
    const edit = requests[1]!.body;
    expect(edit.embeds[0].title).toBe('Papers for "diffusion sampling"');
    expect(edit.embeds[0].description).toMatch(/^\*\*\[1\]\*\* .+\n.*`[a-z0-9-]+`\n.+\n\n\*\*\[2\]\*\* /);
    expect(edit.embeds[0].footer.text).toMatch(/^1-3 of \d+ · matched: diffusion sampling$/);
    expect(Object.keys(buttons(edit))).toEqual(['More results']);

    const click = buttonClick(buttons(edit)['More results']!);
    click.channel_id = '1300000000000000002';
    const next = await h.deliver(click);
    expect(calls(next)).toEqual([`POST ${callbackPath(click)}`, `PATCH ${originalPath(click)}`]);
    expect(next[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(next[1]!.body.embeds[0].description).toMatch(/^\*\*\[4\]\*\* /);
    expect(next[1]!.body.embeds[0].footer.text).toMatch(/^4-6 of \d+/);
    expect(next[1]!.body.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('keeps 50 results within every message limit', async () => {
    const requests = await h.deliver(slashCommand('search', { query: 'diffusion', limit: 50 }));
    const edit = requests.find((r) => r.method === 'PATCH')!.body;
    expect(messageProblems(edit)).toEqual([]);
    const total = edit.embeds.reduce((sum: number, e: any) => sum + (e.title?.length ?? 0) + e.description.length + (e.footer?.text.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(edit.embeds.at(-1).footer.text).toMatch(/^1-50 of \d+ · matched: diffusion$/);
  });
});

describe('private:true (Discord replies are public by default)', () => {
  it('/paper ask private:true defers ephemerally (flags 64) and edits that reply: only the caller sees the answer', async () => {
    const raw = slashCommand('ask', { question: QUESTION, private: true });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `PATCH ${originalPath(raw)}`]);
    expect(requests[0]!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(requests[1]!.body.embeds[0].title).toBe(QUESTION);
  });

  it('/paper show private:true replies at once with flags 64; private:false stays public', async () => {
    await h.deliver(slashCommand('ask', { question: QUESTION }));
    const hidden = await h.deliver(slashCommand('show', { paper: '1', private: true }));
    expect(hidden[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const shown = await h.deliver(slashCommand('show', { paper: '1', private: false }));
    expect(shown[0]!.body.data.flags).toBeUndefined();
  });

  it('a button on a private reply answers privately too', async () => {
    const raw = slashCommand('search', { query: 'diffusion sampling', limit: 3, private: true });
    const requests = await h.deliver(raw);
    const more = buttons(requests[1]!.body)['More results']!;
    const click = buttonClick(more);
    click.message.flags = EPHEMERAL;
    const next = await h.deliver(click);
    expect(next[0]!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(next[1]!.body.embeds[0].footer.text).toMatch(/^4-6 of \d+/);
  });
});

describe('/paper show', () => {
  it('replies at once (type 4, public) with the paper, after an answer by its number', async () => {
    await h.deliver(slashCommand('ask', { question: QUESTION }));
    const raw = slashCommand('show', { paper: '2' });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
    const { type, data } = requests[0]!.body;
    expect(type).toBe(4);
    expect(data.flags).toBeUndefined();
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    // Paper 2 is the answer's second source: its abstract holds the sentence the answer quoted from it.
    const expected = await expectedAnswer();
    const second = expected.sources[1]!;
    const quoted = expected.sentences.find((sentence) => sentence.sources.includes(2))!;
    expect(data.embeds[0].title).toBe(second.title);
    expect(data.embeds[0].footer).toEqual({ text: `id: ${second.id}` });
    expect(flat(readable(data.embeds[0].description))).toContain(flat(quoted.text));
    expect(buttons(data)).toEqual({ 'Similar papers': `pb:sim:${ASKER}:${second.id}` });
  });

  it('answers an unknown paper id with an ephemeral error (type 4, flags 64)', async () => {
    const raw = slashCommand('show', { paper: 'no-such-paper' });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
    expect(requests[0]!.body).toEqual({
      type: 4,
      data: {
        tts: false,
        enforce_nonce: false,
        embeds: [
          {
            color: 0xed4245,
            description: 'No paper "no-such-paper" in the corpus. Use an id from a result list, or its number (1, 2, …).\nPaper numbers refer to the last list or answer; "search" or "papers" shows ids.',
          },
        ],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: EPHEMERAL,
      },
    });
  });

  it('keeps conversations apart by channel and user', async () => {
    await h.deliver(slashCommand('ask', { question: QUESTION }, ASKER, { channel: '1300000000000000009' }));
    const elsewhere = await h.deliver(slashCommand('show', { paper: '1' }, ASKER, { channel: '1300000000000000010' }));
    expect(elsewhere[0]!.body.data.flags).toBe(EPHEMERAL);
    const otherUser = await h.deliver(slashCommand('show', { paper: '1' }, OTHER_USER, { channel: '1300000000000000009' }));
    expect(otherUser[0]!.body.data.flags).toBe(EPHEMERAL);
    const same = await h.deliver(slashCommand('show', { paper: '1' }, ASKER, { channel: '1300000000000000009' }));
    expect(same[0]!.body.data.flags).toBeUndefined();
    expect(same[0]!.body.data.embeds[0].footer.text).toBe(`id: ${(await expectedAnswer()).sources[0]!.id}`);
  });

  it('works in a DM with the bot (no guild)', async () => {
    const raw = slashCommand('show', { paper: 'parallel-sampling-of-diffusion-ad4669' }, ASKER, { guild: null, channel: '1300000000000000099' });
    const requests = await h.deliver(raw);
    expect(requests[0]!.body.type).toBe(4);
    expect(requests[0]!.body.data.embeds[0].title).toBe('Parallel Sampling of Diffusion Models');
  });
});

describe('/paper similar, more, papers, digest, help', () => {
  it('similar defers, then lists papers like the given one', async () => {
    const raw = slashCommand('similar', { paper: 'parallel-sampling-of-diffusion-ad4669', limit: 5 });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `PATCH ${originalPath(raw)}`]);
    const embed = requests[1]!.body.embeds[0];
    expect(embed.title).toBe('Papers like "Parallel Sampling of Diffusion Models"');
    expect(embed.description).not.toContain('parallel-sampling-of-diffusion-ad4669');
    expect(embed.footer.text).toMatch(/^1-5 of \d+$/);
  });

  it('similar with an unknown id: ephemeral follow-up, placeholder deleted', async () => {
    const raw = slashCommand('similar', { paper: 'nope' });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `POST ${followUpPath(raw)}`, `DELETE ${originalPath(raw)}`]);
    expect(requests[1]!.body.flags).toBe(EPHEMERAL);
    expect(requests[1]!.body.embeds[0].description).toMatch(/^No paper "nope" in the corpus/);
  });

  it('more continues the last list of this channel and user', async () => {
    const where = { channel: '1300000000000000003' };
    await h.deliver(slashCommand('papers', { limit: 2 }, ASKER, where));
    const requests = await h.deliver(slashCommand('more', {}, ASKER, where));
    expect(requests[1]!.body.embeds[0].title).toBe(`Papers in the corpus (${bot.index.size})`);
    expect(requests[1]!.body.embeds[0].footer.text).toBe(`3-4 of ${bot.index.size}`);
  });

  it('more with nothing to continue is an ephemeral error', async () => {
    const requests = await h.deliver(slashCommand('more', {}, ASKER, { channel: '1300000000000000004' }));
    expect(requests[1]!.body).toMatchObject({ flags: EPHEMERAL, embeds: [{ description: expect.stringMatching(/^Nothing to continue yet/) }] });
  });

  it('papers lists the corpus newest first', async () => {
    const requests = await h.deliver(slashCommand('papers', { limit: 5, offset: 5 }));
    expect(requests[1]!.body.embeds[0].footer.text).toBe(`6-10 of ${bot.index.size}`);
    expect(requests[1]!.body.embeds[0].description).toMatch(/^\*\*\[6\]\*\* /);
  });

  it('help replies at once and ephemerally, listing every subcommand as typed in Discord', async () => {
    const raw = slashCommand('help');
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
    const { type, data } = requests[0]!.body;
    expect(type).toBe(4);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    for (const usage of ['/paper ask question:<text>', '/paper search query:<text> [limit:<1-50>] [since:<text>] [until:<text>] [with-code:<true|false>] [sort:<relevance|date|upvotes>]', '/paper show paper:<paper>', '/paper similar paper:<paper> [limit:<1-50>]', '/paper more', '/paper papers', '/paper help [command:<text>]']) {
      expect(data.embeds[0].description).toContain('`' + usage);
    }
  });

  it('help for one command lists its options', async () => {
    const requests = await h.deliver(slashCommand('help', { command: 'search' }));
    expect(requests[0]!.body.data.embeds[0].description).toBe(
      '`/paper search query:<text> [limit:<1-50>] [since:<text>] [until:<text>] [with-code:<true|false>] [sort:<relevance|date|upvotes>]` — List the papers that best match a query, with a one-line snippet each\n\nquery: What to look for; filters in words work too ("diffusion with code since 2024")\nlimit: How many papers to list (1-50, default 10) (optional)' + '\nsince: Only papers published on or after this date (2024, 2024-03, 2024-03-15) (optional)\nuntil: Only papers published on or before this date (2024, 2024-03, 2024-03-15) (optional)\nwith-code: Only papers that link to code (GitHub) (optional)\nsort: Order: relevance (default), date (newest first) or upvotes (optional)',
    );
  });

  it('an unknown subcommand (stale registration) is an ephemeral notice', async () => {
    const raw = slashCommand('frobnicate');
    const requests = await h.deliver(raw);
    expect(requests[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: NO_MENTIONS, embeds: [{ description: NOTICES.unknownCommand }] } });
  });
});

describe('autocomplete', () => {
  it('answers with type 8 and at most 25 paper choices (title ≤ 100 characters, id as value)', async () => {
    const raw = autocomplete('show', 'paper', 'diffusion');
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
    const { type, data } = requests[0]!.body;
    expect(type).toBe(8);
    expect(data.choices).toHaveLength(25);
    for (const choice of data.choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(await bot.index.get(choice.value)).toBeDefined();
      expect((await bot.index.get(choice.value))!.title.toLowerCase()).toContain('diffusion');
    }
  });

  it('ranks the paper whose title starts with the typed text first, for similar too', async () => {
    const requests = await h.deliver(autocomplete('similar', 'paper', 'Parallel Sampling'));
    expect(requests[0]!.body.data.choices[0]).toEqual({ name: 'Parallel Sampling of Diffusion Models', value: 'parallel-sampling-of-diffusion-ad4669' });
  });

  it('offers nothing for options that are not papers', async () => {
    const requests = await h.deliver(autocomplete('ask', 'question', 'diffusion'));
    expect(requests[0]!.body).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe('buttons', () => {
  async function askFor(user = ASKER) {
    const requests = await h.deliver(slashCommand('ask', { question: QUESTION }, user));
    return buttons(requests.find((r) => r.method === 'PATCH')!.body);
  }

  it('"Similar to [1]" lists papers like source 1 in a new message', async () => {
    const raw = buttonClick((await askFor())['Similar to [1]']!);
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `PATCH ${originalPath(raw)}`]);
    expect(requests[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(requests[1]!.body.embeds[0].title).toBe(`Papers like "${(await expectedAnswer()).sources[0]!.title}"`);
    expect(requests[1]!.body.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('"More results" after an answer lists the ranked papers for the question', async () => {
    const requests = await h.deliver(buttonClick((await askFor())['More results']!));
    expect(requests[1]!.body.embeds[0].title).toBe(`Papers for "${QUESTION}"`);
    expect(requests[1]!.body.embeds[0].footer.text).toMatch(/^1-10 of \d+/);
  });

  it('refuses, ephemerally, anyone but the person who asked', async () => {
    const labels = await askFor();
    for (const customId of [labels['More results']!, labels['Similar to [2]']!]) {
      const raw = buttonClick(customId, OTHER_USER);
      const requests = await h.deliver(raw);
      expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`]);
      expect(requests[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: NO_MENTIONS, embeds: [{ description: NOTICES.notYours }], components: [] } });
    }
  });

  it('says a button has expired once its page request is gone', async () => {
    const more = (await askFor())['More results']!;
    clock.advance(24 * 60 * 60 * 1000 + 1);
    const requests = await h.deliver(buttonClick(more));
    expect(requests[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, embeds: [{ description: NOTICES.expired }] } });
    const unknown = await h.deliver(buttonClick(`pb:page:${ASKER}:zzzzzzzz`));
    expect(unknown[0]!.body.data.embeds[0].description).toBe(NOTICES.expired);
    const foreign = await h.deliver(buttonClick('something-else'));
    expect(foreign[0]!.body.data.embeds[0].description).toBe(NOTICES.expired);
  });
});

describe('when Discord misbehaves', () => {
  it('a 429 on the callback is waited out and retried by the REST client', async () => {
    h.fake.respond('POST', /\/callback$/, { status: 429, headers: { 'retry-after': '0', 'x-ratelimit-scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: 0, global: false } });
    const raw = slashCommand('show', { paper: 'parallel-sampling-of-diffusion-ad4669' });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([`POST ${callbackPath(raw)}`, `POST ${callbackPath(raw)}`]);
    expect(requests[1]!.body).toEqual(requests[0]!.body);
    expect(h.logs.records.filter((r) => r.level === 'error' && r.meta.interaction === raw.id)).toEqual([]);
  });

  it('a 5xx that outlasts the retries is logged, the user is told if possible, and the bot keeps answering', async () => {
    h.fake.respond('PATCH', /@original$/, { status: 500, body: { message: 'Internal Server Error', code: 0 } }, 2);
    const raw = slashCommand('ask', { question: QUESTION });
    const requests = await h.deliver(raw);
    expect(calls(requests)).toEqual([
      `POST ${callbackPath(raw)}`,
      `PATCH ${originalPath(raw)}`,
      `PATCH ${originalPath(raw)}`,
      `POST ${followUpPath(raw)}`,
      `DELETE ${originalPath(raw)}`,
    ]);
    expect(requests[3]!.body).toMatchObject({ flags: EPHEMERAL, allowed_mentions: NO_MENTIONS, embeds: [{ description: NOTICES.failed }] });
    const failure = h.logs.records.find((r) => r.level === 'error' && r.meta.interaction === raw.id);
    expect(failure).toMatchObject({ message: 'discord: interaction failed', meta: { err: { status: 500, method: 'PATCH' } } });
    expect((failure!.meta.err as { url: string }).url).toContain(`/webhooks/${APP_ID}/:token/messages/`);

    const after = await h.deliver(slashCommand('help'));
    expect(after[0]!.body.type).toBe(4);
  });

  it('a callback that fails for good is logged; nothing escapes the handler', async () => {
    h.fake.respond('POST', /\/callback$/, { status: 404, body: { message: 'Unknown interaction', code: 10062 } }, 2);
    const raw = slashCommand('show', { paper: '1' });
    await h.deliver(raw);
    const failure = h.logs.records.find((r) => r.meta.interaction === raw.id && r.level === 'error');
    expect(failure?.meta.err).toMatchObject({ code: 10062, status: 404 });
  });
});

describe('logs', () => {
  it('never contain the bot token or an interaction token', () => {
    expect(h.logs.records.length).toBeGreaterThan(0);
    const text = h.logs.text();
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain('SECRET-INTERACTION-TOKEN');
    expect(text).toContain(GUILD_ID);
    expect(text).toContain(CHANNEL_ID);
  });
});
