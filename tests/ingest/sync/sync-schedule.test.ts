import { describe, expect, it } from 'vitest';
import { createSyncSchedule, type SyncOptions, type SyncReport } from '../../../src/ingest/sync/index.js';
import { manualTimers } from '../../helpers/manual-timers.js';
import type { Logger } from '../../../src/log/logger.js';


const SYNC: SyncOptions = { dir: '/corpus', sources: [{ kind: 'hf-daily' }] };

function report(added: number): SyncReport {
  return { dir: '/corpus', existing: 0, sources: [], fetched: added, added, duplicates: 0, malformed: 0, written: [], issues: [], dryRun: false, ok: true };
}

/** A run whose completion the test controls. */
function gatedRun() {
  const calls: Array<(report: SyncReport) => void> = [];
  return {
    calls,
    run: (_options: SyncOptions) => new Promise<SyncReport>((resolve) => calls.push(resolve)),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createSyncSchedule', () => {
  it('runs every interval, counting from the end of the previous run', async () => {
    const { timers, pending, fire } = manualTimers();
    const gate = gatedRun();
    const reports: SyncReport[] = [];
    createSyncSchedule({ everyMs: 3_600_000, sync: SYNC, timers, run: gate.run, onReport: (r) => reports.push(r) });
    expect([...pending.values()].map((t) => t.ms)).toEqual([3_600_000]);
    fire();
    expect(gate.calls).toHaveLength(1);
    // While a run is in progress nothing else is scheduled.
    expect(pending.size).toBe(0);
    gate.calls[0]!(report(2));
    await flush();
    expect(reports.map((r) => r.added)).toEqual([2]);
    expect(pending.size).toBe(1);
  });

  it('never overlaps: runNow during a run joins it', async () => {
    const { timers } = manualTimers();
    const gate = gatedRun();
    const schedule = createSyncSchedule({ everyMs: 60_000, sync: SYNC, timers, run: gate.run, runAtStart: true });
    const joined = schedule.runNow();
    expect(gate.calls).toHaveLength(1);
    gate.calls[0]!(report(1));
    expect((await joined)?.added).toBe(1);
  });

  it('logs a failed run and keeps the schedule going', async () => {
    const { timers, pending } = manualTimers();
    const errors: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (_meta, message) => void errors.push(message) };
    const schedule = createSyncSchedule({
      everyMs: 60_000,
      sync: SYNC,
      timers,
      logger,
      run: async () => {
        throw new Error('disk full');
      },
    });
    await expect(schedule.runNow()).resolves.toBeUndefined();
    expect(errors).toEqual(['scheduled sync failed: disk full']);
    expect(pending.size).toBe(1);
  });

  it('stop() cancels the next run and waits for the one in progress', async () => {
    const { timers, pending } = manualTimers();
    const gate = gatedRun();
    const schedule = createSyncSchedule({ everyMs: 60_000, sync: SYNC, timers, run: gate.run, runAtStart: true });
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    gate.calls[0]!(report(0));
    await stopping;
    expect(pending.size).toBe(0);
  });

  it('refuses an interval under a minute', () => {
    expect(() => createSyncSchedule({ everyMs: 5_000, sync: SYNC })).toThrow(/at most once a minute/u);
  });
});
