import type { PageRequest } from '../../src/commands/results.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import type { Surface } from './slack-message.js';

/**
 * What paperbot's buttons carry. A button's `value` comes back with the click as untrusted data:
 * "More results" carries the core's {@link PageRequest} as JSON (the core validates it again in
 * `runPage`), "Similar" a paper id (validated by the `similar` command). The `action_id` names
 * the button and the surface it was posted on, so the follow-up goes to the same conversation
 * (session key and channel still come from Slack's signed payload, never from the value).
 */

const SURFACES: readonly Surface[] = ['thread', 'dm', 'slash'];

/** Action ids: `paperbot_more.<surface>` and `paperbot_similar.<surface>.<n>` (unique per message). */
export const MORE_ACTION_PATTERN = /^paperbot_more\.(thread|dm|slash)$/;
export const SIMILAR_ACTION_PATTERN = /^paperbot_similar\.(thread|dm|slash)(?:\.\d{1,4})?$/;

export const moreActionId = (surface: Surface): string => `paperbot_more.${surface}`;
export const similarActionId = (surface: Surface, n?: number): string => `paperbot_similar.${surface}${n === undefined ? '' : `.${n}`}`;

/** The surface an action id names, if it is one of paperbot's. */
export function surfaceOfAction(actionId: string): Surface | undefined {
  const surface = /^paperbot_(?:more|similar)\.([a-z]+)/.exec(actionId)?.[1];
  return SURFACES.find((s) => s === surface);
}

/**
 * The "More results" value for a page request, or undefined when its JSON would not fit a button
 * value (then the button is left off, not cut: a cut JSON would be a broken button).
 */
export function pageButtonValue(next: PageRequest): string | undefined {
  const value = JSON.stringify({ source: next.source, query: next.query, offset: next.offset, limit: next.limit });
  return value.length <= BLOCK_KIT_LIMITS.buttonValue ? value : undefined;
}

/** A "More results" value back from a click: parsed JSON, or undefined when it is not JSON (the core rejects both). */
export function parsePageButtonValue(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > BLOCK_KIT_LIMITS.buttonValue) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The "Similar" value for a paper id, or undefined when the id would not fit. */
export function similarButtonValue(paperId: string): string | undefined {
  return paperId.length > 0 && paperId.length <= BLOCK_KIT_LIMITS.buttonValue ? paperId : undefined;
}

/**
 * 👍/👎 under each paper of a digest: `paperbot_vote.<up|down>.<n>` (unique per message), the
 * paper id as the value. Anyone in the channel may vote; who voted and where comes from Slack's
 * signed payload, and the core checks the paper id against the corpus.
 */
export const VOTE_ACTION_PATTERN = /^paperbot_vote\.(up|down)(?:\.\d{1,4})?$/;

export const voteActionId = (direction: 'up' | 'down', n: number): string => `paperbot_vote.${direction}.${n}`;

/** The direction a vote action id names, if it is one. */
export function voteOfAction(actionId: string): 'up' | 'down' | undefined {
  const direction = VOTE_ACTION_PATTERN.exec(actionId)?.[1];
  return direction === 'up' || direction === 'down' ? direction : undefined;
}
