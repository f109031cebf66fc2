import { DigestPostError, type DigestPoster, type PostReceipt } from '../../src/digest/digest-poster.js';
import type { Digest } from '../../src/digest/digest-types.js';
import type { Platform } from '../../src/store/store.js';

/** What a fake poster does on its next call. */
export type FakeOutcome = 'ok' | 'fail' | 'timeout' | 'timeout-but-delivered';

/** A poster that records every attempt and delivers according to a script of outcomes (then "ok"). */
export class FakePoster implements DigestPoster {
  readonly attempts: Array<{ digest: Digest; nonce: string }> = [];
  /** Messages that actually reached the channel, keyed by nonce (what the platform would show). */
  readonly delivered = new Map<string, Digest>();
  private script: FakeOutcome[];
  private counter = 0;

  constructor(
    readonly platform: Platform,
    script: FakeOutcome[] = [],
    private readonly canFind = true,
  ) {
    this.script = [...script];
  }

  async post(digest: Digest, nonce: string): Promise<PostReceipt> {
    this.attempts.push({ digest, nonce });
    const outcome = this.script.shift() ?? 'ok';
    if (outcome === 'fail') throw new DigestPostError('failed', 'HTTP 500 from the platform');
    if (outcome === 'timeout') throw new DigestPostError('unknown', 'timed out after 10000 ms');
    this.delivered.set(nonce, digest);
    if (outcome === 'timeout-but-delivered') throw new DigestPostError('unknown', 'timed out after 10000 ms');
    return { messageRef: `m${++this.counter}` };
  }

  async findPosted(_channel: string, nonce: string): Promise<PostReceipt | undefined> {
    if (!this.canFind) return undefined;
    return this.delivered.has(nonce) ? { messageRef: `found-${nonce}` } : undefined;
  }
}
