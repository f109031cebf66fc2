import type { Answer } from '../../src/answer/answer-types.js';
import type { AnswerResult, CommandResult, ErrorResult, HelpResult, LinkResult, PaperDetailResult, PaperListResult, WhyResult } from '../../src/commands/results.js';
import { filtersLine, followUpLine, nothingOnLine, searchedForLine } from '../../src/render/format-answer.js';
import { whyWording } from '../../src/render/format-why.js';
import { formatDate } from '../../src/render/format-source.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import { similarActionId, similarButtonValue } from './button-values.js';
import { cleanRuns, cleanText, defuseBroadcasts, escapeMrkdwn, mrkdwnLink, safeLinkUrl, type TextRun } from './escape.js';
import {
  button,
  code,
  commandHint,
  context,
  factsLine,
  fallback,
  keywordList,
  moreBlocks,
  paperBlocks,
  paperEntry,
  paperLine,
  section,
  sourceBlocks,
  titleLink,
} from './render-parts.js';
import { renderDigestMessage } from './render-digest.js';
import type { Block, SlackMessage, Surface, Visibility } from './slack-message.js';
import { escapeClipped, packLines, splitEscaped, splitEscapedRuns } from './split-text.js';

/**
 * Renders the core's {@link CommandResult} data as a Slack message (Block Kit plus fallback
 * text): the Slack counterpart of src/render/text.ts. Rendering only — no ranking, no state.
 * Untrusted text is escaped (escape.ts), lengths fit Block Kit's limits (block-kit-limits.ts).
 */
export function renderResult(result: CommandResult, surface: Surface): SlackMessage {
  switch (result.kind) {
    case 'answer':
      return fitBlocks(result.answer.found ? renderAnswer(result, surface) : renderNotFound(result, surface));
    case 'list':
      return fitBlocks(renderList(result, surface));
    case 'paper':
      return fitBlocks(renderPaper(result, surface));
    case 'help':
      return fitBlocks(renderHelp(result, surface));
    case 'error':
      return renderError(result);
    case 'notice':
      return fitBlocks({
        text: fallback(result.title),
        blocks: [section(`*${escapeMrkdwn(cleanText(result.title))}*\n${result.lines.map((line) => escapeMrkdwn(cleanText(line))).join('\n')}`)],
      });
    case 'digest':
      return fitBlocks(renderDigestMessage(result.digest));
    case 'link':
      return fitBlocks(renderLink(result));
    case 'why':
      return fitBlocks(renderWhy(result));
  }
}

/**
 * Who sees a result: what only the asker needs (help, errors, "nothing found") is ephemeral;
 * answers, lists and papers are posted for the conversation.
 */
export function visibilityOf(result: CommandResult): Visibility {
  switch (result.kind) {
    case 'help':
    case 'error':
    case 'notice':
    case 'digest':
      return 'ephemeral';
    case 'answer':
      return result.answer.found ? 'public' : 'ephemeral';
    case 'list':
      return result.items.length > 0 ? 'public' : 'ephemeral';
    case 'paper':
    case 'why':
      return 'public';
    case 'link':
      return result.paper ? 'public' : 'ephemeral';
  }
}

function renderAnswer(result: AnswerResult, surface: Surface): SlackMessage {
  const { answer } = result;
  const blocks: Block[] = [];
  if (answer.caveat && cleanText(answer.caveat)) blocks.push(section(escapeClipped(cleanText(answer.caveat), BLOCK_KIT_LIMITS.text)));
  blocks.push(...splitEscapedRuns(quotedRuns(answer), BLOCK_KIT_LIMITS.text).map((text) => section(text)));
  if (answer.sources.length > 0) {
    blocks.push(section('*Sources*'), ...sourceBlocks(answer.sources, surface));
  }
  blocks.push(context(questionContext(answer, result.followUp)));
  blocks.push(...moreBlocks(result.next, surface));
  const plain = answer.sentences.map((s) => `${cleanText(s.text)} ${citation(s.sources)}`).join(' ');
  return { text: fallback(plain), blocks };
}

/** "[1][2]" */
const citation = (sources: readonly number[]): string => sources.map((n) => `[${n}]`).join('');

/** The quoted sentences with their citations, as runs: the words the question matched are bold. */
function quotedRuns(answer: Answer): TextRun[] {
  return answer.sentences.flatMap((sentence, i) => [
    ...(i > 0 ? [{ text: ' ', bold: false }] : []),
    ...cleanRuns(sentence.text, sentence.highlights),
    { text: ` ${citation(sentence.sources)}`, bold: false },
  ]);
}

/** The question echoed back, and what it was taken to mean. */
function questionContext(answer: Answer, followUp?: string): string[] {
  const lines = [followUp ? escapeClipped(cleanText(followUpLine(followUp)), 600) : `Question: ${escapeClipped(cleanText(answer.question), 600)}`];
  if (answer.searchedFor && cleanText(answer.searchedFor)) lines.push(escapeClipped(cleanText(searchedForLine(answer.searchedFor)), 600));
  const filters = filtersLine(answer.filters);
  if (filters) lines.push(escapeClipped(cleanText(filters), 600));
  if (answer.keywords.length > 0) lines.push(`matched: ${keywordList(answer.keywords)}`);
  return lines;
}

