import { expect } from 'vitest';
import type { SourceRef } from '../../../../src/answer/answer-types.js';
import type { AnswerResult } from '../../../../src/commands/results.js';
import { primaryLink, sourceFacts } from '../../../../src/render/format-source.js';

/**
 * The blocks a test expects, written out from the core's result data (not with the adapter's
 * renderer), so the tests state the format instead of repeating the code.
 */
export const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
export const section = (text: string) => ({ type: 'section', text: md(text) });

/** "s1 [1] s2 [2][3]": the answer text with its citation markers. */
export function citedText(result: AnswerResult): string {
  return result.answer.sentences.map((s) => `${s.text} ${s.sources.map((n) => `[${n}]`).join('')}`).join(' ');
}

/**
 * The message's notification `text` for an answer: the cited answer whole, or, past 500
 * characters, a cut of it ending in "…" (the seed corpus's answers hold nothing Slack escapes).
 */
export function fallbackText(result: AnswerResult): unknown {
  const cited = citedText(result);
  if (cited.length <= 500) return cited;
  return expect.toSatisfy(
    (text: string) => typeof text === 'string' && text.length <= 500 && text.endsWith('…') && cited.startsWith(text.slice(0, -1)),
    `the cited answer cut at 500 characters with "…": ${cited.slice(0, 80)}…`,
  );
}

/**
 * The answer text as posted: each highlighted range wrapped in `*…*` (right for the seed
 * corpus's answers, whose highlighted words stand between spaces and plain punctuation).
 */
export function boldedText(result: AnswerResult): string {
  return result.answer.sentences
    .map((s) => {
      let text = '';
      let at = 0;
      for (const [start, end] of s.highlights) {
        text += `${s.text.slice(at, start)}*${s.text.slice(start, end)}*`;
        at = end;
      }
      return `${text}${s.text.slice(at)} ${s.sources.map((n) => `[${n}]`).join('')}`;
    })
    .join(' ');
}

/** A source's section: number, title (linked when a link is known), facts, and its Similar button. */
export function sourceSection(source: SourceRef, surface: string) {
  const link = primaryLink(source);
  const facts = sourceFacts(source).join(' · ');
  return {
    type: 'section',
    text: md(`*[${source.n}]* ${link ? `<${link}|${source.title}>` : source.title}${facts ? `\n${facts}` : ''}`),
    accessory: { type: 'button', text: { type: 'plain_text', text: 'Similar' }, action_id: `paperbot_similar.${surface}.${source.n}`, value: source.id },
  };
}

/** The 👍/👎 row under paper `n` of a digest. */
export function voteButtons(n: number, paperId: string) {
  const vote = (label: string, direction: string) => ({ type: 'button', text: { type: 'plain_text', text: label }, action_id: `paperbot_vote.${direction}.${n}`, value: paperId });
  return { type: 'actions', elements: [vote('👍', 'up'), vote('👎', 'down')] };
}

export function moreButton(surface: string, next: unknown) {
  return {
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'More results' }, action_id: `paperbot_more.${surface}`, value: JSON.stringify(next) }],
  };
}

/** A context line of the words found in a source, when there are any. */
export function matchedContext(source: SourceRef) {
  return source.matched.length > 0 ? [{ type: 'context', elements: [md(`matched: ${source.matched.join(', ')}`)] }] : [];
}

/** The whole message for a found answer on a surface. */
export function answerBlocks(result: AnswerResult, surface: string) {
  const { answer } = result;
  return [
    ...(answer.caveat ? [section(answer.caveat)] : []),
    section(boldedText(result)),
    section('*Sources*'),
    ...answer.sources.flatMap((s) => [sourceSection(s, surface), ...matchedContext(s)]),
    {
      type: 'context',
      elements: [md(`Question: ${answer.question}`), ...(answer.searchedFor ? [md(`searched for: ${answer.searchedFor}`)] : []), md(`matched: ${answer.keywords.join(', ')}`)],
    },
    moreButton(surface, result.next),
  ];
}

/** The "Share in channel" button a private `/paper` result carries. */
export function shareButton(id: string) {
  return { type: 'button', text: { type: 'plain_text', text: 'Share in channel' }, action_id: 'paperbot_share', value: id };
}

/**
 * A private `/paper` result's blocks split into the result itself and its share id: the share
 * button is the last element of the last actions block (a block of its own when there was none).
 * Throws when there is no share button.
 */
export function splitShare(blocks: unknown): { blocks: unknown[]; shareId: string } {
  const all = [...(blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>)];
  const last = all.at(-1);
  const share = last?.type === 'actions' ? last.elements?.at(-1) : undefined;
  if (!share || share.action_id !== 'paperbot_share' || typeof share.value !== 'string') throw new Error(`no share button last in ${JSON.stringify(blocks).slice(-300)}`);
  if (last!.elements!.length === 1) all.pop();
  else all[all.length - 1] = { ...last!, elements: last!.elements!.slice(0, -1) };
  return { blocks: all, shareId: share.value };
}
