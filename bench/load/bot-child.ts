/**
 * Child process of the load test: the bot under load. Builds the bot (load-bot.ts), serves Slack
 * in HTTP mode on 127.0.0.1 with the production setting (processBeforeResponse off), its Web API
 * pointed at the parent's fake, and measures its own event-loop delay per phase of the load. It
 * is told everything (including the signing secret) over IPC, never on the command line.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createSlackApp } from '../../adapters/slack/app.js';
import { createLogger } from '../../src/log/logger.js';
import { startLoadBot } from './load-bot.js';
import type { ChildMessage, LoopFigures, ParentMessage } from './load-protocol.js';

function tell(message: ChildMessage): void {
  process.send?.(message);
}

/** The first `start` message from the parent. */
function startMessage(): Promise<Extract<ParentMessage, { kind: 'start' }>> {
  return new Promise((resolve) => {
    const listen = (message: ParentMessage): void => {
      if (message.kind !== 'start') return;
      process.off('message', listen);
      resolve(message);
    };
    process.on('message', listen);
  });
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('bench/load/bot-child: started without an IPC channel (run it through `npm run load`)');
  const { task } = await startMessage();
  const logger = createLogger('warn');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const loaded = await startLoadBot({
    corpusDir: task.corpusDir,
    workers: task.workers,
    logger,
    onReloadStart: () => tell({ kind: 'reload-start' }),
    onReloadEnd: (outcome) => tell({ kind: 'reload-end', outcome }),
  });
  const app = createSlackApp({
    bot: loaded.bot,
    botToken: task.botToken,
    signingSecret: task.signingSecret,
    mode: 'http',
    apiUrl: task.apiUrl,
    logger,
    processBeforeResponse: false,
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  loop.reset();
  tell({ kind: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, papers: loaded.papers, buildMs: Math.round(loaded.buildMs) });

  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'phase-end') {
      const figures: LoopFigures = {
        maxMs: round(loop.max / 1e6),
        p99Ms: round(loop.percentile(99) / 1e6),
        meanMs: round(loop.mean / 1e6),
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      };
      loop.reset();
      tell({ kind: 'loop', phase: message.phase, figures });
    } else if (message.kind === 'stop') {
      loop.disable();
      void (async () => {
        server.closeAllConnections();
        await app.stop();
        await loaded.close();
        process.exit(0);
      })();
    }
  });
  // The parent gone (killed, crashed): nothing left to serve.
  process.on('disconnect', () => process.exit(0));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

main().catch((error: unknown) => {
  tell({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  console.error(error);
  process.exit(1);
});
