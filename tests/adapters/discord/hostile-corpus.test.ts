import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageProblems } from '../../../adapters/discord/discord-limits.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import type { Paper } from '../../../src/corpus/paper.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { createHarness, type Harness } from './harness.js';
import { ASKER, autocomplete, buttonClick, slashCommand } from './payloads.js';

/**
 * A tiny corpus written to break things: mentions and markdown in titles and abstracts, a
 * `javascript:` link, and titles so long that a page of 50 cannot fit in one message.
 */

const ZWSP = '\u200b';

function paper(id: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
  return { id, title, abstract, links: [], sources: [], ...extra };
}

const papers: Paper[] = [
  paper(
    'mention',
    '@everyone Attention Is All You Need <@&123> **Bold** [Click](https://evil.test)',
    'Attention mechanisms relate positions of a sequence. @here we show <@456> that attention scales to long sequences.',
    { links: [{ kind: 'paper', url: 'javascript:alert(1)' }] },
  ),
  ...Array.from({ length: 60 }, (_, i) =>
    paper(
      `long-${i}`,
      `Attention study ${i}: ${'a rather long title about attention layers and their many variants '.repeat(4)}`.slice(0, 250),
      `We study attention layers, variant ${i}. Attention helps models focus on relevant inputs.`,
      { links: [{ kind: 'paper', url: `https://arxiv.org/abs/2406.${String(10000 + i)}` }], authors: ['First Author', 'Second Author'], published: '2024-06-23' },
    ),
  ),
];

let h: Harness;
beforeAll(async () => {
  h = await createHarness(new Paperbot(PaperIndex.build(papers)));
});
afterAll(async () => {
  await h?.close();
});

/** Mention syntax that is still live in a message body: a bare @everyone/@here, or an unescaped `<@`. */
const LIVE_MENTION = /@everyone|@here|(?<!\\)<@/;

describe('mention injection', () => {
  it('the question `@everyone <@123> **bold` is echoed escaped, with mentions off', async () => {
    const requests = await h.deliver(slashCommand('ask', { question: '@everyone <@123> **bold' }));
    const edit = requests.find((r) => r.method === 'PATCH')!.body;
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(edit.content).toBeUndefined();
    expect(edit.embeds[0].title).toBe(`@${ZWSP}everyone \\<@123> \\*\\*bold`);
    expect(JSON.stringify(edit)).not.toMatch(LIVE_MENTION);
  });

  it('quoted sentences and source titles full of mentions and markdown render as text', async () => {
    const requests = await h.deliver(slashCommand('ask', { question: 'does attention scale to long sequences? @everyone <@123> **bold' }));
    const edit = requests.find((r) => r.method === 'PATCH')!.body;
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(edit.content).toBeUndefined();
    expect(edit.embeds[0].title).toBe(`does attention scale to long sequences? @${ZWSP}everyone \\<@123> \\*\\*bold`);
    // The question's words are bold (`**…**`, paperbot's own markers); all else is escaped text.
    expect(edit.embeds[0].description).toContain(`@${ZWSP}here we show \\<@456> that **attention scales** to **long sequences**. [`);
    expect(edit.embeds[0].description).toContain(`@${ZWSP}everyone Attention Is All You Need \\<@&123> \\*\\*Bold\\*\\* \\[Click\\](https://evil.test)`);
    expect(JSON.stringify(edit)).not.toMatch(LIVE_MENTION);
  });

  it('show escapes the title and drops a javascript: link', async () => {
    const requests = await h.deliver(slashCommand('show', { paper: 'mention' }));
    const { data } = requests[0]!.body;
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0].url).toBeUndefined();
    expect(data.embeds[0].fields ?? []).toEqual([]);
    expect(JSON.stringify(data)).not.toMatch(LIVE_MENTION);
    expect(JSON.stringify(data)).not.toContain('javascript:');
  });

  it('autocomplete names are defused too', async () => {
    const requests = await h.deliver(autocomplete('show', 'paper', 'everyone'));
    expect(requests[0]!.body.data.choices[0]).toEqual({ name: `@${ZWSP}everyone Attention Is All You Need <${ZWSP}@&123> **Bold** [Click](https://evil.test)`, value: 'mention' });
  });
});

describe('a page too big for one message', () => {
  it('search limit 50 stays within every limit and "More results" / `more` continue after the last paper shown', async () => {
    const where = { channel: '1300000000000000077' };
    const requests = await h.deliver(slashCommand('search', { query: 'attention', limit: 50 }, ASKER, where));
    const edit = requests.find((r) => r.method === 'PATCH')!.body;
    expect(messageProblems(edit)).toEqual([]);
    const footer: string = edit.embeds.at(-1).footer.text;
    const shown = Number(/^1-(\d+) of 61/.exec(footer)?.[1]);
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(50);

    const more = buttonClick(edit.components[0].components[0].custom_id);
    more.channel_id = where.channel;
    const next = (await h.deliver(more)).find((r) => r.method === 'PATCH')!.body;
    expect(next.embeds[0].description).toMatch(new RegExp(`^\\*\\*\\[${shown + 1}\\]\\*\\* `));
    expect(messageProblems(next)).toEqual([]);

    // `/paper more` after the big page continues at the same place as the button did.
    await h.deliver(slashCommand('search', { query: 'attention', limit: 50 }, ASKER, where));
    const typed = (await h.deliver(slashCommand('more', {}, ASKER, where))).find((r) => r.method === 'PATCH')!.body;
    expect(typed.embeds[0].description).toMatch(new RegExp(`^\\*\\*\\[${shown + 1}\\]\\*\\* `));
  });
});
