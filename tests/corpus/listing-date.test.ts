import { describe, expect, it } from 'vitest';
import { parseListingDate } from '../../src/corpus/listing-date.js';

describe('parseListingDate', () => {
  it('makes a date with a year ISO', () => {
    expect(parseListingDate('Jan 19, 2023')).toEqual({ published: '2023-01-19' });
    expect(parseListingDate('June 3, 2024')).toEqual({ published: '2024-06-03' });
  });

  it('reads the upvotes after the date', () => {
    expect(parseListingDate('Jun 23, 2024 2')).toEqual({ published: '2024-06-23', upvotes: 2 });
    expect(parseListingDate('Oct 23 3')).toEqual({ dateText: 'Oct 23', upvotes: 3 });
  });

  it('keeps a date without a year as printed', () => {
    expect(parseListingDate('Jul 31')).toEqual({ dateText: 'Jul 31' });
    expect(parseListingDate('Feb 29')).toEqual({ dateText: 'Feb 29' });
  });

  it('is not a date line when the day cannot exist', () => {
    expect(parseListingDate('Feb 30, 2024')).toBeUndefined();
    expect(parseListingDate('Feb 29, 2023')).toBeUndefined();
    expect(parseListingDate('Apr 31')).toBeUndefined();
    expect(parseListingDate('Jul 0')).toBeUndefined();
  });

  it('is not a date line for other text', () => {
    expect(parseListingDate('May the Force Be With Diffusion')).toBeUndefined();
    expect(parseListingDate('Dec 11 and beyond')).toBeUndefined();
    expect(parseListingDate('2024-06-23')).toBeUndefined();
  });
});
