import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../adapters/slack/block-kit-limits.js';
import { fitBlocks, renderResult, visibilityOf } from '../../../adapters/slack/render-blocks.js';
import type { SlackMessage } from '../../../adapters/slack/slack-message.js';
import type { AnswerResult, CommandResult, PaperListResult } from '../../../src/commands/results.js';
import { source } from '../../helpers/sources.js';
import { expectNothingPingable, expectWithinBlockKitLimits } from './helpers/payload-checks.js';

const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string) => ({ type: 'section', text: md(text) });
const similar = (surface: string, n: number | undefined, id: string, label = 'Similar') => ({
  type: 'button',
  text: { type: 'plain_text', text: label },
  action_id: `paperbot_similar.${surface}${n === undefined ? '' : `.${n}`}`,
  value: id,
});

function answerResult(overrides: Partial<AnswerResult['answer']> = {}, next: AnswerResult['next'] | null = { source: 'search', query: 'fast sampling?', offset: 0, limit: 10 }): AnswerResult {
  return {
    kind: 'answer',
    answer: {
      question: 'fast sampling?',
      keywords: ['sampling'],
      sentences: [
        { text: 'We speed up sampling.', sources: [1], highlights: [] },
        { text: 'Both agree.', sources: [1, 2], highlights: [] },
      ],
      sources: [
        source(1, 'fast', 'Fast Sampling', { links: [{ kind: 'paper', url: 'https://arxiv.org/abs/1' }], published: '2024-06-23', upvotes: 3 }),
        source(2, 'slow', 'Slow Sampling'),
      ],
      found: true,
      suggestions: [],
      totalMatches: 2,
      ...overrides,
    },
    ...(next ? { next } : {}),
  };
}

function listResult(count: number, overrides: Partial<PaperListResult> = {}): PaperListResult {
  return {
    kind: 'list',
    source: 'search',
    title: 'Papers for "diffusion"',
    query: 'diffusion',
    keywords: ['diffusion'],
    items: Array.from({ length: count }, (_, i) => ({ ...source(i + 1, `paper-${i + 1}`, `Paper number ${i + 1}`), snippet: `Snippet ${i + 1}.` })),
    offset: 0,
    total: count + 5,
    hasMore: true,
    next: { source: 'search', query: 'diffusion', offset: count, limit: count },
    ...overrides,
  };
}

describe('renderResult: an answer', () => {
  it('is the cited answer text, numbered linked sources with Similar buttons, the question and keywords, and More results', () => {
    const message = renderResult(answerResult(), 'thread');
    expect(message).toEqual({
      text: 'We speed up sampling. [1] Both agree. [1][2]',
      blocks: [
        section('We speed up sampling. [1] Both agree. [1][2]'),
        section('*Sources*'),
        { ...section('*[1]* <https://arxiv.org/abs/1|Fast Sampling>\nJun 23, 2024 · 3 upvotes'), accessory: similar('thread', 1, 'fast') },
        { ...section('*[2]* Slow Sampling'), accessory: similar('thread', 2, 'slow') },
        { type: 'context', elements: [md('Question: fast sampling?'), md('matched: sampling')] },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'More results' },
              action_id: 'paperbot_more.thread',
              value: '{"source":"search","query":"fast sampling?","offset":0,"limit":10}',
            },
          ],
        },
      ],
    });
    expect(visibilityOf(answerResult())).toBe('public');
  });

  it('names the surface in action ids, so a click is followed up in the same kind of conversation', () => {
    const ids = (surface: 'dm' | 'slash') =>
      JSON.stringify(renderResult(answerResult(), surface).blocks).match(/paperbot_[a-z]+\.[a-z]+/g);
    expect(new Set(ids('dm'))).toEqual(new Set(['paperbot_similar.dm', 'paperbot_more.dm']));
    expect(new Set(ids('slash'))).toEqual(new Set(['paperbot_similar.slash', 'paperbot_more.slash']));
  });

  it('leaves off More results when the page request is too long for a button value, with a hint instead', () => {
    const query = '\u0001'.repeat(400);
    const message = renderResult(answerResult({}, { source: 'search', query, offset: 0, limit: 10 }), 'slash');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [md('More results: `/paper more`')] });
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('offers More results on "nothing found" when some papers matched the question at all', () => {
    const result = answerResult({ found: false, sentences: [], sources: [], suggestions: ['Try other words.'] });
    expect(renderResult(result, 'thread').blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'paperbot_more.thread' }] });
  });

  it('renders "nothing found" as the suggestions, ephemeral', () => {
    const result = answerResult({ found: false, sentences: [], sources: [], keywords: [], suggestions: ['Name the topic, e.g. "label smoothing".', 'Use "papers".'] }, null);
    expect(renderResult(result, 'thread')).toEqual({
      text: 'Name the topic, e.g. "label smoothing".',
      blocks: [section('Name the topic, e.g. "label smoothing".\nUse "papers".'), { type: 'context', elements: [md('Question: fast sampling?')] }],
    });
    expect(visibilityOf(result)).toBe('ephemeral');
  });
});

