import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import { stripBotMentions } from '../../../adapters/discord/mention-text.js';
import { renderResult } from '../../../adapters/discord/render-embeds.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { expectKind } from '../../helpers/results.js';
import { linkedIndex } from '../../helpers/linked-index.js';
import { BOT_USER_ID, type RecordedRequest } from './fake-discord.js';
import { createHarness, type Harness } from './harness.js';
import { ASKER, CHANNEL_ID, DM_CHANNEL_ID, GUILD_ID, guildCreate, messageCreate, OTHER_BOT, OTHER_USER, slashCommand, THREAD_ID, threadCreate, type MessagePlace } from './payloads.js';

/**
 * Conversations through messages, without the privileged message-content intent: a mention asks,
 * a reply to the bot's answer (reply ping on) follows up, a thread is one conversation, a DM is
 * one. Gateway MESSAGE_CREATE payloads in, the exact REST posts out (to a fake Discord).
 */

const QUESTION = 'which papers speed up diffusion sampling?';
const MENTION = `<@${BOT_USER_ID}>`;
const POSTS = /^\/channels\/\d+\/messages$/;

let bot: Paperbot;
let h: Harness;

beforeAll(async () => {
  bot = new Paperbot(await linkedIndex());
  h = await createHarness(bot);
  h.addGuild(guildCreate());
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.fake.reset();
});

/** The title of the source numbered `n` in the core's answer to `question` (asked in a session of its own). */
async function sourceTitle(question: string, n: number): Promise<string> {
  const { answer } = expectKind(await bot.runText(question, `expected:${Math.random()}`), 'answer');
  const source = answer.sources.find((s) => s.n === n);
  if (!source) throw new Error(`the answer to ${JSON.stringify(question)} has no source ${n}`);
  return source.title;
}

/**
 * Sends a message; returns the one post it caused. Besides it only a look-up may happen: a
 * thread's starter message, the first time a thread is spoken in.
 */
async function ask(content: string, place: MessagePlace = {}): Promise<{ raw: ReturnType<typeof messageCreate>; post: RecordedRequest }> {
  const raw = messageCreate(content, place);
  const requests = await h.deliverMessage(raw);
  const lookUps = requests.filter((r) => r.method === 'GET').map((r) => r.path);
  expect(lookUps).toEqual(lookUps.length ? [`/channels/${CHANNEL_ID}/messages/${raw.channel_id}`] : []);
  expect(requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([`POST /channels/${raw.channel_id}/messages`]);
  return { raw, post: requests.at(-1)! };
}

/** The bot's posted message as the gateway shows it inside a reply to it (`referenced_message`). */
function posted(post: RecordedRequest): Record<string, any> {
  return post.response;
}

/** A user's reply to the bot's message, with the reply ping on (Discord lists the bot in `mentions`). */
function replyPing(post: RecordedRequest, extra: MessagePlace = {}): MessagePlace {
  return { replyTo: posted(post), mentions: [BOT_USER_ID], channel: post.response.channel_id, ...extra };
}

const labels = (body: any): string[] => (body.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.label));

