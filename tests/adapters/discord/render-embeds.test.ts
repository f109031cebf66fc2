import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, embedLength, messageProblems } from '../../../adapters/discord/discord-limits.js';
import { COLORS, renderNotice, renderResult } from '../../../adapters/discord/render-embeds.js';
import type { SourceRef } from '../../../src/answer/answer-types.js';
import type { AnswerResult, PaperListItem, PaperListResult } from '../../../src/commands/results.js';

const ZWSP = '\u200b';

function source(n: number, id: string, title: string, extra: Partial<SourceRef> = {}): SourceRef {
  return { n, id, title, links: [], matched: [], ...extra };
}

function item(n: number, title: string, extra: Partial<PaperListItem> = {}): PaperListItem {
  return { ...source(n, `paper-${n}`, title), snippet: `Snippet of paper ${n}.`, ...extra };
}

const answer: AnswerResult = {
  kind: 'answer',
  answer: {
    question: 'which papers speed up diffusion sampling?',
    keywords: ['speed', 'diffusion sampling'],
    sentences: [
      { text: 'We propose a training-free solver that speeds up diffusion sampling.', sources: [1], highlights: [] },
      { text: 'Sampling is 2-4x faster.', sources: [1, 2], highlights: [] },
    ],
    sources: [
      source(1, 'fast-sampling', 'Fast Sampling of Diffusion Models', {
        published: '2024-06-23',
        upvotes: 3,
        authors: ['A. One', 'B. Two'],
        links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2406.00001' }],
      }),
      source(2, 'parallel', 'Parallel Sampling', { authorCount: 4 }),
    ],
    found: true,
    suggestions: [],
    totalMatches: 12,
  },
  next: { source: 'search', query: 'which papers speed up diffusion sampling?', offset: 0, limit: 10 },
};

function list(items: PaperListItem[], extra: Partial<PaperListResult> = {}): PaperListResult {
  return { kind: 'list', source: 'search', title: 'Papers for "diffusion"', query: 'diffusion', keywords: ['diffusion'], items, offset: 0, total: items.length, hasMore: false, ...extra };
}

describe('rendering an answer', () => {
  it('puts the question in the title, the cited sentences and numbered, linked sources in the description, keywords in the footer', () => {
    const rendered = renderResult(answer);
    expect(rendered.ephemeral).toBe(false);
    expect(rendered.embeds).toEqual([
      {
        color: COLORS.result,
        title: 'which papers speed up diffusion sampling?',
        description: [
          'We propose a training-free solver that speeds up diffusion sampling. [1] Sampling is 2-4x faster. [1][2]',
          '',
          '**Sources**',
          '**[1]** [Fast Sampling of Diffusion Models](https://arxiv.org/abs/2406.00001) — Jun 23, 2024 · A. One, B. Two · 3 upvotes',
          '**[2]** Parallel Sampling — 4 authors',
        ].join('\n'),
        footer: { text: 'matched: speed, diffusion sampling' },
      },
    ]);
    expect(rendered.more).toEqual(answer.next);
    expect(rendered.similar).toEqual([
      { n: 1, id: 'fast-sampling' },
      { n: 2, id: 'parallel' },
    ]);
  });

  it('says what to try when nothing was found, with no buttons to offer', () => {
    const rendered = renderResult({
      kind: 'answer',
      answer: { ...answer.answer, found: false, sentences: [], sources: [], suggestions: ['No paper mentions "zebra".', 'Try fewer words.'], keywords: ['zebra'], totalMatches: 0 },
    });
    expect(rendered.embeds[0]!.description).toBe('No paper mentions "zebra".\nTry fewer words.');
    expect(rendered.more).toBeUndefined();
    expect(rendered.similar).toEqual([]);
  });
});

/** The ranges of every occurrence of `word` in `text`. */
function rangesOf(text: string, word: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) ranges.push([at, at + word.length]);
  return ranges;
}

/** Bold markers of paperbot's own: `**` not escaped by a backslash. */
const boldMarkers = (text: string): number => text.replace(/\\./g, '').split('**').length - 1;

