import { Cron } from 'croner';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';

/** A running digest schedule. */
export interface DigestSchedule {
  stop(): void;
}

/**
 * Runs `tick(now)` at start-up (catching up a digest missed while the bot was down, once) and
 * then at the start of every minute. Whether anything is due is decided by the tick from the
 * subscriptions and the store, not by per-subscription timers, so subscriptions can change at
 * any time and daylight-saving changes need no special case. Overlapping ticks are skipped.
 */
export function startDigestSchedule(tick: (now: number) => Promise<unknown>, options: { clock: Clock; logger: Logger }): DigestSchedule {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await tick(options.clock.now());
    } catch (error) {
      options.logger.error({ err: error }, 'digest tick failed');
    } finally {
      running = false;
    }
  };
  void run();
  const job = new Cron('* * * * *', { protect: true }, () => run());
  return { stop: () => job.stop() };
}
