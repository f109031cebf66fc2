import type { LoadedIndex } from '../../src/app/load-index.js';
import type { SpawnThread } from '../../src/workers/index-thread.js';
import type { WorkerRequest } from '../../src/workers/protocol.js';
import { serveIndex } from '../../src/workers/serve-index.js';

/** A thread run in this one: the worker's own serving code, messages cloned and delivered later. */
export interface FakeThread {
  corpusPath: string;
  alive: boolean;
  /** While true, requests wait in `held` instead of being answered: they stay in flight. */
  hold: boolean;
  held: WorkerRequest[];
  /** Ends the thread as a crash would (its owner gets `exit`). */
  crash(reason?: string): void;
}

/** Fake threads (and the threads spawned so far) for a `WorkerIndexPool`. */
export function fakeThreads(load: (path: string) => Promise<LoadedIndex>) {
  const threads: FakeThread[] = [];
  const spawn: SpawnThread = (init, events) => {
    let handle: ((request: WorkerRequest) => void) | undefined;
    const thread: FakeThread = {
      corpusPath: init.corpusPath,
      alive: true,
      hold: false,
      held: [],
      crash(reason = 'crashed') {
        if (!thread.alive) return;
        thread.alive = false;
        setImmediate(() => events.exit(reason));
      },
    };
    threads.push(thread);
    void serveIndex(
      init,
      {
        post: (message) => {
          const copy = structuredClone(message);
          setImmediate(() => thread.alive && events.message(copy));
        },
        onRequest: (h) => (handle = h),
      },
      load,
    );
    return {
      post(request) {
        const copy = structuredClone(request);
        if (thread.hold) thread.held.push(copy);
        else setImmediate(() => thread.alive && handle?.(copy));
      },
      async terminate() {
        thread.crash('terminated');
      },
    };
  };
  return { spawn, threads };
}

/** Waits (a turn of the event loop at a time) until `check` holds. */
export async function until(check: () => boolean, what: string, turns = 2000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting until ${what}`);
}