describe('a mention in a channel', () => {
  it('is answered with a reply to it: the cited answer as embeds, buttons for the asker, nobody pinged', async () => {
    const { raw, post } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    expect(post.body.message_reference).toEqual({ message_id: raw.id, fail_if_not_exists: false });
    expect(post.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(post.body.content).toBeUndefined();
    expect(post.body.flags).toBeUndefined();
    expect(post.body.embeds[0].title).toBe(QUESTION);
    expect(post.body.embeds[0].description).toContain('[1]');
    expect(labels(post.body)).toContain('More results');
    const ids = (post.body.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.custom_id as string));
    expect(ids.every((id: string) => id.startsWith(`pb:page:${ASKER}:`) || id.startsWith(`pb:sim:${ASKER}:`))).toBe(true);
    expect(messageProblems(post.body)).toEqual([]);
  });

  it('with the legacy nickname form <@!id> and the mention at the end works the same', async () => {
    const { post } = await ask(`${QUESTION} <@!${BOT_USER_ID}>`, { mentions: [BOT_USER_ID] });
    expect(post.body.embeds[0].title).toBe(QUESTION);
  });

  it('with nothing else in it gets the help, posted (a message reply cannot be private)', async () => {
    const { post } = await ask(MENTION, { mentions: [BOT_USER_ID] });
    expect(post.body.embeds[0].title).toBe('paperbot');
    expect(post.body.embeds[0].description).toContain('/paper ask');
    expect(post.body.embeds[0].description).toContain('mention @paperbot');
    expect(post.body.flags).toBeUndefined();
  });

  it('that starts a new conversation knows no earlier answer: "show 2" is an error, posted as a reply', async () => {
    await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const { post } = await ask(`${MENTION} show 2`, { mentions: [BOT_USER_ID] });
    expect(post.body.embeds[0].color).toBe(0xed4245);
    expect(post.body.components).toEqual([]);
    expect(post.body.allowed_mentions.parse).toEqual([]);
  });

  it('@everyone or <@id> in the question pings nobody: allowed_mentions parse is empty and the text is only in embeds', async () => {
    const { post } = await ask(`${MENTION} @everyone <@${OTHER_USER}> ${QUESTION}`, { mentions: [BOT_USER_ID, OTHER_USER], everyone: true });
    expect(post.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(post.body.content).toBeUndefined();
    expect(JSON.stringify(post.body.embeds)).not.toMatch(/(^|[^\u200b])@everyone/);
  });
});

describe('a reply to the bot\'s answer (reply ping on)', () => {
  it('"show 2" opens the paper numbered 2 in that answer', async () => {
    const { post: answer } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const { raw, post } = await ask('show 2', replyPing(answer));
    expect(post.body.message_reference).toEqual({ message_id: raw.id, fail_if_not_exists: false });
    expect(post.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 2));
  });

  it('resolves against the answer replied to, even after another conversation in the channel', async () => {
    const other = 'what is classifier-free guidance?';
    const { post: first } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const { post: second } = await ask(`${MENTION} ${other}`, { mentions: [BOT_USER_ID] });
    expect((await ask('2', replyPing(first))).post.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 2));
    expect((await ask('2', replyPing(second))).post.body.embeds[0].title).toBe(await sourceTitle(other, 2));
  });

  it('continues along a chain: a reply to the answer of a follow-up still knows the first answer', async () => {
    const { post: answer } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const { post: shown } = await ask('show 1', replyPing(answer));
    const { post } = await ask('show 3', replyPing(shown));
    expect(post.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 3));
  });

  it('from someone else continues the same conversation; the buttons are theirs', async () => {
    const { post: answer } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const { post } = await ask('show 2', replyPing(answer, { author: OTHER_USER }));
    expect(post.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 2));
    const ids = (post.body.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.custom_id as string));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id: string) => id.includes(`:${OTHER_USER}:`))).toBe(true);
  });

  it('to an answer Discord no longer has (deleted, not in the event) starts a new conversation', async () => {
    h.fake.respond('GET', /^\/channels\/\d+\/messages\/\d+$/, { status: 404, body: { message: 'Unknown Message', code: 10008 } });
    const raw = messageCreate('show 2', { mentions: [BOT_USER_ID] });
    const reply = { ...raw, type: 19, message_reference: { type: 0, message_id: '1899999999999999999', channel_id: CHANNEL_ID }, referenced_message: null };
    const requests = await h.deliverMessage(reply);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body.embeds[0].color).toBe(0xed4245);
  });

  it('to a /paper answer continues the asker\'s /paper conversation in that channel', async () => {
    const question = 'how can diffusion models generate video?';
    const command = slashCommand('ask', { question });
    await h.deliver(command);
    // The answer as the gateway embeds it in a reply: the bot's message, with the interaction's metadata.
    const answer = {
      ...messageCreate('', { author: BOT_USER_ID, bot: true }),
      interaction_metadata: { id: command.id, type: 2, user: { id: ASKER, username: 'asker', discriminator: '0', global_name: null, avatar: null }, authorizing_integration_owners: { '0': GUILD_ID }, name: 'paper ask' },
    };
    const { post } = await ask('show 2', { replyTo: answer, mentions: [BOT_USER_ID], author: OTHER_USER });
    expect(post.body.embeds[0].title).toBe(await sourceTitle(question, 2));
  });

  it('without the ping (no mention) is not delivered with content, and is ignored', async () => {
    const { post: answer } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    expect(await h.deliverMessage(messageCreate('show 2', { replyTo: posted(answer) }))).toEqual([]);
  });
});

