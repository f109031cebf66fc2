import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config/package-root.js';
import { ErrorCode, PaperbotError } from '../../errors.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import { systemClock, type Clock } from '../../time/clock.js';

/** The part of a `fetch` Response the sync reads. */
export interface FetchResponse {
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The part of `fetch` the sync calls: global `fetch` fits, and so does a test fake. */
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<FetchResponse>;

/** What the sources need from HTTP: a GET that returns the body of a 2xx response, or throws a {@link SyncError}. */
export interface HttpClient {
  /**
   * @param source how errors name the service, e.g. `arXiv API`.
   * @param accept the `Accept` header.
   */
  getText(url: string, source: string, accept?: string): Promise<string>;
}

/** Settings of {@link createHttpClient}; every one has a default. */
export interface HttpClientOptions {
  /** Default: the global `fetch` (undici). */
  fetch?: FetchLike;
  /** Per attempt, from the request to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
  /** Further attempts after a 429, a 5xx, a timeout or a network error. Default 3. */
  retries?: number;
  /** Longest wait before a retry; a `Retry-After` asking for more fails at once. Default 60 s. */
  maxRetryDelayMs?: number;
  /** First backoff when the server gives no `Retry-After` (doubled per attempt). Default 1 s. */
  backoffMs?: number;
  /** Default `paperbot/<version> (+sync)`. */
  userAgent?: string;
  /** How to wait between attempts. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** For `Retry-After` given as an HTTP date. */
  clock?: Clock;
  logger?: Logger;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;
export const DEFAULT_BACKOFF_MS = 1_000;

/**
 * A sync source failed: the service, the URL and what went wrong (HTTP status, timeout, a
 * response that is not what the API sends). The corpus is not touched for that source.
 */
export class SyncError extends PaperbotError {
  constructor(
    /** The service, e.g. `arXiv API`. */
    readonly source: string,
    message: string,
    readonly details: { url?: string; status?: number; cause?: unknown } = {},
  ) {
    super(ErrorCode.SyncFailed, `${source}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
  }
}

let version: string | undefined;

/** `paperbot/0.1.0 (+sync)`: services ask API clients to say who they are. */
export function defaultUserAgent(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
    } catch {
      version = '0';
    }
  }
  return `paperbot/${version} (+sync; research-paper chat bot)`;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An {@link HttpClient} over `fetch`: a timeout per attempt, a User-Agent, and retries on 429,
 * 5xx, timeouts and network errors — after `Retry-After` when the server gives one (seconds or
 * an HTTP date; over `maxRetryDelayMs` it gives up rather than hammer or hang), else after an
 * exponential backoff. Other 4xx fail at once. Errors name the source, the status and the URL.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const maxDelay = options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const userAgent = options.userAgent ?? defaultUserAgent();
  const sleep = options.sleep ?? realSleep;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;

  async function attempt(url: string, source: string, accept: string): Promise<{ ok: true; body: string } | { ok: false; retry: Retry }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
    try {
      const response = await doFetch(url, { headers: { 'User-Agent': userAgent, Accept: accept }, signal: controller.signal });
      const body = await response.text();
      if (response.status >= 200 && response.status < 300) return { ok: true, body };
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      const error = new SyncError(source, `${status} for ${url}${bodyHint(body)}`, { url, status: response.status });
      if (response.status !== 429 && response.status < 500) throw error;
      return { ok: false, retry: { error, retryAfter: parseRetryAfter(response.headers.get('retry-after'), clock.now()) } };
    } catch (error) {
      if (error instanceof SyncError) throw error;
      const message = controller.signal.aborted
        ? `no response within ${formatMs(timeoutMs)} from ${url}`
        : `request to ${url} failed: ${networkReason(error)}`;
      return { ok: false, retry: { error: new SyncError(source, message, { url, cause: error }) } };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async getText(url, source, accept = '*/*') {
      for (let n = 0; ; n++) {
        const outcome = await attempt(url, source, accept);
        if (outcome.ok) return outcome.body;
        const { error, retryAfter } = outcome.retry;
        if (n >= retries) {
          throw new SyncError(source, `${stripSource(error, source)} (gave up after ${n + 1} attempt${n === 0 ? '' : 's'})`, error.details);
        }
        if (retryAfter !== undefined && retryAfter > maxDelay) {
          throw new SyncError(
            source,
            `${stripSource(error, source)}; the server asks to retry after ${formatMs(retryAfter)}, longer than the ${formatMs(maxDelay)} this sync waits`,
            error.details,
          );
        }
        const delay = retryAfter ?? Math.min(backoff * 2 ** n, maxDelay);
        logger.warn({ source, url, attempt: n + 1, delayMs: delay }, `${error.message}; retrying in ${formatMs(delay)}`);
        await sleep(delay);
      }
    },
  };
}

interface Retry {
  error: SyncError;
  /** Milliseconds the server asked to wait, when it did. */
  retryAfter?: number;
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, as milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/u.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The start of an error body, which often says why (`Rate limit exceeded`); HTML pages are left out. */
function bodyHint(body: string): string {
  const text = body.replace(/\s+/gu, ' ').trim();
  if (text === '' || text.startsWith('<')) return '';
  return `: ${text.length > 200 ? `${text.slice(0, 197)}…` : text}`;
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause === undefined ? message : `${message} (${cause.message})`;
}

function stripSource(error: SyncError, source: string): string {
  return error.message.startsWith(`${source}: `) ? error.message.slice(source.length + 2) : error.message;
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
