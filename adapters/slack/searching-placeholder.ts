import type { Timers } from '../../src/time/timers.js';

/**
 * How long a mention's or DM's answer may take before "Searching…" is posted in its place, ms.
 * Below a second an answer reads as instant, so a fast one is posted as it is, with no
 * placeholder flashing up and being replaced; a slower one (a large corpus, a busy worker pool,
 * a reload) shows the asker at once that the question arrived. Default of
 * `SlackAppOptions.searchingDelayMs`.
 */
export const SEARCHING_DELAY_MS = 700;

/** The placeholder's text, replaced by the answer (chat.update) once it is ready. */
export const SEARCHING_TEXT = 'Searching…';

/** How a reply waits for a slow answer: the delay before the placeholder, and the timers that count it. */
export interface PlaceholderPolicy {
  delayMs: number;
  timers: Timers;
}

/**
 * `{ value }` when `pending` settles within `delayMs`, `undefined` when it has not by then. The
 * timer is cleared as soon as the value is there, so a fast answer leaves nothing pending. A
 * rejection within the delay rejects; one after it is left to whoever awaits `pending` next.
 */
export function readyWithin<T>(pending: Promise<T>, { delayMs, timers }: PlaceholderPolicy): Promise<{ value: T } | undefined> {
  return new Promise((resolve, reject) => {
    let waiting = true;
    const timer = timers.setTimeout(() => {
      if (!waiting) return;
      waiting = false;
      resolve(undefined);
    }, delayMs);
    pending.then(
      (value) => {
        if (!waiting) return;
        waiting = false;
        timers.clearTimeout(timer);
        resolve({ value });
      },
      (error: unknown) => {
        if (!waiting) return;
        waiting = false;
        timers.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
