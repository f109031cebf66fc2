import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach } from 'vitest';

/** A recorded API response from tests/fixtures/sync/. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/sync/${name}`, import.meta.url), 'utf8');
}

/** The fixed time of the tests' clock: 2025-01-10T12:00:00Z. */
export const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);
export const FETCHED_AT = new Date(NOW).toISOString();

/** A `sleep` that returns at once and remembers every wait asked of it. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** nock interceptors for the default API hosts. */
export const arxivApi = () => nock('https://export.arxiv.org');
export const hfApi = () => nock('https://huggingface.co');
export const ATOM = { 'Content-Type': 'application/atom+xml; charset=utf-8' };
export const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

afterEach(() => {
  // Interceptors a test set up but did not use must not leak into the next test.
  nock.cleanAll();
});