/** The ranges of every occurrence of `word` in `text`. */
function rangesOf(text: string, word: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) ranges.push([at, at + word.length]);
  return ranges;
}

/** The mrkdwn of every section block. */
const sectionTexts = (message: SlackMessage): string[] => message.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('renderResult: highlights, caveats, matched words and abstentions', () => {
  it('bolds the highlighted words, puts the caveat before the quotes, each source\'s matched words under it, and "searched for:" in the question context', () => {
    const first = 'We speed up diffusion sampling.';
    const result = answerResult({
      keywords: ['speed', 'diffusion sampling'],
      searchedFor: 'speed diffusion sampling',
      caveat: 'Nothing on <consistency models> itself; closest: distillation.',
      sentences: [
        { text: first, sources: [1], highlights: [[3, 8], [12, 30]] },
        { text: 'Both agree.', sources: [1, 2], highlights: [] },
      ],
      sources: [
        source(1, 'fast', 'Fast Sampling', { links: [{ kind: 'paper', url: 'https://arxiv.org/abs/1' }], matched: ['speed', 'diffusion', 'sampling'] }),
        source(2, 'slow', 'Slow Sampling'),
      ],
    });
    const message = renderResult(result, 'thread');
    expect(message.text).toBe('We speed up diffusion sampling. [1] Both agree. [1][2]');
    expect(message.blocks.slice(0, 7)).toEqual([
      section('Nothing on &lt;consistency models&gt; itself; closest: distillation.'),
      section('We *speed* up *diffusion sampling*. [1] Both agree. [1][2]'),
      section('*Sources*'),
      { ...section('*[1]* <https://arxiv.org/abs/1|Fast Sampling>'), accessory: similar('thread', 1, 'fast') },
      { type: 'context', elements: [md('matched: speed, diffusion, sampling')] },
      { ...section('*[2]* Slow Sampling'), accessory: similar('thread', 2, 'slow') },
      { type: 'context', elements: [md('Question: fast sampling?'), md('searched for: speed diffusion sampling'), md('matched: speed, diffusion sampling')] },
    ]);
  });

  it('keeps hostile text inside a highlighted range inert: escaped, and bold only where it is paperbot\'s own', () => {
    const hostile = 'Attention <!channel> *x* @everyone `y` scales.';
    const result = answerResult({
      sentences: [
        // The whole hostile stretch highlighted, then each hostile word on its own.
        { text: hostile, sources: [1], highlights: [[10, 38]] },
        { text: hostile, sources: [1], highlights: [[12, 19], [22, 23], [26, 34], [36, 37]] },
        { text: 'It scales <!here> <@U1> fast.', sources: [2], highlights: [[3, 28]] },
      ],
    });
    const message = renderResult(result, 'thread');
    const inert = 'Attention &lt;!channel&gt; \u2217x\u2217 @\u2060everyone \u02cby\u02cb scales.';
    expect(message.blocks[0]).toEqual(section(`${inert} [1] ${inert} [1] It *scales &lt;!here&gt; &lt;@U1&gt; fast*. [2]`));
    expectNothingPingable(message);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('bolds a highlight only where Slack renders it: not inside a word, not next to a look-alike or non-ASCII punctuation', () => {
    const text = 'resampling (sampling) sampling, sampling\u2014x x_sampling sampling\'s sampling';
    const message = renderResult(answerResult({ sentences: [{ text, sources: [1], highlights: rangesOf(text, 'sampling') }] }), 'thread');
    expect(message.blocks[0]).toEqual(section(`resampling (*sampling*) *sampling*, sampling\u2014x x\u02cdsampling *sampling*'s *sampling* [1]`));
  });

  it('keeps highlights on their words when whitespace is collapsed and controls removed before them', () => {
    const text = '\n  Fast\u0000\u202e  diffusion\t\tsampling  ';
    const message = renderResult(answerResult({ sentences: [{ text, sources: [1], highlights: [[11, 30]] }] }), 'thread');
    expect(message.blocks[0]).toEqual(section('Fast *diffusion sampling* [1]'));
  });

  it('never cuts a bold pair across two sections: a highlighted phrase at the 3000-character split moves whole to the next section', () => {
    const filler = 'word '.repeat(597);
    const text = `${filler}diffusion sampling is fast.`;
    const message = renderResult(answerResult({ sentences: [{ text, sources: [1], highlights: [[filler.length, filler.length + 18]] }] }), 'thread');
    const [first, second] = sectionTexts(message);
    expect(first).toBe(filler.trim());
    expect(second).toBe('*diffusion sampling* is fast. [1]');
    for (const body of sectionTexts(message)) expect(body.split('*').length % 2, body.slice(0, 80)).toBe(1);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('abstains with "Nothing on X in this corpus.", the suggestions, and the closest papers as linked titles, ephemeral', () => {
    const result = answerResult(
      {
        question: 'what does RLHF do to NeRF?',
        keywords: ['rlhf', 'nerf'],
        searchedFor: 'rlhf nerf',
        found: false,
        sentences: [],
        sources: [],
        missing: ['RLHF', 'NeRF'],
        suggestions: ['The papers below share other words of your question; none is about it.'],
        closest: [source(1, 'fast', 'Fast Sampling', { links: [{ kind: 'paper', url: 'https://arxiv.org/abs/1' }], published: '2024-06-23' }), source(2, 'slow', 'Slow <!here> Sampling')],
      },
      null,
    );
    expect(renderResult(result, 'thread')).toEqual({
      text: 'Nothing on RLHF or NeRF in this corpus.',
      blocks: [
        section('Nothing on RLHF or NeRF in this corpus.\nThe papers below share other words of your question; none is about it.'),
        section('*Closest:*\n*[1]* <https://arxiv.org/abs/1|Fast Sampling> — Jun 23, 2024\n*[2]* Slow &lt;!here&gt; Sampling'),
        { type: 'context', elements: [md('Question: what does RLHF do to NeRF?'), md('searched for: rlhf nerf'), md('matched: rlhf, nerf')] },
      ],
    });
    expect(visibilityOf(result)).toBe('ephemeral');
  });

  it('shows "searched for:" above a list and "Did you mean" with the search to type when nothing was found', () => {
    const message = renderResult(listResult(1, { searchedFor: 'diffusion' }), 'slash');
    expect(message.blocks[1]).toEqual({ type: 'context', elements: [md('searched for: diffusion'), md('matched: diffusion')] });
    const empty = listResult(0, { query: 'difusion', keywords: ['difusion'], total: 0, hasMore: false, next: undefined, searchedFor: 'difusion', didYouMean: 'diffusion' });
    expect(renderResult(empty, 'slash')).toEqual({
      text: 'No papers found for difusion.',
      blocks: [section('No papers found for difusion.\nsearched for: difusion\nDid you mean: diffusion? Try: `/paper search diffusion`')],
    });
    expect(renderResult(empty, 'thread').blocks[0]).toEqual(section('No papers found for difusion.\nsearched for: difusion\nDid you mean: diffusion? Try: mention me with `search diffusion` in this thread'));
  });
});

describe('renderResult: lists, papers, help and errors', () => {
  it('renders a list page with its range, keywords, one section per paper and More results', () => {
    const message = renderResult(listResult(2), 'slash');
    expect(message.text).toBe('Papers for "diffusion" — 1–2 of 7');
    expect(message.blocks.slice(0, 3)).toEqual([
      section('*Papers for "diffusion"* — 1–2 of 7'),
      { type: 'context', elements: [md('matched: diffusion')] },
      { ...section('*[1]* Paper number 1\nSnippet 1.'), accessory: similar('slash', 1, 'paper-1') },
    ]);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ value: '{"source":"search","query":"diffusion","offset":2,"limit":2}' }] });
  });

  it('packs a long page (50 papers) into few sections, within every Block Kit limit', () => {
    const message = renderResult(listResult(50), 'thread');
    expect(blockKitProblems(message)).toEqual([]);
    expectWithinBlockKitLimits(message);
    expect(message.blocks.length).toBeLessThan(10);
    const text = message.blocks.map((b) => (b.type === 'section' ? b.text?.text : '')).join('\n');
    for (let n = 1; n <= 50; n++) expect(text).toContain(`*[${n}]* Paper number ${n}`);
  });

  it('says when a list is empty, ephemerally', () => {
    const empty = listResult(0, { total: 0, hasMore: false, next: undefined });
    expect(renderResult(empty, 'slash')).toEqual({ text: 'No papers found for diffusion.', blocks: [section('No papers found for diffusion.')] });
    expect(visibilityOf(empty)).toBe('ephemeral');
  });

  it('renders a paper in full: linked title, facts, copyable id, abstract, links and Similar papers', () => {
    const result: CommandResult = {
      kind: 'paper',
      paper: {
        ...source(2, 'my_paper_id', 'A *Bold* Title', { links: [{ kind: 'github', url: 'https://github.com/a/b' }], authors: ['A. One'] }),
        abstract: 'First sentence.\n\nSecond & last.',
      },
    };
    expect(renderResult(result, 'dm')).toEqual({
      text: 'A \u2217Bold\u2217 Title',
      blocks: [
        section('*<https://github.com/a/b|A \u2217Bold\u2217 Title>*\nA. One\nid: `my_paper_id`'),
        section('First sentence. Second &amp; last.'),
        { type: 'context', elements: [md('github: <https://github.com/a/b|github.com/a/b>')] },
        { type: 'actions', elements: [similar('dm', undefined, 'my_paper_id', 'Similar papers')] },
      ],
    });
  });

  it('renders help with /paper usage for the slash command, ephemeral', () => {
    const help: CommandResult = { kind: 'help', commands: [{ name: 'ask', usage: 'ask QUESTION', summary: 'Answer a question' }], notes: ['Ask in your own words.'] };
    const message = renderResult(help, 'slash');
    expect(message.blocks.slice(0, 2)).toEqual([section('`/paper ask QUESTION` — Answer a question'), section('Ask in your own words.')]);
    expect(message.text).toBe('paperbot commands: ask');
    expect(visibilityOf(help)).toBe('ephemeral');
    expect(renderResult(help, 'thread').blocks[0]).toEqual(section('`ask QUESTION` — Answer a question'));
  });

  it('renders an error with its hint, escaped, ephemeral', () => {
    const error: CommandResult = { kind: 'error', code: 'paperbot_unknown_paper', message: 'No paper "<!here>" in the corpus.', hint: 'Use a number.' };
    expect(renderResult(error, 'slash')).toEqual({
      text: 'Error: No paper "&lt;!here&gt;" in the corpus.',
      blocks: [section(':warning: No paper "&lt;!here&gt;" in the corpus.\nUse a number.')],
    });
    expect(visibilityOf(error)).toBe('ephemeral');
  });
});

