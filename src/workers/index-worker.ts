/**
 * Entry file of an index worker thread (run from dist/: `dist/src/workers/index-worker.js`):
 * loads the corpus named in `workerData` and answers the main thread's index requests.
 * See {@link serveIndex} and docs/dev/search-engine.md, "Worker pool".
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIndex, openIndex } from '../app/load-index.js';
import type { WorkerInit, WorkerRequest } from './protocol.js';
import { serveIndex } from './serve-index.js';

const port = parentPort;
if (!port) throw new Error('paperbot: index-worker.js runs as a worker thread (see WorkerIndexPool), not on its own');

void serveIndex(
  workerData as WorkerInit,
  {
    post: (message) => port.postMessage(message),
    onRequest: (handle) => port.on('message', (request: WorkerRequest) => handle(request)),
  },
  (path) => ((workerData as WorkerInit).allowStale ? openIndex(path, { rebuild: false }) : loadIndex(path)),
);