describe('in a thread', () => {
  it('is one conversation: a mention without reply follows up on the last answer in the thread, whoever asks', async () => {
    await ask(`${MENTION} ${QUESTION}`, { channel: THREAD_ID, mentions: [BOT_USER_ID] });
    const { raw, post } = await ask(`${MENTION} show 2`, { channel: THREAD_ID, mentions: [BOT_USER_ID], author: OTHER_USER });
    expect(post.path).toBe(`/channels/${THREAD_ID}/messages`);
    expect(post.body.message_reference).toEqual({ message_id: raw.id, fail_if_not_exists: false });
    expect(post.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 2));
  });

  it('/paper show paper:2 resolves against the thread\'s conversation', async () => {
    const question = 'how can diffusion models generate video?';
    await ask(`${MENTION} ${question}`, { channel: THREAD_ID, mentions: [BOT_USER_ID] });
    const raw = slashCommand('show', { paper: '2' }, OTHER_USER, { channel: THREAD_ID });
    const requests = await h.deliver(raw);
    expect(requests[0]!.body.type).toBe(4);
    expect(requests[0]!.body.data.embeds[0].title).toBe(await sourceTitle(question, 2));
  });

  it('a mention after /paper ask in the thread follows up on the command\'s answer', async () => {
    const question = 'what makes sampling from diffusion models faster?';
    await h.deliver(slashCommand('ask', { question }, OTHER_USER, { channel: THREAD_ID }));
    const { post } = await ask(`${MENTION} 3`, { channel: THREAD_ID, mentions: [BOT_USER_ID] });
    expect(post.body.embeds[0].title).toBe(await sourceTitle(question, 3));
  });

  it('opened from the bot\'s answer ("Create Thread" on it), continues that answer, then goes its own way', async () => {
    const { post: answer } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const thread = answer.response.id as string;
    h.addThread(threadCreate(thread));
    const { post } = await ask(`${MENTION} show 2`, { channel: thread, thread: true, mentions: [BOT_USER_ID] });
    expect(post.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 2));
    const other = 'what is classifier-free guidance?';
    await ask(`${MENTION} ${other}`, { channel: thread, thread: true, mentions: [BOT_USER_ID] });
    const { post: latest } = await ask(`${MENTION} 2`, { channel: thread, thread: true, mentions: [BOT_USER_ID] });
    expect(latest.body.embeds[0].title).toBe(await sourceTitle(other, 2));
  });

  it('not opened from a message starts afresh (the starter lookup finds nothing)', async () => {
    const thread = '1300000000000000077';
    h.addThread(threadCreate(thread, 'a new topic'));
    const raw = messageCreate(`${MENTION} show 2`, { channel: thread, thread: true, mentions: [BOT_USER_ID] });
    const requests = await h.deliverMessage(raw);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /channels/${CHANNEL_ID}/messages/${thread}`, `POST /channels/${thread}/messages`]);
    expect(requests[1]!.body.embeds[0].color).toBe(0xed4245);
  });

  it('outside threads /paper keeps its per-person conversation', async () => {
    await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const requests = await h.deliver(slashCommand('show', { paper: '2' }, OTHER_USER));
    expect(requests[0]!.body.data.flags).toBe(64);
    expect(requests[0]!.body.data.embeds[0].color).toBe(0xed4245);
  });
});

describe('in a DM', () => {
  it('every message is answered, no mention needed, and the DM is one conversation', async () => {
    const { post } = await ask(QUESTION, { dm: true });
    expect(post.path).toBe(`/channels/${DM_CHANNEL_ID}/messages`);
    expect(post.body.embeds[0].title).toBe(QUESTION);
    const { post: shown } = await ask('show 2', { dm: true });
    expect(shown.body.embeds[0].title).toBe(await sourceTitle(QUESTION, 2));
  });
});

/** The embeds the core's result renders to, as JSON carries them, for `lines` said in order in one conversation of its own. */
async function coreEmbeds(lines: string[]): Promise<unknown> {
  const key = `expected:${Math.random()}`;
  let result = await bot.runText(lines[0]!, key);
  for (const line of lines.slice(1)) result = await bot.runText(line, key);
  return JSON.parse(JSON.stringify(renderResult(result).embeds));
}

describe('follow-ups (the core\'s) through replies and threads', () => {
  it.each(['only 2024', 'what about video?', 'why 1?', 'more like 2'])('a reply "%s" to an answer gets what the core answers in that conversation', async (line) => {
    const { post: answer } = await ask(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] });
    const { post } = await ask(line, replyPing(answer));
    expect(post.body.embeds).toEqual(await coreEmbeds([QUESTION, line]));
    expect(messageProblems(post.body)).toEqual([]);
  });

  it('two replies to the same answer are two conversations: narrowing one leaves the other as it was', async () => {
    const { post: answer } = await ask(`${MENTION} search diffusion sampling`, { mentions: [BOT_USER_ID] });
    const { post: narrowed } = await ask('only 2024', replyPing(answer));
    expect(narrowed.body.embeds).toEqual(await coreEmbeds(['search diffusion sampling', 'only 2024']));
    const { post } = await ask('more', replyPing(answer));
    expect(post.body.embeds).toEqual(await coreEmbeds(['search diffusion sampling', 'more']));
  });

  it('in a thread, follow-ups chain without replies: a search, "only 2024", then "what about video?"', async () => {
    const thread = '1300000000000000088';
    h.addThread(threadCreate(thread, 'follow-ups'));
    const place = { channel: thread, thread: true, mentions: [BOT_USER_ID] };
    await ask(`${MENTION} search diffusion sampling`, place);
    await ask(`${MENTION} only 2024`, place);
    const { post } = await ask(`${MENTION} what about video?`, place);
    expect(post.body.embeds).toEqual(await coreEmbeds(['search diffusion sampling', 'only 2024', 'what about video?']));
  });
});

describe('messages the bot does not answer', () => {
  it.each<[string, string, MessagePlace]>([
    ['a message without a mention', QUESTION, {}],
    ['a mention of someone else', `<@${OTHER_USER}> ${QUESTION}`, { mentions: [OTHER_USER] }],
    ['@everyone alone', `@everyone ${QUESTION}`, { everyone: true }],
    ['another bot mentioning it', `${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID], author: OTHER_BOT, bot: true }],
    ['its own message', `${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID], author: BOT_USER_ID, bot: true }],
  ])('%s', async (_, content, place) => {
    expect(await h.deliverMessage(messageCreate(content, place))).toEqual([]);
  });

  it('a webhook\'s or a system message', async () => {
    expect(await h.deliverMessage({ ...messageCreate(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] }), webhook_id: '1900000000000000001' })).toEqual([]);
    expect(await h.deliverMessage({ ...messageCreate(`${MENTION}`, { mentions: [BOT_USER_ID] }), type: 7 })).toEqual([]);
  });
});

describe('a mention with a paper link', () => {
  it('with other words answers with the link preview for the first link: gist and the three similar papers', async () => {
    const { post } = await ask(`${MENTION} what is https://arxiv.org/abs/2301.12345v2 about? and https://arxiv.org/abs/hep-th/9901001`, { mentions: [BOT_USER_ID] });
    const embed = post.body.embeds[0];
    expect(embed.title).toContain('Consistency Distillation');
    expect(embed.url).toBe('https://arxiv.org/abs/2301.12345');
    expect(embed.description).toContain('> We propose consistency distillation');
    const expected = expectKind(await bot.run('link', { url: 'https://arxiv.org/abs/2301.12345' }, 'expected-link'), 'link');
    expect(expected.similar).toHaveLength(3);
    expect(labels(post.body)).toEqual(expected.similar.map((item) => `Similar to [${item.n}]`));
  });

  it('alone, <…> around it, answers the same', async () => {
    const { post } = await ask(`${MENTION} <https://huggingface.co/papers/2301.12345>`, { mentions: [BOT_USER_ID] });
    expect(post.body.embeds[0].title).toContain('Consistency Distillation');
  });

  it('the similar papers are numbered for a reply: "show 2" opens the second', async () => {
    const { post: preview } = await ask(`${MENTION} https://arxiv.org/abs/2301.12345`, { mentions: [BOT_USER_ID] });
    const expected = expectKind(await bot.run('link', { url: 'https://arxiv.org/abs/2301.12345' }, 'expected-link-2'), 'link');
    const { post } = await ask('show 2', replyPing(preview));
    expect(post.body.embeds[0].title).toBe(expected.similar[1]!.title);
  });

  it('to a paper the corpus lacks says so, with the sync to run, as a reply', async () => {
    const { post } = await ask(`${MENTION} have you read https://huggingface.co/papers/2412.99999 ?`, { mentions: [BOT_USER_ID] });
    expect(post.body.flags).toBeUndefined();
    expect(post.body.embeds[0].description).toBe('arXiv 2412.99999 is not in the corpus.\nFetch it with: `paperbot sync --arxiv-id 2412.99999`');
  });
});

