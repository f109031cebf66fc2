import { ErrorCode, PaperbotError } from '../errors.js';
import type { Platform } from '../store/store.js';
import type { Digest } from './digest-types.js';

/** What a platform says about a posted digest. */
export interface PostReceipt {
  /** The platform's id of the message (Slack `ts`, Discord message id). */
  messageRef: string;
}

/**
 * A failed digest post. `failed`: the platform answered with an error, nothing was posted, a
 * retry is safe. `unknown`: no answer (timeout, connection lost): the message may or may not be
 * there, so a retry must be one the platform deduplicates.
 */
export class DigestPostError extends PaperbotError {
  constructor(
    readonly outcome: 'failed' | 'unknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.DigestPostFailed, message, options);
  }
}

/** Posts digests to one platform through its REST API (no gateway login needed). */
export interface DigestPoster {
  readonly platform: Platform;
  /**
   * Posts a digest (an empty one says "nothing new today"). `nonce` is the same on every attempt
   * of one digest: platforms that support it deduplicate on it. Throws {@link DigestPostError}.
   */
  post(digest: Digest, nonce: string): Promise<PostReceipt>;
  /**
   * After an attempt whose outcome was unknown: the message, if it was in fact posted. Platforms
   * whose post is itself idempotent (Discord's enforced nonce) need not implement it.
   */
  findPosted?(channel: string, nonce: string, sinceIso: string): Promise<PostReceipt | undefined>;
}
