import { describeTopicReading } from '../../src/digest/digest-topic.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { formatDate } from '../../src/render/format-source.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import { cleanText, escapeMrkdwn } from './escape.js';
import { similarButtonValue, voteActionId } from './button-values.js';
import { button, context, fallback, factsLine, section, titleLink } from './render-parts.js';
import type { Block, SlackMessage } from './slack-message.js';
import { escapeClipped } from './split-text.js';

/** Longest gist shown, in characters of plain text. */
const MAX_GIST_CHARS = 400;
/** Longest "topic: … · filters: …" line shown (a topic holds at most 500 characters). */
const MAX_READING_CHARS = 800;

/**
 * A digest as a Slack message: a heading (in a preview of a topic with filter words, then how
 * they were read), one section per paper (linked title, date/upvotes, gist) followed by its
 * 👍/👎 buttons (the channel's votes steer its next digests, a preview's too), and a fallback
 * `text` for notifications. Two blocks a paper: up to 23 papers fit the 50 blocks, and a digest
 * has at most 20.
 */
export function renderDigestMessage(digest: Digest): SlackMessage {
  const day = formatDate({ published: digest.localDate }) ?? digest.localDate;
  const heading = `Paper digest — ${day}${digest.topic ? ` · ${cleanText(digest.topic)}` : ''}`;
  const blocks: Block[] = [section(`*${escapeMrkdwn(heading)}*`)];
  // A preview says how the topic's filter words were read ("topic: diffusion · filters: with code").
  if (digest.reading) blocks.push(context([escapeClipped(cleanText(describeTopicReading(digest.reading)), MAX_READING_CHARS)]));
  if (digest.items.length === 0) {
    blocks.push(section('Nothing new today.'));
    return { text: fallback(`${heading}: nothing new today.`), blocks };
  }
  for (const item of digest.items.slice(0, Math.floor((BLOCK_KIT_LIMITS.blocks - blocks.length - 1) / 2))) {
    const facts = factsLine(item);
    const lines = [`*${item.n}.* ${titleLink(item)}`];
    if (facts) lines.push(facts);
    lines.push(escapeClipped(cleanText(item.gist), MAX_GIST_CHARS));
    blocks.push(section(lines.join('\n')));
    // An id too long for a button value gets no buttons rather than a cut (wrong) id.
    const value = similarButtonValue(item.id);
    if (value) blocks.push({ type: 'actions', elements: [button('👍', voteActionId('up', item.n), value), button('👎', voteActionId('down', item.n), value)] });
  }
  blocks.push(context([`${digest.items.length} new paper${digest.items.length === 1 ? '' : 's'} · ask me about any of them`]));
  return { text: fallback(`${heading}: ${digest.items.map((item) => cleanText(item.title)).join('; ')}`), blocks };
}