/**
 * Nothing to quote: what the corpus lacks ("Nothing on NeRF in this corpus."), the core's
 * suggestions, the closest papers as linked titles (never quoted), and still "More results"
 * when some papers matched at all.
 */
function renderNotFound(result: AnswerResult, surface: Surface): SlackMessage {
  const { answer } = result;
  const nothingOn = answer.missing?.length ? nothingOnLine(answer.missing) : undefined;
  const said = [...(nothingOn ? [nothingOn] : []), ...answer.suggestions].map((s) => escapeMrkdwn(cleanText(s)));
  const text = said.length > 0 ? said : ['No paper in the corpus answers that closely enough to quote.'];
  const blocks: Block[] = packLines(text, BLOCK_KIT_LIMITS.text).map((t) => section(t));
  const closest = answer.closest ?? [];
  if (closest.length > 0) blocks.push(...packLines(['*Closest:*', ...closest.map(paperLine)], BLOCK_KIT_LIMITS.text).map((t) => section(t)));
  blocks.push(context(questionContext(answer, result.followUp)), ...moreBlocks(result.next, surface));
  return { text: fallback(nothingOn ?? answer.suggestions[0] ?? 'Nothing found.'), blocks };
}

function renderList(result: PaperListResult, surface: Surface): SlackMessage {
  const heading = escapeClipped(cleanText(result.title), 1000);
  const filters = filtersLine(result.filters);
  const searched = [
    ...(result.followUp && cleanText(result.followUp) ? [escapeClipped(cleanText(followUpLine(result.followUp)), 600)] : []),
    ...(result.searchedFor && cleanText(result.searchedFor) ? [escapeClipped(cleanText(searchedForLine(result.searchedFor)), 600)] : []),
    ...(filters ? [escapeClipped(cleanText(filters), 600)] : []),
  ];
  if (result.items.length === 0) {
    const none = result.offset > 0 ? 'No more papers.' : `No papers found${result.keywords.length ? ` for ${result.keywords.join(', ')}` : ''}.`;
    const lines = [escapeClipped(cleanText(none), BLOCK_KIT_LIMITS.text), ...searched, ...(result.didYouMean ? [didYouMean(result.didYouMean, surface)] : [])];
    return { text: fallback(none), blocks: packLines(lines, BLOCK_KIT_LIMITS.text).map((t) => section(t)) };
  }
  const first = result.offset + 1;
  const last = result.offset + result.items.length;
  const range = `${first}–${last} of ${result.total}`;
  const blocks: Block[] = [section(`*${heading}* — ${range}`)];
  const about = [...searched, ...(result.keywords.length > 0 ? [`matched: ${keywordList(result.keywords)}`] : [])];
  if (about.length > 0) blocks.push(context(about));
  blocks.push(...paperBlocks(result.items, surface));
  blocks.push(...moreBlocks(result.next, surface));
  return { text: fallback(`${cleanText(result.title)} — ${range}`), blocks };
}

/** `why N`: the matched words, the rank, and the sentence that matched (bold where it matched). */
function renderWhy(result: WhyResult): SlackMessage {
  const wording = whyWording(result);
  const say = (line: string) => escapeClipped(cleanText(line), 600);
  const lines = [`*${say(wording.heading)}:* ${titleLink(result.paper)}`, say(wording.basis), ...wording.words.map((w) => `• ${say(w)}`)];
  if (wording.missing) lines.push(say(wording.missing));
  if (wording.filters) lines.push(say(wording.filters));
  const blocks: Block[] = packLines(lines, BLOCK_KIT_LIMITS.text).map((t) => section(t));
  if (result.quoted.length) {
    blocks.push(section(`*${say(wording.quotedLabel)}*`), ...packLines(result.quoted.map((s) => `“${escapeClipped(cleanText(s), 1500)}”`), BLOCK_KIT_LIMITS.text).map((t) => section(t)));
  } else if (result.sentence) {
    blocks.push(section(`*${say(wording.sentenceLabel)}*`), ...splitEscapedRuns(cleanRuns(result.sentence.text, result.sentence.highlights), BLOCK_KIT_LIMITS.text).map((t) => section(`“${t}”`)));
  }
  return { text: fallback(`${wording.heading}: ${result.paper.title}`), blocks };
}

/** "Did you mean: diffusion? Try: `/paper search diffusion`" */
function didYouMean(query: string, surface: Surface): string {
  const plain = cleanText(query);
  return defuseBroadcasts(`Did you mean: ${escapeClipped(plain, 300)}? Try: ${commandHint(surface, `search ${Array.from(plain).slice(0, 300).join('')}`)}`);
}

