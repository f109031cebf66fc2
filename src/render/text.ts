import type { Answer, SourceRef } from '../answer/answer-types.js';
import type { CommandResult, HelpResult, PaperDetailResult, PaperListResult } from '../commands/results.js';
import type { Digest } from '../digest/digest-types.js';
import { matchedLine, nothingOnLine, searchedForLine } from './format-answer.js';
import { formatDate, sourceFacts } from './format-source.js';

/** Width plain-text output wraps at. */
export const TEXT_WIDTH = 100;

/** Renders a command result as plain text for a terminal. */
export function renderText(result: CommandResult): string {
  switch (result.kind) {
    case 'answer':
      return renderAnswer(result.answer);
    case 'list':
      return renderList(result);
    case 'paper':
      return renderPaper(result);
    case 'help':
      return renderHelp(result);
    case 'error':
      return `Error: ${result.message}` + (result.hint ? `\n${result.hint}` : '');
    case 'notice':
      return [result.title, ...result.lines.map((line) => `  ${line}`)].join('\n');
    case 'digest':
      return renderDigestText(result.digest);
  }
}

/** A digest as terminal text (previews; scheduled digests go to chat platforms). */
export function renderDigestText(digest: Digest): string {
  const day = formatDate({ published: digest.localDate }) ?? digest.localDate;
  const lines = [`Paper digest — ${day}${digest.topic ? ` · ${digest.topic}` : ''}`, ''];
  if (digest.items.length === 0) lines.push('Nothing new today.');
  for (const item of digest.items) {
    const facts = sourceFacts(item);
    lines.push(`${item.n}. ${item.title}${facts.length ? ` — ${facts.join(' · ')}` : ''}`);
    lines.push(...wrap(item.gist, TEXT_WIDTH - 4).split('\n').map((l) => `   ${l}`));
    if (item.links.length) lines.push(`   ${item.links.map((l) => l.url).join(' · ')}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function renderAnswer(answer: Answer): string {
  const context = [...(answer.searchedFor ? [searchedForLine(answer.searchedFor)] : []), ...(answer.keywords.length ? [matchedLine(answer.keywords)] : [])];
  if (!answer.found) return renderAbstention(answer, context);
  // Highlights are for chat front-ends: plain text has no bold, and markers would read as text.
  const body = answer.sentences.map((s) => `${s.text} ${s.sources.map((n) => `[${n}]`).join('')}`).join(' ');
  const lines = [...(answer.caveat ? [wrap(answer.caveat, TEXT_WIDTH), ''] : []), wrap(body, TEXT_WIDTH), '', 'Sources:'];
  for (const source of answer.sources) lines.push(...renderSource(source, { matched: true }));
  lines.push('', ...context);
  lines.push('("show 1" opens a source, "similar 1" finds papers like it, "more" lists more papers)');
  return lines.join('\n');
}

/**
 * Nothing to quote: what the corpus lacks ("Nothing on NeRF in this corpus."), the core's
 * suggestions, then the closest papers as titles and links (never quoted), then what was searched.
 */
function renderAbstention(answer: Answer, context: string[]): string {
  const lines = [...(answer.missing?.length ? [nothingOnLine(answer.missing)] : []), ...answer.suggestions];
  const closest = answer.closest ?? [];
  if (closest.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('Closest:');
    for (const source of closest) lines.push(...renderSource(source));
    if (context.length > 0) lines.push('');
  }
  lines.push(...context);
  return lines.join('\n');
}

/** One paper of a source list or result list: number, title and facts, the snippet and matched words when asked for, id and links. */
function renderSource(source: SourceRef, show: { snippet?: string; matched?: boolean } = {}): string[] {
  const facts = sourceFacts(source);
  const lines = [`[${source.n}] ${source.title}${facts.length ? ` — ${facts.join(' · ')}` : ''}`];
  const indent = ' '.repeat(String(source.n).length + 3);
  if (show.snippet) lines.push(...wrap(show.snippet, TEXT_WIDTH - indent.length).split('\n').map((l) => indent + l));
  if (show.matched && source.matched.length > 0) lines.push(indent + matchedLine(source.matched));
  lines.push(`${indent}id: ${source.id}${source.links.length ? ' · ' + source.links.map((l) => l.url).join(' · ') : ''}`);
  return lines;
}

function renderList(result: PaperListResult): string {
  const searched = result.searchedFor ? [searchedForLine(result.searchedFor)] : [];
  if (result.items.length === 0) {
    const none = result.offset > 0 ? 'No more papers.' : `No papers found${result.keywords.length ? ` for ${result.keywords.join(', ')}` : ''}.`;
    return [none, ...searched, ...(result.didYouMean ? [didYouMeanLine(result.didYouMean)] : [])].join('\n');
  }
  const first = result.offset + 1;
  const last = result.offset + result.items.length;
  const lines = [`${result.title} — ${first}-${last} of ${result.total}`, ...searched];
  if (result.keywords.length) lines.push(matchedLine(result.keywords));
  lines.push('');
  for (const item of result.items) lines.push(...renderSource(item, { snippet: item.snippet }), '');
  if (result.hasMore) lines.push('("more" for the next page)');
  return lines.join('\n').trimEnd();
}

/** "Did you mean: diffusion sampling? Try: search diffusion sampling" */
function didYouMeanLine(query: string): string {
  return `Did you mean: ${query}? Try: search ${query}`;
}

function renderPaper({ paper }: PaperDetailResult): string {
  const facts = sourceFacts(paper);
  const lines = [paper.title];
  if (facts.length) lines.push(facts.join(' · '));
  lines.push(`id: ${paper.id}`);
  for (const link of paper.links) lines.push(`${link.kind}: ${link.url}`);
  lines.push('', wrap(paper.abstract, TEXT_WIDTH));
  return lines.join('\n');
}

function renderHelp(help: HelpResult): string {
  const width = Math.max(...help.commands.map((c) => c.usage.length));
  const lines = help.commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [...(help.commands.length > 1 ? ['Commands:'] : []), ...lines, ...(help.notes.length ? ['', ...help.notes] : [])].join('\n');
}

/** Wraps text at word boundaries to lines of at most `width` characters (longer words stay whole). */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
