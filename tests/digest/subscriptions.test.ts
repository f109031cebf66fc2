import { describe, expect, it } from 'vitest';
import { describeSubscription, subscribe, toSubscription } from '../../src/digest/subscriptions.js';
import { InvalidOptionError } from '../../src/errors.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('toSubscription', () => {
  it('fills in the defaults: 09:00 UTC, 5 papers, "nothing new" notice', () => {
    expect(toSubscription({ platform: 'slack', channel: 'C0123ABC' }, NOW)).toEqual({
      platform: 'slack',
      channel: 'C0123ABC',
      time: '09:00',
      timezone: 'UTC',
      count: 5,
      quietWhenEmpty: false,
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
  });

  it('takes time, zone, topic, count and quiet', () => {
    expect(
      toSubscription({ platform: 'discord', channel: '123456789012345678', time: '7:30', tz: 'Europe/Berlin', topic: ' diffusion sampling ', count: '3', quiet: true }, NOW),
    ).toMatchObject({ time: '07:30', timezone: 'Europe/Berlin', topic: 'diffusion sampling', count: 3, quietWhenEmpty: true });
  });

  it('lists every problem at once, naming the option', () => {
    expect(() => toSubscription({ platform: 'slack', channel: '#general', time: '25:00', tz: 'Mars/Base', count: 0 }, NOW)).toThrow(
      new InvalidOptionError(
        'time must be HH:MM (24 h), not "25:00"; tz must be an IANA time zone such as Europe/Berlin, not "Mars/Base"; count must be at least 1',
      ),
    );
  });

  it('refuses a channel id of the wrong platform', () => {
    expect(() => toSubscription({ platform: 'discord', channel: 'C0123ABC' }, NOW)).toThrow('channel "C0123ABC" is not a discord channel id');
    expect(() => toSubscription({ platform: 'slack', channel: '123456789012345678' }, NOW)).toThrow('channel "123456789012345678" is not a slack channel id');
  });

  it('refuses an unknown platform and more than 20 papers', () => {
    expect(() => toSubscription({ platform: 'irc', channel: 'x' }, NOW)).toThrow('platform must be slack or discord');
    expect(() => toSubscription({ platform: 'slack', channel: 'C0123ABC', count: 21 }, NOW)).toThrow('count must be at most 20');
  });
});

describe('subscribe', () => {
  it('stores the subscription, replacing an earlier one of the same channel', async () => {
    const store = new MemoryStore();
    await subscribe(store, { platform: 'slack', channel: 'C0123ABC' }, NOW);
    await subscribe(store, { platform: 'slack', channel: 'C0123ABC', time: '08:15', topic: 'video' }, NOW);
    expect(await store.listSubscriptions()).toEqual([expect.objectContaining({ time: '08:15', topic: 'video' })]);
  });
});

describe('describeSubscription', () => {
  it('says when, where and what', () => {
    const subscription = toSubscription({ platform: 'slack', channel: 'C0123ABC', tz: 'Europe/Berlin', topic: 'video', count: 1, quiet: true }, NOW);
    expect(describeSubscription(subscription)).toBe('slack C0123ABC — daily at 09:00 Europe/Berlin, 1 paper, topic "video", silent when nothing is new');
  });
});
