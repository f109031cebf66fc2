import type { Timers } from '../../src/time/timers.js';

/** Timers fired by hand: `fire()` runs the oldest pending one. */
export function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(++next, { run, ms });
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    pending,
    fire() {
      const [id, timer] = [...pending][0]!;
      pending.delete(id);
      timer.run();
    },
  };
}
