import type { Answer, SourceRef } from '../answer/answer-types.js';
import type { CommandResult, HelpResult, LinkResult, PaperDetailResult, PaperListResult, WhyResult } from '../commands/results.js';
import type { Digest } from '../digest/digest-types.js';
import { filtersLine, followUpLine, matchedLine, nothingOnLine, searchedForLine } from './format-answer.js';
import { whyWording } from './format-why.js';
import { formatDate, sourceFacts } from './format-source.js';
import { terminalSafe } from './terminal-safe.js';

/** Width plain-text output wraps at when the terminal's is not known (not a TTY). */
export const TEXT_WIDTH = 100;
/** Narrowest width wrapped at: below it, wrapped lines would be mostly indentation. */
export const MIN_TEXT_WIDTH = 20;

/** How text is laid out. */
export interface TextOptions {
  /** Characters per line (a terminal's `columns`); words longer than it stay whole. Default {@link TEXT_WIDTH}, at least {@link MIN_TEXT_WIDTH}. */
  width?: number;
}

/**
 * Renders a command result as plain text for a terminal: wrapped at the width, and with every
 * control character and escape sequence from the corpus or the user removed (see terminal-safe.ts).
 */
export function renderText(result: CommandResult, options: TextOptions = {}): string {
  return render(safeStrings(result), widthOf(options));
}

/** A digest as terminal text (previews; scheduled digests go to chat platforms). */
export function renderDigestText(digest: Digest, options: TextOptions = {}): string {
  return digestText(safeStrings(digest), widthOf(options));
}

/** A copy of a result with every string terminal-safe, made before layout so widths count what is shown. */
function safeStrings<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map(safeStrings) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, safeStrings(v)])) as T;
  return value;
}

const widthOf = (options: TextOptions) => Math.max(MIN_TEXT_WIDTH, Math.floor(options.width ?? TEXT_WIDTH));

function render(result: CommandResult, width: number): string {
  switch (result.kind) {
    case 'answer':
      return renderAnswer(result.answer, width, result.followUp);
    case 'list':
      return renderList(result, width);
    case 'paper':
      return renderPaper(result, width);
    case 'help':
      return renderHelp(result, width);
    case 'error':
      return [wrap(`Error: ${result.message}`, width), ...(result.hint ? [wrap(result.hint, width)] : [])].join('\n');
    case 'notice':
      return [wrap(result.title, width), ...result.lines.map((line) => hanging('  ', line, width))].join('\n');
    case 'digest':
      return digestText(result.digest, width);
    case 'link':
      return renderLink(result, width);
    case 'why':
      return renderWhy(result, width);
  }
}

