import { ConfigError } from '../src/errors.js';
import type { Logger } from '../src/log/logger.js';

/** A front-end once started. */
export interface StartedFrontEnd {
  stop(): Promise<void>;
}

/**
 * Starts one front-end (Slack, Discord). `signal` aborts when the bot stops meanwhile: the start
 * should then give up and leave nothing running.
 */
export type StartFrontEnd = (signal: AbortSignal) => Promise<StartedFrontEnd>;

/** How a front-end that fails to start is retried. */
export interface FrontEndRetry {
  /** Wait after the first failed start (ms); doubled after each further one. Default 5 s. */
  firstDelayMs: number;
  /** The longest wait between two starts (ms). Default 5 minutes. */
  maxDelayMs: number;
}

export const DEFAULT_FRONT_END_RETRY: Readonly<FrontEndRetry> = Object.freeze({ firstDelayMs: 5_000, maxDelayMs: 5 * 60_000 });

/** A front-end kept trying to start in the background. */
export interface SupervisedFrontEnd {
  readonly name: string;
  /** `starting` (first attempt or waiting to retry), `up`, `given-up` (refused configuration) or `stopped`. */
  readonly state: 'starting' | 'up' | 'given-up' | 'stopped';
  /** Settles once the front-end is up, has given up or was stopped (never rejects). */
  readonly settled: Promise<void>;
  /** Ends the retries, or stops the front-end if it is up. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  logger: Logger;
  /** Default {@link DEFAULT_FRONT_END_RETRY}. */
  retry?: FrontEndRetry;
  /** Waits `ms` or until `signal` aborts (tests record the waits). Default: a timer. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Starts a front-end in the background and keeps trying, with exponential backoff and one log
 * line per failed attempt, until it is up. Each front-end has its own supervisor, so one whose
 * platform is down (issue 11: a Discord gateway refusing connections) never holds up the others,
 * the digest schedule, or a graceful stop. A refused configuration ({@link ConfigError}, such as
 * a token the platform rejects) is not retried: it is logged as an error and the others carry on.
 */
export function superviseFrontEnd(name: string, start: StartFrontEnd, options: SuperviseOptions): SupervisedFrontEnd {
  const retry = options.retry ?? DEFAULT_FRONT_END_RETRY;
  const wait = options.wait ?? abortableDelay;
  const { logger } = options;
  const controller = new AbortController();
  let state: SupervisedFrontEnd['state'] = 'starting';
  let running: StartedFrontEnd | undefined;

  const loop = async (): Promise<void> => {
    for (let attempt = 1; !controller.signal.aborted; attempt += 1) {
      try {
        const started = await start(controller.signal);
        if (controller.signal.aborted) {
          await started.stop();
          return;
        }
        running = started;
        state = 'up';
        if (attempt > 1) logger.info({ frontEnd: name, attempt }, `${name}: started after ${attempt} attempts`);
        return;
      } catch (error) {
        if (controller.signal.aborted) return;
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof ConfigError) {
          state = 'given-up';
          logger.error({ frontEnd: name, attempt, error: reason }, `${name}: not started, and not retried until the configuration is fixed: ${reason}`);
          return;
        }
        const delayMs = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempt - 1));
        logger.warn({ frontEnd: name, attempt, retryInMs: delayMs, error: reason }, `${name}: start failed; retrying in ${formatSeconds(delayMs)}`);
        await wait(delayMs, controller.signal);
      }
    }
  };
  const settled = loop().catch((error: unknown) => {
    // Only a failing stop() of a start that raced the bot's own stop lands here.
    logger.error({ frontEnd: name, error: error instanceof Error ? error.message : String(error) }, `${name}: supervisor failed`);
  });

  return {
    name,
    get state() {
      return state;
    },
    settled,
    async stop() {
      controller.abort();
      await settled;
      const up = running;
      running = undefined;
      state = 'stopped';
      await up?.stop();
    },
  };
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
