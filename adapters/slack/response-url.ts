import type { RetryPolicy } from './retry-policy.js';
import { backoffMs } from './retry-policy.js';

/**
 * Replies to a slash command or a button click go to the `response_url` Slack sent with it (no
 * channel membership needed, ephemeral or in-channel). Bolt's `respond()` posts once and gives
 * up; this posts with the same retry policy as Web API calls: 429 waits out Retry-After, 5xx and
 * network errors/timeouts back off, other statuses fail at once. The URL is a credential for
 * that conversation (valid 30 minutes), so it is never logged.
 */

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest Retry-After honoured, seconds; a longer wait is not worth keeping a reply for. */
const MAX_RETRY_AFTER_SECONDS = 60;

export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ResponseUrlError';
  }
}

export type ResponseUrlMessage =
  | {
      response_type: 'ephemeral' | 'in_channel';
      replace_original?: boolean;
      text: string;
      blocks?: unknown[];
    }
  | { delete_original: true };

export async function postToResponseUrl(url: string, message: ResponseUrlMessage, policy: RetryPolicy, sleep: Sleep = realSleep): Promise<void> {
  const body = JSON.stringify(message);
  let failure: ResponseUrlError = new ResponseUrlError('response_url request failed');
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    let waitMs = backoffMs(policy, attempt + 1);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      failure = new ResponseUrlError(`response_url answered ${response.status}`, response.status);
      if (response.status === 429) {
        const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
        if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_RETRY_AFTER_SECONDS) throw failure;
        waitMs = seconds * 1000;
      } else if (response.status < 500) {
        throw failure;
      }
    } catch (error) {
      if (error === failure) throw error;
      failure = new ResponseUrlError(`response_url request failed (${error instanceof Error ? error.name : 'error'})`);
    }
    if (attempt < policy.retries) await sleep(waitMs);
  }
  throw failure;
}
