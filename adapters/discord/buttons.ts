import { randomBytes } from 'node:crypto';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import { DEFAULT_PAGE_SIZE } from '../../src/commands/limits.js';
import type { PageRequest } from '../../src/commands/results.js';
import { systemClock, type Clock } from '../../src/time/clock.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import type { RenderedResult } from './render-embeds.js';

/**
 * Buttons under a result. A custom_id holds at most 100 characters, so:
 * - "More results" carries a short key into {@link PageStore}, where the page request waits;
 * - "Similar" carries the paper id itself (ids are short), so it never expires.
 * Both carry the id of the user who asked: only they may press them.
 *
 *   pb:page:<user id>:<key>      pb:sim:<user id>:<paper id>
 */
const PREFIX = 'pb';

export type ButtonAction =
  | { kind: 'page'; owner: string; key: string }
  | { kind: 'similar'; owner: string; paperId: string };

export function pageButtonId(owner: string, key: string): string {
  return `${PREFIX}:page:${owner}:${key}`;
}

export function similarButtonId(owner: string, paperId: string): string {
  return `${PREFIX}:sim:${owner}:${paperId}`;
}

/** Reads a custom_id made by this module; undefined for anything else. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const match = /^pb:(page|sim):(\d{1,25}):(.+)$/s.exec(customId);
  if (!match) return undefined;
  const [, kind, owner, payload] = match as unknown as [string, 'page' | 'sim', string, string];
  return kind === 'page' ? { kind: 'page', owner, key: payload } : { kind: 'similar', owner, paperId: payload };
}

/** A stored page request and who may use it. */
export interface StoredPage {
  owner: string;
  request: PageRequest;
}

export interface PageStoreOptions {
  /** Most requests kept; the oldest go first. Default 10,000 (a few MB). */
  maxEntries?: number;
  /** How long a button keeps working. Default 24 hours. */
  ttlMs?: number;
  clock?: Clock;
}

/**
 * Page requests behind "More results" buttons, by short random key: bounded in count and age,
 * in memory. A key that is gone (expired, evicted, or the bot restarted) means "run it again".
 * Under sharding each shard keeps its own store; a button click reaches the shard that served
 * the command (the same guild), so no store needs sharing.
 */
export class PageStore {
  private readonly entries = new Map<string, StoredPage & { expires: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(options: PageStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.clock = options.clock ?? systemClock;
  }

  /** Stores a request and returns its key (8 URL-safe characters). */
  put(owner: string, request: PageRequest): string {
    let key: string;
    do key = randomBytes(6).toString('base64url');
    while (this.entries.has(key));
    this.entries.set(key, { owner, request, expires: this.clock.now() + this.ttlMs });
    // Map iteration is insertion order, so the first keys are the oldest.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return key;
  }

  /** The request under `key`, unless it expired or was evicted. */
  get(key: string): StoredPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return { owner: entry.owner, request: entry.request };
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Most "Similar" buttons next to "More results": one row of five. */
const MAX_SIMILAR_BUTTONS = 4;

/** The button rows for a rendered result: a digest's 👍/👎 (a preview's too), else "More results" and "Similar" (none for help, errors and other private replies). */
export function buttonRows(rendered: RenderedResult, owner: string, pages: PageStore): Array<APIActionRowComponent<APIButtonComponentWithCustomId>> {
  if (rendered.votes?.length) return digestVoteRows(rendered.votes);
  if (rendered.ephemeral) return [];
  const buttons: APIButtonComponentWithCustomId[] = [];
  if (rendered.more) buttons.push(button('More results', pageButtonId(owner, pages.put(owner, rendered.more)), ButtonStyle.Primary));
  const similar = rendered.similar.slice(0, MAX_SIMILAR_BUTTONS);
  for (const { n, id } of similar) {
    const label = similar.length === 1 && !rendered.more ? 'Similar papers' : `Similar to [${n}]`;
    let customId = similarButtonId(owner, id);
    if (customId.length > DISCORD_LIMITS.customId) {
      // An id too long for a custom_id rides in the store like a page.
      customId = pageButtonId(owner, pages.put(owner, similarRequest(id)));
    }
    buttons.push(button(label, customId, ButtonStyle.Secondary));
  }
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, DISCORD_LIMITS.buttonsPerRow) }] : [];
}

function button(label: string, customId: string, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

/** The page a "Similar" button opens: the first page of papers like `paperId`. */
export function similarRequest(paperId: string): PageRequest {
  return { source: 'similar', query: paperId, offset: 0, limit: DEFAULT_PAGE_SIZE };
}

/**
 * 👍/👎 under a digest's papers: `pb:vote:<up|down>:<paper id>`. Unlike the result buttons they
 * carry no owner: anyone in the channel may vote (who voted comes from the interaction). Two
 * papers a row ("1 👍", "1 👎", "2 👍", "2 👎") in at most five rows, so the first ten papers of a
 * digest get buttons; a paper whose id would not fit a custom_id gets none.
 */
export function voteButtonId(direction: 'up' | 'down', paperId: string): string {
  return `${PREFIX}:vote:${direction}:${paperId}`;
}

/** Reads a vote custom_id; undefined for anything else. */
export function parseVoteButtonId(customId: string): { vote: 'up' | 'down'; paperId: string } | undefined {
  const match = /^pb:vote:(up|down):(.+)$/s.exec(customId);
  return match ? { vote: match[1] as 'up' | 'down', paperId: match[2]! } : undefined;
}

const PAPERS_PER_VOTE_ROW = 2;

/** The vote rows for a digest's items (numbered as shown). */
export function digestVoteRows(items: ReadonlyArray<{ n: number; id: string }>): Array<APIActionRowComponent<APIButtonComponentWithCustomId>> {
  const buttons = items
    .filter((item) => voteButtonId('down', item.id).length <= DISCORD_LIMITS.customId)
    .slice(0, DISCORD_LIMITS.actionRows * PAPERS_PER_VOTE_ROW)
    .map((item) => [button(`${item.n} 👍`, voteButtonId('up', item.id), ButtonStyle.Secondary), button(`${item.n} 👎`, voteButtonId('down', item.id), ButtonStyle.Secondary)]);
  const rows: Array<APIActionRowComponent<APIButtonComponentWithCustomId>> = [];
  for (let i = 0; i < buttons.length; i += PAPERS_PER_VOTE_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + PAPERS_PER_VOTE_ROW).flat() });
  }
  return rows;
}
