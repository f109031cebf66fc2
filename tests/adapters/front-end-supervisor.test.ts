import { describe, expect, it } from 'vitest';
import { superviseFrontEnd, type StartedFrontEnd } from '../../adapters/front-end-supervisor.js';
import { ConfigError } from '../../src/errors.js';
import { recordingLogger } from './discord/harness.js';

/** Waits recorded instead of slept; each resolves at once (or when the signal aborts). */
function recordedWaits() {
  const waits: number[] = [];
  return { waits, wait: async (ms: number) => void waits.push(ms) };
}

const handle = (log: string[]): StartedFrontEnd => ({ stop: async () => void log.push('stopped') });

describe('superviseFrontEnd', () => {
  it('retries a failing start with doubling waits up to the maximum, one warning per failure, until it is up', async () => {
    const logger = recordingLogger();
    const { waits, wait } = recordedWaits();
    let attempts = 0;
    const events: string[] = [];
    const frontEnd = superviseFrontEnd(
      'discord',
      async () => {
        attempts += 1;
        if (attempts < 5) throw new Error('connect ECONNREFUSED 127.0.0.1:443');
        return handle(events);
      },
      { logger, retry: { firstDelayMs: 1_000, maxDelayMs: 5_000 }, wait },
    );
    await frontEnd.settled;
    expect(frontEnd.state).toBe('up');
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(logger.records.map((r) => r.message)).toEqual([
      'discord: start failed; retrying in 1 s',
      'discord: start failed; retrying in 2 s',
      'discord: start failed; retrying in 4 s',
      'discord: start failed; retrying in 5 s',
      'discord: started after 5 attempts',
    ]);
    expect(logger.records[0]).toMatchObject({ level: 'warn', meta: { frontEnd: 'discord', attempt: 1, retryInMs: 1_000, error: 'connect ECONNREFUSED 127.0.0.1:443' } });
    await frontEnd.stop();
    expect(events).toEqual(['stopped']);
    expect(frontEnd.state).toBe('stopped');
  });

  it('does not retry a refused configuration (ConfigError): one error line, state given-up', async () => {
    const logger = recordingLogger();
    const { waits, wait } = recordedWaits();
    const frontEnd = superviseFrontEnd('discord', async () => Promise.reject(new ConfigError('DISCORD_TOKEN was rejected by Discord')), { logger, wait });
    await frontEnd.settled;
    expect(frontEnd.state).toBe('given-up');
    expect(waits).toEqual([]);
    expect(logger.records).toEqual([
      {
        level: 'error',
        message: 'discord: not started, and not retried until the configuration is fixed: DISCORD_TOKEN was rejected by Discord',
        meta: { frontEnd: 'discord', attempt: 1, error: 'DISCORD_TOKEN was rejected by Discord' },
      },
    ]);
  });

  it('stop() while a start is under way aborts it, and stops what it started should it still succeed', async () => {
    const events: string[] = [];
    let finish!: (value: StartedFrontEnd) => void;
    let seenSignal: AbortSignal | undefined;
    const frontEnd = superviseFrontEnd(
      'slack',
      (signal) => {
        seenSignal = signal;
        return new Promise<StartedFrontEnd>((resolve) => (finish = resolve));
      },
      { logger: recordingLogger() },
    );
    const stopping = frontEnd.stop();
    expect(seenSignal?.aborted).toBe(true);
    finish(handle(events));
    await stopping;
    expect(events).toEqual(['stopped']);
    expect(frontEnd.state).toBe('stopped');
  });

  it('stop() while waiting to retry ends the wait at once: no further attempt', async () => {
    let attempts = 0;
    const logger = recordingLogger();
    const frontEnd = superviseFrontEnd(
      'discord',
      async () => {
        attempts += 1;
        throw new Error('gateway unreachable');
      },
      // An hour's wait: only the stop can end it.
      { logger, retry: { firstDelayMs: 3_600_000, maxDelayMs: 3_600_000 } },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.records).toHaveLength(1);
    await frontEnd.stop();
    expect(attempts).toBe(1);
    expect(frontEnd.state).toBe('stopped');
  });
});
