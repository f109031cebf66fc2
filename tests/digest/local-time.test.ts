import { describe, expect, it } from 'vitest';
import { isTimeZone, localTime, parseTimeOfDay } from '../../src/digest/local-time.js';

describe('localTime', () => {
  it('gives the wall-clock date and time of a moment in a time zone', () => {
    const at = Date.parse('2026-03-01T23:30:00Z');
    expect(localTime(at, 'UTC')).toEqual({ date: '2026-03-01', time: '23:30' });
    expect(localTime(at, 'Europe/Berlin')).toEqual({ date: '2026-03-02', time: '00:30' });
    expect(localTime(at, 'America/Los_Angeles')).toEqual({ date: '2026-03-01', time: '15:30' });
  });

  it('follows daylight-saving changes (Europe/Berlin moves to UTC+2 on 2026-03-29)', () => {
    expect(localTime(Date.parse('2026-03-28T08:00:00Z'), 'Europe/Berlin').time).toBe('09:00');
    expect(localTime(Date.parse('2026-03-29T08:00:00Z'), 'Europe/Berlin').time).toBe('10:00');
    expect(localTime(Date.parse('2026-03-29T07:00:00Z'), 'Europe/Berlin').time).toBe('09:00');
  });

  it('writes midnight as 00:00, not 24:00', () => {
    expect(localTime(Date.parse('2026-05-01T00:00:00Z'), 'UTC')).toEqual({ date: '2026-05-01', time: '00:00' });
  });
});

describe('parseTimeOfDay', () => {
  it('accepts HH:MM and H:MM, padding the hour', () => {
    expect(parseTimeOfDay('09:00')).toBe('09:00');
    expect(parseTimeOfDay('7:05')).toBe('07:05');
    expect(parseTimeOfDay(' 23:59 ')).toBe('23:59');
  });

  it('refuses anything else', () => {
    for (const text of ['24:00', '12:60', '9', '9am', '09:0', '', 'ab:cd']) expect(parseTimeOfDay(text), text).toBeUndefined();
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and UTC, and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
