import { expect } from 'vitest';

/**
 * Checks on what the app posted, independent of the adapter's own code: nothing in it can ping
 * anyone, and it is within Block Kit's limits.
 */

/** Every string anywhere in a value (texts, labels, values, fallback text). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/** Keys whose values Slack never displays or parses (button payloads and ids). */
const NOT_DISPLAYED = new Set(['value', 'action_id', 'block_id']);

/** Every string Slack displays or parses as text: all strings except button values and ids. */
export function displayedStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(displayedStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => (NOT_DISPLAYED.has(key) ? [] : displayedStrings(v)));
  return [];
}

/** A link paperbot makes on purpose: `<http(s)://…|label>` with no `<`, `>` or `|` inside the URL. */
const OWN_LINK = /<https?:\/\/[^<>|\s]+\|[^<>]*>/g;

/**
 * No mention or broadcast in any displayed string (button values are opaque data): no `<!…>`, `<@…>`, `<#…>` markup, no `<` or `>` outside
 * paperbot's own links, and no bare @channel/@here/@everyone a client could autolink.
 */
export function expectNothingPingable(payload: unknown): void {
  for (const text of displayedStrings(payload)) {
    const withoutLinks = text.replace(OWN_LINK, '');
    expect(withoutLinks, `markup in: ${text.slice(0, 200)}`).not.toMatch(/[<>]/);
    expect(text, `mention in: ${text.slice(0, 200)}`).not.toMatch(/<[!@#]/);
    expect(text, `broadcast word in: ${text.slice(0, 200)}`).not.toMatch(/@(channel|here|everyone)\b/i);
  }
}

interface AnyBlock {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ type: string; text?: string | { type: string; text: string }; value?: string; action_id?: string }>;
  accessory?: { type: string; text: { text: string }; value?: string };
}

/** Block Kit's limits, checked from scratch on a posted message. */
export function expectWithinBlockKitLimits(message: { text?: unknown; blocks?: unknown }): void {
  expect(typeof message.text === 'string' && message.text.length > 0, 'fallback text present').toBe(true);
  const blocks = (message.blocks ?? []) as AnyBlock[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    if (block.text) {
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.accessory?.type === 'button') {
      expect(block.accessory.text.text.length).toBeLessThanOrEqual(75);
      expect((block.accessory.value ?? '').length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'actions') {
      expect(block.elements!.length).toBeLessThanOrEqual(25);
      for (const element of block.elements!) {
        expect((element.text as { text: string }).text.length).toBeLessThanOrEqual(75);
        expect((element.value ?? '').length).toBeLessThanOrEqual(2000);
      }
    }
    if (block.type === 'context') {
      expect(block.elements!.length).toBeLessThanOrEqual(10);
      for (const element of block.elements!) expect((element.text as string).length).toBeLessThanOrEqual(3000);
    }
  }
}

/** Entities are whole: every `&` starts `&amp;`, `&lt;` or `&gt;`. */
export function expectWholeEntities(text: string): void {
  expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
}