function renderPaper({ paper }: PaperDetailResult, surface: Surface): SlackMessage {
  const head = [`*${titleLink(paper)}*`];
  const facts = factsLine(paper);
  if (facts) head.push(facts);
  head.push(`id: ${code(paper.id)}`);
  const blocks: Block[] = [section(head.join('\n'))];
  blocks.push(...splitEscaped(cleanText(paper.abstract), BLOCK_KIT_LIMITS.text).map((text) => section(text)));
  // Only links Slack can open safely are shown; the rest (javascript:, garbage) are left out.
  const links = paper.links.filter((link) => safeLinkUrl(link.url) !== undefined);
  if (links.length > 0) {
    blocks.push(context([links.map((link) => `${escapeMrkdwn(link.kind)}: ${mrkdwnLink(link.url, shortUrl(link.url))}`).join(' · ')]));
  }
  const value = similarButtonValue(paper.id);
  if (value) blocks.push({ type: 'actions', elements: [button('Similar papers', similarActionId(surface), value)] });
  const date = formatDate(paper);
  return { text: fallback(`${cleanText(paper.title)}${date ? ` (${date})` : ''}`), blocks };
}

/**
 * A pasted paper link: the paper (linked title, facts, id), its gist quoted, and the papers most
 * like it; or that the corpus lacks it and the sync that fetches it. No buttons: the same blocks
 * go into a link unfurl (`chat.unfurl`), where message buttons have nothing to answer them.
 */
export function renderLink(result: LinkResult): SlackMessage {
  if (!result.paper) {
    const said = `arXiv ${result.arxivId} is not in the corpus.`;
    return { text: fallback(said), blocks: [section(`${escapeMrkdwn(said)}\nFetch it with: ${code(result.sync ?? '')}`)] };
  }
  const { paper } = result;
  const head = [`*${titleLink(paper)}*`];
  const facts = factsLine(paper);
  if (facts) head.push(facts);
  head.push(`id: ${code(paper.id)}`);
  const blocks: Block[] = [section(head.join('\n'))];
  if (result.gist && cleanText(result.gist)) blocks.push(section(`> ${escapeClipped(cleanText(result.gist), BLOCK_KIT_LIMITS.text - 2)}`));
  if (result.similar.length > 0) blocks.push(section('*Similar papers*'), ...result.similar.map((item) => section(paperEntry(item, item.snippet))));
  return { text: fallback(`${cleanText(paper.title)}${result.gist ? ` — ${cleanText(result.gist)}` : ''}`), blocks };
}

/** A link's visible text: host and path of the normalised URL, without the scheme. */
function shortUrl(url: string): string {
  const href = new URL(url.trim()).href;
  return decodeURI(href).replace(/^https?:\/\//, '').replace(/\/$/, '').slice(0, 80);
}

function renderHelp(help: HelpResult, surface: Surface): SlackMessage {
  const prefix = surface === 'slash' ? '/paper ' : '';
  const lines = help.commands.map((c) => `${code(prefix + c.usage)} — ${escapeMrkdwn(cleanText(c.summary))}`);
  const blocks: Block[] = packLines(lines, BLOCK_KIT_LIMITS.text).map((text) => section(text));
  const notes = help.notes.map((note) => escapeMrkdwn(cleanText(note)));
  if (notes.length > 0) blocks.push(...packLines(notes, BLOCK_KIT_LIMITS.text).map((text) => section(text)));
  blocks.push(context([surfaceNote(surface)]));
  const names = help.commands.map((c) => c.name).join(', ');
  return { text: fallback(`paperbot commands: ${names}`), blocks };
}

/** Where else paperbot listens, and how to continue a result. */
function surfaceNote(surface: Surface): string {
  switch (surface) {
    case 'slash':
      return `Also: mention @paperbot in a channel (answers go in a thread), or send it a DM. Next page: ${commandHint(surface, 'more')}.`;
    case 'thread':
      return 'Mention me with a question or a command; answers stay in this thread. Or use `/paper` anywhere.';
    case 'dm':
      return 'Type a question or a command here. In a channel, mention @paperbot or use `/paper`.';
  }
}

function renderError(error: ErrorResult): SlackMessage {
  const lines = [`:warning: ${escapeMrkdwn(cleanText(error.message))}`];
  if (error.hint) lines.push(escapeMrkdwn(cleanText(error.hint)));
  return { text: fallback(`Error: ${error.message}`), blocks: packLines(lines, BLOCK_KIT_LIMITS.text).slice(0, 2).map((text) => section(text)) };
}

/**
 * Keeps a message within the 50-block limit should a result ever outgrow it: the first blocks,
 * a note, and the closing actions block (so "More results" survives).
 */
export function fitBlocks(message: SlackMessage): SlackMessage {
  const max = BLOCK_KIT_LIMITS.blocks;
  if (message.blocks.length <= max) return message;
  const lastBlock = message.blocks[message.blocks.length - 1];
  const tail: Block[] = lastBlock?.type === 'actions' ? [lastBlock] : [];
  const kept = message.blocks.slice(0, max - 1 - tail.length);
  return { text: message.text, blocks: [...kept, context(['(shortened to fit one Slack message)']), ...tail] };
}
