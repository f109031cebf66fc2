import type { SlackMessage } from './slack-message.js';

/**
 * Block Kit's documented limits that paperbot's messages could reach, and a check of a whole
 * message against them. Slack rejects a message that breaks any of these (`invalid_blocks`), so
 * the renderer stays within them by construction and the sender checks again before posting.
 */
export const BLOCK_KIT_LIMITS = Object.freeze({
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of a section's text (and of any text object). */
  text: 3000,
  /** Elements in a context block. */
  contextElements: 10,
  /** Elements in an actions block. */
  actionsElements: 25,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's value. */
  buttonValue: 2000,
  /** Characters of an action_id or block_id. */
  id: 255,
  /** Characters of a message's top-level `text` we send (Slack truncates at 40,000; we keep notifications short). */
  fallbackText: 3000,
});

type Json = unknown;

function textLength(value: Json): number {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
    ? ((value as { text: string }).text).length
    : 0;
}

function checkButton(element: Record<string, Json>, where: string, problems: string[]): void {
  const label = element.text as { type?: string; text?: string } | undefined;
  if (label?.type !== 'plain_text' || !label.text) problems.push(`${where}: a button needs a plain_text label`);
  else if (label.text.length > BLOCK_KIT_LIMITS.buttonText) problems.push(`${where}: button text over ${BLOCK_KIT_LIMITS.buttonText} characters`);
  if (typeof element.value === 'string' && element.value.length > BLOCK_KIT_LIMITS.buttonValue) {
    problems.push(`${where}: button value over ${BLOCK_KIT_LIMITS.buttonValue} characters`);
  }
  if (typeof element.action_id === 'string' && element.action_id.length > BLOCK_KIT_LIMITS.id) problems.push(`${where}: action_id too long`);
}

/** Every way `message` breaks a Block Kit limit; empty when Slack will accept it. */
export function blockKitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (!message.text.trim()) problems.push('text: a fallback text is required');
  if (message.text.length > BLOCK_KIT_LIMITS.fallbackText) problems.push(`text: over ${BLOCK_KIT_LIMITS.fallbackText} characters`);
  if (message.blocks.length > BLOCK_KIT_LIMITS.blocks) problems.push(`blocks: ${message.blocks.length} (at most ${BLOCK_KIT_LIMITS.blocks})`);
  message.blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    const b = block as unknown as Record<string, Json>;
    if (typeof b.block_id === 'string' && b.block_id.length > BLOCK_KIT_LIMITS.id) problems.push(`${where}: block_id too long`);
    if (block.type === 'section') {
      const length = textLength(b.text);
      if (length === 0 && !Array.isArray(b.fields)) problems.push(`${where}: empty section text`);
      if (length > BLOCK_KIT_LIMITS.text) problems.push(`${where}: section text ${length} characters (at most ${BLOCK_KIT_LIMITS.text})`);
      const accessory = b.accessory as Record<string, Json> | undefined;
      if (accessory?.type === 'button') checkButton(accessory, `${where}.accessory`, problems);
    } else if (block.type === 'context') {
      const elements = (b.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > BLOCK_KIT_LIMITS.contextElements) problems.push(`${where}: ${elements.length} elements`);
      elements.forEach((element, j) => {
        const length = textLength(element);
        if (length === 0 || length > BLOCK_KIT_LIMITS.text) problems.push(`${where}.elements[${j}]: text of ${length} characters`);
      });
    } else if (block.type === 'actions') {
      const elements = (b.elements as Array<Record<string, Json>> | undefined) ?? [];
      if (elements.length === 0 || elements.length > BLOCK_KIT_LIMITS.actionsElements) problems.push(`${where}: ${elements.length} elements`);
      const ids = elements.map((element) => element.action_id);
      if (new Set(ids).size !== ids.length) problems.push(`${where}: duplicate action_id`);
      elements.forEach((element, j) => {
        if (element.type === 'button') checkButton(element, `${where}.elements[${j}]`, problems);
      });
    }
  });
  return problems;
}
