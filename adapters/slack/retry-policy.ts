import type { webApi } from '@slack/bolt';

/**
 * How hard paperbot tries to deliver a reply: a few quick retries, then give up and log. A chat
 * answer that arrives a minute late is worse than an error in the log, and Slack's own retry of
 * an unacknowledged event is not in play (events are acknowledged before answering). Injected so
 * tests run without waiting.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (a 429 counts as an attempt). */
  retries: number;
  /** Wait before the first retry, ms; doubles per retry up to {@link maxDelayMs}. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Time limit of one HTTP request, ms. */
  timeoutMs: number;
}

/** Production: 3 attempts over about 1.5 s (plus any Retry-After Slack asks for), 10 s per request. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ retries: 2, minDelayMs: 500, maxDelayMs: 2000, timeoutMs: 10_000 });

/**
 * The policy as Bolt's Web API client takes it: `retryConfig` (p-retry options) and `timeout`.
 * The client itself waits out a 429's Retry-After before the retry.
 */
export function webClientRetryOptions(policy: RetryPolicy): Pick<webApi.WebClientOptions, 'retryConfig' | 'timeout' | 'rejectRateLimitedCalls'> {
  return {
    retryConfig: { retries: policy.retries, factor: 2, minTimeout: policy.minDelayMs, maxTimeout: policy.maxDelayMs, randomize: policy.minDelayMs > 0 },
    timeout: policy.timeoutMs,
    rejectRateLimitedCalls: false,
  };
}

/** Backoff before retry number `attempt` (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
}
