import type { LoadedIndex } from '../app/load-index.js';
import { LocalIndexService } from '../app/local-index-service.js';
import { summarizeCorpus } from '../corpus/corpus-summary.js';
import type { WorkerInit, WorkerMessage, WorkerRequest } from './protocol.js';
import { toWire } from './wire-error.js';

/** The worker's side of its channel to the main thread. */
export interface RequestPort {
  post(message: WorkerMessage): void;
  onRequest(handle: (request: WorkerRequest) => void): void;
}

/**
 * What runs inside an index worker thread: loads the corpus (`load`, `loadIndex` in the real
 * worker), reports `ready` with the corpus summary (never the papers), then answers each
 * request with a {@link LocalIndexService} — the very code the in-process path runs, so the
 * pool's answers are the in-process answers. A corpus that does not load is reported as
 * `failed`, and nothing more is served.
 */
export async function serveIndex(init: WorkerInit, port: RequestPort, load: (path: string) => Promise<LoadedIndex & { stale?: boolean }>): Promise<void> {
  let service: LocalIndexService;
  try {
    const { index, corpus, stale } = await load(init.corpusPath);
    service = new LocalIndexService(index);
    port.post({ kind: 'ready', summary: stale ? { ...summarizeCorpus(corpus), stale } : summarizeCorpus(corpus) });
  } catch (error) {
    port.post({ kind: 'failed', error: toWire(error) });
    return;
  }
  port.onRequest((request) => {
    void answer(service, request).then((message) => port.post(message));
  });
}

async function answer(service: LocalIndexService, { id, op, args }: WorkerRequest): Promise<WorkerMessage> {
  try {
    const method = service[op] as (...args: unknown[]) => Promise<unknown>;
    return { kind: 'reply', id, ok: true, value: await method.apply(service, args) };
  } catch (error) {
    return { kind: 'reply', id, ok: false, error: toWire(error) };
  }
}
