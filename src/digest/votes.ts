/**
 * 👍/👎 on a digest paper, the one entry point every front-end's buttons call: a vote is kept per
 * channel, one per user and paper (voting again changes it), and shapes the channel's next digests.
 */
import { InvalidOptionError } from '../errors.js';
import type { PaperbotStore, Platform, VoteValue } from '../store/store.js';

/** A button press, as a front-end reports it. */
export interface VoteRequest {
  platform: Platform;
  channel: string;
  user: string;
  paperId: string;
  /** `up` / `down`, or +1 / −1. */
  vote: 'up' | 'down' | VoteValue;
  /** ms since the epoch. */
  now: number;
}

/** Parses `up`/`down`/`1`/`-1`, else an error naming the field. */
export function voteValue(value: unknown): VoteValue {
  if (value === 'up' || value === 1 || value === '1' || value === '+1') return 1;
  if (value === 'down' || value === -1 || value === '-1') return -1;
  throw new InvalidOptionError(`vote must be "up" or "down" (got ${JSON.stringify(value)})`);
}

/** Records the vote; returns the value stored. */
export async function castVote(store: PaperbotStore, request: VoteRequest): Promise<VoteValue> {
  const vote = voteValue(request.vote);
  if (!request.paperId) throw new InvalidOptionError('vote: a paper id is required');
  if (!request.user) throw new InvalidOptionError('vote: the voting user is unknown');
  await store.recordVote({
    platform: request.platform,
    channel: request.channel,
    user: request.user,
    paperId: request.paperId,
    vote,
    votedAt: new Date(request.now).toISOString(),
  });
  return vote;
}
