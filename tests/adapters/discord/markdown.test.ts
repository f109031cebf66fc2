import { describe, expect, it } from 'vitest';
import { defuseMentions, escapeAndFit, escapeHighlighted, escapeMarkdown, fitLines, maskedLink, oneLine, safeUrl, truncate } from '../../../adapters/discord/markdown.js';

const ZWSP = '\u200b';

describe('escapeHighlighted', () => {
  it('wraps each highlighted range in ** and escapes everything else as escapeMarkdown does', () => {
    expect(escapeHighlighted('We speed up *diffusion* sampling.', [[3, 8], [12, 32]])).toBe('We **speed** up **\\*diffusion\\* sampling**.');
    expect(escapeHighlighted('No highlights *here*.', [])).toBe('No highlights \\*here\\*.');
  });

  it('leaves whitespace at the edges of a range outside the markers, and skips blank ranges', () => {
    expect(escapeHighlighted('a  b  c', [[1, 5]])).toBe('a  **b**  c');
    expect(escapeHighlighted('a   c', [[1, 4]])).toBe('a   c');
  });

  it('escapes line starts by the real lines, not by where ranges start', () => {
    expect(escapeHighlighted('x 1. y\n# z', [[2, 3]])).toBe('x **1**. y\n\\# z');
  });

  it('treats marker look-alikes in the text as text', () => {
    expect(escapeHighlighted('a\ue000b\ue001c', [[0, 1]])).toBe('**a**\ufffdb\ufffdc');
  });
});

describe('escapeMarkdown', () => {
  it('escapes emphasis, code, spoilers and masked-link brackets so they render as typed', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ~~gone~~ ||spoiler|| [label](https://x.test) a\\b')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| \\[label\\](https://x.test) a\\\\b',
    );
  });

  it('makes mentions inert: <@id>, <@&role>, <#channel> escaped; @everyone and @here broken by a zero-width space', () => {
    expect(escapeMarkdown('@everyone <@123> <@&456> <#789> @here')).toBe(`@${ZWSP}everyone \\<@123> \\<@&456> \\<#789> @${ZWSP}here`);
  });

  it('escapes headings, quotes and list markers only at the start of a line', () => {
    expect(escapeMarkdown('# Title\n> quote\n- item\n1. first\nx - y # z > w')).toBe('\\# Title\n\\> quote\n\\- item\n\\1. first\nx - y # z > w');
  });

  it('leaves URLs whole (a backslash inside one would break the link) and escapes around them', () => {
    expect(escapeMarkdown('Code at https://github.com/a_b/c_d. See *it*.')).toBe('Code at https://github.com/a_b/c_d. See \\*it\\*.');
  });

  it('leaves plain prose alone', () => {
    const prose = 'We improve sampling speed by 2-4x across a range of models (see Table 1).';
    expect(escapeMarkdown(prose)).toBe(prose);
  });
});

describe('defuseMentions', () => {
  it('breaks mention syntax in text that is not markdown (footers, labels)', () => {
    expect(defuseMentions('@everyone hi <@123> <#4> </cmd:5> <t:1700000000>')).toBe(
      `@${ZWSP}everyone hi <${ZWSP}@123> <${ZWSP}#4> <${ZWSP}/cmd:5> <${ZWSP}t:1700000000>`,
    );
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text at a word boundary with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
  });

  it('cuts a long word mid-word when there is no near boundary', () => {
    expect(truncate('abcdefghijklmnop', 6)).toBe('abcde…');
  });

  it('never splits a surrogate pair or leaves a lone escape backslash before the ellipsis', () => {
    const emoji = '😀'.repeat(10);
    const cut = truncate(emoji, 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('😀😀…');
    expect(truncate('abcd\\*efghijk', 6)).toBe('abcd…');
  });
});

describe('escapeAndFit', () => {
  it('fits escaped text into the limit even when escaping lengthens it', () => {
    const text = '*'.repeat(300);
    const fitted = escapeAndFit(text, 256);
    expect(fitted.length).toBeLessThanOrEqual(256);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted).toMatch(/^(\\\*)+…$/);
  });
});

describe('links', () => {
  it('accepts only http(s) URLs and encodes what would end a masked link early', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
    expect(safeUrl('https://example.com/a (b)')).toBe('https://example.com/a%20%28b%29');
  });

  it('writes [label](url) with the label escaped, or the bare label without a usable URL', () => {
    expect(maskedLink('A [x] *b*', 'https://arxiv.org/abs/1')).toBe('[A \\[x\\] \\*b\\*](https://arxiv.org/abs/1)');
    expect(maskedLink('Title', 'ftp://x')).toBe('Title');
  });
});

describe('fitLines', () => {
  it('keeps whole lines only, so a link is never cut', () => {
    const lines = ['[one](https://a.test)', '[two](https://b.test)', '[three](https://c.test)'];
    const { text, count } = fitLines(lines, 45);
    expect(count).toBe(2);
    expect(text).toBe('[one](https://a.test)\n[two](https://b.test)');
  });
});

describe('oneLine', () => {
  it('collapses newlines and control characters', () => {
    expect(oneLine(' a\nb\t\u0000c  ')).toBe('a b c');
  });
});
