import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/time/clock.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import { button, context } from './render-parts.js';
import { fitBlocks } from './render-blocks.js';
import type { Block, SlackMessage } from './slack-message.js';

/**
 * "Share in channel", Slack's convention for slash commands: `/paper` results are shown only to
 * the person who asked (ephemeral), with a button that posts the same result in the channel.
 *
 * An ephemeral message's content does not come back with a click on it, so the result is kept
 * here, under a random id the button carries, for as long as its response_url is valid (30 min).
 * The id is user data on the way back: it is checked for shape, and only the person it was shown
 * to can share it. After a restart (or 30 minutes) the click gets "run /paper again".
 */

/** The button's action id. */
export const SHARE_ACTION_ID = 'paperbot_share';
/** Its label. */
export const SHARE_LABEL = 'Share in channel';
/** A share id: 16 url-safe characters (96 random bits). */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;
/** How long a result can be shared: Slack's response_url lifetime. */
export const SHARE_TTL_MS = 30 * 60_000;
/** At most this many results kept (the oldest go first). */
export const SHARE_MAX_ENTRIES = 5_000;

interface Shareable {
  message: SlackMessage;
  user: string;
  channel: string;
  expiresAt: number;
}

/** Results offered for sharing, bounded in time and number. */
export class ShareStore {
  private readonly entries = new Map<string, Shareable>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = SHARE_TTL_MS,
    private readonly maxEntries = SHARE_MAX_ENTRIES,
  ) {}

  /** Keeps `message` for `user` in `channel`; returns the id for the button. */
  offer(message: SlackMessage, user: string, channel: string): string {
    this.prune();
    const id = randomBytes(12).toString('base64url');
    this.entries.set(id, { message, user, channel, expiresAt: this.clock.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }

  /**
   * The result behind a clicked button's value, taken (a result is shared once; `putBack()` when
   * the post failed, so the button works again), or why not: `invalid` for a value of the wrong
   * shape or someone else's, `expired` when it is gone.
   */
  take(value: unknown, user: string, channel: string): { message: SlackMessage; putBack(): void } | { refused: 'invalid' | 'expired' } {
    if (typeof value !== 'string' || !SHARE_ID_PATTERN.test(value)) return { refused: 'invalid' };
    this.prune();
    const entry = this.entries.get(value);
    if (!entry) return { refused: 'expired' };
    if (entry.user !== user || entry.channel !== channel) return { refused: 'invalid' };
    this.entries.delete(value);
    return { message: entry.message, putBack: () => void this.entries.set(value, entry) };
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) break; // insertion order = expiry order
      this.entries.delete(id);
    }
  }
}

/** The ephemeral message with the "Share in channel" button added (in its last actions block when there is room). */
export function withShareButton(message: SlackMessage, shareId: string): SlackMessage {
  const share = button(SHARE_LABEL, SHARE_ACTION_ID, shareId);
  const last = message.blocks[message.blocks.length - 1];
  if (last?.type === 'actions' && last.elements.length < BLOCK_KIT_LIMITS.actionsElements) {
    return { text: message.text, blocks: [...message.blocks.slice(0, -1), { ...last, elements: [...last.elements, share] }] };
  }
  return fitBlocks({ text: message.text, blocks: [...message.blocks, { type: 'actions', elements: [share] }] });
}

/** The message as posted in the channel: the result, and who shared it (their own mention does not notify them). */
export function sharedMessage(message: SlackMessage, user: string): SlackMessage {
  // The id comes from Slack's signed payload; its shape is checked anyway before it becomes markup.
  const by: Block = context([/^[UW][A-Z0-9]{1,20}$/.test(user) ? `Shared by <@${user}> with /paper` : 'Shared with /paper']);
  return fitBlocks({ text: message.text, blocks: [...message.blocks, by] });
}
