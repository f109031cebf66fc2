import { describe, expect, it } from 'vitest';
import { cleanRuns, cleanText, defuseBroadcasts, escapeMrkdwn, mrkdwnLink, rendersBold, safeLinkUrl } from '../../../adapters/slack/escape.js';
import { clipEscaped, escapeClipped, packLines, splitEscaped, splitEscapedRuns } from '../../../adapters/slack/split-text.js';
import { expectWholeEntities } from './helpers/payload-checks.js';

const WJ = '\u2060';

describe('escapeMrkdwn: untrusted text in mrkdwn', () => {
  it('escapes &, < and > (ampersand first, so entities are not double-escaped)', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  it('turns every Slack mention and link syntax into inert text', () => {
    const text = '<!channel> <!here> <!everyone> <@U123> <#C123|general> <!subteam^S1|@team> <https://evil.test|click>';
    const escaped = escapeMrkdwn(text);
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).toBe(
      `&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;#C123|general&gt; &lt;!subteam^S1|@team&gt; &lt;https://evil.test|click&gt;`,
    );
  });

  it('keeps bare @channel, @here and @everyone from being linked (a word joiner after the @)', () => {
    expect(escapeMrkdwn('ping @channel and @Here, @everyone')).toBe(`ping @${WJ}channel and @${WJ}Here, @${WJ}everyone`);
    expect(escapeMrkdwn('email me@channels.org')).toBe('email me@channels.org');
  });

  it('replaces *, _, ~ and ` with look-alikes so titles cannot bold, italicise, strike or code-format', () => {
    expect(escapeMrkdwn('*bold* _it_ ~s~ `c`')).toBe('\u2217bold\u2217 \u02cdit\u02cd \u223cs\u223c \u02cbc\u02cb');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeMrkdwn('DPM-Solver++: Fast Solver (2-4x) "quoted" [1]')).toBe('DPM-Solver++: Fast Solver (2-4x) "quoted" [1]');
  });
});

describe('cleanText', () => {
  it('collapses whitespace (newlines too) and removes controls and bidi overrides', () => {
    expect(cleanText('  a\n\n b\tc\u0000d\u202eevil\u202c  ')).toBe('a b cdevil');
  });
});

describe('cleanRuns: cleanText with highlights kept on their words', () => {
  it('applies the ranges to the original text, then removes controls and collapses whitespace', () => {
    const text = ' \u0000a\u202e  bc\n\nd  e ';
    // "a", "bc\n\nd" and "e" highlighted in the original.
    expect(cleanRuns(text, [[2, 3], [6, 11], [13, 14]])).toEqual([
      { text: 'a', bold: true },
      { text: ' ', bold: false },
      { text: 'bc d', bold: true },
      { text: ' ', bold: false },
      { text: 'e', bold: true },
    ]);
  });

  it('leaves spaces at the edges of a highlight outside it', () => {
    expect(cleanRuns('a  b  c', [[1, 5]])).toEqual([
      { text: 'a ', bold: false },
      { text: 'b', bold: true },
      { text: ' c', bold: false },
    ]);
  });

  it('always joins into exactly cleanText(text)', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'b', ' ', '\n', '\t', '\u0000', '\u202e', '😀', '*', '<', '\u00a0'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const ranges: Array<[number, number]> = Array.from({ length: 3 }, () => {
        const a = Math.floor(next() * (text.length + 1));
        return [a, a + Math.floor(next() * 6)];
      });
      const runs = cleanRuns(text, ranges);
      expect(runs.map((run) => run.text).join('')).toBe(cleanText(text));
      for (const run of runs) if (run.bold) expect(run.text).toBe(run.text.trim());
    }
  });
});

describe('rendersBold: where Slack shows *…* as bold', () => {
  it('needs a letter or digit right inside each marker', () => {
    expect(rendersBold('sampling', ' ', '.')).toBe(true);
    expect(rendersBold('3D', undefined, undefined)).toBe(true);
    expect(rendersBold('&lt;x', ' ', ' ')).toBe(false);
    expect(rendersBold('x.', ' ', ' ')).toBe(false);
    expect(rendersBold('', ' ', ' ')).toBe(false);
    expect(rendersBold('a*b', ' ', ' ')).toBe(false);
  });

  it('is not applied inside a word, nor next to punctuation Slack does not accept there', () => {
    for (const before of ['a', '7', '\u02cd', '@', '!', ';', '\u2014']) expect(rendersBold('x', before, ' '), before).toBe(false);
    for (const after of ['a', '7', '\u02cd', '&', '(', '@', '|', '\u2014', '\u3002']) expect(rendersBold('x', ' ', after), after).toBe(false);
    for (const before of [undefined, ' ', '(', '"', "'", '[']) expect(rendersBold('x', before, ' ')).toBe(true);
    for (const after of [undefined, ' ', ')', '.', ',', ';', ':', '!', '?', "'", '"', '-', '/']) expect(rendersBold('x', ' ', after)).toBe(true);
  });
});

