import { describe, expect, it } from 'vitest';
import { startDigestSchedule } from '../../src/digest/scheduler.js';
import type { Logger } from '../../src/log/logger.js';
import { silentLogger } from '../../src/log/logger.js';
import { ManualClock } from '../../src/time/clock.js';

describe('startDigestSchedule', () => {
  it('runs a tick at start-up with the injected clock (the catch-up run), then stops cleanly', async () => {
    const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
    const ticks: number[] = [];
    let started!: () => void;
    const first = new Promise<void>((resolve) => (started = resolve));
    const schedule = startDigestSchedule(
      async (now) => {
        ticks.push(now);
        started();
      },
      { clock, logger: silentLogger },
    );
    await first;
    schedule.stop();
    expect(ticks).toEqual([Date.parse('2026-11-23T09:00:00Z')]);
  });

  it('logs a failing tick instead of throwing (the bot stays up)', async () => {
    const errors: string[] = [];
    const logger: Logger = { ...silentLogger, error: (_meta, message) => errors.push(message) };
    let failed!: () => void;
    const done = new Promise<void>((resolve) => (failed = resolve));
    const schedule = startDigestSchedule(
      async () => {
        setImmediate(failed);
        throw new Error('store down');
      },
      { clock: new ManualClock(0), logger },
    );
    await done;
    schedule.stop();
    expect(errors).toEqual(['digest tick failed']);
  });
});
