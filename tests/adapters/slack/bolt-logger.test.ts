import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../../adapters/slack/bolt-logger.js';
import { secretScrubber } from '../../../adapters/slack/scrub-secrets.js';
import { RecordingLogger } from './helpers/recording-logger.js';

describe("Bolt's logs through paperbot's logger", () => {
  const scrub = secretScrubber(['my-signing-secret-123']);

  it('passes messages on at their level, tagged as Slack', () => {
    const logger = new RecordingLogger();
    boltLogger(logger, scrub).warn('Failed to verify', 'the request');
    expect(logger.entries).toEqual([{ level: 'warn', meta: { source: 'slack', component: 'bolt' }, message: 'Failed to verify the request' }]);
  });

  it('masks Slack tokens and the configured secrets in strings and errors', () => {
    const logger = new RecordingLogger();
    const log = boltLogger(logger, scrub);
    log.error('token xoxb-123-456-abc and xapp-1-A-2-def, secret my-signing-secret-123', new Error('bad xoxp-9-9-zzz'));
    expect(logger.dump()).not.toMatch(/xox|xapp|my-signing-secret-123/);
    expect(logger.entries[0]!.message).toBe('token [redacted] and [redacted], secret [redacted] Error: bad [redacted]');
  });

  it('writes nothing below info, even when Bolt asks for debug', () => {
    const logger = new RecordingLogger();
    const log = boltLogger(logger, scrub, LogLevel.DEBUG);
    log.setLevel(LogLevel.DEBUG);
    log.debug('http request headers: {"Authorization":"Bearer xoxb-1"}');
    expect(log.getLevel()).toBe(LogLevel.INFO);
    expect(logger.entries).toEqual([]);
  });
});