describe('untrusted text in rendered messages', () => {
  it('escapes paper and user text everywhere: body, titles, facts, snippets, keywords, question, fallback', () => {
    const evil = '<!channel> <@U1> <#C1> <!subteam^S1> @here & *x*';
    const result = answerResult({
      question: evil,
      keywords: [evil],
      searchedFor: evil,
      caveat: evil,
      sentences: [{ text: evil, sources: [1], highlights: [[0, evil.length]] }],
      sources: [source(1, 'evil', evil, { authors: [evil], links: [{ kind: 'paper', url: 'https://x.test/a|<!here>' }], matched: [evil] })],
    });
    const message = renderResult(result, 'thread');
    expectNothingPingable(message);
    expect(blockKitProblems(message)).toEqual([]);
    const abstention = answerResult({ ...result.answer, found: false, sentences: [], sources: [], missing: [evil], suggestions: [evil], closest: result.answer.sources });
    expectNothingPingable(renderResult(abstention, 'thread'));
    const list = listResult(0, { keywords: [evil], total: 0, hasMore: false, next: undefined, searchedFor: evil, didYouMean: evil });
    expectNothingPingable(renderResult(list, 'thread'));
  });

  it('keeps a huge answer within limits, split into sections without cutting entities', () => {
    const sentence = 'Diffusion & sampling <fast> '.repeat(40).trim() + '.';
    const result = answerResult({ sentences: Array.from({ length: 10 }, () => ({ text: sentence, sources: [1], highlights: [] })) });
    const message = renderResult(result, 'thread');
    expect(blockKitProblems(message)).toEqual([]);
    const bodies = message.blocks.filter((b) => b.type === 'section' && !('accessory' in b)).map((b) => (b.type === 'section' ? b.text!.text : ''));
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(body.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
  });
});

describe('fitBlocks', () => {
  it('keeps at most 50 blocks, the actions block last', () => {
    const blocks = Array.from({ length: 60 }, (_, i) => ({ type: 'section' as const, text: md(`b${i}`) as { type: 'mrkdwn'; text: string } }));
    const actions = { type: 'actions' as const, elements: [] };
    const message: SlackMessage = { text: 't', blocks: [...blocks, actions] };
    const fitted = fitBlocks(message);
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks.at(-1)).toBe(actions);
    expect(fitted.blocks.at(-2)).toEqual({ type: 'context', elements: [md('(shortened to fit one Slack message)')] });
  });
});

describe('rendering filters', () => {
  it('puts an answer\'s filters in its question context', () => {
    const base = answerResult();
    const message = renderResult({ ...base, answer: { ...base.answer, filters: { understood: ['since 2024-01-01', 'with code'], notes: ['dates known for 25 of 231 papers; 3 match'] } } }, 'thread');
    expect(JSON.stringify(message.blocks)).toContain('filters: since 2024-01-01 · with code (dates known for 25 of 231 papers; 3 match)');
  });

  it('puts the filters understood in the list\'s context line', () => {
    const message = renderResult(listResult(2, { filters: { applied: { since: '2024-01-01', withCode: true, sort: 'date' as const }, understood: ['since 2024-01-01', 'with code', 'newest first'], notes: ['dates known for 25 of 231 papers; 3 match'] } }), 'thread');
    expect(JSON.stringify(message.blocks[1])).toContain('filters: since 2024-01-01 · with code · newest first (dates known for 25 of 231 papers; 3 match)');
    expect(message.blocks[1]!.type).toBe('context');
  });
});