describe('rendering highlights, caveats, matched words and abstentions', () => {
  it('bolds the highlighted words, puts the caveat before the quotes, each source\'s matched words under it, "searched for:" in the footer', () => {
    const rendered = renderResult({
      ...answer,
      answer: {
        ...answer.answer,
        searchedFor: 'speed diffusion sampling',
        caveat: 'Nothing on *consistency models* itself; closest: distillation.',
        sentences: [
          { text: 'We propose a training-free solver that speeds up diffusion sampling.', sources: [1], highlights: [[39, 45], [49, 67]] },
          { text: 'Sampling is 2-4x faster.', sources: [1, 2], highlights: [[0, 8]] },
        ],
        sources: [answer.answer.sources[0]!, { ...answer.answer.sources[1]!, matched: ['sampling'] }].map((s, i) => (i === 0 ? { ...s, matched: ['speed', 'diffusion', 'sampling'] } : s)),
      },
    });
    expect(rendered.embeds[0]!.description).toBe(
      [
        'Nothing on \\*consistency models\\* itself; closest: distillation.',
        '',
        'We propose a training-free solver that **speeds** up **diffusion sampling**. [1] **Sampling** is 2-4x faster. [1][2]',
        '',
        '**Sources**',
        '**[1]** [Fast Sampling of Diffusion Models](https://arxiv.org/abs/2406.00001) — Jun 23, 2024 · A. One, B. Two · 3 upvotes',
        'matched: speed, diffusion, sampling',
        '**[2]** Parallel Sampling — 4 authors',
        'matched: sampling',
      ].join('\n'),
    );
    expect(rendered.embeds[0]!.footer).toEqual({ text: 'searched for: speed diffusion sampling · matched: speed, diffusion sampling' });
  });

  it('keeps hostile text inside a highlighted range inert: escaped inside paperbot\'s own bold, mentions defused', () => {
    const hostile = 'Attention <!channel> *x* @everyone `y` scales.';
    const rendered = renderResult({
      ...answer,
      answer: {
        ...answer.answer,
        sentences: [
          { text: hostile, sources: [1], highlights: [[10, 38]] },
          { text: hostile, sources: [1], highlights: [[12, 19], [22, 23], [26, 34], [36, 37]] },
          { text: '[Click](evil) <@123> ||x|| now', sources: [2], highlights: [[0, 26]] },
        ],
      },
    });
    const [quotes] = rendered.embeds[0]!.description!.split('\n\n**Sources**');
    expect(quotes).toBe(
      [
        `Attention **\\<!channel> \\*x\\* @${ZWSP}everyone \\\`y\\\`** scales. [1]`,
        `Attention \\<!**channel**> \\***x**\\* @${ZWSP}**everyone** \\\`**y**\\\` scales. [1]`,
        `**\\[Click\\](evil) \\<@123> \\|\\|x\\|\\|** now [2]`,
      ].join(' '),
    );
    expect(JSON.stringify(rendered.embeds)).not.toMatch(/@everyone|@here|(?<!\\)<@/);
    expect(boldMarkers(quotes!) % 2).toBe(0);
  });

  it('bolds inside words, and leaves a highlight in a URL plain so the link stays whole', () => {
    const text = 'Resampling at https://x.test/sampling_code for sampling.';
    const rendered = renderResult({ ...answer, answer: { ...answer.answer, sentences: [{ text, sources: [1], highlights: rangesOf(text, 'sampling') }] } });
    expect(rendered.embeds[0]!.description!.split('\n\n')[0]).toBe('Re**sampling** at https://x.test/sampling_code for **sampling**. [1]');
  });

  it('fits a long answer by dropping whole sentences, so no bold pair is cut', () => {
    const text = `${'Diffusion sampling is fast. '.repeat(30)}End.`;
    const sentences = Array.from({ length: 8 }, () => ({ text, sources: [1], highlights: rangesOf(text, 'sampling') }));
    const rendered = renderResult({ ...answer, answer: { ...answer.answer, sentences } });
    const description = rendered.embeds[0]!.description!;
    expect(messageProblems({ embeds: rendered.embeds })).toEqual([]);
    const [quotes] = description.split('\n\n**Sources**');
    expect(quotes!.split(' [1]').filter(Boolean).length).toBeLessThan(8);
    expect(quotes!.endsWith('End. [1]')).toBe(true);
    expect(boldMarkers(quotes!) % 2).toBe(0);
  });

  it('abstains with "Nothing on X in this corpus.", the suggestions and the closest papers as linked titles', () => {
    const rendered = renderResult({
      kind: 'answer',
      answer: {
        ...answer.answer,
        question: 'what does RLHF do to NeRF?',
        keywords: ['rlhf', 'nerf'],
        searchedFor: 'rlhf nerf',
        found: false,
        sentences: [],
        sources: [],
        missing: ['RLHF', 'NeRF'],
        suggestions: ['The papers below share other words of your question; none is about it.'],
        closest: [answer.answer.sources[0]!, source(2, 'x', '@everyone *Title*')],
        totalMatches: 0,
      },
    });
    expect(rendered.embeds[0]).toEqual({
      color: COLORS.result,
      title: 'what does RLHF do to NeRF?',
      description: [
        'Nothing on RLHF or NeRF in this corpus.',
        'The papers below share other words of your question; none is about it.',
        '',
        '**Closest:**',
        '**[1]** [Fast Sampling of Diffusion Models](https://arxiv.org/abs/2406.00001) — Jun 23, 2024 · A. One, B. Two · 3 upvotes',
        `**[2]** @${ZWSP}everyone \\*Title\\*`,
      ].join('\n'),
      footer: { text: 'searched for: rlhf nerf · matched: rlhf, nerf' },
    });
    expect(rendered.similar).toEqual([]);
  });
});

