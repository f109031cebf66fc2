/**
 * A thrown value as a small, log-safe record. Web API errors carry response headers and bodies,
 * and Bolt's carry whole request payloads; only the fields worth reading are kept, and messages
 * pass through the secret scrubber.
 */
export interface ErrorSummary {
  name: string;
  message: string;
  code?: string;
  /** HTTP status, for HTTP errors (Web API 5xx, response_url failures). */
  status?: number;
  /** Seconds Slack asked to wait, for rate-limit errors. */
  retryAfter?: number;
  /** The Web API error string (`channel_not_found`, …), for platform errors. */
  apiError?: string;
}

export function describeError(error: unknown, scrub: (text: string) => string = (t) => t): ErrorSummary {
  if (!(error instanceof Error)) return { name: 'Error', message: scrub(String(error)).slice(0, 500) };
  const e = error as Error & { code?: unknown; statusCode?: unknown; status?: unknown; retryAfter?: unknown; data?: { error?: unknown } };
  const summary: ErrorSummary = { name: e.name, message: scrub(e.message).slice(0, 500) };
  if (typeof e.code === 'string') summary.code = e.code;
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  if (typeof status === 'number') summary.status = status;
  if (typeof e.retryAfter === 'number') summary.retryAfter = e.retryAfter;
  if (typeof e.data?.error === 'string') summary.apiError = e.data.error;
  return summary;
}
