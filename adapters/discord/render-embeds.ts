import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, SourceRef } from '../../src/answer/answer-types.js';
import { findCommand } from '../../src/commands/registry.js';
import type { CommandResult, ErrorResult, HelpResult, LinkResult, PageRequest, PaperDetailResult, PaperListItem, PaperListResult, WhyResult } from '../../src/commands/results.js';
import { filtersLine, followUpLine, matchedLine, nothingOnLine, searchedForLine } from '../../src/render/format-answer.js';
import { whyWording } from '../../src/render/format-why.js';
import { formatDate, primaryLink, sourceFacts } from '../../src/render/format-source.js';
import { DISCORD_LIMITS as L } from './discord-limits.js';
import { defuseMentions, escapeAndFit, escapeHighlighted, escapeMarkdown, fitLines, MAX_LABEL, maskedLink, oneLine, safeUrl, truncate } from './markdown.js';
import { renderDigestEmbed } from './render-digest.js';
import { slashUsage } from './slash-command-data.js';

/** Embed colours: Discord's blurple for results, red for errors, grey for help. */
export const COLORS = { result: 0x5865f2, error: 0xed4245, help: 0x99aab5 } as const;

/** A command result as Discord embeds, plus what its buttons should offer. */
export interface RenderedResult {
  embeds: APIEmbed[];
  /** Help and errors are shown only to the user who asked. */
  ephemeral: boolean;
  /** The page "More results" opens: continues right after the last item shown. */
  more?: PageRequest;
  /** Papers to offer "Similar" buttons for, best first. */
  similar: Array<{ n: number; id: string }>;
  /** For lists: how many of the result's items are shown (fewer when they did not fit). */
  shown?: number;
  /**
   * A digest's papers to offer 👍/👎 for: a preview gets them like a posted digest (the votes
   * count for the channel it was shown in), even though only the asker sees it.
   */
  votes?: Array<{ n: number; id: string }>;
}

export interface RenderOptions {
  /** The subcommand that produced the result, to turn "Usage: …" hints into slash-command usage. */
  command?: string;
}

/** Renders any command result within Discord's message limits. */
export function renderResult(result: CommandResult, options: RenderOptions = {}): RenderedResult {
  switch (result.kind) {
    case 'answer':
      return renderAnswer(result.answer, result.next, result.followUp);
    case 'list':
      return renderList(result);
    case 'paper':
      return renderPaper(result);
    case 'help':
      return renderHelp(result);
    case 'error':
      return renderError(result, options.command);
    case 'notice':
      return {
        embeds: [embed({ title: escapeAndFit(oneLine(result.title), L.embedTitle), description: fitLines(result.lines.map((l) => escapeMarkdown(oneLine(l))), L.embedDescription).text })],
        ephemeral: true,
        similar: [],
      };
    case 'digest':
      // A preview is for the one who asked; the scheduled digest is what the channel sees. Its
      // votes steer the channel's digests all the same.
      return { embeds: [renderDigestEmbed(result.digest)], ephemeral: true, similar: [], votes: result.digest.items.map(({ n, id }) => ({ n, id })) };
    case 'link':
      return renderLink(result);
    case 'why':
      return renderWhy(result);
  }
}

/** `why N`: the matched words and rank, then the sentence(s) that matched, quoted (bold where it matched). */
function renderWhy(result: WhyResult): RenderedResult {
  const wording = whyWording(result);
  const say = (line: string) => escapeMarkdown(oneLine(line));
  const lines = [say(wording.basis), ...wording.words.map((w) => `• ${say(w)}`), ...(wording.missing ? [say(wording.missing)] : []), ...(wording.filters ? [say(wording.filters)] : [])];
  if (result.quoted.length) lines.push('', `**${say(wording.quotedLabel)}**`, ...result.quoted.map((s) => `> ${escapeAndFit(oneLine(s), 1500)}`));
  else if (result.sentence) lines.push('', `**${say(wording.sentenceLabel)}**`, `> ${escapeHighlighted(result.sentence.text, result.sentence.highlights)}`);
  const url = safeUrl(primaryLink(result.paper));
  return {
    embeds: [embed({ title: escapeAndFit(oneLine(`${wording.heading}: ${result.paper.title}`), L.embedTitle), description: fitLines(lines, L.embedDescription).text, ...(url ? { url } : {}) })],
    ephemeral: false,
    similar: [{ n: result.paper.n, id: result.paper.id }],
  };
}

/**
 * A pasted paper link: the paper's title (linked), facts and gist quoted, then the papers most
 * like it, with "Similar" buttons for them; or, when the corpus lacks it, that and the sync
 * that fetches it (shown to the asker only).
 */
