/**
 * Worker thread of a {@link ParallelAnalyzer}: analyzes the texts it is sent with the one
 * analyzer and posts them back encoded (token-codec.ts).
 */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../analyzer.js';
import { TokenBatchEncoder } from './token-codec.js';
import type { AnalyzeReply, AnalyzeRequest } from './parallel-analyzer.js';

const encoder = new TokenBatchEncoder();
parentPort!.on('message', (request: AnalyzeRequest) => {
  let reply: AnalyzeReply;
  try {
    const batch = encoder.encode(request.texts.map((text) => analyze(text)));
    reply = { id: request.id, batch };
    parentPort!.postMessage(reply, [batch.data.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