describe('when Discord will not take the reply', () => {
  it('a channel answering 429 forever: the reply is given up within its budget and logged, not retried for ever', async () => {
    const limited = await createHarness(bot, { replyBudgetMs: 300 });
    try {
      limited.addGuild(guildCreate());
      limited.fake.respond('POST', POSTS, { status: 429, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false } }, 1000);
      const requests = await limited.deliverMessage(messageCreate(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] }));
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.length).toBeLessThan(50);
      const failure = limited.logs.records.find((r) => r.message === 'discord: message failed');
      expect(failure?.meta).toMatchObject({ channel: CHANNEL_ID, user: ASKER });
      expect(limited.logs.text()).not.toContain(QUESTION);
    } finally {
      await limited.close();
    }
  });
});

describe('when the bot may not post in the channel', () => {
  it('logs the permissions a reply needs, without the message text, and tries no second post', async () => {
    h.fake.respond('POST', POSTS, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const requests = await h.deliverMessage(messageCreate(`${MENTION} ${QUESTION}`, { mentions: [BOT_USER_ID] }));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const warning = h.logs.records.find((r) => r.message.startsWith('discord: cannot reply in this channel'));
    expect(warning?.message).toBe('discord: cannot reply in this channel; give the bot View Channel, Send Messages, Send Messages in Threads, Embed Links and Read Message History there (docs/discord.md)');
    expect(warning?.meta).toMatchObject({ channel: CHANNEL_ID, user: ASKER });
    expect(h.logs.text()).not.toContain(QUESTION);
  });
});

describe('stripBotMentions', () => {
  it.each([
    [`${MENTION} what is DDIM?`, 'what is DDIM?'],
    [`what is <@!${BOT_USER_ID}>DDIM?`, 'what is DDIM?'],
    [`${MENTION}   ${MENTION}`, ''],
    [`<@${OTHER_USER}> and ${MENTION} <@&${BOT_USER_ID}>`, `<@${OTHER_USER}> and <@&${BOT_USER_ID}>`],
  ])('%j → %j', (content, text) => {
    expect(stripBotMentions(content, BOT_USER_ID)).toBe(text);
  });
});