function renderLink(result: LinkResult): RenderedResult {
  if (!result.paper) {
    const description = `arXiv ${escapeMarkdown(result.arxivId)} is not in the corpus.\nFetch it with: \`${(result.sync ?? '').replace(/`/g, '')}\``;
    return { embeds: [embed({ description: truncate(defuseMentions(description), L.embedDescription) })], ephemeral: true, similar: [] };
  }
  const { paper } = result;
  const title = escapeAndFit(oneLine(paper.title), L.embedTitle);
  const head = [facts(paper), ...(result.gist ? [`> ${escapeAndFit(oneLine(result.gist), 1500)}`] : [])].filter(Boolean);
  const similar = result.similar.map(ITEM_FORMS[0]!.format);
  const lines = [...head, ...(similar.length > 0 ? ['', '**Similar papers**', ...similar] : [])];
  const url = safeUrl(paper.url ?? primaryLink(paper));
  return {
    embeds: [embed({ title, description: fitLines(lines, L.embedDescription).text, footer: { text: plainFit(`id: ${paper.id}`, L.footer) }, ...(url ? { url } : {}) })],
    ephemeral: false,
    similar: result.similar.map((item) => ({ n: item.n, id: item.id })),
  };
}

/** "Jun 23, 2024 · A. One, B. Two · 3 upvotes", escaped. */
function facts(source: SourceRef): string {
  return escapeMarkdown(oneLine(sourceFacts(source).join(' · ')));
}

function renderAnswer(answer: Answer, next: PageRequest | undefined, followUp?: string): RenderedResult {
  const title = escapeAndFit(oneLine(answer.question), L.embedTitle);
  const filters = filtersLine(answer.filters);
  const about = [
    ...(followUp ? [followUpLine(followUp)] : []),
    ...(answer.searchedFor ? [searchedForLine(answer.searchedFor)] : []),
    ...(filters ? [filters] : []),
    ...(answer.keywords.length ? [matchedLine(answer.keywords)] : []),
  ];
  const footer = about.length ? { text: plainFit(about.join(' · '), L.footer) } : undefined;
  const budget = Math.min(L.embedDescription, L.embedsTotal - title.length - (footer?.text.length ?? 0));
  if (!answer.found) {
    return { embeds: [embed({ title, description: abstention(answer, budget) || 'No paper in the corpus answers this.', footer })], ephemeral: false, similar: [] };
  }
  const caveat = answer.caveat && oneLine(answer.caveat) ? `${escapeAndFit(oneLine(answer.caveat), MAX_CAVEAT)}\n\n` : '';
  // The quoted sentences keep their [n] markers and their bold; whole sentences only, so neither
  // a marker nor a `**` pair is ever cut.
  const sentences = answer.sentences.map((s) => `${escapeHighlighted(s.text, s.highlights)} ${s.sources.map((n) => `[${n}]`).join('')}`);
  const body = caveat + fitLines(sentences, budget - 200 - caveat.length, ' ').text;
  const sourceLines = answer.sources.map((source) => {
    const line = sourceLine(source);
    return source.matched.length > 0 ? `${line}\n${escapeMarkdown(oneLine(matchedLine(source.matched)))}` : line;
  });
  const heading = '\n\n**Sources**\n';
  const sources = fitLines(sourceLines, budget - body.length - heading.length);
  const description = sources.count > 0 ? body + heading + sources.text : body;
  return {
    embeds: [embed({ title, description, footer })],
    ephemeral: false,
    ...(next ? { more: next } : {}),
    similar: answer.sources.map((source) => ({ n: source.n, id: source.id })),
  };
}

/** Longest caveat shown, in characters (it is one line from the core; this only bounds odd input). */
const MAX_CAVEAT = 500;

/** "**[1]** [Title](url) — Jun 23, 2024 · 3 upvotes" */
function sourceLine(source: SourceRef): string {
  const about = facts(source);
  return `**[${source.n}]** ${maskedLink(source.title, primaryLink(source))}${about ? ` — ${about}` : ''}`;
}

/**
 * Nothing to quote: what the corpus lacks ("Nothing on NeRF in this corpus."), the core's
 * suggestions, then the closest papers as linked titles (never quoted), whole lines within `budget`.
 */
function abstention(answer: Answer, budget: number): string {
  const lines = [...(answer.missing?.length ? [nothingOnLine(answer.missing)] : []), ...answer.suggestions].map((line) => escapeMarkdown(line));
  const closest = answer.closest ?? [];
  if (closest.length > 0) lines.push(...(lines.length > 0 ? [''] : []), '**Closest:**', ...closest.map(sourceLine));
  return fitLines(lines, budget).text.trim();
}

