import { describe, expect, it } from 'vitest';
import { EventDeduper } from '../../../adapters/slack/dedupe.js';
import { ManualClock } from '../../../src/time/clock.js';

describe('EventDeduper', () => {
  it('says an event id is new once, and a repeat within the TTL is not', () => {
    const deduper = new EventDeduper(new ManualClock(0), 10 * 60_000);
    expect(deduper.firstSeen('Ev1')).toBe(true);
    expect(deduper.firstSeen('Ev1')).toBe(false);
    expect(deduper.firstSeen('Ev2')).toBe(true);
  });

  it('forgets an id after the TTL (10 minutes by default)', () => {
    const clock = new ManualClock(0);
    const deduper = new EventDeduper(clock);
    deduper.firstSeen('Ev1');
    clock.advance(10 * 60_000 - 1);
    expect(deduper.firstSeen('Ev1')).toBe(false);
    clock.advance(1);
    expect(deduper.firstSeen('Ev1')).toBe(true);
  });

  it('drops expired ids as time passes, and stays within its size bound (oldest forgotten first)', () => {
    const clock = new ManualClock(0);
    const deduper = new EventDeduper(clock, 1000, 3);
    for (const id of ['a', 'b', 'c', 'd']) deduper.firstSeen(id);
    expect(deduper.size).toBe(3);
    expect(deduper.firstSeen('a')).toBe(true);
    clock.advance(1000);
    deduper.firstSeen('e');
    expect(deduper.size).toBe(1);
  });
});