describe('defuseBroadcasts', () => {
  it('puts a word joiner after the @ of a broadcast, also before paperbot\'s bold marker, once', () => {
    expect(defuseBroadcasts('@here @*channel* @everyone')).toBe(`@${WJ}here @${WJ}*channel* @${WJ}everyone`);
    expect(defuseBroadcasts(defuseBroadcasts('@here'))).toBe(`@${WJ}here`);
    expect(defuseBroadcasts('me@channels.org')).toBe('me@channels.org');
  });
});

describe('safeLinkUrl and mrkdwnLink', () => {
  it('accepts http(s) URLs, escaping & and encoding | < > so the link cannot be broken out of', () => {
    expect(safeLinkUrl('https://arxiv.org/abs/2301.00001?a=1&b=2')).toBe('https://arxiv.org/abs/2301.00001?a=1&amp;b=2');
    expect(safeLinkUrl('https://x.test/a|<!here>')).toBe('https://x.test/a%7C%3C!here%3E');
  });

  it('rejects other schemes, credentials, garbage and overlong URLs', () => {
    expect(safeLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('slack://channel?id=C1')).toBeUndefined();
    expect(safeLinkUrl('https://user:pw@x.test/')).toBeUndefined();
    expect(safeLinkUrl('not a url')).toBeUndefined();
    expect(safeLinkUrl('https://x.test/' + 'a'.repeat(600))).toBeUndefined();
  });

  it('links an escaped label, or shows the label alone without a safe URL', () => {
    expect(mrkdwnLink('https://x.test/p', 'A <b> & *c*')).toBe('<https://x.test/p|A &lt;b&gt; &amp; \u2217c\u2217>');
    expect(mrkdwnLink('javascript:x', 'Title')).toBe('Title');
    expect(mrkdwnLink(undefined, '<!here>')).toBe('&lt;!here&gt;');
  });
});

describe('splitting escaped text to a length', () => {
  it('splits between words, every chunk within the limit', () => {
    const chunks = splitEscaped('one two three four five six', 10);
    expect(chunks).toEqual(['one two', 'three four', 'five six']);
  });

  it('never cuts inside an entity, even when the text is all ampersands', () => {
    const text = '&'.repeat(50) + ' ' + 'a&b '.repeat(40);
    const chunks = splitEscaped(text, 23);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(23);
      expectWholeEntities(chunk);
    }
    expect(chunks.join('').replace(/ /g, '')).toBe(escapeMrkdwn(text).replace(/ /g, ''));
  });

  it('cuts a word longer than a chunk by characters, never between a surrogate pair', () => {
    const chunks = splitEscaped('😀'.repeat(10), 5);
    for (const chunk of chunks) expect(chunk).toMatch(/^(😀)+$/u);
  });

  it('splitEscapedRuns wraps bold runs in *…* where they render bold, plain elsewhere', () => {
    const runs = [
      { text: 'We ', bold: false },
      { text: 'speed', bold: true },
      { text: ' up re', bold: false },
      { text: 'sampling', bold: true },
      { text: ' (', bold: false },
      { text: 'a & b', bold: true },
      { text: ').', bold: false },
    ];
    expect(splitEscapedRuns(runs, 100)).toEqual(['We *speed* up resampling (*a &amp; b*).']);
  });

  it('splitEscapedRuns keeps a bold run and the text glued to it in one chunk', () => {
    const runs = [
      { text: 'aaaa ', bold: false },
      { text: 'bb cc', bold: true },
      { text: ', dd', bold: false },
    ];
    expect(splitEscapedRuns(runs, 10)).toEqual(['aaaa', '*bb cc*,', 'dd']);
  });

  it('splitEscapedRuns drops the bold of a word too long for a chunk, cut by characters', () => {
    expect(splitEscapedRuns([{ text: 'abcdefghij', bold: true }], 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('splitEscapedRuns defuses a broadcast split across runs', () => {
    expect(splitEscapedRuns([{ text: 'ping @', bold: false }, { text: 'channel', bold: true }, { text: ' now', bold: false }], 100)).toEqual([`ping @${WJ}channel now`]);
  });

  it('escapeClipped ends in an ellipsis within the limit, entities whole', () => {
    const clipped = escapeClipped('a & '.repeat(100), 50);
    expect(clipped.length).toBeLessThanOrEqual(50);
    expect(clipped.endsWith('…')).toBe(true);
    expectWholeEntities(clipped);
    expect(escapeClipped('short & sweet', 50)).toBe('short &amp; sweet');
  });

  it('clipEscaped backs off before a half entity or half link', () => {
    expect(clipEscaped('abc &amp; def', 7)).toBe('abc…');
    expect(clipEscaped('see <https://x.test/long|a title> now', 20)).toBe('see…');
    expect(clipEscaped('fits', 10)).toBe('fits');
  });

  it('packLines fills chunks up to the limit and clips a line longer than one', () => {
    expect(packLines(['aaa', 'bbb', 'ccc'], 7)).toEqual(['aaa\nbbb', 'ccc']);
    const [only] = packLines(['x'.repeat(20)], 10);
    expect(only).toBe('x'.repeat(9) + '…');
  });
});