/**
 * How one list item can be written, fullest first. A long page falls back to a shorter form for
 * every item rather than dropping items; only when even the shortest does not fit are items left
 * for "More results".
 */
const ITEM_FORMS: Array<{ separator: string; format: (item: PaperListItem) => string }> = [
  { separator: '\n\n', format: (item) => [itemHead(item), itemFacts(item), escapeMarkdown(oneLine(item.snippet))].filter(Boolean).join('\n') },
  { separator: '\n', format: (item) => [itemHead(item), itemFacts(item)].filter(Boolean).join('\n') },
  { separator: '\n', format: itemHead },
  { separator: '\n', format: (item) => `**[${item.n}]** ${escapeAndFit(oneLine(item.title), MAX_LABEL)}` },
];

function itemHead(item: PaperListItem): string {
  return `**[${item.n}]** ${maskedLink(item.title, primaryLink(item))}`;
}

function itemFacts(item: PaperListItem): string {
  const about = facts(item);
  // Inline code shows the id verbatim; a backtick would end it, and ids never need one.
  return `${about ? `${about} · ` : ''}\`${item.id.replace(/`/g, '')}\``;
}

function renderList(result: PaperListResult): RenderedResult {
  const title = escapeAndFit(oneLine(result.title), L.embedTitle);
  const searched = result.searchedFor ? searchedForLine(result.searchedFor) : undefined;
  const filters = filtersLine(result.filters);
  if (result.items.length === 0) {
    const text = result.offset > 0 ? 'No more papers.' : `No papers found${result.keywords.length ? ` for ${result.keywords.join(', ')}` : ''}.`;
    const lines = [
      escapeMarkdown(text),
      ...(searched ? [escapeMarkdown(oneLine(searched))] : []),
      ...(filters ? [escapeMarkdown(oneLine(filters))] : []),
      ...(result.didYouMean ? [didYouMean(result.didYouMean)] : []),
    ];
    return { embeds: [embed({ title, description: fitLines(lines, L.embedDescription).text })], ephemeral: false, similar: [], shown: 0 };
  }
  const footerFor = (shown: number) => {
    const range = `${result.offset + 1}-${result.offset + shown} of ${result.total}`;
    return plainFit([range, ...(result.followUp ? [followUpLine(result.followUp)] : []), ...(searched ? [searched] : []), ...(filters ? [filters] : []), ...(result.keywords.length ? [matchedLine(result.keywords)] : [])].join(' · '), L.footer);
  };
  // The footer's length with every item shown is an upper bound for any count shown.
  const budget = L.embedsTotal - title.length - footerFor(result.items.length).length;
  let packed = packItems(result.items, ITEM_FORMS[ITEM_FORMS.length - 1]!, budget);
  for (const form of ITEM_FORMS) {
    const attempt = packItems(result.items, form, budget);
    if (attempt.count === result.items.length) {
      packed = attempt;
      break;
    }
  }
  const shown = packed.count;
  const embeds = packed.descriptions.map((description, i) => embed({ ...(i === 0 ? { title } : {}), description }));
  embeds[embeds.length - 1]!.footer = { text: footerFor(shown) };
  // Continue after the last item shown, so items that did not fit come first on the next page.
  const hasMore = shown < result.items.length || result.hasMore;
  const limit = result.next?.limit ?? result.items.length;
  const more: PageRequest | undefined = hasMore ? { source: result.source, query: result.query, offset: result.offset + shown, limit } : undefined;
  return { embeds, ephemeral: false, ...(more ? { more } : {}), similar: [], shown };
}

/**
 * Packs formatted items, in order, into embed descriptions of at most 4096 characters each and
 * `budget` characters in all; stops at the first item that does not fit.
 */
function packItems(items: readonly PaperListItem[], form: (typeof ITEM_FORMS)[number], budget: number): { descriptions: string[]; count: number } {
  const descriptions: string[] = [];
  let current = '';
  let used = 0;
  let count = 0;
  for (const item of items) {
    const block = form.format(item);
    const extend = current !== '' && current.length + form.separator.length + block.length <= L.embedDescription;
    const cost = extend ? form.separator.length + block.length : block.length;
    const opensEmbed = current !== '' && !extend;
    if (used + cost > budget || block.length > L.embedDescription) break;
    if (opensEmbed && descriptions.length + 2 > L.embedsPerMessage) break;
    if (opensEmbed) descriptions.push(current);
    current = extend ? current + form.separator + block : block;
    used += cost;
    count += 1;
  }
  if (current) descriptions.push(current);
  return { descriptions, count };
}