describe('rendering a list', () => {
  it('shows each paper with its number, linked title, facts, id and snippet, and the range in the footer', () => {
    const rendered = renderResult(
      list([item(1, 'First', { links: [{ kind: 'github', url: 'https://github.com/a/b' }], published: '2023-01-05' }), item(2, 'Second')], { total: 30, hasMore: true, next: { source: 'search', query: 'diffusion', offset: 2, limit: 2 } }),
    );
    expect(rendered.embeds).toEqual([
      {
        color: COLORS.result,
        title: 'Papers for "diffusion"',
        description: '**[1]** [First](https://github.com/a/b)\nJan 5, 2023 · `paper-1`\nSnippet of paper 1.\n\n**[2]** Second\n`paper-2`\nSnippet of paper 2.',
        footer: { text: '1-2 of 30 · matched: diffusion' },
      },
    ]);
    expect(rendered.shown).toBe(2);
    expect(rendered.more).toEqual({ source: 'search', query: 'diffusion', offset: 2, limit: 2 });
  });

  it('shows "searched for:" in the footer and "Did you mean" with the slash command when nothing was found', () => {
    expect(renderResult(list([item(1, 'First')], { searchedFor: 'diffusion' })).embeds[0]!.footer).toEqual({ text: '1-1 of 1 · searched for: diffusion · matched: diffusion' });
    const empty = renderResult(list([], { query: 'difusion', keywords: ['difusion'], total: 0, searchedFor: 'difusion', didYouMean: 'diffusion' }));
    expect(empty.embeds[0]!.description).toBe('No papers found for difusion.\nsearched for: difusion\nDid you mean: diffusion? Try: `/paper search query:diffusion`');
    const hostile = renderResult(list([], { total: 0, didYouMean: '@everyone `x` *y*' }));
    expect(hostile.embeds[0]!.description).toBe(`No papers found for diffusion.\nDid you mean: @${ZWSP}everyone \\\`x\\\` \\*y\\*? Try: \`/paper search query:@${ZWSP}everyone x *y*\``);
  });

  it('offers no "More results" on the last page, and says when a page is empty', () => {
    expect(renderResult(list([item(1, 'Only')])).more).toBeUndefined();
    expect(renderResult(list([], { offset: 20, total: 20 })).embeds[0]!.description).toBe('No more papers.');
    expect(renderResult(list([], { total: 0 })).embeds[0]!.description).toBe('No papers found for diffusion.');
  });

  it('keeps a huge page within every message limit, shortening items first and leaving the rest for "More results"', () => {
    const longTitle = (n: number) => `Paper ${n}: ${'A Very Long Title About Diffusion Sampling '.repeat(6)}`.slice(0, 250);
    const items = Array.from({ length: 50 }, (_, i) =>
      item(i + 1, longTitle(i + 1), {
        links: [{ kind: 'paper', url: `https://arxiv.org/abs/2406.${String(i).padStart(5, '0')}` }],
        authors: ['Someone With A Long Name', 'Another Author'],
        published: '2024-06-23',
        snippet: 'x'.repeat(200),
      }),
    );
    const rendered = renderResult(list(items, { total: 135, hasMore: true, next: { source: 'search', query: 'diffusion', offset: 50, limit: 50 } }));
    expect(messageProblems({ embeds: rendered.embeds })).toEqual([]);
    expect(rendered.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    const shown = rendered.shown!;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(50);
    // The next page starts right after the last paper shown: none is skipped.
    expect(rendered.more).toEqual({ source: 'search', query: 'diffusion', offset: shown, limit: 50 });
    const lines = rendered.embeds.flatMap((e) => e.description!.split('\n'));
    expect(lines).toHaveLength(shown);
    // Even the linked one-line form did not fit all 50, so every item is its number and title:
    // whole lines, never a masked link cut in half.
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^\\*\\*\\[${i + 1}\\]\\*\\* Paper ${i + 1}: [^\\[\\]()]+$`)));
    expect(rendered.embeds.at(-1)!.footer!.text).toBe(`1-${shown} of 135 · matched: diffusion`);
  });

  it('shows all 50 papers of a page when the short form fits', () => {
    const items = Array.from({ length: 50 }, (_, i) => item(i + 1, `Paper number ${i + 1} on diffusion`));
    const rendered = renderResult(list(items, { total: 50 }));
    expect(rendered.shown).toBe(50);
    expect(rendered.more).toBeUndefined();
    expect(messageProblems({ embeds: rendered.embeds })).toEqual([]);
  });
});

describe('rendering a paper', () => {
  it('links the title, lists date, authors, upvotes and links as fields, the abstract as description, the id in the footer', () => {
    const rendered = renderResult({
      kind: 'paper',
      paper: {
        ...source(3, 'fast-sampling', 'Fast Sampling', { published: '2024-06-23', authors: ['A. One'], upvotes: 1, links: [{ kind: 'github', url: 'https://github.com/a/b' }] }),
        abstract: 'We make *sampling* fast.',
        url: 'https://arxiv.org/abs/2406.00001',
      },
    });
    expect(rendered.embeds).toEqual([
      {
        color: COLORS.result,
        title: 'Fast Sampling',
        url: 'https://arxiv.org/abs/2406.00001',
        description: 'We make \\*sampling\\* fast.',
        fields: [
          { name: 'Published', value: 'Jun 23, 2024', inline: true },
          { name: 'Authors', value: 'A. One', inline: true },
          { name: 'Upvotes', value: '1', inline: true },
          { name: 'Links', value: 'github: https://github.com/a/b' },
        ],
        footer: { text: 'id: fast-sampling' },
      },
    ]);
    expect(rendered.similar).toEqual([{ n: 3, id: 'fast-sampling' }]);
    expect(rendered.ephemeral).toBe(false);
  });

  it('trims an enormous title and abstract to the limits', () => {
    const rendered = renderResult({ kind: 'paper', paper: { ...source(1, 'big', 'T'.repeat(1000), { authors: Array.from({ length: 500 }, (_, i) => `Author ${i}`) }), abstract: 'word '.repeat(3000) } });
    expect(messageProblems({ embeds: rendered.embeds })).toEqual([]);
    expect(rendered.embeds[0]!.title!.length).toBeLessThanOrEqual(256);
    expect(rendered.embeds[0]!.description!.endsWith('…')).toBe(true);
  });
});

describe('rendering help and errors', () => {
  it('shows help ephemerally with slash-command usage', () => {
    const rendered = renderResult({
      kind: 'help',
      commands: [
        { name: 'ask', usage: 'ask QUESTION', summary: 'Answer a question' },
        { name: 'search', usage: 'search QUERY [--limit N]', summary: 'List papers' },
      ],
      notes: ['a chat note'],
    });
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.embeds[0]!.description).toContain('`/paper ask question:<text>` — Answer a question');
    expect(rendered.embeds[0]!.description).toContain('`/paper search query:<text> [limit:<1-50>] [since:<text>] [until:<text>] [with-code:<true|false>] [sort:<relevance|date|upvotes>]` — List papers');
    expect(rendered.embeds[0]!.description).not.toContain('chat note');
  });

  it('shows errors ephemerally in red, with the usage hint in slash form', () => {
    const rendered = renderResult({ kind: 'error', code: 'paperbot_invalid_option', message: 'query is empty', hint: 'Usage: search QUERY [--limit N]' }, { command: 'search' });
    expect(rendered).toEqual({
      embeds: [{ color: COLORS.error, description: 'query is empty\nUsage: `/paper search query:<text> [limit:<1-50>] [since:<text>] [until:<text>] [with-code:<true|false>] [sort:<relevance|date|upvotes>]`' }],
      ephemeral: true,
      similar: [],
    });
  });

  it('escapes user text echoed in an error', () => {
    const rendered = renderResult({ kind: 'error', code: 'paperbot_unknown_paper', message: 'No paper "@everyone <@1>" in the corpus.' });
    expect(rendered.embeds[0]!.description).toBe(`No paper "@${ZWSP}everyone \\<@1>" in the corpus.`);
  });

  it('renders the adapter\'s own notices as ephemeral embeds', () => {
    expect(renderNotice('This button has expired; run the command again.')).toMatchObject({ ephemeral: true, embeds: [{ description: 'This button has expired; run the command again.' }] });
  });
});

describe('defusing what papers and users type', () => {
  it('escapes markdown and mentions in titles, sentences and sources, and defuses the footer', () => {
    const rendered = renderResult({
      ...answer,
      answer: {
        ...answer.answer,
        question: '@everyone <@123> **bold',
        keywords: ['@everyone'],
        sentences: [{ text: 'A result for @here with *stars*.', sources: [1], highlights: [] }],
        sources: [source(1, 'x', '[Click](https://evil.test) @everyone', { links: [{ kind: 'paper', url: 'https://arxiv.org/abs/1' }] })],
      },
    });
    const [embed] = rendered.embeds;
    expect(embed!.title).toBe(`@${ZWSP}everyone \\<@123> \\*\\*bold`);
    expect(embed!.description).toContain(`A result for @${ZWSP}here with \\*stars\\*. [1]`);
    expect(embed!.description).toContain(`**[1]** [\\[Click\\](https://evil.test) @${ZWSP}everyone](https://arxiv.org/abs/1)`);
    expect(embed!.footer!.text).toBe(`matched: @${ZWSP}everyone`);
    expect(JSON.stringify(rendered.embeds)).not.toMatch(/@everyone|@here|(?<!\\)<@/);
  });
});

describe('rendering filters', () => {
  it('puts an answer\'s filters in its footer', () => {
    const rendered = renderResult({ ...answer, answer: { ...answer.answer, filters: { understood: ['since 2024-01-01', 'with code'], notes: ['dates known for 25 of 231 papers; 3 match'] } } });
    expect(rendered.embeds.at(-1)!.footer!.text).toContain('filters: since 2024-01-01 · with code (dates known for 25 of 231 papers; 3 match)');
  });

  it('puts the filters understood in the list\'s footer, and under "No papers found"', () => {
    const items = [{ ...source(1, 'p1', 'Paper one'), snippet: 'One.' }];
    const shown = renderResult(list(items, { filters: { applied: { since: '2024-01-01', withCode: true, sort: 'date' as const }, understood: ['since 2024-01-01', 'with code', 'newest first'], notes: ['dates known for 25 of 231 papers; 3 match'] } }));
    expect(shown.embeds.at(-1)!.footer!.text).toContain('filters: since 2024-01-01 · with code · newest first (dates known for 25 of 231 papers; 3 match)');
    const none = renderResult(list([], { filters: { applied: { since: '2024-01-01', withCode: true, sort: 'date' as const }, understood: ['since 2024-01-01', 'with code', 'newest first'], notes: ['dates known for 25 of 231 papers; 3 match'] } }));
    expect(none.embeds[0]!.description).toContain('filters: since 2024-01-01');
  });
});
