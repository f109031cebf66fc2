import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeJson } from '../../src/render/terminal-safe.js';

/** Every character a terminal acts on: C0 but tab and newline, DEL, C1. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('terminalSafe', () => {
  it('returns text without control characters unchanged, tabs and newlines included', () => {
    const text = 'Fast Sampling — über "diffusion" [1]\n\tid: x · https://a.b/c?d=e&f';
    expect(terminalSafe(text)).toBe(text);
  });

  it.each([
    ['an OSC that sets the window title, ended by BEL', 'A\x1b]0;pwned\x07B', 'AB'],
    ['an OSC ended by ST (ESC \\)', 'A\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\B', 'AlinkB'],
    ['a screen clear', 'A\x1b[2JB', 'AB'],
    ['hidden text (SGR 8) and a reset', 'A\x1b[8msecret\x1b[0mB', 'AsecretB'],
    ['a cursor move with parameters', 'A\x1b[10;20HB', 'AB'],
    ['a private-mode CSI', 'A\x1b[?1049hB', 'AB'],
    ['a full reset (ESC c) and a charset switch', 'A\x1bc\x1b(0B', 'AB'],
    ['a DCS string', 'A\x1bPq#0;2;0;0;0\x1b\\B', 'AB'],
    ['8-bit CSI and OSC', 'A\x9b2JB\x9d0;t\x07C', 'ABC'],
    ['BEL, NUL, backspace, vertical tab, form feed, DEL', 'A\x07\x00\x08\x0b\x0c\x7fB', 'AB'],
    ['a carriage return that would overwrite the line', 'safe\rEVIL\r\n', 'safeEVIL\n'],
    ['a lone ESC at the end', 'A\x1b', 'A'],
    ['C1 controls on their own', 'A\x85\x8d\x9cB', 'AB'],
  ])('removes %s', (_what, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('leaves the text of an unterminated OSC (inert once its ESC is gone) and nothing a terminal acts on', () => {
    const out = terminalSafe('Title \x1b]0;never ended');
    expect(out).toBe('Title 0;never ended');
  });

  it('leaves no control character in any mix of sequences and text', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    const pieces = ['\x1b', '[', ']', '2J', '0;', '\x07', '\x9b', '\x9d', '\\', 'text ', '\x00', '\r', '\x7f', 'P', 'm', ';'];
    for (let i = 0; i < 500; i++) {
      const input = Array.from({ length: 12 }, () => pieces[next() % pieces.length]).join('');
      expect(terminalSafe(input), JSON.stringify(input)).not.toMatch(CONTROL);
    }
  });
});

describe('terminalSafeJson', () => {
  it('escapes DEL and C1 characters, which JSON.stringify writes raw, and keeps every value', () => {
    const value = { title: 'A\x9b2JB\x7f', abstract: 'x\x1b[2Jy\x07' };
    const json = terminalSafeJson(value, 2);
    expect(json).not.toMatch(CONTROL);
    expect(json).toContain('\\u009b');
    expect(JSON.parse(json)).toEqual(value);
  });
});
