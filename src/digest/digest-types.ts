import type { SourceRef } from '../answer/answer-types.js';
import type { Platform } from '../store/store.js';
import type { TopicReading } from './digest-topic.js';

/** One paper of a digest. */
export interface DigestItem extends SourceRef {
  /** One sentence from the abstract saying what the paper does. */
  gist: string;
}

/** A digest as every platform renders it. */
export interface Digest {
  platform: Platform;
  channel: string;
  /** The subscription's local date the digest is for (`YYYY-MM-DD`). */
  localDate: string;
  topic?: string;
  /** How the topic's filter words were read, when it had any (previews show it: "topic: diffusion · filters: with code"). */
  reading?: TopicReading;
  items: DigestItem[];
}
