import type { types } from '@slack/bolt';
import type { SourceRef } from '../../src/answer/answer-types.js';
import type { PageRequest } from '../../src/commands/results.js';
import { primaryLink, sourceFacts } from '../../src/render/format-source.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import { moreActionId, pageButtonValue, similarActionId, similarButtonValue } from './button-values.js';
import { cleanText, escapeMrkdwn, mrkdwnLink } from './escape.js';
import type { Block, Surface } from './slack-message.js';
import { escapeClipped, packLines } from './split-text.js';

/**
 * The building blocks render-blocks.ts assembles messages from. Every function taking plain
 * text escapes it; functions taking `mrkdwn` expect text that is already escaped.
 */

/** Longest title, snippet and facts line shown, in characters of plain text (keeps one entry well under a section's 3000). */
const MAX_TITLE_CHARS = 250;
const MAX_SNIPPET_CHARS = 400;
const MAX_FACTS_CHARS = 200;
/** Lists longer than this are packed into shared sections without per-paper buttons (the 50-block limit). */
export const MAX_ITEM_SECTIONS = 20;

/** A mrkdwn text object. `verbatim` stops Slack from auto-linking names and URLs in paper text. */
export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });

export function section(text: string, accessory?: types.Button): types.SectionBlock {
  return accessory ? { type: 'section', text: mrkdwn(text), accessory } : { type: 'section', text: mrkdwn(text) };
}

/** A context block of escaped mrkdwn lines (at most 10, each clipped to the text limit). */
export function context(lines: readonly string[]): types.ContextBlock {
  return { type: 'context', elements: lines.slice(0, BLOCK_KIT_LIMITS.contextElements).map((line) => mrkdwn(packLines([line], BLOCK_KIT_LIMITS.text)[0] ?? line)) };
}

/** A button with a fixed label (labels are paperbot's own words, never paper or user text). */
export function button(label: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: label.slice(0, BLOCK_KIT_LIMITS.buttonText) }, action_id: actionId, value };
}

/** Plain text inside a code span: `_`, `*`, `~` stay literal there (ids must stay copyable); only a backtick would end it. */
export function code(text: string): string {
  return '`' + cleanText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\u02cb') + '`';
}

/** `<url|Title>` (or the title alone when no safe link is known), escaped and clipped. */
export function titleLink(source: SourceRef): string {
  const title = cleanText(source.title);
  const shown = title.length > MAX_TITLE_CHARS ? Array.from(title).slice(0, MAX_TITLE_CHARS - 1).join('') + '…' : title;
  return mrkdwnLink(primaryLink(source), shown || 'Untitled');
}

/** "Jun 23, 2024 · A. One, B. Two · 3 upvotes", escaped; empty when nothing is known. */
export function factsLine(source: SourceRef): string {
  return escapeClipped(cleanText(sourceFacts(source).join(' · ')), MAX_FACTS_CHARS);
}

/** One paper of a source list or result list: number, linked title, facts, and the snippet when given. */
export function paperEntry(source: SourceRef, snippet?: string): string {
  const lines = [`*[${source.n}]* ${titleLink(source)}`];
  const facts = factsLine(source);
  if (facts) lines.push(facts);
  if (snippet && cleanText(snippet)) lines.push(escapeClipped(cleanText(snippet), MAX_SNIPPET_CHARS));
  return lines.join('\n');
}

/**
 * Papers as blocks: one section each with a "Similar" button while the list is short, else
 * entries packed into as few sections as fit (numbers still work: "similar 12").
 */
export function paperBlocks(sources: ReadonlyArray<SourceRef & { snippet?: string }>, surface: Surface): Block[] {
  if (sources.length <= MAX_ITEM_SECTIONS) return sources.map((source) => paperSection(source, surface));
  return packLines(
    sources.map((source) => paperEntry(source, source.snippet)),
    BLOCK_KIT_LIMITS.text,
    '\n\n',
  ).map((text) => section(text));
}

/** One paper's section, with a "Similar" button when its id fits a button value. */
function paperSection(source: SourceRef & { snippet?: string }, surface: Surface): types.SectionBlock {
  const value = similarButtonValue(source.id);
  const accessory = value ? button('Similar', similarActionId(surface, source.n), value) : undefined;
  return section(paperEntry(source, source.snippet), accessory);
}

/**
 * An answer's sources: each paper's section, then a context line of the question's words found
 * in it ("matched: diffusion, sampling") when there are any.
 */
export function sourceBlocks(sources: readonly SourceRef[], surface: Surface): Block[] {
  if (sources.length > MAX_ITEM_SECTIONS) return paperBlocks(sources, surface);
  return sources.flatMap((source) => [paperSection(source, surface), ...(source.matched.length > 0 ? [context([`matched: ${keywordList(source.matched)}`])] : [])]);
}

/** A paper named but not quoted (an abstention's closest papers): number, linked title, facts. */
export function paperLine(source: SourceRef): string {
  const facts = factsLine(source);
  return `*[${source.n}]* ${titleLink(source)}${facts ? ` — ${facts}` : ''}`;
}

/** How to ask for the next page by typing, on each surface. */
export function commandHint(surface: Surface, command: string): string {
  switch (surface) {
    case 'slash':
      return code(`/paper ${command}`);
    case 'thread':
      return `mention me with ${code(command)} in this thread`;
    case 'dm':
      return code(command);
  }
}

/**
 * The "More results" button for a next page; when the page request is too long for a button
 * value, a hint to type "more" instead (never a cut, invalid value).
 */
export function moreBlocks(next: PageRequest | undefined, surface: Surface): Block[] {
  if (!next) return [];
  const value = pageButtonValue(next);
  if (!value) return [context([`More results: ${commandHint(surface, 'more')}`])];
  return [{ type: 'actions', elements: [button('More results', moreActionId(surface), value)] }];
}

/** The fallback `text`: plain text escaped and clipped for notifications. */
export function fallback(text: string, max = 500): string {
  return escapeClipped(cleanText(text), Math.min(max, BLOCK_KIT_LIMITS.fallbackText)) || 'paperbot';
}

/** Escaped keyword list for "matched: …" lines. */
export const keywordList = (keywords: readonly string[]): string => escapeMrkdwn(keywords.map(cleanText).join(', '));