function renderPaper({ paper }: PaperDetailResult): RenderedResult {
  const title = escapeAndFit(oneLine(paper.title), L.embedTitle);
  const fields: APIEmbedField[] = [];
  const date = formatDate(paper);
  if (date) fields.push({ name: 'Published', value: escapeAndFit(date, L.fieldValue), inline: true });
  if (paper.authors?.length) fields.push({ name: 'Authors', value: escapeAndFit(oneLine(paper.authors.join(', ')), L.fieldValue), inline: true });
  else if (paper.authorCount !== undefined) fields.push({ name: 'Authors', value: String(paper.authorCount), inline: true });
  if (paper.upvotes !== undefined) fields.push({ name: 'Upvotes', value: String(paper.upvotes), inline: true });
  // Bare URLs (Discord links them): a masked link whose text is itself a URL looks like phishing.
  const linkLines = paper.links.flatMap((link) => {
    const url = safeUrl(link.url);
    return url ? [`${link.kind}: ${url}`] : [];
  });
  const links = fitLines(linkLines, L.fieldValue);
  if (links.count > 0) fields.push({ name: 'Links', value: links.text });
  const footer = { text: plainFit(`id: ${paper.id}`, L.footer) };
  const used = title.length + footer.text.length + fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const description = escapeAndFit(paper.abstract, Math.min(L.embedDescription, L.embedsTotal - used));
  const url = safeUrl(paper.url ?? primaryLink(paper));
  return {
    embeds: [embed({ title, description, fields, footer, ...(url ? { url } : {}) })],
    ephemeral: false,
    similar: [{ n: paper.n, id: paper.id }],
  };
}

function renderHelp(help: HelpResult): RenderedResult {
  const lines = help.commands.map((c) => {
    const command = findCommand(c.name);
    return `\`${command ? slashUsage(command) : c.usage}\` — ${escapeMarkdown(c.summary)}`;
  });
  // The core's general notes speak of typed chat lines; in Discord every request is a slash command.
  const notes =
    help.commands.length === 1
      ? help.notes.map((note) => escapeMarkdown(note))
      : [
          'Every sentence of an answer is quoted verbatim from a paper abstract and cited [n].',
          'Paper options take an id (type to search titles) or a number from your last answer or list.',
          'Or mention @paperbot with a question or a paper link; reply to its answer (or write in the thread) with "show 2", "more" …',
        ];
  const all = notes.length ? [...lines, '', ...notes] : lines;
  return {
    embeds: [embed({ title: 'paperbot', description: fitLines(all, L.embedDescription).text, color: COLORS.help })],
    ephemeral: true,
    similar: [],
  };
}

function renderError(error: ErrorResult, commandName: string | undefined): RenderedResult {
  const command = commandName ? findCommand(commandName) : undefined;
  // The core's usage hint is written for chat ("search QUERY [--limit N]"); show the slash form.
  const hint = error.hint?.startsWith('Usage:') && command ? `Usage: \`${slashUsage(command)}\`` : error.hint ? escapeMarkdown(error.hint) : undefined;
  const description = [escapeAndFit(error.message, 3000), ...(hint ? [truncate(hint, 1000)] : [])].join('\n');
  return { embeds: [embed({ description, color: COLORS.error })], ephemeral: true, similar: [] };
}

/** A notice of the adapter's own (expired button, someone else's button): an ephemeral embed. */
export function renderNotice(text: string): RenderedResult {
  return { embeds: [embed({ description: escapeMarkdown(text), color: COLORS.error })], ephemeral: true, similar: [] };
}

/** "Did you mean: diffusion? Try: `/paper search query:diffusion`" */
function didYouMean(query: string): string {
  const plain = oneLine(query);
  // Inline code shows the command verbatim; a backtick would end it.
  const command = defuseMentions(`/paper search query:${truncate(plain, MAX_LABEL)}`.replace(/`/g, ''));
  return `Did you mean: ${escapeAndFit(plain, MAX_LABEL)}? Try: \`${command}\``;
}

/** Footers are not markdown: no escaping (backslashes would show), but mentions are defused. */
function plainFit(text: string, max: number): string {
  return truncate(defuseMentions(oneLine(text)), max);
}

function embed(fields: APIEmbed): APIEmbed {
  const result: APIEmbed = { color: COLORS.result, ...fields };
  if (!result.footer) delete result.footer;
  if (result.fields?.length === 0) delete result.fields;
  return result;
}