function digestText(digest: Digest, width: number): string {
  const day = formatDate({ published: digest.localDate }) ?? digest.localDate;
  const lines = [wrap(`Paper digest — ${day}${digest.topic ? ` · ${digest.topic}` : ''}`, width), ''];
  if (digest.items.length === 0) lines.push('Nothing new today.');
  for (const item of digest.items) {
    const facts = sourceFacts(item);
    lines.push(hanging(`${item.n}. `, `${item.title}${facts.length ? ` — ${facts.join(' · ')}` : ''}`, width, '   '));
    lines.push(hanging('   ', item.gist, width));
    if (item.links.length) lines.push(hanging('   ', item.links.map((l) => l.url).join(' · '), width));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function renderAnswer(answer: Answer, width: number, followUp?: string): string {
  const context = [
    ...(followUp ? [wrap(followUpLine(followUp), width)] : []),
    ...(answer.searchedFor ? [wrap(searchedForLine(answer.searchedFor), width)] : []),
    ...(answer.filters ? [wrap(filtersLine(answer.filters)!, width)] : []),
    ...(answer.keywords.length ? [wrap(matchedLine(answer.keywords), width)] : []),
  ];
  if (!answer.found) return renderAbstention(answer, context, width);
  // Highlights are for chat front-ends: plain text has no bold, and markers would read as text.
  const body = answer.sentences.map((s) => `${s.text} ${s.sources.map((n) => `[${n}]`).join('')}`).join(' ');
  const lines = [...(answer.caveat ? [wrap(answer.caveat, width), ''] : []), wrap(body, width), '', 'Sources:'];
  for (const source of answer.sources) lines.push(...renderSource(source, width, { matched: true }));
  lines.push('', ...context);
  lines.push(wrap('("show 1" opens a source, "similar 1" finds papers like it, "more" lists more papers)', width));
  return lines.join('\n');
}

/**
 * Nothing to quote: what the corpus lacks ("Nothing on NeRF in this corpus."), the core's
 * suggestions, then the closest papers as titles and links (never quoted), then what was searched.
 */
function renderAbstention(answer: Answer, context: string[], width: number): string {
  const lines = [...(answer.missing?.length ? [nothingOnLine(answer.missing)] : []), ...answer.suggestions].map((line) => wrap(line, width));
  const closest = answer.closest ?? [];
  if (closest.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('Closest:');
    for (const source of closest) lines.push(...renderSource(source, width));
    if (context.length > 0) lines.push('');
  }
  lines.push(...context);
  return lines.join('\n');
}

/** One paper of a source list or result list: number, title and facts, the snippet and matched words when asked for, id and links. */
function renderSource(source: SourceRef, width: number, show: { snippet?: string; matched?: boolean } = {}): string[] {
  const facts = sourceFacts(source);
  const indent = ' '.repeat(String(source.n).length + 3);
  const lines = [hanging(`[${source.n}] `, `${source.title}${facts.length ? ` — ${facts.join(' · ')}` : ''}`, width, indent)];
  if (show.snippet) lines.push(hanging(indent, show.snippet, width));
  if (show.matched && source.matched.length > 0) lines.push(hanging(indent, matchedLine(source.matched), width));
  lines.push(hanging(indent, `id: ${source.id}${source.links.length ? ' · ' + source.links.map((l) => l.url).join(' · ') : ''}`, width));
  return lines;
}

function renderList(result: PaperListResult, width: number): string {
  const filters = filtersLine(result.filters);
  const searched = [...(result.followUp ? [wrap(followUpLine(result.followUp), width)] : []), ...(result.searchedFor ? [wrap(searchedForLine(result.searchedFor), width)] : []), ...(filters ? [wrap(filters, width)] : [])];
  if (result.items.length === 0) {
    const none = result.offset > 0 ? 'No more papers.' : `No papers found${result.keywords.length ? ` for ${result.keywords.join(', ')}` : ''}.`;
    return [wrap(none, width), ...searched, ...(result.didYouMean ? [wrap(didYouMeanLine(result.didYouMean), width)] : [])].join('\n');
  }
  const first = result.offset + 1;
  const last = result.offset + result.items.length;
  const lines = [wrap(`${result.title} — ${first}-${last} of ${result.total}`, width), ...searched];
  if (result.keywords.length) lines.push(wrap(matchedLine(result.keywords), width));
  lines.push('');
  for (const item of result.items) lines.push(...renderSource(item, width, { snippet: item.snippet }), '');
  if (result.hasMore) lines.push('("more" for the next page)');
  return lines.join('\n').trimEnd();
}

/** `why N`: what the paper matched, word by word, and the sentence that matched. */
function renderWhy(result: WhyResult, width: number): string {
  const wording = whyWording(result);
  const lines = [wrap(`${wording.heading}: ${result.paper.title}`, width), wrap(wording.basis, width)];
  for (const word of wording.words) lines.push(hanging('  ', word, width));
  if (wording.missing) lines.push(wrap(wording.missing, width));
  if (wording.filters) lines.push(wrap(wording.filters, width));
  if (result.quoted.length) lines.push('', wrap(wording.quotedLabel, width), ...result.quoted.map((s) => hanging('  “', `${s}”`, width, '   ')));
  else if (result.sentence) lines.push('', wrap(wording.sentenceLabel, width), hanging('  “', `${result.sentence.text}”`, width, '   '));
  lines.push('', wrap(`("show ${result.paper.n}" opens it, "similar ${result.paper.n}" finds papers like it)`, width));
  return lines.join('\n');
}

/** "Did you mean: diffusion sampling? Try: search diffusion sampling" */
function didYouMeanLine(query: string): string {
  return `Did you mean: ${query}? Try: search ${query}`;
}

function renderPaper({ paper }: PaperDetailResult, width: number): string {
  const facts = sourceFacts(paper);
  const lines = [wrap(paper.title, width)];
  if (facts.length) lines.push(wrap(facts.join(' · '), width));
  lines.push(hanging('id: ', paper.id, width, '    '));
  for (const link of paper.links) lines.push(hanging(`${link.kind}: `, link.url, width, '    '));
  lines.push('', wrap(paper.abstract, width));
  return lines.join('\n');
}

/** A pasted link: the paper, its gist and the papers most like it; or that the corpus lacks it, and the sync that fetches it. */
function renderLink(result: LinkResult, width: number): string {
  if (!result.paper) {
    return [wrap(`arXiv ${result.arxivId} is not in the corpus.`, width), wrap(`Fetch it with: ${result.sync ?? ''}`, width)].join('\n');
  }
  const { paper } = result;
  const facts = sourceFacts(paper);
  const lines = [wrap(`${paper.title}${facts.length ? ` — ${facts.join(' · ')}` : ''}`, width), hanging('id: ', paper.id, width, '    ')];
  if (result.gist) lines.push('', wrap(`"${result.gist}"`, width));
  if (result.similar.length > 0) {
    lines.push('', 'Similar papers:');
    for (const item of result.similar) lines.push(...renderSource(item, width, { snippet: item.snippet }));
  }
  return lines.join('\n');
}

function renderHelp(help: HelpResult, width: number): string {
  const column = Math.max(...help.commands.map((c) => c.usage.length));
  // Summaries wrap under their column; on a narrow terminal, under the usage instead.
  const summaryIndent = ' '.repeat(column + 4 <= width / 2 ? column + 4 : 6);
  const lines = help.commands.map((c) => hanging(`  ${c.usage.padEnd(column)}  `, c.summary, width, summaryIndent));
  return [...(help.commands.length > 1 ? ['Commands:'] : []), ...lines, ...(help.notes.length ? ['', ...help.notes.map((note) => wrap(note, width))] : [])].join('\n');
}

/**
 * `head` (kept as is: a number, an indent, a padded column), then `text` wrapped so no line is
 * longer than `width`; the lines after the first start with `rest`. The layout of numbered items
 * and indented blocks.
 */
function hanging(head: string, text: string, width: number, rest = head): string {
  const lines = wrap(text, width - rest.length, head.length - rest.length).split('\n');
  return lines.map((line, i) => (i === 0 ? head : rest) + line).join('\n');
}

/**
 * Wraps text at word boundaries to lines of at most `width` characters (longer words stay
 * whole). `firstLineExtra` characters are taken from (or, negative, given to) the first line.
 */
export function wrap(text: string, width: number, firstLineExtra = 0): string {
  const lines: string[] = [];
  let line = '';
  let limit = width - firstLineExtra;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
      limit = width;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
