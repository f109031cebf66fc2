import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer-types.js';
import type { HelpResult, PaperListResult } from '../../src/commands/results.js';
import { renderText, TEXT_WIDTH, wrap } from '../../src/render/text.js';
import { source } from '../helpers/sources.js';

const fast = source(1, 'fast-sampling', 'Fast Sampling of Diffusion Models', {
  published: '2024-06-23',
  authors: ['A. One', 'B. Two'],
  upvotes: 3,
  links: [{ kind: 'github', url: 'https://github.com/x/fast' }],
  matched: ['diffusion', 'sampling'],
});
const other = source(2, 'other-paper', 'Another Paper');

function answerOf(extra: Partial<Answer>): Answer {
  return { question: 'q', keywords: [], sentences: [], sources: [], found: false, suggestions: [], totalMatches: 0, ...extra };
}

describe('renderText: answers', () => {
  it('renders cited sentences (no bold markers for highlights), the numbered sources with their facts, matched words and ids, the "matched:" line and the follow-ups', () => {
    const answer = answerOf({
      keywords: ['speed', 'diffusion sampling'],
      sentences: [
        { text: 'We propose a fast solver.', sources: [1], highlights: [[13, 17]] },
        { text: 'Both papers agree.', sources: [1, 2], highlights: [] },
      ],
      sources: [fast, other],
      found: true,
      totalMatches: 12,
    });
    expect(renderText({ kind: 'answer', answer })).toBe(
      [
        'We propose a fast solver. [1] Both papers agree. [1][2]',
        '',
        'Sources:',
        '[1] Fast Sampling of Diffusion Models — Jun 23, 2024 · A. One, B. Two · 3 upvotes',
        '    matched: diffusion, sampling',
        '    id: fast-sampling · https://github.com/x/fast',
        '[2] Another Paper',
        '    id: other-paper',
        '',
        'matched: speed, diffusion sampling',
        '("show 1" opens a source, "similar 1" finds papers like it, "more" lists more papers)',
      ].join('\n'),
    );
  });

  it('wraps a long answer at the text width', () => {
    const text = 'Sampling from diffusion models is slow because it needs many network evaluations per image.';
    const answer = answerOf({ keywords: ['sampling'], sentences: [1, 2, 3].map(() => ({ text, sources: [1], highlights: [] })), sources: [fast], found: true });
    const body = renderText({ kind: 'answer', answer }).split('\nSources:')[0]!;
    const lines = body.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  it('renders a not-found answer as its suggestions, then what was matched', () => {
    const answer = answerOf({ keywords: ['quantum gravity'], suggestions: ['No paper is about "quantum gravity".', 'Try fewer words.'] });
    expect(renderText({ kind: 'answer', answer })).toBe('No paper is about "quantum gravity".\nTry fewer words.\nmatched: quantum gravity');
  });

  it('leaves out the "matched:" line when the question had no keywords', () => {
    const answer = answerOf({ suggestions: ['Name the topic.'] });
    expect(renderText({ kind: 'answer', answer })).toBe('Name the topic.');
  });

  it('shows the caveat before the quotes and "searched for:" next to "matched:"', () => {
    const answer = answerOf({
      keywords: ['radiance fields'],
      searchedFor: 'neural radiance fields',
      caveat: 'Nothing on NeRF itself; closest: radiance fields.',
      sentences: [{ text: 'We render radiance fields fast.', sources: [1], highlights: [[10, 25]] }],
      sources: [other],
      found: true,
    });
    expect(renderText({ kind: 'answer', answer })).toBe(
      [
        'Nothing on NeRF itself; closest: radiance fields.',
        '',
        'We render radiance fields fast. [1]',
        '',
        'Sources:',
        '[2] Another Paper',
        '    id: other-paper',
        '',
        'searched for: neural radiance fields',
        'matched: radiance fields',
        '("show 1" opens a source, "similar 1" finds papers like it, "more" lists more papers)',
      ].join('\n'),
    );
  });

  it('abstains with "Nothing on X in this corpus.", the suggestions, the closest papers (titles and links, not quotes) and what was searched', () => {
    const answer = answerOf({
      question: 'what about NeRF and RLHF?',
      keywords: ['nerf', 'rlhf'],
      searchedFor: 'nerf rlhf',
      missing: ['NeRF', 'RLHF'],
      suggestions: ['Try "radiance fields".'],
      closest: [fast, other],
    });
    expect(renderText({ kind: 'answer', answer })).toBe(
      [
        'Nothing on NeRF or RLHF in this corpus.',
        'Try "radiance fields".',
        '',
        'Closest:',
        '[1] Fast Sampling of Diffusion Models — Jun 23, 2024 · A. One, B. Two · 3 upvotes',
        '    id: fast-sampling · https://github.com/x/fast',
        '[2] Another Paper',
        '    id: other-paper',
        '',
        'searched for: nerf rlhf',
        'matched: nerf, rlhf',
      ].join('\n'),
    );
  });

  it('joins three or more missing words as "A, B or C", and abstains without a closest list when there is none', () => {
    const answer = answerOf({ missing: ['NeRF', 'RLHF', 'DPO'], suggestions: ['Try "papers".'] });
    expect(renderText({ kind: 'answer', answer })).toBe('Nothing on NeRF, RLHF or DPO in this corpus.\nTry "papers".');
  });
});

describe('renderText: lists', () => {
  function listOf(extra: Partial<PaperListResult>): PaperListResult {
    return { kind: 'list', source: 'search', title: 'Papers for "diffusion"', query: 'diffusion', keywords: ['diffusion'], items: [], offset: 0, total: 0, hasMore: false, ...extra };
  }
  const items = [
    { ...fast, n: 11, snippet: 'Diffusion models generate images.' },
    { ...other, n: 12, snippet: 'Another snippet.' },
  ];

  it('numbers a page from offset + 1, shows the range and total, snippets indented, and the "more" hint when there is more', () => {
    expect(renderText(listOf({ items, offset: 10, total: 30, hasMore: true }))).toBe(
      [
        'Papers for "diffusion" — 11-12 of 30',
        'matched: diffusion',
        '',
        '[11] Fast Sampling of Diffusion Models — Jun 23, 2024 · A. One, B. Two · 3 upvotes',
        '     Diffusion models generate images.',
        '     id: fast-sampling · https://github.com/x/fast',
        '',
        '[12] Another Paper',
        '     Another snippet.',
        '     id: other-paper',
        '',
        '("more" for the next page)',
      ].join('\n'),
    );
  });

  it('has no "more" hint on the last page, and no "matched:" line without keywords', () => {
    const text = renderText(listOf({ items, offset: 10, total: 12, hasMore: false, keywords: [], title: 'Papers in the corpus (12)' }));
    expect(text.startsWith('Papers in the corpus (12) — 11-12 of 12\n\n[11] ')).toBe(true);
    expect(text).not.toContain('more');
    expect(text).not.toContain('matched:');
    expect(text.endsWith('     id: other-paper')).toBe(true);
  });

  it('shows "searched for:" above "matched:" when the query was corrected', () => {
    const text = renderText(listOf({ items, total: 2, searchedFor: 'diffusion' }));
    expect(text.split('\n').slice(0, 4)).toEqual(['Papers for "diffusion" — 1-2 of 2', 'searched for: diffusion', 'matched: diffusion', '']);
  });

  it('shows the filters understood, with what the corpus could not tell, under the heading', () => {
    const text = renderText(listOf({ items, total: 2, filters: { applied: { since: '2024-01-01', withCode: true, sort: 'date' as const }, understood: ['since 2024-01-01', 'with code', 'newest first'], notes: ['dates known for 25 of 231 papers; 3 match'] } }));
    expect(text.split('\n').slice(0, 3)).toEqual(['Papers for "diffusion" — 1-2 of 2', 'filters: since 2024-01-01 · with code · newest first (dates known for 25 of 231 papers; 3 match)', 'matched: diffusion']);
    expect(renderText(listOf({ filters: { applied: { since: '2024-01-01', withCode: true, sort: 'date' as const }, understood: ['since 2024-01-01', 'with code', 'newest first'], notes: ['dates known for 25 of 231 papers; 3 match'] } }))).toBe('No papers found for diffusion.\nfilters: since 2024-01-01 · with code · newest first (dates known for 25 of 231 papers; 3 match)');
  });

  it('offers "Did you mean" with the search to type when nothing was found', () => {
    expect(renderText(listOf({ query: 'difusion', keywords: ['difusion'], didYouMean: 'diffusion' }))).toBe(
      'No papers found for difusion.\nDid you mean: diffusion? Try: search diffusion',
    );
    expect(renderText(listOf({ keywords: ['difusion'], searchedFor: 'difusion models', didYouMean: 'diffusion models' }))).toBe(
      'No papers found for difusion.\nsearched for: difusion models\nDid you mean: diffusion models? Try: search diffusion models',
    );
  });

  it('says what was searched when nothing was found, and "No more papers." past the end', () => {
    expect(renderText(listOf({}))).toBe('No papers found for diffusion.');
    expect(renderText(listOf({ keywords: [] }))).toBe('No papers found.');
    expect(renderText(listOf({ offset: 30, total: 30 }))).toBe('No more papers.');
  });

  it('wraps long snippets under their number', () => {
    const snippet = 'word '.repeat(60).trim();
    const text = renderText(listOf({ items: [{ ...fast, n: 1, snippet }], total: 1 }));
    const snippetLines = text.split('\n').filter((line) => line.trim().startsWith('word'));
    expect(snippetLines.length).toBeGreaterThan(1);
    for (const line of snippetLines) {
      expect(line.startsWith('    word')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(TEXT_WIDTH);
    }
  });
});

describe('renderText: paper detail, help, errors', () => {
  it('renders a paper: title, facts, id, each link by kind, then the abstract', () => {
    const paper = {
      ...fast,
      links: [
        { kind: 'paper' as const, url: 'https://arxiv.org/abs/1' },
        { kind: 'github' as const, url: 'https://github.com/x/fast' },
      ],
      abstract: 'Diffusion models are slow.\nWe make them fast.',
    };
    expect(renderText({ kind: 'paper', paper })).toBe(
      [
        'Fast Sampling of Diffusion Models',
        'Jun 23, 2024 · A. One, B. Two · 3 upvotes',
        'id: fast-sampling',
        'paper: https://arxiv.org/abs/1',
        'github: https://github.com/x/fast',
        '',
        'Diffusion models are slow. We make them fast.',
      ].join('\n'),
    );
  });

  it('renders a paper without facts or links as title, id and abstract', () => {
    expect(renderText({ kind: 'paper', paper: { ...other, abstract: 'Text.' } })).toBe('Another Paper\nid: other-paper\n\nText.');
  });

  it('renders help as aligned usage lines under "Commands:", then the notes', () => {
    const help: HelpResult = {
      kind: 'help',
      commands: [
        { name: 'ask', usage: 'ask QUESTION', summary: 'Answer a question' },
        { name: 'search', usage: 'search QUERY [--limit N]', summary: 'List papers' },
      ],
      notes: ['Note one.', 'Note two.'],
    };
    expect(renderText(help)).toBe(['Commands:', '  ask QUESTION              Answer a question', '  search QUERY [--limit N]  List papers', '', 'Note one.', 'Note two.'].join('\n'));
  });

  it('renders help for one command without the "Commands:" heading', () => {
    const help: HelpResult = { kind: 'help', commands: [{ name: 'more', usage: 'more', summary: 'Next page' }], notes: [] };
    expect(renderText(help)).toBe('  more  Next page');
  });

  it('renders an error as "Error: message", then its hint when it has one', () => {
    expect(renderText({ kind: 'error', code: 'x', message: 'limit must be at least 1', hint: 'Usage: search QUERY [--limit N]' })).toBe(
      'Error: limit must be at least 1\nUsage: search QUERY [--limit N]',
    );
    expect(renderText({ kind: 'error', code: 'x', message: 'Something went wrong.' })).toBe('Error: Something went wrong.');
  });
});

describe('wrap', () => {
  /** Deterministic pseudo-random words of 1 to 15 letters, and now and then a 30-letter one. */
  function words(count: number, seed: number): string[] {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: count }, () => 'w'.repeat(next() < 0.05 ? 30 : 1 + Math.floor(next() * 15)));
  }

  it.each([10, 20, 37, 100])('never makes a line longer than %i unless it is a single long word, and keeps every word in order', (width) => {
    for (const seed of [1, 2, 3]) {
      const input = words(300, seed);
      const lines = wrap(input.join(' \n  '), width).split('\n');
      for (const line of lines) {
        if (line.length > width) expect(line).not.toContain(' ');
      }
      expect(lines.join(' ').split(' ')).toEqual(input);
      // Greedy: the next line's first word would not have fit.
      for (let i = 0; i + 1 < lines.length; i++) expect(lines[i]!.length + 1 + lines[i + 1]!.split(' ')[0]!.length).toBeGreaterThan(width);
    }
  });

  it('keeps a word longer than the width whole on its own line', () => {
    expect(wrap('a bbbbbbbbbbbb c', 5)).toBe('a\nbbbbbbbbbbbb\nc');
  });

  it('turns empty or blank text into an empty string, and collapses whitespace', () => {
    expect(wrap('', 10)).toBe('');
    expect(wrap(' \n\t ', 10)).toBe('');
    expect(wrap('a  b\n\nc', 80)).toBe('a b c');
  });

  it('fills a line up to exactly the width', () => {
    expect(wrap('aaaa bbbb cccc', 9)).toBe('aaaa bbbb\ncccc');
  });
});

describe('renderText: text from the corpus cannot drive the terminal', () => {
  const hostileTitle = 'Evil\x1b]0;pwned\x07 Paper\x1b[2J\x07\x00';
  const hostileAbstract = 'Looks fine.\x1b[8m hidden \x1b[0m\x9b2J Ends.\x07';
  const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

  it('strips escape sequences and control characters from titles, abstracts, snippets and ids in every kind of result', () => {
    const evil = source(1, 'evil\x1b[2J-id', hostileTitle, { matched: ['x\x07'], links: [{ kind: 'paper', url: 'https://a.b/\x1b]8;;x\x07' }] });
    const results = [
      renderText({ kind: 'paper', paper: { ...evil, abstract: hostileAbstract } }),
      renderText({ kind: 'list', source: 'papers', title: 'Papers', query: '', keywords: [], items: [{ ...evil, snippet: hostileAbstract }], offset: 0, total: 1, hasMore: false }),
      renderText({ kind: 'answer', answer: answerOf({ found: true, sentences: [{ text: hostileAbstract, sources: [1], highlights: [] }], sources: [evil] }) }),
      renderText({ kind: 'error', code: 'x', message: 'No channel "\x1b[2J"' }),
    ];
    for (const text of results) {
      expect(text).not.toMatch(CONTROL);
      expect(text).not.toContain('[2J');
      expect(text).not.toContain('0;pwned');
    }
    expect(results[0]!.split('\n')[0]).toBe('Evil Paper');
    expect(results[0]).toContain('Looks fine. hidden Ends.');
  });
});

describe('renderText: width', () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
  const everyLine = (text: string) => text.split('\n');

  it('wraps every line of a list, an answer and a paper at the given width: titles, snippets, ids and links with their indents', () => {
    const item = source(12, 'an-id', long(20), { published: '2024-06-23', authors: ['A. One'], links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2401.00001' }], matched: ['word1', 'word2'] });
    const texts = [
      renderText({ kind: 'list', source: 'papers', title: 'Papers in the corpus (1)', query: '', keywords: [], items: [{ ...item, snippet: long(30) }], offset: 11, total: 12, hasMore: false }, { width: 40 }),
      renderText({ kind: 'answer', answer: answerOf({ found: true, keywords: ['word1'], sentences: [{ text: long(40), sources: [12], highlights: [] }], sources: [item] }) }, { width: 40 }),
      renderText({ kind: 'paper', paper: { ...item, abstract: long(50) } }, { width: 40 }),
    ];
    for (const text of texts) for (const line of everyLine(text)) expect(line.length, line).toBeLessThanOrEqual(40);
    const list = everyLine(texts[0]!);
    expect(list[2]!.startsWith('[12] word0 ')).toBe(true);
    // Continuation lines of an item sit under its title, after "[12] ".
    expect(list.slice(3, -1).every((line) => line.startsWith('     '))).toBe(true);
  });

  it('defaults to 100 columns, and keeps a word longer than the width (a URL) whole', () => {
    const text = renderText({ kind: 'paper', paper: { ...other, abstract: long(80), links: [{ kind: 'paper', url: `https://example.org/${'x'.repeat(60)}` }] } }, { width: 30 });
    expect(text).toContain(`https://example.org/${'x'.repeat(60)}`);
    const wide = everyLine(renderText({ kind: 'paper', paper: { ...other, abstract: long(80) } }));
    expect(Math.max(...wide.map((line) => line.length))).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(Math.max(...wide.map((line) => line.length))).toBeGreaterThan(90);
  });

  it('wraps help summaries under their column', () => {
    const help: HelpResult = { kind: 'help', commands: [{ name: 'ask', usage: 'ask Q', summary: long(12) }, { name: 'more', usage: 'more', summary: 'Next' }], notes: [] };
    const lines = everyLine(renderText(help, { width: 40 }));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines[1]!.startsWith('  ask Q  word0 ')).toBe(true);
    expect(lines[2]).toMatch(/^ {9}word/);
  });
});
