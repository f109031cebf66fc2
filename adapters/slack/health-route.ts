import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Paperbot } from '../../src/app/paperbot.js';
import type { Logger } from '../../src/log/logger.js';
import { describeError } from './describe-error.js';

/** Where the health report is served in HTTP mode. */
export const HEALTH_PATH = '/healthz';
/** A store that has not answered its ping after this many ms counts as unreachable. */
export const STORE_PING_TIMEOUT_MS = 2000;

/** What the process knows about its own health. */
export interface HealthReport {
  /** Papers in the corpus being served. */
  papers: number;
  /** Whether the store answered a trivial query (true when the bot runs without a store). */
  storeReachable: boolean;
  /** When the digest schedule last ran (ISO), or null if it has not (or runs elsewhere). */
  lastDigestTick: string | null;
}

/** Builds the report each time `GET /healthz` is asked. */
export type HealthCheck = () => Promise<HealthReport>;

/**
 * The health report of a running bot: its corpus size, a ping of its store (bounded by
 * {@link STORE_PING_TIMEOUT_MS}, so a hung database gives a 503 rather than a hung probe), and
 * the last digest tick as `lastDigestTick()` tells it (ms since the epoch, undefined before the first).
 */
export function botHealth(bot: Paperbot, lastDigestTick: () => number | undefined, timeoutMs = STORE_PING_TIMEOUT_MS): HealthCheck {
  return async () => ({
    papers: bot.index.size,
    storeReachable: bot.store ? await answersWithin(bot.store.ping(), timeoutMs) : true,
    lastDigestTick: isoOrNull(lastDigestTick()),
  });
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

async function answersWithin(ping: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping.then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz` as a Bolt custom route: 200 `{"status":"ok",…}` when the store is reachable,
 * 503 `{"status":"unavailable",…}` when it is not or the check itself failed. Load balancers and
 * container health checks need nothing else; no secret or config is in the report.
 */
export function healthRoute(check: HealthCheck, logger: Logger, scrub: (text: string) => string): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      void check().then(
        (report) => send(res, report.storeReachable ? 200 : 503, { status: report.storeReachable ? 'ok' : 'unavailable', ...report }),
        (error: unknown) => {
          logger.error({ source: 'slack', err: describeError(error, scrub) }, 'health check failed');
          send(res, 503, { status: 'unavailable', error: 'health check failed' });
        },
      );
    },
  };
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
