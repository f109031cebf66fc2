import { createHash } from 'node:crypto';
import { normaliseTitle } from './normalise-title.js';

/** Longest slug part of a derived id, in characters; the whole id stays well under 48. */
const MAX_SLUG_LENGTH = 32;

/** Hex digits of the title hash in a derived id, when it collides with no other id. */
export const DEFAULT_HASH_LENGTH = 6;

/** Hash lengths tried, in order, when a shorter derived id is taken by another paper. */
const COLLISION_HASH_LENGTHS = [12, 20, 64] as const;

/**
 * Derives a paper id from its title: a slug of the first words of the normalised title plus a
 * hash of the whole normalised title, e.g. `video-infinity-distributed-long-3f9a1c`.
 * Stable across runs and independent of where the paper appears; only `[a-z0-9-]`.
 * @param hashLength hex digits of the hash (default {@link DEFAULT_HASH_LENGTH}).
 */
export function derivePaperId(title: string, hashLength: number = DEFAULT_HASH_LENGTH): string {
  const key = normaliseTitle(title);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, hashLength);
  return `${titleSlug(key) || 'paper'}-${hash}`;
}

/** ASCII words of the title joined by `-`, cut at a word boundary. */
function titleSlug(normalisedTitle: string): string {
  const words = normalisedTitle
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^a-z0-9]+/u)
    .filter((word) => word.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG_LENGTH) return slug === '' ? word.slice(0, MAX_SLUG_LENGTH) : slug;
    slug = next;
  }
  return slug;
}

/** What {@link assignPaperIds} needs to know of one (already merged) paper. */
export interface IdRequest {
  title: string;
  /** The record's own id, when it gave one. */
  ownId?: string;
}

/** Outcome of {@link assignPaperIds}: one id per request, plus the own ids that had to be refused. */
export interface IdAssignment {
  ids: string[];
  /** Indexes of requests whose own id was already taken by an earlier paper; they got a derived id. */
  refused: { index: number; ownId: string; takenBy: number }[];
}

/**
 * Gives every paper a unique id. Own ids win, first come first served. Derived ids that clash
 * (with an own id, or two titles with the same slug and short hash) all get a longer hash, so
 * which paper "came first" never changes a derived id.
 * Expects titles already merged, i.e. no two requests with the same normalised title.
 */
export function assignPaperIds(requests: readonly IdRequest[]): IdAssignment {
  const ids: (string | undefined)[] = new Array(requests.length);
  const refused: IdAssignment['refused'] = [];
  const ownerOf = new Map<string, number>();
  requests.forEach((request, index) => {
    if (request.ownId === undefined) return;
    const takenBy = ownerOf.get(request.ownId);
    if (takenBy === undefined) {
      ownerOf.set(request.ownId, index);
      ids[index] = request.ownId;
    } else {
      refused.push({ index, ownId: request.ownId, takenBy });
    }
  });

  let pending = requests.map((_, index) => index).filter((index) => ids[index] === undefined);
  for (const hashLength of [DEFAULT_HASH_LENGTH, ...COLLISION_HASH_LENGTHS]) {
    const candidates = new Map<string, number[]>();
    for (const index of pending) {
      const id = derivePaperId(requests[index]!.title, hashLength);
      const holders = candidates.get(id);
      if (holders === undefined) candidates.set(id, [index]);
      else holders.push(index);
    }
    const clashing: number[] = [];
    for (const [id, indexes] of candidates) {
      if (indexes.length === 1 && !ownerOf.has(id)) ids[indexes[0]!] = id;
      // One by one: a spread of a large group as arguments would overflow the stack.
      else for (const index of indexes) clashing.push(index);
    }
    pending = clashing;
    if (pending.length === 0) break;
  }
  // Only equal normalised titles hash alike at full length, and those were merged before.
  if (pending.length > 0) throw new Error(`assignPaperIds: duplicate titles were not merged: ${pending.join(', ')}`);
  return { ids: ids as string[], refused };
}
